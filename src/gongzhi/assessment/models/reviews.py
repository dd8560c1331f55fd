"""The party-building review (述职评议): once a year the party secretaries of streets, communities and
departments report, evaluators score each of them on the session's criteria, and the score gives a
grade that is recorded on the person's cadre file."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.assessment.models.cadres import Cadre
from gongzhi.assessment.models.periods import SCORE
from gongzhi.org.models import Department, Unit


class ReviewSessionState(models.TextChoices):
    OPEN = "open", _("Being prepared")
    SCORING = "scoring", _("Scoring")
    CLOSED = "closed", _("Closed")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    AVERAGE = "average", _("Average")
    POOR = "poor", _("Poor")


# Best first: a filter "at least good" keeps the grades up to good in this list.
GRADE_ORDER = [Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE, Grade.POOR]


class ReviewSession(models.Model):
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    title = models.CharField(_("title"), max_length=100, unique=True)
    held_on = models.DateField(_("held on"))
    state = models.CharField(_("state"), max_length=10, choices=ReviewSessionState.choices,
                             default=ReviewSessionState.OPEN)
    # The lowest score of each grade; below average_from the grade is poor.
    excellent_from = models.DecimalField(_("excellent from"), default=90, **SCORE)
    good_from = models.DecimalField(_("good from"), default=80, **SCORE)
    average_from = models.DecimalField(_("average from"), default=60, **SCORE)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("party-building review session")
        verbose_name_plural = _("party-building review sessions")
        ordering = ["-year", "-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CriterionSource(models.TextChoices):
    EVALUATORS = "evaluators", _("Scored by the evaluators")
    DEPARTMENT_ASSESSMENT = "department_assessment", _(
        "The department's regional party-building duties: its total in the year's locked assessment")


class ReviewCriterion(models.Model):
    session = models.ForeignKey(ReviewSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="criteria")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=30, choices=CriterionSource.choices,
                              default=CriterionSource.EVALUATORS)
    weight = models.DecimalField(_("weight"), **SCORE)
    max_score = models.DecimalField(_("highest score"), default=100, **SCORE)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "name"], name="review_criterion_name_once")]

    def __str__(self) -> str:
        return self.name


class ReviewEvaluator(models.Model):
    session = models.ForeignKey(ReviewSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="evaluators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("evaluator")
        verbose_name_plural = _("evaluators")
        ordering = ["session", "user__username"]
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="review_evaluator_once")]

    def __str__(self) -> str:
        return str(self.user)


class ReviewSubject(models.Model):
    """A cadre reporting in the session, for the organisation they lead; the result once closed."""

    session = models.ForeignKey(ReviewSession, verbose_name=_("session"), on_delete=models.CASCADE,
                                related_name="subjects")
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.PROTECT,
                              related_name="reviews")
    title = models.CharField(_("post reported for"), max_length=100)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), null=True, blank=True, **SCORE)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)
    evaluator_count = models.PositiveSmallIntegerField(_("evaluators who scored"), default=0)

    class Meta:
        verbose_name = _("reporting cadre")
        verbose_name_plural = _("reporting cadres")
        ordering = ["session", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "cadre"], name="review_subject_once")]

    def __str__(self) -> str:
        return f"{self.session} · {self.cadre}"

    @property
    def organisation_code(self) -> str:
        return self.unit.code if self.unit_id else ""


class ReviewScore(models.Model):
    subject = models.ForeignKey(ReviewSubject, verbose_name=_("reporting cadre"), on_delete=models.CASCADE,
                                related_name="scores")
    criterion = models.ForeignKey(ReviewCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE,
                                  related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("evaluator"),
                                  on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), **SCORE)
    scored_at = models.DateTimeField(_("scored at"))

    class Meta:
        verbose_name = _("review score")
        verbose_name_plural = _("review scores")
        ordering = ["subject", "evaluator_id", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["subject", "criterion", "evaluator"],
                                               name="review_score_once")]

    def __str__(self) -> str:
        return f"{self.subject} · {self.criterion} · {self.evaluator}"
