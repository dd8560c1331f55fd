"""Assessment periods: the scheme the city defines (automatic indicators from the work orders and
the items the streets score), the scores, the computed results and the departments' appeals.

A period moves open → scoring → review → locked. Once locked, nothing in it changes."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import Department, Unit

SCORE = {"max_digits": 6, "decimal_places": 2}


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")


class PeriodState(models.TextChoices):
    OPEN = "open", _("Open (scheme being defined)")
    SCORING = "scoring", _("Scoring")
    REVIEW = "review", _("Review (appeals)")
    LOCKED = "locked", _("Locked")


class Period(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    state = models.CharField(_("state"), max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN)
    # The streets' share of a department's total, in percent (Changji: at least 20 %).
    street_share = models.DecimalField(_("streets' share (%)"), max_digits=5, decimal_places=2, default=20)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("indicators computed at"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-starts_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["year"], condition=Q(kind="year"),
                                    name="assessment_one_period_a_year"),
            models.UniqueConstraint(fields=["year", "quarter"], condition=Q(kind="quarter"),
                                    name="assessment_one_period_a_quarter"),
            models.CheckConstraint(condition=Q(street_share__gte=0, street_share__lte=100),
                                   name="assessment_street_share_percent"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_locked(self) -> bool:
        return self.state == PeriodState.LOCKED


class Metric(models.TextChoices):
    ON_TIME_ACCEPTANCE_RATE = "on_time_acceptance_rate", _("On-time acceptance rate")
    COMPLETION_RATE = "completion_rate", _("Completion rate")
    ON_TIME_COMPLETION_RATE = "on_time_completion_rate", _("On-time completion rate")
    RETURN_RATE = "return_rate", _("Return rate")
    REWORK_RATE = "rework_rate", _("Rework rate")
    SATISFACTION_RATE = "satisfaction_rate", _("Satisfaction rate")
    OVERDUE_COUNT = "overdue_count", _("Overdue orders")


LOWER_IS_BETTER = frozenset({Metric.RETURN_RATE, Metric.REWORK_RATE, Metric.OVERDUE_COUNT})
RATE_METRICS = frozenset(set(Metric.values) - {Metric.OVERDUE_COUNT})


class RuleKind(models.TextChoices):
    LINEAR = "linear", _("Linear between two values")
    THRESHOLDS = "thresholds", _("Thresholds")


class Indicator(models.Model):
    """An automatic indicator: a figure of the department's work orders in the period, scored 0–100
    by a rule. Rates are in percent."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="indicators")
    metric = models.CharField(_("indicator"), max_length=30, choices=Metric.choices)
    weight = models.DecimalField(_("weight"), **SCORE)
    rule = models.CharField(_("scoring rule"), max_length=10, choices=RuleKind.choices)
    # Linear: the value that scores 0 and the value that scores 100, a straight line between.
    zero_at = models.DecimalField(_("value scoring 0"), max_digits=9, decimal_places=2, null=True, blank=True)
    full_at = models.DecimalField(_("value scoring 100"), max_digits=9, decimal_places=2, null=True,
                                  blank=True)
    # Thresholds: [{"at": bound, "score": score}, …]; the value earns the best score of the bounds it
    # reaches (at least the bound where higher is better, at most where lower is better).
    steps = models.JSONField(_("thresholds"), default=list, blank=True)

    class Meta:
        verbose_name = _("automatic indicator")
        verbose_name_plural = _("automatic indicators")
        ordering = ["period", "id"]
        constraints = [models.UniqueConstraint(fields=["period", "metric"], name="assessment_metric_once")]

    def __str__(self) -> str:
        return self.get_metric_display()


class ManualItemKind(models.TextChoices):
    RATING = "rating", _("The street rates the department")
    POSTED_STAFF = "posted_staff", _("The street scores the staff the department posted to it")


