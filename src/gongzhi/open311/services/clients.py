"""Client systems and their API keys: issued, replaced and switched off through these actions only
(the admin and ``gongzhi open311_key`` call them). A key is shown once, when it is issued; only its
digest is stored, so a leaked database does not leak working keys."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.events import event_record
from gongzhi.open311.keys import key_new
from gongzhi.open311.models import ApiClient

MAX_REQUESTS_PER_MINUTE = 10_000
# Recording each use would write on every request; a client's last use is kept to this precision.
LAST_USED_PRECISION = timedelta(minutes=5)


def _require(actor: Actor | None) -> None:
    # actor=None is the platform itself: the console command run by whoever operates the servers.
    if actor is not None:
        permission_require(actor, Permission.OPEN311_CLIENTS_MANAGE)


def _name(value: Any) -> str:
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        raise ValidationError({"name": _("Give the client system a name.")})
    if len(name) > 100:
        raise ValidationError({"name": _("At most %(n)d characters.") % {"n": 100}})
    return name


def _rate(value: Any) -> int:
    try:
        rate = int(value)
    except (TypeError, ValueError):
        raise ValidationError({"requests_per_minute": _("Must be a whole number.")}) from None
    if not 1 <= rate <= MAX_REQUESTS_PER_MINUTE:
        raise ValidationError({"requests_per_minute": _("Between 1 and %(n)d.") % {
            "n": MAX_REQUESTS_PER_MINUTE}})
    return rate


def _contact(value: Any) -> str:
    contact = value.strip() if isinstance(value, str) else ""
    if len(contact) > 200:
        raise ValidationError({"contact": _("At most %(n)d characters.") % {"n": 200}})
    return contact


def _snapshot(client: ApiClient) -> dict:
    return {"name": client.name, "contact": client.contact, "key_prefix": client.key_prefix,
            "requests_per_minute": client.requests_per_minute, "is_active": client.is_active}


@transaction.atomic
def api_client_create(*, actor: Actor | None, name: Any, contact: Any = "", requests_per_minute: Any = 30,
                      now: datetime | None = None) -> tuple[ApiClient, str]:
    """A new client system and its first key. Returns the key: it cannot be read again."""
    _require(actor)
    name = _name(name)
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A client system with this name exists.")})
    key, prefix, digest = key_new()
    at = now or timezone.now()
    client = ApiClient.objects.create(name=name, contact=_contact(contact),
                                      requests_per_minute=_rate(requests_per_minute), key_prefix=prefix,
                                      key_digest=digest, created_at=at, key_issued_at=at)
    event_record(actor=actor, action="open311_client.create", target=client, after=_snapshot(client),
                 occurred_at=at)
    return client, key


@transaction.atomic
def api_client_update(*, actor: Actor | None, client: ApiClient, changes: dict[str, Any]) -> ApiClient:
    _require(actor)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    unknown = set(changes) - {"name", "contact", "requests_per_minute"}
    if unknown:
        raise ValidationError({field: _("This field cannot be changed.") for field in sorted(unknown)})
    before = _snapshot(client)
    if "name" in changes:
        name = _name(changes["name"])
        if ApiClient.objects.filter(name=name).exclude(pk=client.pk).exists():
            raise ValidationError({"name": _("A client system with this name exists.")})
        client.name = name
    if "contact" in changes:
        client.contact = _contact(changes["contact"])
    if "requests_per_minute" in changes:
        client.requests_per_minute = _rate(changes["requests_per_minute"])
    client.save()
    event_record(actor=actor, action="open311_client.update", target=client, before=before,
                 after=_snapshot(client))
    return client


@transaction.atomic
def api_client_key_rotate(*, actor: Actor | None, client: ApiClient, now: datetime | None = None
                          ) -> tuple[ApiClient, str]:
    """A new key for the system; the old one stops working at once."""
    _require(actor)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    before = _snapshot(client)
    key, client.key_prefix, client.key_digest = key_new()
    client.key_issued_at = now or timezone.now()
    client.save()
    event_record(actor=actor, action="open311_client.rotate_key", target=client, before=before,
                 after=_snapshot(client), occurred_at=client.key_issued_at)
    return client, key


@transaction.atomic
def api_client_set_active(*, actor: Actor | None, client: ApiClient, is_active: bool) -> ApiClient:
    """Switch a system off (its key is refused) or on again. Systems are never deleted: their
    submissions keep pointing at them."""
    _require(actor)
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    before = _snapshot(client)
    client.is_active = bool(is_active)
    client.save()
    action = "open311_client.activate" if client.is_active else "open311_client.deactivate"
    event_record(actor=actor, action=action, target=client, before=before, after=_snapshot(client))
    return client


def api_client_mark_used(client: ApiClient, *, now: datetime | None = None) -> None:
    """Bookkeeping, not an action: when the system last called, to within a few minutes."""
    at = now or timezone.now()
    if client.last_used_at is None or at - client.last_used_at >= LAST_USED_PRECISION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=at)
        client.last_used_at = at
