"""The resolver: where in the organisation tree an actor's permission reaches.

Unit codes are hierarchical (6 + 3 + 3 + 3 digits), so the tree is walked through code prefixes:
a unit's ancestors are the prefixes of its code, its subtree every code that starts with it."""
from __future__ import annotations

from django.db.models import Q

from gongzhi.common.access.actor import Actor
from gongzhi.common.exceptions import ActionNotPermitted

ANCESTOR_CODE_LENGTHS = (6, 9, 12)


def ancestor_codes(code: str) -> list[str]:
    """Codes of a unit's ancestors, root first (the tree walked upwards, without a query)."""
    return [code[:length] for length in ANCESTOR_CODE_LENGTHS if length < len(code)]


def actor_covers_unit(actor: Actor, unit_code: str) -> bool:
    """Does the actor's membership reach this unit (it is the actor's unit or lies below it)?"""
    if actor.is_city_wide:
        return True
    own = actor.unit_code
    return own is not None and bool(unit_code) and unit_code.startswith(own)


def unit_subtree_filter(actor: Actor, *, code_field: str) -> Q | None:
    """A filter keeping records whose unit code lies in the actor's subtree.

    Returns None for city-wide actors (no restriction) and a filter matching nothing for actors
    without a unit (department members): their visibility is decided by each selector."""
    if actor.is_city_wide:
        return None
    own = actor.unit_code
    if own is None:
        return Q(pk__in=[])
    return Q(**{f"{code_field}__startswith": own})


def permission_require(actor: Actor, permission: str) -> None:
    if not actor.has_permission(permission):
        raise ActionNotPermitted()


def permission_require_on_unit(actor: Actor, permission: str, unit_code: str) -> None:
    """For writes on a unit's records: 403 unless the role allows it and the unit is in reach.

    Callers fetch the record through a scoped selector first, so an out-of-scope record has
    already answered 404; this check guards writes that name a unit directly."""
    permission_require(actor, permission)
    if not actor_covers_unit(actor, unit_code):
        raise ActionNotPermitted()
