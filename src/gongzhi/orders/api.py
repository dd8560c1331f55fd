"""API of work orders: list (filtered, scoped, exportable to Excel) and report, detail, one POST
endpoint per action of the loop, the timeline, the category catalogue, the statistics, and the
user's notification inbox.

Views are thin: reads go through orders.selectors with ``self.actor``, writes through the
services, and errors are mapped once in common.rest.errors. Every action endpoint answers in the
same order: an order outside the actor's reach 404, a role or relation that does not allow the
action 403, the wrong state 409 (the message names the state), bad input 400 naming the field.

Excel: ``GET work-orders/export.xlsx`` takes the list's filters; ``GET stats/work-orders/export.xlsx``
the statistics' parameters. Idempotency: a create repeated with the same ``Idempotency-Key``
answers exactly like the first one (201, the same order, the same Location)."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import SimpleRouter

from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.common.masking import mask_name, mask_phone
from gongzhi.common.models import Notification
from gongzhi.common.notifications.inbox import notification_mark_read, notifications_for, notifications_mark_all_read
from gongzhi.common.rest.permissions import ActorHasViewPermission
from gongzhi.common.rest.schema import ErrorSerializer
from gongzhi.common.rest.views import ActorMixin
from gongzhi.org.models import Compound, Unit
from gongzhi.orders import services
from gongzhi.orders.catalogue import category_update, department_suggest
from gongzhi.orders.excel import (CONTENT_TYPE as XLSX, STATISTICS_COUNTS, STATISTICS_RATES, orders_workbook,
                                  statistics_workbook)
from gongzhi.orders.models import (Category, Channel, ExtensionRequest, ExtensionState, OrderAttachment, OrderClass,
                                   OrderState, RejectReason, Satisfaction, TimeUnit, WorkOrder)
from gongzhi.orders.permissions import action_require, actions_available, actor_handles_order
from gongzhi.orders.queues import queue_label
from gongzhi.orders.search import order_text_filter
from gongzhi.orders.selectors import (Queue, categories_for, order_events_visible, order_get_visible,
                                      orders_visible_to, queue_filter)
from gongzhi.orders.services.common import MAX_PHOTOS
from gongzhi.orders.services.handling import MAX_EXTENSION_DAYS
from gongzhi.orders.services.intake import STAFF_CHANNELS
from gongzhi.orders.statistics import GROUPS, order_statistics
from gongzhi.orders.timeline import timeline_entries
from gongzhi.orders.transitions import TRANSITIONS

# The same rule the services apply to every text they store: no control characters but line breaks and tabs.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


# ---------------------------------------------------------------------------------------------
# Input: fields and serializers. They check types, presence and the lengths the tables allow;
# the services own the rules (codes, states, places), so every caller is refused alike.


class TextField(serializers.CharField):
    """Text and only text: a number or a list is refused rather than converted."""

    default_error_messages = {
        "not_text": _("Must be text."),
        "control_characters": _("Contains control characters."),
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        if CONTROL_CHARACTERS.search(data):
            self.fail("control_characters")
        return super().to_internal_value(data)


def _optional_text(**kwargs) -> TextField:
    return TextField(required=False, allow_blank=True, **kwargs)


def _coordinate(limit: int) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=None, decimal_places=None, min_value=-limit, max_value=limit,
                                    coerce_to_string=False, required=False, allow_null=True)


def _photos() -> serializers.ListField:
    return serializers.ListField(child=serializers.FileField(allow_empty_file=False), required=False,
                                 max_length=MAX_PHOTOS,
                                 help_text=_("JPEG, PNG or WebP images, sent as multipart/form-data."))


def _department_codes() -> serializers.ListField:
    return serializers.ListField(child=TextField(), required=False, source="assisting_department_codes",
                                 help_text=_("Codes of the departments that assist."))


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know: a misspelt optional field must not be silently dropped."""

    default_error_messages = {"unknown_field": _("Unknown field.")}
    # A form posted from a page carries its CSRF token among the fields.
    ignored_fields = frozenset({"csrfmiddlewaretoken"})

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields) - self.ignored_fields) if isinstance(data, Mapping) else []
        errors: dict = {}
        try:
            values = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not unknown or not isinstance(error.detail, dict):
                raise
            errors = dict(error.detail)
        errors.update({name: [self.error_messages["unknown_field"]] for name in unknown})
        if errors:
            raise serializers.ValidationError(errors)
        return values


