"""Kernel models: the domain-event table every business action writes to."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainEvent(models.Model):
    """One business action: who (user and the membership they acted through), what, on which
    record, when, and the record's relevant fields before and after. Never updated or deleted."""

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("org.Membership", verbose_name=_("acting as"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(_("record id"), max_length=40)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    # The unit the record belongs to (its code), so that audit browsing can be scoped by subtree.
    unit_code = models.CharField(_("unit code"), max_length=15, blank=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)

    class Meta:
        verbose_name = _("domain event")
        verbose_name_plural = _("domain events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class WorkingDayOverride(models.Model):
    """One day whose working status differs from what the `chinese-calendar` package says (or, for
    a year it does not know yet, from Monday–Friday): a holiday announced after the package was
    released, an adjusted working weekend, a local holiday such as Xinjiang's Corban Festival.
    Overrides win. Edited through ``common.calendar.services`` (the admin calls them)."""

    day = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    reason = models.CharField(_("reason"), max_length=100)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.reason}"


class WorkingCalendarRevision(models.Model):
    """A single counter raised in the same transaction as every change to the overrides. Each
    process keeps the working days it has computed in memory and compares this number now and
    then: a different number (higher after a commit, lower after a rollback) means reload."""

    number = models.BigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("working-calendar revision")
        verbose_name_plural = _("working-calendar revisions")

    def __str__(self) -> str:
        return str(self.number)


class Notification(models.Model):
    """One row in a user's in-app inbox, pointing at the event that concerns them."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                                  related_name="notifications")
    event = models.ForeignKey(DomainEvent, verbose_name=_("event"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.CharField(_("text"), max_length=500, blank=True)
    url = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "created_at"], name="notification_inbox")]
        constraints = [
            # One row per user per event, however often delivery is retried.
            models.UniqueConstraint(fields=["recipient", "event"], name="notification_once_per_event"),
        ]

    def __str__(self) -> str:
        return self.title
