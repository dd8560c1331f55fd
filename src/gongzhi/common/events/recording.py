from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
import json

if TYPE_CHECKING:
    from gongzhi.common.access.actor import Actor
    from gongzhi.common.models import DomainEvent


def _plain(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """JSON-safe copy (dates, decimals, model instances as their pk)."""
    if value is None:
        return None
    cleaned = {k: (v.pk if isinstance(v, models.Model) else v) for k, v in value.items()}
    return json.loads(json.dumps(cleaned, cls=DjangoJSONEncoder))


def event_record(**event: Any) -> "DomainEvent":
    """Write the audit event of one action (the arguments of event_build). Must run inside the
    action's transaction so that the change and its record commit together or not at all."""
    _require_transaction("event_record")
    recorded = event_build(**event)
    recorded.save(force_insert=True)
    return recorded


def events_record(events: list["DomainEvent"]) -> list["DomainEvent"]:
    """Write the events of one action applied to many records at once (built with event_build), in
    as few statements as the database allows; inside the action's transaction, like event_record."""
    from gongzhi.common.models import DomainEvent

    _require_transaction("events_record")
    return DomainEvent.objects.bulk_create(events, batch_size=1000)


def _require_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name} must be called inside the action's transaction.atomic block")


def event_build(
    *,
    actor: "Actor | None",
    action: str,
    target: models.Model,
    unit_code: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    comment: str = "",
    attachments: list[str] | None = None,
    occurred_at: datetime | None = None,
) -> "DomainEvent":
    """The event of one action, not saved yet (event_record and events_record save it)."""
    from gongzhi.common.models import DomainEvent

    return DomainEvent(
        occurred_at=occurred_at or timezone.now(),
        actor=actor.user if actor else None,
        membership=actor.membership if actor else None,
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:200],
        unit_code=unit_code,
        before=_plain(before),
        after=_plain(after),
        comment=comment,
        attachments=attachments or [],
    )


def events_for_object(target: models.Model) -> models.QuerySet["DomainEvent"]:
    from gongzhi.common.models import DomainEvent

    return DomainEvent.objects.filter(object_type=target._meta.label_lower, object_id=str(target.pk)).order_by(
        "occurred_at", "id"
    )
