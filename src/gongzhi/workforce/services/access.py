"""What every workforce action checks first: the role's permission, and that the unit it touches
lies in the actor's reach. ``actor=None`` is the platform itself (the demo loader, a command)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import actor_covers_unit, permission_require, permission_require_on_unit
from gongzhi.org.models import Unit, UnitKind
from gongzhi.workforce.validation import refuse

WORKER_UNIT_KINDS = (UnitKind.COMMUNITY, UnitKind.STREET)


def require(actor: Actor | None, permission: str, unit_code: str | None = None) -> None:
    if actor is None:
        return
    if unit_code is None:
        permission_require(actor, permission)
    else:
        permission_require_on_unit(actor, permission, unit_code)


def reachable_unit(
    actor: Actor | None, code: str | None, field: str, kinds: Iterable[str] = WORKER_UNIT_KINDS
) -> Unit:
    """The unit with this code, if it is of one of these kinds and in the actor's reach. A unit out
    of reach is refused exactly like one that does not exist."""
    kinds = tuple(kinds)
    unit = Unit.objects.filter(code=(code or "").strip(), kind__in=kinds, is_active=True).first()
    if unit is None or (actor is not None and not actor_covers_unit(actor, unit.code)):
        refuse(
            field,
            _("No %(kinds)s in your reach has the code “%(code)s”.")
            % {"kinds": " / ".join(str(UnitKind(kind).label) for kind in kinds), "code": code or ""},
        )
    return unit
