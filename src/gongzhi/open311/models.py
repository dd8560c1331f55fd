"""Open311 and the resident portal: the client systems allowed to file service requests, and what
such a system sent with an order beyond the order's own fields. The orders themselves are work
orders (orders/); this module is a door into their loop, not a second store of problems."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.orders.models import WorkOrder


class ApiClient(models.Model):
    """A client system (a city app, FixMyStreet, another 311 system) with its own API key.

    Only a digest of the key is kept: the key is shown once, when it is issued. The prefix tells
    keys apart in lists and logs without revealing them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True,
                               help_text=_("Who runs the system: an office, a work e-mail or phone."))
    key_prefix = models.CharField(_("key prefix"), max_length=12)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True)
    requests_per_minute = models.PositiveIntegerField(
        _("service requests per minute"), default=30,
        help_text=_("How many service requests the system may file in a minute; more are refused (429)."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))
    key_issued_at = models.DateTimeField(_("key issued at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 client system")
        verbose_name_plural = _("Open311 client systems")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ClientSubmission(models.Model):
    """What a client system sent with a service request that the work order has no field for:
    a link to its photo (never fetched by us: a URL from outside is not a file we vouch for) and
    the answers to the service definition's attributes."""

    order = models.OneToOneField(WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT,
                                 related_name="open311_submission")
    client = models.ForeignKey(ApiClient, verbose_name=_("client system"), on_delete=models.PROTECT,
                               related_name="submissions")
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    attributes = models.JSONField(_("attributes"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")
        indexes = [models.Index(fields=["client", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.client} → {self.order.number}"
