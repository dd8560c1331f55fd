"""The queue page: tabs with counts, the filters and the Chinese text search, deadline order, the
countdown of each row, pagination, bulk dispatch with a result per row, and the Excel download."""
import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder
from tests.api_support import nothing_written
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def numbers(response) -> list[str]:
    return [order.number for order, _countdown in response.context["rows"]]


@pytest.fixture
def street_a(small_city, page_client_for):
    return page_client_for(small_city.users["street_a_dispatcher"])


def test_tabs_count_the_orders_of_each_queue(orders, small_city, street_a):
    orders.reported()
    orders.reported(title="路灯不亮")
    orders.dispatched()
    orders.handled()
    response = street_a.get(reverse("orders:queue"))
    counts = {tab["key"]: tab["count"] for tab in response.context["tabs"]}
    assert counts == {"to_dispatch": 2, "extensions": 0, "to_verify": 1, "overdue": 0, "open": 4, "all": None}
    assert len(response.context["rows"]) == 2


def test_a_queue_lists_only_its_orders(orders, small_city, page_client_for):
    dispatched = orders.dispatched()
    orders.in_progress()
    response = page_client_for(small_city.users["housing_handler"]).get(reverse("orders:queue") + "?queue=to_accept")
    assert numbers(response) == [dispatched.number]


def test_chinese_search_matches_words_anywhere_in_the_order(orders, small_city, street_a):
    noise = orders.reported(title="工地夜间施工噪音")
    lamp = orders.reported(title="路灯不亮", description="建国路东段两盏路灯不亮", address="建国路88号")
    url = reverse("orders:queue") + "?queue=all&q="
    assert numbers(street_a.get(url + "工地噪音")) == [noise.number]
    assert numbers(street_a.get(url + "路灯 88号")) == [lamp.number]
    assert numbers(street_a.get(url + lamp.number)) == [lamp.number]
    assert numbers(street_a.get(url + "垃圾")) == []


def test_filters_narrow_the_list(orders, small_city, street_a, catalogue):
    reported = orders.reported()
    dispatched = orders.dispatched(title="违章搭建", category_code=_other_category(catalogue))
    base = reverse("orders:queue") + "?queue=all"
    assert numbers(street_a.get(base + "&state=dispatched")) == [dispatched.number]
    assert numbers(street_a.get(base + "&department=HOUSING")) == [dispatched.number]
    assert numbers(street_a.get(base + f"&category={reported.category.code}")) == [reported.number]
    assert numbers(street_a.get(base + f"&street={small_city.street_a.code}&sort=oldest")) == \
        [reported.number, dispatched.number]
    assert numbers(street_a.get(base + f"&community={small_city.community_a2.code}")) == []
    today = timezone.localdate()
    assert len(numbers(street_a.get(base + f"&reported_from={today}&reported_to={today}"))) == 2
    assert numbers(street_a.get(base + f"&reported_to={today - timedelta(days=1)}")) == []


def _other_category(catalogue) -> str:
    return next(code for code, category in catalogue.items() if category.parent_id and code != "0301")


def test_a_bad_filter_answers_400_with_the_field_named(orders, small_city, street_a):
    response = street_a.get(reverse("orders:queue") + "?queue=all&reported_from=2026-03-02&reported_to=2026-03-01")
    assert response.status_code == 400
    assert response.context["form"].errors["reported_to"]
    assert street_a.get(reverse("orders:queue") + "?state=lost").status_code == 400


def test_sorted_by_deadline_with_a_countdown_and_overdue_rows_marked(orders, small_city, street_a, page_client_for):
    later = orders.dispatched(title="晚截止")
    sooner = services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=orders.reported(),
                                     lead_department_code="HOUSING", complete_by=later.complete_by - timedelta(days=1))
    response = street_a.get(reverse("orders:queue") + "?queue=open")
    assert numbers(response) == [sooner.number, later.number]
    countdowns = [countdown for _order, countdown in response.context["rows"]]
    assert all(countdown is not None and countdown.text.endswith("left") for countdown in countdowns)

    with time_machine.travel(later.complete_by + timedelta(days=3)):
        # Signed in anew: the session of three days ago has expired.
        response = page_client_for(small_city.users["street_a_dispatcher"]).get(reverse("orders:queue") + "?queue=overdue")
    assert numbers(response) == [sooner.number, later.number]
    assert all(countdown.is_overdue for _order, countdown in response.context["rows"])
    content = response.content.decode()
    assert content.count('class="table-danger"') == 2 and "Overdue by" in content