class WorkOrderReportSerializer(StrictSerializer):
    title = TextField(max_length=_max_length(WorkOrder, "title"))
    description = TextField(max_length=_max_length(WorkOrder, "description"))
    category = TextField(source="category_code", max_length=_max_length(Category, "code"),
                         help_text=_("Code of a specific category (not a major class)."))
    channel = serializers.ChoiceField(choices=Channel.choices,
                                      help_text=format_lazy(_("Staff report through: {channels}."),
                                                            channels=", ".join(sorted(STAFF_CHANNELS))))
    latitude = _coordinate(90)
    longitude = _coordinate(180)
    address = _optional_text(max_length=_max_length(WorkOrder, "address"))
    compound_code = _optional_text(max_length=_max_length(Compound, "code"))
    grid_code = _optional_text(max_length=_max_length(Unit, "code"))
    community_code = _optional_text(max_length=_max_length(Unit, "code"))
    street_code = _optional_text(max_length=_max_length(Unit, "code"))
    reporter_name = _optional_text(max_length=_max_length(WorkOrder, "reporter_name"))
    reporter_phone = _optional_text(max_length=_max_length(WorkOrder, "reporter_phone"))
    photos = _photos()


class DispatchSerializer(StrictSerializer):
    lead_department = TextField(source="lead_department_code", help_text=_("Code of the department that leads."))
    assisting_departments = _department_codes()
    category = TextField(source="category_code", required=False,
                         help_text=_("Code of a category, to re-classify the order while dispatching."))
    order_class = serializers.ChoiceField(choices=OrderClass.choices, required=False)
    complete_by = serializers.DateTimeField(required=False,
                                            help_text=_("A deadline of one's own instead of the category's."))
    comment = _optional_text()


class ArbitrateSerializer(StrictSerializer):
    lead_department = TextField(source="lead_department_code", help_text=_("Code of the department that leads."))
    assisting_departments = _department_codes()
    comment = TextField()


class ResultSerializer(StrictSerializer):
    result = TextField(max_length=_max_length(WorkOrder, "result"))
    photos = _photos()


class RejectSerializer(StrictSerializer):
    reason = serializers.ChoiceField(choices=[choice for choice in RejectReason.choices
                                              if choice[0] != RejectReason.DUPLICATE],
                                     help_text=_("Duplicates are marked with mark-duplicate."))
    comment = TextField()


class MarkDuplicateSerializer(StrictSerializer):
    original = TextField(source="original_number", help_text=_("Number of the order this one repeats."))
    comment = _optional_text()


class ExtensionRequestSerializer(StrictSerializer):
    working_days = serializers.IntegerField(min_value=1, max_value=MAX_EXTENSION_DAYS)
    reason = TextField()


class RateSerializer(StrictSerializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)
    comment = _optional_text()


class CommentSerializer(StrictSerializer):
    comment = _optional_text()


class RequiredCommentSerializer(StrictSerializer):
    comment = TextField()


class ReasonSerializer(StrictSerializer):
    reason = TextField()


class CategoryUpdateSerializer(StrictSerializer):
    name = TextField(required=False, max_length=_max_length(Category, "name"))
    default_department_code = TextField(required=False, allow_blank=True, allow_null=True,
                                        help_text=_("Code of the default lead department; empty for none."))
    order_class = serializers.ChoiceField(choices=OrderClass.choices, required=False)
    accept_within_hours = serializers.DecimalField(max_digits=None, decimal_places=None, coerce_to_string=False,
                                                   required=False)
    complete_within = serializers.IntegerField(required=False)
    complete_within_unit = serializers.ChoiceField(choices=TimeUnit.choices, required=False)
    is_public = serializers.BooleanField(required=False)
    is_active = serializers.BooleanField(required=False)


class CategoryQuerySerializer(serializers.Serializer):
    include_inactive = serializers.BooleanField(required=False, default=False,
                                                help_text=_("Also list categories no longer used."))


class StatisticsQuerySerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=[(name, name) for name in GROUPS], default="department")

    def get_fields(self):
        # "from" is a Python keyword, so these two cannot be declared as attributes.
        fields = super().get_fields()
        fields["from"] = serializers.DateField(required=False, source="start",
                                               help_text=_("First day of dispatch; default 1 January this year."))
        fields["to"] = serializers.DateField(required=False, source="end",
                                             help_text=_("Last day of dispatch (included); default today."))
        return fields


