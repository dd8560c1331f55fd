"""Cadre files: the posts a cadre held, the honours, the party-building review results (read from
the review sessions) and the promotions, each recorded with its basis."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.org.models import Department, Unit


class PostKind(models.TextChoices):
    STREET_SECRETARY = "street_secretary", _("Street party working committee secretary")
    COMMUNITY_SECRETARY = "community_secretary", _("Community party secretary")
    DEPARTMENT_SECRETARY = "department_secretary", _("Department party secretary")
    OTHER = "other", _("Other cadre post")


# Where a post is held, checked on every write: a street or a community, or a department.
UNIT_KIND_OF_POST = {PostKind.STREET_SECRETARY: "street", PostKind.COMMUNITY_SECRETARY: "community"}


def _one_organisation(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(unit__isnull=True) | Q(department__isnull=True), name=name)


class Cadre(models.Model):
    name = models.CharField(_("name"), max_length=50)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="cadre_file")
    post_kind = models.CharField(_("kind of post"), max_length=30, choices=PostKind.choices)
    title = models.CharField(_("current post"), max_length=100)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cadre file")
        verbose_name_plural = _("cadre files")
        ordering = ["name", "id"]
        constraints = [_one_organisation("cadre_one_organisation")]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_name(self) -> str:
        if self.unit_id:
            return self.unit.name
        return self.department.name if self.department_id else ""


class CadrePost(models.Model):
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE, related_name="posts")
    post_kind = models.CharField(_("kind of post"), max_length=30, choices=PostKind.choices)
    title = models.CharField(_("post"), max_length=100)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("post held")
        verbose_name_plural = _("posts held")
        ordering = ["cadre", "-started_on", "-id"]
        constraints = [_one_organisation("cadre_post_one_organisation")]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.title}"


class CadreHonour(models.Model):
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE,
                              related_name="honours")
    title = models.CharField(_("honour"), max_length=100)
    awarded_by = models.CharField(_("awarded by"), max_length=100)
    awarded_on = models.DateField(_("awarded on"))

    class Meta:
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        ordering = ["cadre", "-awarded_on", "-id"]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.title}"


class CadrePromotion(models.Model):
    """A promotion and its basis: the decision's words and the review grades it rested on."""

    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.CASCADE,
                              related_name="promotions")
    from_title = models.CharField(_("from post"), max_length=100)
    to_title = models.CharField(_("to post"), max_length=100)
    effective_on = models.DateField(_("takes effect on"))
    basis = models.TextField(_("basis"))
    # The cadre's review results when the promotion was recorded: [{"year", "grade", "score"}, …].
    review_results = models.JSONField(_("review results at the time"), default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["cadre", "-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.cadre}: {self.from_title} → {self.to_title}"