class ManualItem(models.Model):
    """An item every street scores for every department (cooperation, liaison presence, …) or, for
    the posted-staff kind, for each member of staff the department posted to the street."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="manual_items")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ManualItemKind.choices,
                            default=ManualItemKind.RATING)
    weight = models.DecimalField(_("weight"), **SCORE)
    max_score = models.DecimalField(_("highest score"), default=100, **SCORE)

    class Meta:
        verbose_name = _("street-scored item")
        verbose_name_plural = _("street-scored items")
        ordering = ["period", "id"]
        constraints = [models.UniqueConstraint(fields=["period", "name"], name="assessment_item_name_once")]

    def __str__(self) -> str:
        return self.name


class PostedStaff(models.Model):
    """A law-enforcement officer or department staff member posted down to a street (下沉)."""

    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="+")
    street = models.ForeignKey(Unit, verbose_name=_("street"), on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"kind": "street"})
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("post"), max_length=50, blank=True)
    posted_on = models.DateField(_("posted on"))
    ended_on = models.DateField(_("posting ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("posted staff member")
        verbose_name_plural = _("posted staff")
        ordering = ["street__code", "department__code", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.department} → {self.street.name})"


class ManualScore(models.Model):
    """A street's score of one item for one department (or one posted staff member of it)."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="manual_scores")
    item = models.ForeignKey(ManualItem, verbose_name=_("item"), on_delete=models.CASCADE,
                             related_name="scores")
    street = models.ForeignKey(Unit, verbose_name=_("street"), on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="+")
    staff = models.ForeignKey(PostedStaff, verbose_name=_("posted staff member"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), **SCORE)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("scored by"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(_("scored at"))
    adjusted_score = models.DecimalField(_("score after the city's adjustment"), null=True, blank=True,
                                         **SCORE)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("street's score")
        verbose_name_plural = _("streets' scores")
        ordering = ["street__code", "department__code", "item_id", "staff_id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "street", "department"], condition=Q(staff__isnull=True),
                                    name="assessment_score_once"),
            models.UniqueConstraint(fields=["item", "staff"], condition=Q(staff__isnull=False),
                                    name="assessment_staff_score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.item} · {self.street.name} → {self.staff or self.department}"

    @property
    def effective_score(self):
        return self.score if self.adjusted_score is None else self.adjusted_score


class IndicatorResult(models.Model):
    """A department's value of one automatic indicator in the period and the score it earns."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="indicator_results")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="results")
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="+")
    # None: the indicator does not apply (no order dispatched, or none rated); its weight is left out.
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2, null=True, blank=True)
    computed_score = models.DecimalField(_("score"), null=True, blank=True, **SCORE)
    adjusted_score = models.DecimalField(_("score after the city's adjustment"), null=True, blank=True,
                                         **SCORE)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("indicator result")
        verbose_name_plural = _("indicator results")
        ordering = ["department__code", "indicator_id"]
        constraints = [models.UniqueConstraint(fields=["indicator", "department"],
                                               name="assessment_result_once")]

    def __str__(self) -> str:
        return f"{self.department} · {self.indicator}"

    @property
    def effective_score(self):
        return self.computed_score if self.adjusted_score is None else self.adjusted_score


class DepartmentResult(models.Model):
    """A department's result in the period: the automatic and the streets' parts, the total and
    the rank. The breakdown is read from the indicator results and the scores behind it."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="results")
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="+")
    # The work-order counts the indicators were computed from.
    figures = models.JSONField(_("work-order figures"), default=dict, blank=True)
    automatic_score = models.DecimalField(_("automatic score"), null=True, blank=True, **SCORE)
    street_score = models.DecimalField(_("streets' score"), null=True, blank=True, **SCORE)
    total = models.DecimalField(_("total"), null=True, blank=True, **SCORE)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)

    class Meta:
        verbose_name = _("department result")
        verbose_name_plural = _("department results")
        ordering = ["period", "rank", "department__code"]
        constraints = [models.UniqueConstraint(fields=["period", "department"],
                                               name="assessment_department_once")]

    def __str__(self) -> str:
        return f"{self.period} · {self.department}"


class AppealState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ADJUSTED = "adjusted", _("Adjusted")
    DISMISSED = "dismissed", _("Dismissed")


class Appeal(models.Model):
    """A department's appeal of one item of its result: an indicator's score or a street's score."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE,
                               related_name="appeals")
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="+")
    indicator_result = models.ForeignKey(IndicatorResult, verbose_name=_("indicator result"), null=True,
                                         blank=True, on_delete=models.PROTECT, related_name="appeals")
    manual_score = models.ForeignKey(ManualScore, verbose_name=_("street's score"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="appeals")
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=10, choices=AppealState.choices,
                             default=AppealState.PENDING)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed at"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    score_before = models.DecimalField(_("score before"), null=True, blank=True, **SCORE)
    score_after = models.DecimalField(_("score after"), null=True, blank=True, **SCORE)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(indicator_result__isnull=False) & Q(manual_score__isnull=True))
                | (Q(indicator_result__isnull=True) & Q(manual_score__isnull=False)),
                name="assessment_appeal_one_item"),
            models.UniqueConstraint(fields=["indicator_result"], condition=Q(state="pending"),
                                    name="assessment_one_pending_appeal_of_result"),
            models.UniqueConstraint(fields=["manual_score"], condition=Q(state="pending"),
                                    name="assessment_one_pending_appeal_of_score"),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.item_label}"

    @property
    def item(self) -> IndicatorResult | ManualScore:
        return self.indicator_result or self.manual_score

    @property
    def item_label(self) -> str:
        if self.indicator_result_id:
            return str(self.indicator_result.indicator)
        score = self.manual_score
        return f"{score.item} · {score.street.name}" + (f" · {score.staff.name}" if score.staff_id else "")
