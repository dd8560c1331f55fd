"""The statistics page: every indicator and rate per group, the chart data, the Excel download, and
a bad period refused with the field named."""
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gongzhi.orders import services
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


@pytest.fixture
def history(orders, small_city):
    closed = orders.closed()
    services.order_rate(actor=small_city.actor("community_a1_worker"), order=closed, satisfaction="satisfied")
    orders.dispatched(title="未完成")
    orders.reported(title="未派")
    return closed


def test_counts_and_rates_by_department(history, small_city, page_client_for):
    response = page_client_for(small_city.users["city_admin"]).get(reverse("orders:statistics")
                                                                   + "?group_by=department")
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert row["label"] == small_city.housing.name
    dispatched, accepted_on_time, completed, completed_on_time, returned, reworked, overdue, rated, satisfied = \
        row["counts"]
    assert (dispatched, completed, rated, satisfied) == (2, 1, 1, 1)
    assert row["rates"][0] == 50.0  # completion rate, as a percentage
    assert response.context["totals"]["counts"][0] == 2
    chart = response.context["chart"]
    assert chart["labels"] == [small_city.housing.name] and chart["completion"] == [50.0]
    assert chart["months"] == [timezone.localdate().strftime("%Y-%m")] and chart["dispatched"] == [2]
    content = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in content and "50.0 %" in content


@pytest.mark.parametrize("group_by", ["street", "category", "month"])
def test_every_grouping_totals_the_same(history, small_city, page_client_for, group_by):
    response = page_client_for(small_city.users["street_a_dispatcher"]).get(
        reverse("orders:statistics") + f"?group_by={group_by}")
    assert response.context["totals"]["counts"][:3] == [2, 1, 1]  # dispatched, accepted on time, completed


def test_a_period_without_orders_says_so(history, small_city, page_client_for):
    response = page_client_for(small_city.users["city_admin"]).get(
        reverse("orders:statistics") + "?start=2020-01-01&end=2020-12-31")
    assert response.status_code == 200 and response.context["rows"] == []
    assert "No order was dispatched in this period." in response.content.decode()


def test_each_role_counts_only_what_it_sees(history, small_city, page_client_for):
    response = page_client_for(small_city.users["street_b_dispatcher"]).get(reverse("orders:statistics"))
    assert response.context["totals"]["counts"][0] == 0


def test_the_excel_download_holds_the_same_figures(history, small_city, page_client_for):
    client = page_client_for(small_city.users["city_admin"])
    page = client.get(reverse("orders:statistics") + "?group_by=department")
    assert reverse("orders:statistics-export") + "?group_by=department" in page.content.decode()
    response = client.get(reverse("orders:statistics-export") + "?group_by=department")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == small_city.housing.name and rows[1][2] == 2


@pytest.mark.parametrize("query,field", [("start=2026-05-01&end=2026-04-01", "end"), ("start=yesterday", "start"),
                                         ("group_by=mood", "group_by")])
def test_a_bad_period_or_grouping_answers_400(history, small_city, page_client_for, query, field):
    for url_name in ("orders:statistics", "orders:statistics-export"):
        response = page_client_for(small_city.users["city_admin"]).get(reverse(url_name) + "?" + query)
        assert response.status_code == 400
        assert response.context["form"].errors[field]


def test_a_period_longer_than_five_years_is_refused(history, small_city, page_client_for):
    today = timezone.localdate()
    query = f"?start={today - timedelta(days=366 * 6)}&end={today}"
    response = page_client_for(small_city.users["city_admin"]).get(reverse("orders:statistics") + query)
    assert response.status_code == 400 and response.context["form"].errors["end"]
