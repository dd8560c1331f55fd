"""The statistics endpoint and its Excel export count every indicator right: a handful of orders
taken through the services at known times, and the figures worked out by hand below."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder
from tests.api_support import assert_error
from tests.orders.conftest import local

PERIOD = {"from": "2025-03-01", "to": "2025-04-30"}


@pytest.fixture
def history(small_city, catalogue):
    """Category 0301 allows 2 working hours to accept and 3 working days to complete; office hours
    are 10:00–14:00 and 15:30–19:30. Dispatched on Monday 3 March at 10:00, an order is to be
    accepted by 12:00 and completed by Thursday 6 March 19:30."""
    city = small_city
    actor = city.actor

    def report(who: str, when, **place):
        return services.order_report(actor=actor(who), title="施工扰民", description="夜间施工噪音",
                                     category_code="0301", channel="street", now=when, **place)

    def dispatch(order, who: str, department: str, when):
        return services.order_dispatch(actor=actor(who), order=order, lead_department_code=department, now=when)

    def finish(order, *, day: int, satisfaction: str) -> None:
        """Housing completes at 11:00 of that day of March, the street verifies at 12:00, the
        community rates at 13:00."""
        services.order_complete(actor=actor("housing_handler"), order=order, result="已停工",
                                now=local(2025, 3, day, 11))
        services.order_verify(actor=actor("street_a_dispatcher"), order=order, now=local(2025, 3, day, 12))
        services.order_rate(actor=actor("community_a1_worker"), order=order, satisfaction=satisfaction,
                            now=local(2025, 3, day, 13))

    # A1: housing; accepted and completed on time; verified; satisfied.
    a1 = dispatch(report("street_a_dispatcher", local(2025, 3, 3, 9), grid_code=city.grid_a1.code),
                  "street_a_dispatcher", "HOUSING", local(2025, 3, 3, 10))
    services.order_accept(actor=actor("housing_handler"), order=a1, now=local(2025, 3, 3, 11))
    finish(a1, day=4, satisfaction="satisfied")

    # A2: housing; accepted late (after 12:00), overdue at the sweep, completed late; unsatisfied.
    a2 = dispatch(report("street_a_dispatcher", local(2025, 3, 3, 9), grid_code=city.grid_a1.code),
                  "street_a_dispatcher", "HOUSING", local(2025, 3, 3, 10))
    services.order_accept(actor=actor("housing_handler"), order=a2, now=local(2025, 3, 3, 16))
    assert services.orders_overdue_sweep(now=local(2025, 3, 6, 20, 30)) == 1
    finish(a2, day=7, satisfaction="unsatisfied")

    # A4: urban management returns it; housing takes it on time, is sent back once, completes on
    # time at the second go; verified; basically satisfied.
    a4 = dispatch(report("street_a_dispatcher", local(2025, 3, 10, 9), community_code=city.community_a1.code),
                  "street_a_dispatcher", "URBAN", local(2025, 3, 10, 10))
    services.order_return(actor=actor("urban_handler"), order=a4, reason="非本部门职责", now=local(2025, 3, 10, 11))
    a4 = dispatch(WorkOrder.objects.get(pk=a4.pk), "street_a_dispatcher", "HOUSING", local(2025, 3, 10, 15, 30))
    services.order_accept(actor=actor("housing_handler"), order=a4, now=local(2025, 3, 10, 16))
    services.order_complete(actor=actor("housing_handler"), order=a4, result="已处理", now=local(2025, 3, 11, 11))
    services.order_rework(actor=actor("community_a1_worker"), order=a4, reason="仍有噪音", now=local(2025, 3, 11, 12))
    finish(a4, day=12, satisfaction="basic")

    # A3: housing; accepted on time, still in progress.
    a3 = dispatch(report("street_a_dispatcher", local(2025, 3, 17, 9), grid_code=city.grid_a1.code),
                  "street_a_dispatcher", "HOUSING", local(2025, 3, 17, 10))
    services.order_accept(actor=actor("housing_handler"), order=a3, now=local(2025, 3, 17, 11))

    # B1: street b, urban management; accepted and completed on time, not yet verified.
    b1 = dispatch(report("street_b_dispatcher", local(2025, 3, 10, 9), grid_code=city.grid_b1.code),
                  "street_b_dispatcher", "URBAN", local(2025, 3, 10, 10))
    services.order_accept(actor=actor("urban_handler"), order=b1, now=local(2025, 3, 10, 11))
    services.order_complete(actor=actor("urban_handler"), order=b1, result="已处理", now=local(2025, 3, 11, 11))

    # B2: street b, urban management, dispatched in April, not accepted.
    dispatch(report("street_b_dispatcher", local(2025, 4, 1, 9), grid_code=city.grid_b1.code),
             "street_b_dispatcher", "URBAN", local(2025, 4, 1, 10))

    # Outside the figures: dispatched after the period, and never dispatched.
    dispatch(report("street_a_dispatcher", local(2025, 5, 6, 9), grid_code=city.grid_a1.code),
             "street_a_dispatcher", "HOUSING", local(2025, 5, 6, 10))
    report("street_a_dispatcher", local(2025, 3, 5, 9), grid_code=city.grid_a1.code)


COUNT_NAMES = ["dispatched", "accepted_on_time", "completed", "completed_on_time", "returned", "reworked", "overdue",
               "rated", "satisfied"]
RATE_NAMES = ["completion_rate", "on_time_acceptance_rate", "on_time_completion_rate", "satisfaction_rate"]


def figures(counts: tuple, rates: tuple) -> dict:
    return {**dict(zip(COUNT_NAMES, counts)), **dict(zip(RATE_NAMES, rates))}


# Housing: A1, A2, A3, A4 dispatched; accepted on time A1, A3, A4; completed A1, A2, A4, on time A1,
# A4; returned none itself; reworked A4; overdue A2; rated A1, A2, A4; satisfied A1 and A4 (basic).
HOUSING = figures((4, 3, 3, 2, 0, 1, 1, 3, 2), (0.75, 0.75, 0.5, 0.667))
# Urban management: B1, B2 dispatched; B1 accepted and completed on time; it returned A4.
URBAN = figures((2, 1, 1, 1, 1, 0, 0, 0, 0), (0.5, 0.5, 0.5, None))
# Everything: 6 dispatched; accepted on time A1, A3, A4, B1; completed A1, A2, A4, B1, on time A1,
# A4, B1; one order (A4) ever returned.
TOTALS = figures((6, 4, 4, 3, 1, 1, 1, 3, 2), (0.667, 0.667, 0.5, 0.667))
STREET_A = figures((4, 3, 3, 2, 1, 1, 1, 3, 2), (0.75, 0.75, 0.5, 0.667))
STREET_B = figures((2, 1, 1, 1, 0, 0, 0, 0, 0), (0.5, 0.5, 0.5, None))


def statistics(client, **query) -> dict:
    response = client.get(reverse("api:work-order-statistics"), {**PERIOD, **query})
    assert response.status_code == 200, response.content
    return response.json()


def by_key(body: dict) -> dict:
    return {group["key"]: {name: group[name] for name in COUNT_NAMES + RATE_NAMES} for group in body["groups"]}


def test_statistics_by_department(history, small_city, api_client_for):
    body = statistics(api_client_for(small_city.users["city_admin"]), group_by="department")
    assert (body["group_by"], body["from"], body["to"]) == ("department", "2025-03-01", "2025-04-30")
    assert by_key(body) == {"HOUSING": HOUSING, "URBAN": URBAN}
    assert {group["key"]: group["label"] for group in body["groups"]} == {
        "HOUSING": small_city.housing.name, "URBAN": small_city.urban.name}
    assert body["totals"] == TOTALS


def test_statistics_by_street_and_by_month(history, small_city, api_client_for):
    client = api_client_for(small_city.users["city_leader"])
    assert by_key(statistics(client, group_by="street")) == {"652301001": STREET_A, "652301002": STREET_B}
    months = by_key(statistics(client, group_by="month"))
    assert {month: row["dispatched"] for month, row in months.items()} == {"2025-03": 5, "2025-04": 1}
    assert statistics(client, group_by="category")["groups"][0]["key"] == "0301"


def test_statistics_count_only_what_the_actor_sees(history, small_city, api_client_for):
    body = statistics(api_client_for(small_city.users["street_b_dispatcher"]), group_by="department")
    # Street b does not see A4, so urban management's return of it is not counted here.
    assert by_key(body) == {"URBAN": figures((2, 1, 1, 1, 0, 0, 0, 0, 0), (0.5, 0.5, 0.5, None))}
    # Housing sees A1–A4, all in street a; by street, an order ever returned counts whoever returned it.
    housing = statistics(api_client_for(small_city.users["housing_leader"]), group_by="street")
    assert by_key(housing) == {"652301001": STREET_A}


def test_statistics_export_holds_the_same_figures(history, small_city, api_client_for):
    response = api_client_for(small_city.users["city_admin"]).get(
        reverse("api:work-order-statistics-export"), {**PERIOD, "group_by": "department"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="work-order-statistics-')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == ["HOUSING", "URBAN", None]
    assert [list(row[2:]) for row in rows] == [
        [HOUSING[name] for name in COUNT_NAMES + RATE_NAMES],
        [URBAN[name] for name in COUNT_NAMES + RATE_NAMES],
        [TOTALS[name] for name in COUNT_NAMES + RATE_NAMES],
    ]


@pytest.mark.parametrize("query,field", [
    ({"group_by": "week"}, "group_by"),
    ({"from": "2025-02-30"}, "from"),
    ({"to": "yesterday"}, "to"),
    ({"from": "2025-05-01", "to": "2025-04-30"}, "to"),
    ({"from": "2015-01-01", "to": "2025-01-01"}, "to"),
])
@pytest.mark.parametrize("route", ["api:work-order-statistics", "api:work-order-statistics-export"])
def test_statistics_refuse_bad_parameters_naming_them(small_city, api_client_for, query, field, route):
    response = api_client_for(small_city.users["city_admin"]).get(reverse(route), query)
    assert_error(response, 400, field)


def test_statistics_default_to_the_current_year_by_department(small_city, api_client_for):
    response = api_client_for(small_city.users["city_admin"]).get(reverse("api:work-order-statistics"))
    body = response.json()
    assert body["group_by"] == "department"
    assert body["from"] == f"{timezone.localdate().year}-01-01"
    assert body["to"] == timezone.localdate().isoformat()
