"""After a pay run commits, each paid worker with an account finds a note in their inbox."""

from datetime import date

import pytest

from gongzhi.common.models import Notification
from gongzhi.workforce import services
from gongzhi.workforce.tasks import pay_slips_notify

pytestmark = pytest.mark.django_db


def test_each_paid_worker_with_an_account_is_told(city, pay_table, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        run = services.pay_run_create(
            actor=city.actor("street_a_leader"), unit_code=city.street_a.code, month=date(2024, 3, 1)
        )
    assert len(callbacks) == 1
    assert pay_slips_notify.call_local(run.pk) == 1
    note = Notification.objects.get()
    assert note.recipient == city.users["community_a1_worker"]
    assert note.title == "Your pay slip for 2024-03 is ready"
    assert note.url == f"/workforce/pay-slips/{run.lines.get(worker=staff['a1_own']).pk}/"
    # Delivered once, however often the task runs.
    pay_slips_notify.call_local(run.pk)
    assert Notification.objects.count() == 1
