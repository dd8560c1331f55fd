"""The audit browser: open to actors with audit.view, filtered, paginated, before/after as a diff."""
from datetime import datetime, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongzhi.common.events import event_record
from gongzhi.common.models import DomainEvent
from gongzhi.common.pages import PAGE_SIZE
from gongzhi.org.services import unit_update
from tests.api_support import expected_by_role
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/audit/"


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=200))
def test_only_auditors_open_the_audit_trail(small_city, page_client_for, who, expected):
    assert page_client_for(small_city.users[who]).get(URL).status_code == expected


def test_superuser_without_a_membership_opens_it(small_city, page_client_for):
    user = small_city.users["nobody"]
    user.is_superuser = True
    user.save()
    assert page_client_for(user).get(URL).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.fixture
def events(small_city):
    """A renamed community (by the city admin), a renamed street (by the platform) and an old event."""
    admin = small_city.actor("city_admin")
    unit_update(actor=admin, unit=small_city.community_a1, changes={"name": "建国路幸福社区", "households": 420})
    unit_update(actor=None, unit=small_city.street_b, changes={"phone": "0994-1234567"})
    with transaction.atomic():
        event_record(actor=None, action="unit.note", target=small_city.city, unit_code=small_city.city.code,
                     occurred_at=timezone.make_aware(datetime(2024, 3, 1, 9, 0)), comment="old")
    return DomainEvent.objects.all()


def _page(small_city, page_client_for, query: str = "") -> str:
    response = page_client_for(small_city.users["city_admin"]).get(f"{URL}?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_events_show_who_acted_in_which_role_and_what_changed(small_city, page_client_for, events):
    content = _page(small_city, page_client_for, "action=unit.update&unit=652301001")
    assert "city.admin" in content and "City administrator" in content
    assert '<del class="audit-before"><span class="visually-hidden">before:</span> 建国路第一社区</del>' in content
    assert '<ins class="audit-after"><span class="visually-hidden">after:</span> 建国路幸福社区</ins>' in content
    assert "420" in content


@pytest.mark.parametrize("query,shown,hidden", [
    ("action=unit.note", ["unit.note"], ["0994-1234567"]),
    ("object_type=org.unit&unit=652301002", ["0994-1234567"], ["建国路幸福社区"]),
    ("actor=city.admin", ["建国路幸福社区"], ["0994-1234567"]),
    ("occurred_to=2024-03-01", ["unit.note"], ["建国路幸福社区", "0994-1234567"]),
    ("occurred_from=2024-03-02", ["建国路幸福社区", "0994-1234567"], ["<code>unit.note</code>"]),
])
def test_filters_narrow_the_list(small_city, page_client_for, events, query, shown, hidden):
    content = _page(small_city, page_client_for, query)
    for text in shown:
        assert text in content
    for text in hidden:
        assert text not in content


def test_the_filter_offers_the_actions_and_record_types_present(small_city, page_client_for, events):
    content = _page(small_city, page_client_for)
    assert '<option value="unit.update">' in content and '<option value="org.unit">' in content


@pytest.mark.parametrize("query,field", [
    ("occurred_from=2024-03-05&occurred_to=2024-03-01", "occurred_to"),
    ("occurred_from=yesterday", "occurred_from"),
    ("unit=abc", "unit"),
    ("action=no.such.action", "action"),
])
def test_bad_filters_are_named_and_never_fail_the_page(small_city, page_client_for, events, query, field):
    content = _page(small_city, page_client_for, query)
    assert f'id="id_{field}_error"' in content


def test_events_are_paginated_newest_first_keeping_the_filters(small_city, page_client_for):
    start = timezone.now() - timedelta(days=1)
    with transaction.atomic():
        for number in range(PAGE_SIZE + 5):
            event_record(actor=None, action="unit.note", target=small_city.city, comment=f"note {number:03d}",
                         occurred_at=start + timedelta(minutes=number))
    first = _page(small_city, page_client_for, "action=unit.note")
    assert f"note {PAGE_SIZE + 4:03d}" in first and "note 004" not in first
    assert "?action=unit.note&amp;page=2" in first
    second = _page(small_city, page_client_for, "action=unit.note&page=2")
    assert "note 004" in second and "note 000" in second


def test_a_diff_lists_only_the_fields_that_changed(small_city, page_client_for):
    unit_update(actor=None, unit=small_city.street_b, changes={"phone": "0994-7654321", "address": ""})
    content = _page(small_city, page_client_for, "action=unit.update")
    assert "<code>phone</code>" in content and "0994-7654321" in content
    assert "<code>address</code>" not in content


def test_a_made_record_shows_its_values_without_a_before(small_city, page_client_for):
    from gongzhi.org.services import compound_create

    compound_create(actor=None, code="C-NEW", name="新建小区", community_code=small_city.community_a1.code,
                    households=50)
    content = " ".join(_page(small_city, page_client_for, "action=compound.create").split())
    assert "<code>name</code>: 新建小区" in content
    assert "audit-before" not in content
