"""Background jobs of the workforce (huey): telling workers their pay slip is ready."""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from gongzhi.common.models import DomainEvent
from gongzhi.common.notifications import notifications_deliver
from gongzhi.workforce.models import PayLine, PayRun


@db_task()
def pay_slips_notify(pay_run_id: int) -> int:
    """Put a note in the inbox of every paid worker who has an account, after the run committed."""
    run = PayRun.objects.filter(pk=pay_run_id).first()
    event = DomainEvent.objects.filter(
        action="workforce.pay_run.create", object_type="workforce.payrun", object_id=str(pay_run_id)
    ).first()
    if run is None or event is None:
        return 0
    delivered = 0
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Your pay slip for %(month)s is ready") % {"month": run.month.strftime("%Y-%m")}
    for line in PayLine.objects.filter(pay_run=run, worker__user__isnull=False).select_related(
        "worker__user"
    ):
        try:
            url = reverse("workforce:pay-slip", args=[line.pk])
        except NoReverseMatch:  # pages not mounted (an API-only deployment)
            url = ""
        delivered += notifications_deliver(event=event, recipients=[line.worker.user], title=title, url=url)
    return delivered