# ---------------------------------------------------------------------------------------------
# Output


class CodeNameSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class AllowedActionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text=_("The action's name in the loop, e.g. handle_locally."))
    label = serializers.CharField()
    url = serializers.URLField(help_text=_("Where to POST it."))


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = OrderAttachment
        fields = ["url", "kind", "width", "height", "size", "uploaded_at"]

    def get_url(self, attachment: OrderAttachment) -> str:
        return self.context["request"].build_absolute_uri(attachment.url)


class PendingExtensionSerializer(serializers.ModelSerializer):
    requested_by = serializers.StringRelatedField()

    class Meta:
        model = ExtensionRequest
        fields = ["working_days", "reason", "requested_at", "requested_by"]


def _absolute(request, route: str, number: str) -> str:
    return reverse(f"api:work-order-{route}", args=[number], request=request)


class WorkOrderSerializer(serializers.ModelSerializer):
    """A row of the list: what a queue shows. The detail adds the rest."""

    url = serializers.SerializerMethodField()
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    category = CodeNameSerializer()
    street = CodeNameSerializer(allow_null=True)
    community = CodeNameSerializer(allow_null=True)
    grid = CodeNameSerializer(allow_null=True)
    lead_department = CodeNameSerializer(allow_null=True)
    is_overdue = serializers.SerializerMethodField(
        help_text=_("Still with the department after its deadline (the overdue queue)."))

    class Meta:
        model = WorkOrder
        fields = ["number", "url", "title", "state", "state_label", "order_class", "channel", "category", "street",
                  "community", "grid", "address", "lead_department", "reported_at", "dispatched_at", "accept_by",
                  "accepted_at", "complete_by", "completed_at", "closed_at", "is_overdue", "overdue_since",
                  "return_count", "rework_count", "extension_count", "urge_count", "awaiting_arbitration",
                  "satisfaction"]

    def get_url(self, order: WorkOrder) -> str:
        return _absolute(self.context["request"], "detail", order.number)

    def get_is_overdue(self, order: WorkOrder) -> bool:
        annotated = getattr(order, "is_overdue_now", None)
        if annotated is not None:
            return bool(annotated)
        return WorkOrder.objects.filter(pk=order.pk).filter(queue_filter(Queue.OVERDUE)).exists()


class WorkOrderDetailSerializer(WorkOrderSerializer):
    """Every field of an order, its photos, the actions the actor may take now and, for whoever
    dispatches it, the department the responsibility list suggests. The reporter's contact is
    masked unless the actor handles the order."""

    order_class_label = serializers.CharField(source="get_order_class_display", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    compound = CodeNameSerializer(allow_null=True)
    reported_by = serializers.StringRelatedField(help_text=_("The staff member who entered the order."))
    reporter_name = serializers.SerializerMethodField()
    reporter_phone = serializers.SerializerMethodField()
    assisting_departments = CodeNameSerializer(many=True)
    duplicate_of = serializers.SlugRelatedField(slug_field="number", read_only=True)
    photos = serializers.SerializerMethodField()
    pending_extension = serializers.SerializerMethodField()
    events_url = serializers.SerializerMethodField(help_text=_("The order's timeline."))
    allowed_actions = serializers.SerializerMethodField()
    suggested_department = serializers.SerializerMethodField(
        help_text=_("For whoever may dispatch: the lead department the responsibility list suggests."))

    class Meta(WorkOrderSerializer.Meta):
        fields = [*WorkOrderSerializer.Meta.fields, "description", "order_class_label", "channel_label", "latitude",
                  "longitude", "compound", "unit_code", "reported_by", "reporter_name", "reporter_phone",
                  "assisting_departments", "ended_at", "remind_at", "reminded_at", "escalated_at", "arbitrated",
                  "duplicate_of", "reject_reason", "result", "rated_at", "rating_comment", "updated_at", "photos",
                  "pending_extension", "events_url", "allowed_actions", "suggested_department"]

    @property
    def actor(self):
        return self.context["view"].actor

    def _reporter_visible(self, order: WorkOrder) -> bool:
        return actor_handles_order(self.actor, order)

    def get_reporter_name(self, order: WorkOrder) -> str:
        return order.reporter_name if self._reporter_visible(order) else mask_name(order.reporter_name)

    def get_reporter_phone(self, order: WorkOrder) -> str:
        return order.reporter_phone if self._reporter_visible(order) else mask_phone(order.reporter_phone)

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, order: WorkOrder):
        return PhotoSerializer(order.attachments.all(), many=True, context=self.context).data

    @extend_schema_field(PendingExtensionSerializer(allow_null=True))
    def get_pending_extension(self, order: WorkOrder):
        pending = order.extension_requests.filter(state=ExtensionState.PENDING).select_related("requested_by").first()
        return PendingExtensionSerializer(pending).data if pending else None

    def get_events_url(self, order: WorkOrder) -> str:
        return _absolute(self.context["request"], "events", order.number)

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, order: WorkOrder):
        request = self.context["request"]
        return [{"action": transition.action, "label": str(transition.label),
                 "url": _absolute(request, _slug(transition.action), order.number)}
                for transition in actions_available(self.actor, order)]

    @extend_schema_field(CodeNameSerializer(allow_null=True))
    def get_suggested_department(self, order: WorkOrder):
        may_choose = {transition.action for transition in actions_available(self.actor, order)} & {"dispatch",
                                                                                                      "arbitrate"}
        department = department_suggest(order=order) if may_choose else None
        return CodeNameSerializer(department).data if department else None


class TimelineDetailSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class OrderEventSerializer(serializers.Serializer):
    """One step of the timeline: the words the order page shows, and the recorded values."""

    action = serializers.CharField()
    label = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    who = serializers.CharField(help_text=_("The staff member who acted, or the system."))
    capacity = serializers.CharField(help_text=_("The role and organisation they acted in."))
    comment = serializers.CharField()
    photos = serializers.ListField(child=serializers.URLField())
    details = TimelineDetailSerializer(many=True)
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


class CategorySerializer(serializers.ModelSerializer):
    default_department = CodeNameSerializer(allow_null=True)
    accept_within_hours = serializers.DecimalField(max_digits=6, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = Category
        fields = ["code", "name", "default_department", "order_class", "accept_within_hours", "complete_within",
                  "complete_within_unit", "is_public", "is_active"]


class MajorCategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    is_active = serializers.BooleanField()
    children = CategorySerializer(many=True, help_text=_("The categories orders use, with their defaults."))


class StatisticsRowSerializer(serializers.Serializer):
    def get_fields(self):
        fields = {name: serializers.IntegerField(help_text=label) for name, label in STATISTICS_COUNTS}
        fields.update({name: serializers.FloatField(allow_null=True, help_text=label)
                       for name, label in STATISTICS_RATES})
        return fields


class StatisticsGroupSerializer(StatisticsRowSerializer):
    def get_fields(self):
        return {
            "key": serializers.CharField(allow_null=True, help_text=_("The group's id; YYYY-MM for months.")),
            "label": serializers.CharField(),
            **super().get_fields(),
        }


class StatisticsSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=[(name, name) for name in GROUPS])
    groups = StatisticsGroupSerializer(many=True)
    totals = StatisticsRowSerializer()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()
        fields["to"] = serializers.DateField()
        return fields


class NotificationSerializer(serializers.ModelSerializer):
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at", "is_read"]

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many notifications were unread."))


# ---------------------------------------------------------------------------------------------
# Filters of the list (and of its Excel export)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


QUEUES = [value for name, value in vars(Queue).items() if name.isupper()]
ORDERINGS = {
    "deadline": (F("complete_by").asc(nulls_last=True), "id"),
    "-deadline": (F("complete_by").desc(nulls_last=True), "-id"),
    "reported_at": ("reported_at", "id"),
    "-reported_at": ("-reported_at", "-id"),
}


