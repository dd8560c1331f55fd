"""Work orders: the category catalogue, the order itself, its photos, returns and extension
requests. Every change of state goes through orders/services (one action each, with its event);
these models hold fields, constraints and small properties only."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import Compound, Department, Unit


class OrderClass(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    ROUTINE = "routine", _("Routine")
    KEY = "key", _("Key / joint")


class TimeUnit(models.TextChoices):
    HOURS = "h", _("working hours")
    DAYS = "d", _("working days")


class Category(models.Model):
    """A two-level catalogue: majors (parent empty) hold minors; orders use minors.

    Defaults apply to new orders only: an order copies class and limits when it is dispatched."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=60)
    parent = models.ForeignKey("self", verbose_name=_("major category"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    default_department = models.ForeignKey(Department, verbose_name=_("default lead department"), null=True,
                                           blank=True, on_delete=models.PROTECT, related_name="+")
    order_class = models.CharField(_("default class"), max_length=10, choices=OrderClass.choices,
                                   default=OrderClass.ROUTINE)
    accept_within_hours = models.DecimalField(_("accept within (working hours)"), max_digits=6,
                                              decimal_places=2, default=2)
    complete_within = models.PositiveIntegerField(_("complete within"), default=7)
    complete_within_unit = models.CharField(_("unit"), max_length=1, choices=TimeUnit.choices,
                                            default=TimeUnit.DAYS)
    is_public = models.BooleanField(_("offered to residents"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_major(self) -> bool:
        return self.parent_id is None


class StreetResponsibility(models.Model):
    """A street's override of the responsibility list: for this category, this department leads."""

    street = models.ForeignKey(Unit, verbose_name=_("street"), on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"kind": "street"})
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(Department, verbose_name=_("lead department"), on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = _("street responsibility")
        verbose_name_plural = _("street responsibilities")
        constraints = [models.UniqueConstraint(fields=["street", "category"], name="responsibility_one_per_street")]


class OrderState(models.TextChoices):
    REPORTED = "reported", _("Reported")
    DISPATCHED = "dispatched", _("Dispatched")
    IN_PROGRESS = "in_progress", _("In progress")
    HANDLED = "handled", _("Handled")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (OrderState.REPORTED, OrderState.DISPATCHED, OrderState.IN_PROGRESS, OrderState.HANDLED)
DEPARTMENT_CLOCK_STATES = (OrderState.DISPATCHED, OrderState.IN_PROGRESS)


class Channel(models.TextChoices):
    GRID_PATROL = "grid_patrol", _("Grid patrol")
    HOTLINE = "hotline", _("12345 hotline")
    COMMUNITY = "community", _("Community")
    STREET = "street", _("Street office")
    PORTAL = "portal", _("Resident portal")
    OPEN311 = "open311", _("Open311")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASIC = "basic", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class RejectReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Duplicate")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")
    NOT_A_PROBLEM = "not_a_problem", _("Not a problem")


class WorkOrder(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=4000)
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="orders")
    order_class = models.CharField(_("class"), max_length=10, choices=OrderClass.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=20, choices=OrderState.choices, default=OrderState.REPORTED)

    # Where: the deepest known unit's code is kept in unit_code so that scope is one prefix match.
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    compound = models.ForeignKey(Compound, verbose_name=_("compound"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey(Unit, verbose_name=_("grid"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    community = models.ForeignKey(Unit, verbose_name=_("community"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    street = models.ForeignKey(Unit, verbose_name=_("street"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    unit_code = models.CharField(_("unit code"), max_length=15, blank=True, db_index=True)

    # Who reported: staff by account; residents optionally by name and phone (masked, purged later).
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    reporter_name = models.CharField(_("reporter's name"), max_length=50, blank=True)
    reporter_phone = models.CharField(_("reporter's phone"), max_length=20, blank=True)
    tracking_token = models.CharField(_("tracking token"), max_length=40, blank=True, db_index=True)

    lead_department = models.ForeignKey(Department, verbose_name=_("lead department"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="lead_orders")
    assisting_departments = models.ManyToManyField(Department, verbose_name=_("assisting departments"),
                                                   blank=True, related_name="assisting_orders")

    reported_at = models.DateTimeField(_("reported at"), db_index=True)
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("rejected or cancelled at"), null=True, blank=True)
    accept_by = models.DateTimeField(_("accept by"), null=True, blank=True)
    complete_by = models.DateTimeField(_("complete by"), null=True, blank=True)
    remind_at = models.DateTimeField(_("reminder due at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    overdue_since = models.DateTimeField(_("overdue since"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    return_count = models.PositiveIntegerField(_("returns"), default=0)
    rework_count = models.PositiveIntegerField(_("reworks"), default=0)
    extension_count = models.PositiveIntegerField(_("extensions"), default=0)
    urge_count = models.PositiveIntegerField(_("urges"), default=0)
    awaiting_arbitration = models.BooleanField(_("awaiting city arbitration"), default=False)
    arbitrated = models.BooleanField(_("department decided by the city"), default=False)

    duplicate_of = models.ForeignKey("self", verbose_name=_("duplicate of"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="duplicates")
    reject_reason = models.CharField(_("rejection reason"), max_length=20, choices=RejectReason.choices,
                                     blank=True)
    result = models.TextField(_("result"), blank=True, max_length=4000)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    rating_comment = models.CharField(_("rating comment"), max_length=500, blank=True)

    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(fields=["lead_department", "state", "complete_by"], name="order_department_queue"),
            models.Index(fields=["state", "complete_by"], name="order_state_deadline"),
            models.Index(fields=["street", "state", "reported_at"], name="order_street_queue"),
            models.Index(fields=["dispatched_at"], name="order_dispatched_at"),
            models.Index(fields=["unit_code", "state"], name="order_unit_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | (Q(latitude__gte=-90) & Q(latitude__lte=90)),
                name="order_latitude_range"),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="order_longitude_range"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class OrderNumberSequence(models.Model):
    """Per-day counter for readable order numbers; incremented under a row lock."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)


class AttachmentKind(models.TextChoices):
    REPORT = "report", _("Reported problem")
    RESULT = "result", _("Result")
    OTHER = "other", _("Other")


def attachment_path(instance: "OrderAttachment", filename: str) -> str:
    return f"orders/{instance.order.reported_at:%Y/%m}/{instance.order.number}/{filename}"


class OrderAttachment(models.Model):
    order = models.ForeignKey(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT,
                              related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=AttachmentKind.choices)
    file = models.ImageField(_("photo"), upload_to=attachment_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["uploaded_at", "id"]

    @property
    def url(self) -> str:
        """Photos are served through a scoped view, never as public files."""
        from django.urls import reverse

        return reverse("orders:photo", args=[self.order.number, self.pk])


class OrderReturn(models.Model):
    """A department's return of an order ("not ours"): the second by the same department goes to
    the city to arbitrate."""

    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="returns")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    returned_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["department", "returned_at"])]


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DENIED = "denied", _("Denied")


class ExtensionRequest(models.Model):
    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="extension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT,
                                     related_name="+")
    working_days = models.PositiveIntegerField(_("extra working days"))
    reason = models.CharField(_("reason"), max_length=500)
    state = models.CharField(_("state"), max_length=10, choices=ExtensionState.choices,
                             default=ExtensionState.PENDING)
    requested_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decision_comment = models.CharField(_("decision comment"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order"], condition=Q(state="pending"),
                                    name="extension_one_pending_per_order"),
        ]


class IdempotencyRecord(models.Model):
    """Remembers the answer to a create sent with an Idempotency-Key, so a retry returns it again."""

    key = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_per_user")]


class RollupDimension(models.TextChoices):
    DEPARTMENT = "department", _("Lead department")
    STREET = "street", _("Street")
    CATEGORY = "category", _("Category")


class OrderRollup(models.Model):
    """Pre-aggregated statistics: for one day of dispatch (the city's calendar day) and one lead
    department, street or category, the indicators of orders/indicators.py over the orders
    dispatched that day. The services keep it exact in each action's own transaction
    (orders/rollups.py); ``rollups_rebuild`` counts it again from the orders.

    ``key`` is the department's, street's or category's id, 0 for none (an order returned and not
    yet dispatched again has no lead department). ``returned_by`` is kept on department rows only:
    how many of the day's orders that department returned."""

    day = models.DateField(_("day of dispatch"))
    dimension = models.CharField(_("grouped by"), max_length=10, choices=RollupDimension.choices)
    key = models.BigIntegerField(_("id of the group"))
    dispatched = models.IntegerField(default=0)
    accepted_on_time = models.IntegerField(default=0)
    completed = models.IntegerField(default=0)
    completed_on_time = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    reworked = models.IntegerField(default=0)
    overdue = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    returned_by = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("daily order figures")
        verbose_name_plural = _("daily order figures")
        constraints = [models.UniqueConstraint(fields=["dimension", "day", "key"], name="rollup_one_row_per_group")]