def test_pages_of_fifty(orders, small_city, street_a):
    for index in range(51):
        orders.reported(title=f"问题{index}")
    first = street_a.get(reverse("orders:queue") + "?queue=to_dispatch")
    second = street_a.get(reverse("orders:queue") + "?queue=to_dispatch&page=2")
    assert len(first.context["rows"]) == 50 and len(second.context["rows"]) == 1
    assert "queue=to_dispatch&amp;page=2" in first.content.decode()


def test_bulk_dispatch_reports_each_row(orders, small_city, street_a):
    first, second, untouched = orders.reported(), orders.reported(title="路灯不亮"), orders.reported(title="垃圾")
    already = orders.dispatched(title="已派")
    elsewhere = services.order_report(actor=small_city.actor("street_b_dispatcher"), title="北京南路", description="路面塌陷",
                                      category_code="0301", channel="street", grid_code=small_city.grid_b1.code)
    response = street_a.post(reverse("orders:bulk-dispatch"), {
        "numbers": [first.number, second.number, already.number, elsewhere.number], "lead_department": "URBAN"})
    assert response.status_code == 200
    results = {result["number"]: result for result in response.context["results"]}
    assert [results[n]["ok"] for n in (first.number, second.number, already.number, elsewhere.number)] == \
        [True, True, False, False]
    assert "Dispatched" in results[already.number]["message"]
    assert response.context["succeeded"] == 2
    states = dict(WorkOrder.objects.values_list("number", "state"))
    assert (states[first.number], states[second.number], states[untouched.number], states[elsewhere.number]) == \
        ("dispatched", "dispatched", "reported", "reported")
    assert WorkOrder.objects.get(number=first.number).lead_department == small_city.urban


@pytest.mark.parametrize("data,field", [({"lead_department": "URBAN"}, "numbers"),
                                        ({"lead_department": ""}, "lead_department"),
                                        ({"lead_department": "NOPE"}, "lead_department")])
def test_bulk_dispatch_without_orders_or_department_writes_nothing(orders, small_city, street_a, data, field):
    order = orders.reported()
    if field != "numbers":
        data = {**data, "numbers": [order.number]}
    with nothing_written(WorkOrder):
        response = street_a.post(reverse("orders:bulk-dispatch"), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]


def test_the_to_dispatch_queue_offers_bulk_dispatch_to_dispatchers_only(orders, small_city, page_client_for):
    orders.reported()
    url = reverse("orders:queue") + "?queue=to_dispatch"
    assert page_client_for(small_city.users["street_a_dispatcher"]).get(url).context["bulk_form"] is not None
    community = page_client_for(small_city.users["community_a1_worker"]).get(reverse("orders:queue"))
    assert community.context["bulk_form"] is None


def test_the_queue_downloads_as_excel_with_its_filters(orders, small_city, street_a):
    noise = orders.reported()
    orders.reported(title="路灯不亮")
    orders.dispatched(title="工地噪音又起")
    page = street_a.get(reverse("orders:queue") + "?queue=to_dispatch&q=噪音")
    assert reverse("orders:export") + "?queue=to_dispatch&amp;q=" in page.content.decode()
    response = street_a.get(reverse("orders:export") + "?queue=to_dispatch&q=噪音", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [noise.number]
    about = dict(workbook.worksheets[1].iter_rows(values_only=True))
    assert about["Queue"] == "To dispatch" and about["Search"] == "噪音"


def test_the_export_is_scoped_and_checks_its_filters(orders, small_city, page_client_for):
    orders.reported()
    street_b = page_client_for(small_city.users["street_b_dispatcher"])
    response = street_b.get(reverse("orders:export") + "?queue=all")
    assert [row for row in load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True)][1:] == []
    assert street_b.get(reverse("orders:export") + "?queue=all&reported_from=tomorrow").status_code == 400
    assert page_client_for(small_city.users["housing_handler"]).get(
        reverse("orders:export") + "?queue=to_dispatch").status_code == 404