class WorkOrderFilter(filters.FilterSet):
    state = filters.MultipleChoiceFilter(choices=OrderState.choices,
                                         label=_("State; repeat the parameter for several"))
    street = filters.CharFilter(field_name="street__code", label=_("Code of the street"))
    community = filters.CharFilter(field_name="community__code", label=_("Code of the community"))
    department = filters.CharFilter(field_name="lead_department__code", label=_("Code of the lead department"))
    category = filters.CharFilter(method="filter_category",
                                  label=_("Code of a category; a major class's code takes in all of its categories"))
    # Published as "class" (a Python keyword): renamed below the class.
    order_class = filters.ChoiceFilter(field_name="order_class", choices=OrderClass.choices, label=_("Class"))
    overdue = filters.ChoiceFilter(choices=[("true", "true"), ("false", "false")], method="filter_overdue",
                                   label=_("Still with the department after its deadline"))
    queue = filters.ChoiceFilter(choices=[(name, queue_label(name)) for name in QUEUES], method="filter_queue",
                                 label=_("One of the queues of the pages"))
    created_from = filters.DateFilter(method="filter_created_from", label=_("Reported on or after this day"))
    created_to = filters.DateFilter(method="filter_created_to", label=_("Reported on or before this day"))
    q = filters.CharFilter(method="filter_text", max_length=100,
                           label=_("Words to find in the number, title, description or address"))
    ordering = filters.ChoiceFilter(choices=[(name, name) for name in ORDERINGS], method="filter_ordering",
                                    label=_("Sort order; default newest reported first"))

    class Meta:
        model = WorkOrder
        fields: list[str] = []

    def filter_category(self, queryset, name, value):
        return queryset.filter(Q(category__code=value) | Q(category__parent__code=value))

    def filter_overdue(self, queryset, name, value):
        overdue = queue_filter(Queue.OVERDUE)
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)

    def filter_queue(self, queryset, name, value):
        return queryset.filter(queue_filter(value))

    def filter_created_from(self, queryset, name, value):
        return queryset.filter(reported_at__gte=_day_start(value))

    def filter_created_to(self, queryset, name, value):
        return queryset.filter(reported_at__lt=_day_start(value + timedelta(days=1)))

    def filter_text(self, queryset, name, value):
        return queryset.filter(order_text_filter(value))

    def filter_ordering(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])


WorkOrderFilter.base_filters["class"] = WorkOrderFilter.base_filters.pop("order_class")


# ---------------------------------------------------------------------------------------------
# Views


def _slug(action_name: str) -> str:
    return action_name.replace("_", "-")


