"""What GeoReport publishes: the public categories as services, and the service requests that came
in through the residents' doors (the portal and Open311 by default; ``GONGZHI_OPEN311_PUBLIC_CHANNELS``).
Orders staff entered (grid patrol, hotline, community, street) were not written for publication
and stay off the public interface."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.db.models import CharField, Prefetch, QuerySet
from django.db.models.functions import Cast

from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.models import DomainEvent
from gongzhi.open311.timeline import public_events
from gongzhi.orders.models import AttachmentKind, Category, Channel, OrderAttachment, OrderState, WorkOrder

DEFAULT_PUBLIC_CHANNELS = (Channel.PORTAL, Channel.OPEN311)
OPEN_STATES_BY_STATUS = {
    "open": (OrderState.REPORTED, OrderState.DISPATCHED, OrderState.IN_PROGRESS, OrderState.HANDLED),
    "closed": (OrderState.CLOSED, OrderState.REJECTED, OrderState.CANCELLED),
}


def public_channels() -> tuple[str, ...]:
    return tuple(getattr(settings, "GONGZHI_OPEN311_PUBLIC_CHANNELS", DEFAULT_PUBLIC_CHANNELS))


def public_services() -> QuerySet[Category]:
    """The categories residents may report in: active, specific (not a major class), public."""
    return (Category.objects.filter(is_public=True, is_active=True, parent__isnull=False)
            .select_related("parent", "default_department").order_by("code"))


def public_service_get(code: str) -> Category:
    category = public_services().filter(code=str(code)).first()
    if category is None:
        raise RecordNotFound()
    return category


def public_requests() -> QuerySet[WorkOrder]:
    report_photos = OrderAttachment.objects.filter(kind=AttachmentKind.REPORT).order_by("uploaded_at", "id")
    return (WorkOrder.objects.filter(channel__in=public_channels())
            .select_related("category", "lead_department", "street", "compound", "open311_submission")
            .prefetch_related(Prefetch("attachments", queryset=report_photos, to_attr="report_photos")))


def public_requests_matching(
    *, numbers: Sequence[str] = (), service_codes: Sequence[str] = (), statuses: Sequence[str] = (),
    start: datetime | None = None, end: datetime | None = None,
) -> QuerySet[WorkOrder]:
    """GET requests' filters. Numbers, when given, override the others (as the specification says)."""
    requests = public_requests().order_by("-reported_at", "-id")
    if numbers:
        return requests.filter(number__in=list(numbers))
    if service_codes:
        requests = requests.filter(category__code__in=list(service_codes))
    if statuses:
        states = [state for status in statuses for state in OPEN_STATES_BY_STATUS[status]]
        requests = requests.filter(state__in=states)
    if start is not None:
        requests = requests.filter(reported_at__gte=start)
    if end is not None:
        requests = requests.filter(reported_at__lte=end)
    return requests


def public_request_get(number: str) -> WorkOrder:
    order = public_requests().filter(number=str(number)).first()
    if order is None:
        raise RecordNotFound()
    return order


def request_for_token(token: str) -> WorkOrder:
    """GeoReport's token resource: the request a client filed, found by the token it was given."""
    token = str(token or "")
    order = public_requests().filter(tracking_token=token).first() if token else None
    if order is None:
        raise RecordNotFound()
    return order


def public_updates(*, start: datetime, end: datetime) -> QuerySet[DomainEvent]:
    """The public steps of published requests in a period, oldest first (servicerequestupdates)."""
    published = (WorkOrder.objects.filter(channel__in=public_channels())
                 .annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text"))
    return (public_events().filter(occurred_at__gte=start, occurred_at__lte=end, object_id__in=published)
            .exclude(action="order.report").order_by("occurred_at", "id"))