def _xlsx_response(content: bytes, *, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.xlsx"'
    return response


XLSX_RESPONSE = {(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=_("An Excel workbook."))}
BAD_PARAMETER = OpenApiResponse(ErrorSerializer, description=_("A parameter is invalid; it is named."))
CONFLICT_RESPONSE = OpenApiResponse(ErrorSerializer, description=_("Not possible in the order's current state; "
                                                                   "the message names the state."))


class InputMixin:
    def validated_input(self, serializer_class, *, data=None, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data if data is None else data, partial=partial,
                                      context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class VisibleOrdersMixin(ActorMixin, InputMixin):
    """The orders the actor sees, filtered by the query parameters of WorkOrderFilter."""

    permission_classes = [IsAuthenticated, ActorHasViewPermission]
    read_permission = Permission.ORDERS_VIEW
    queryset = WorkOrder.objects.none()  # the model, for the schema; records come from the selector
    filterset_class = WorkOrderFilter

    def get_queryset(self) -> QuerySet[WorkOrder]:
        overdue = ExpressionWrapper(queue_filter(Queue.OVERDUE), output_field=BooleanField())
        return orders_visible_to(self.actor).annotate(is_overdue_now=overdue)


def order_action(action_name: str, serializer_class: type[serializers.Serializer], service: Callable,
                 *, with_photos: bool = False):
    """The POST endpoint of one action of the loop (see orders/transitions.py)."""
    transition = TRANSITIONS[action_name]
    request_body = ({"multipart/form-data": serializer_class, "application/json": serializer_class}
                    if with_photos else serializer_class)

    def endpoint(self, request, number: str):
        order = order_get_visible(self.actor, number=number)
        # Role, relation and state answer before the input is read: 403 and 409 do not depend on it.
        action_require(self.actor, order, action_name)
        result = service(actor=self.actor, order=order, **self.validated_input(serializer_class))
        return self.detail_response(result if isinstance(result, WorkOrder) else result.order)

    endpoint.__name__ = f"{action_name}_action"
    endpoint.__doc__ = str(transition.label)
    slug = _slug(action_name)
    endpoint = action(detail=True, methods=["post"], url_path=slug, url_name=slug, filterset_class=None,
                      pagination_class=None)(endpoint)
    return extend_schema(request=request_body, responses={200: WorkOrderDetailSerializer, 409: CONFLICT_RESPONSE},
                         summary=str(transition.label), filters=False)(endpoint)


class WorkOrderViewSet(VisibleOrdersMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Work orders within the actor's reach."""

    write_permission = Permission.ORDERS_REPORT
    serializer_class = WorkOrderSerializer
    lookup_field = "number"
    lookup_value_regex = r"[0-9]+"

    def detail_response(self, order: WorkOrder, status_code: int = status.HTTP_200_OK) -> Response:
        data = WorkOrderDetailSerializer(order, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    @extend_schema(responses=WorkOrderDetailSerializer)
    def retrieve(self, request, number: str):
        return self.detail_response(order_get_visible(self.actor, number=number))

    @extend_schema(
        request={"application/json": WorkOrderReportSerializer, "multipart/form-data": WorkOrderReportSerializer},
        responses={201: WorkOrderDetailSerializer},
        parameters=[OpenApiParameter(
            "Idempotency-Key", str, OpenApiParameter.HEADER, required=False,
            description=_("Repeat a create safely: the same key (per user, at most 100 characters) answers with "
                          "the order the first request made, again with 201."))],
        description=_("Report a problem. Send photos as multipart/form-data."),
    )
    def create(self, request):
        order = services.order_report(actor=self.actor, idempotency_key=request.headers.get("Idempotency-Key") or None,
                                      **self.validated_input(WorkOrderReportSerializer))
        response = self.detail_response(order, status.HTTP_201_CREATED)
        response["Location"] = _absolute(request, "detail", order.number)
        return response

    @extend_schema(responses=OrderEventSerializer(many=True), filters=False,
                   description=_("The order's timeline, oldest first."))
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def events(self, request, number: str):
        order = order_get_visible(self.actor, number=number)
        events = list(order_events_visible(self.actor, order=order))
        entries = [{**entry, "details": [{"label": label, "value": value} for label, value in entry["details"]],
                    "photos": [request.build_absolute_uri(photo.url) for photo in entry["photos"]],
                    "before": event.before, "after": event.after}
                   for event, entry in zip(events, timeline_entries(events, attachments=order.attachments.all()))]
        return Response(OrderEventSerializer(entries, many=True).data)

    dispatch_action = order_action("dispatch", DispatchSerializer, services.order_dispatch)
    handle_locally_action = order_action("handle_locally", ResultSerializer, services.order_handle_locally,
                                         with_photos=True)
    reject_action = order_action("reject", RejectSerializer, services.order_reject)
    mark_duplicate_action = order_action("mark_duplicate", MarkDuplicateSerializer, services.order_mark_duplicate)
    cancel_action = order_action("cancel", ReasonSerializer, services.order_cancel)
    accept_action = order_action("accept", CommentSerializer, services.order_accept)
    return_action = order_action("return", ReasonSerializer, services.order_return)
    request_extension_action = order_action("request_extension", ExtensionRequestSerializer,
                                            services.order_extension_request)
    approve_extension_action = order_action("approve_extension", CommentSerializer, services.order_extension_approve)
    deny_extension_action = order_action("deny_extension", RequiredCommentSerializer, services.order_extension_deny)
    complete_action = order_action("complete", ResultSerializer, services.order_complete, with_photos=True)
    verify_action = order_action("verify", CommentSerializer, services.order_verify)
    rework_action = order_action("rework", ReasonSerializer, services.order_rework)
    rate_action = order_action("rate", RateSerializer, services.order_rate)
    reopen_action = order_action("reopen", ReasonSerializer, services.order_reopen)
    urge_action = order_action("urge", CommentSerializer, services.order_urge)
    escalate_action = order_action("escalate", ReasonSerializer, services.order_escalate)
    arbitrate_action = order_action("arbitrate", ArbitrateSerializer, services.order_arbitrate)


class WorkOrderExportView(VisibleOrdersMixin, GenericAPIView):
    @extend_schema(responses=XLSX_RESPONSE, filters=True, operation_id="work_orders_export_xlsx",
                   description=_("The filtered list as an Excel workbook (the list's filters; at most 50,000 rows; "
                                 "reporters' contacts masked)."))
    def get(self, request):
        orders = self.filter_queryset(self.get_queryset())
        export = orders_workbook(orders=orders, filters=dict(request.query_params.items()))
        response = _xlsx_response(export.content, name="work-orders")
        response["X-Export-Rows"] = str(export.rows)
        response["X-Export-Truncated"] = "true" if export.truncated else "false"
        return response


def _category_tree(categories: list[Category]) -> list[dict]:
    majors = {category.pk: {"code": category.code, "name": category.name, "is_active": category.is_active,
                            "children": []} for category in categories if category.is_major}
    for category in categories:
        if category.parent_id in majors:
            majors[category.parent_id]["children"].append(category)
    return list(majors.values())


class CategoryViewSet(ActorMixin, InputMixin, viewsets.GenericViewSet):
    """The two-level catalogue with each category's defaults; city administrators edit it."""

    permission_classes = [IsAuthenticated, ActorHasViewPermission]
    read_permission = Permission.ORDERS_VIEW
    write_permission = Permission.CATALOGUE_MANAGE
    queryset = Category.objects.none()
    serializer_class = CategorySerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z]+"
    pagination_class = None

    @extend_schema(parameters=[CategoryQuerySerializer],
                   responses={200: MajorCategorySerializer(many=True), 400: BAD_PARAMETER},
                   description=_("Major classes, each with its categories and their defaults."))
    def list(self, request):
        query = self.validated_input(CategoryQuerySerializer, data=request.query_params)
        categories = list(categories_for(self.actor, include_inactive=query["include_inactive"]))
        return Response(MajorCategorySerializer(_category_tree(categories), many=True).data)

    @extend_schema(request=CategoryUpdateSerializer, responses=CategorySerializer,
                   description=_("Change a category's defaults; orders already reported keep theirs."))
    def partial_update(self, request, code: str):
        category = categories_for(self.actor, include_inactive=True).filter(code=code).first()
        if category is None:
            raise RecordNotFound()
        self.check_object_permissions(request, category)
        changes = self.validated_input(CategoryUpdateSerializer, partial=True)
        category = category_update(actor=self.actor, category=category, changes=changes)
        return Response(CategorySerializer(category).data)


class WorkOrderStatisticsView(ActorMixin, InputMixin, GenericAPIView):
    """The loop's indicators per department, street, category or month, over the orders the actor
    sees that were dispatched in the period."""

    permission_classes = [IsAuthenticated, ActorHasViewPermission]
    read_permission = Permission.STATS_VIEW
    serializer_class = StatisticsSerializer
    pagination_class = None
    filter_backends: list = []

    def statistics(self) -> dict:
        query = self.validated_input(StatisticsQuerySerializer, data=self.request.query_params)
        return order_statistics(actor=self.actor, **query)

    @extend_schema(parameters=[StatisticsQuerySerializer],
                   responses={200: StatisticsSerializer, 400: BAD_PARAMETER})
    def get(self, request):
        return Response(StatisticsSerializer(self.statistics()).data)


class WorkOrderStatisticsExportView(WorkOrderStatisticsView):
    @extend_schema(parameters=[StatisticsQuerySerializer], responses={**XLSX_RESPONSE, 400: BAD_PARAMETER},
                   operation_id="stats_work_orders_export_xlsx",
                   description=_("The statistics as an Excel workbook, with a totals row."))
    def get(self, request):
        return _xlsx_response(statistics_workbook(statistics=self.statistics()), name="work-order-statistics")


class NotificationViewSet(ActorMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own inbox, unread first. Another user's notification answers 404."""

    permission_classes = [IsAuthenticated]
    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return notifications_for(self.actor)

    @extend_schema(request=None, responses=NotificationSerializer, filters=False)
    @action(detail=True, methods=["post"])
    def read(self, request, pk: str):
        notification = notification_mark_read(actor=self.actor, notification_id=int(pk))
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=ReadAllSerializer, filters=False)
    @action(detail=False, methods=["post"], url_path="read-all", url_name="read-all", pagination_class=None)
    def read_all(self, request):
        return Response(ReadAllSerializer({"marked": notifications_mark_all_read(actor=self.actor)}).data)


router = SimpleRouter()
router.register("work-orders", WorkOrderViewSet, basename="work-order")
router.register("categories", CategoryViewSet, basename="category")
router.register("notifications", NotificationViewSet, basename="notification")

api_urlpatterns = [
    # Before the router's routes, so that "export.xlsx" is never taken for an order number.
    path("work-orders/export.xlsx", WorkOrderExportView.as_view(), name="work-order-export"),
    path("stats/work-orders", WorkOrderStatisticsView.as_view(), name="work-order-statistics"),
    path("stats/work-orders/export.xlsx", WorkOrderStatisticsExportView.as_view(),
         name="work-order-statistics-export"),
    *router.urls,
]
