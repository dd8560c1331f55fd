"""The resident portal's report: no login; a report with a map point lands in its grid's street
queue as a portal order and the resident is sent to the tracking page with their tracking code;
open reports of the same kind within 100 m and 48 h are shown before anything is filed."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from gongzhi.orders import services
from gongzhi.orders.models import Channel, WorkOrder
from tests.api_support import registry_records
from tests.orders.conftest import png

pytestmark = pytest.mark.usefixtures("english")


def report_fields(**changes) -> dict:
    fields = {"category": "0301", "description": "工地夜间施工，噪音很大。", "latitude": "44.015000",
              "longitude": "87.305000", "address": "", "reporter_name": "", "reporter_phone": ""}
    fields.update(changes)
    return fields


def test_the_form_needs_no_login_and_offers_public_categories(client, catalogue):
    catalogue["0302"].is_public = False
    catalogue["0302"].save()
    response = client.get("/report/")
    assert response.status_code == 200
    assert b'value="0301"' in response.content and b'value="0302"' not in response.content
    assert b'id="report-map"' in response.content
    assert [grid["name"] for grid in response.context["report_map"]["grids"]] == ["建国路第一社区一网格",
                                                                               "北京南路第一社区一网格"]


def test_the_form_speaks_chinese_by_default(client, catalogue, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    response = client.get("/report/")
    assert response.status_code == 200 and b'lang="zh-hans"' in response.content


def test_a_report_with_a_photo_and_a_point_becomes_a_portal_order(client, small_city, catalogue):
    response = client.post("/report/", report_fields(reporter_phone="13800001111", photos=png()))
    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/track/{order.tracking_token}/?new=1"
    assert order.channel == Channel.PORTAL and order.reported_by is None
    assert (order.grid, order.street) == (small_city.grid_a1, small_city.street_a)
    assert order.title == "施工扰民：工地夜间施工，噪音很大。"
    assert order.reporter_phone == "13800001111" and order.attachments.count() == 1
    page = client.get(response["Location"])
    assert order.number in page.content.decode() and order.tracking_token in page.content.decode()


def test_an_address_alone_suggests_and_routes_by_compound(client, small_city, catalogue):
    records = registry_records(small_city)
    suggestions = client.get("/report/places/", {"address": "南湖小区5号楼"})
    assert suggestions.status_code == 200 and "南湖小区" in suggestions.content.decode()
    assert 'data-code="C-B1"' in suggestions.content.decode()
    client.post("/report/", report_fields(latitude="", longitude="", address="南湖小区5号楼"))
    order = WorkOrder.objects.get()
    assert order.compound == records["compound_b1"] and order.street == small_city.street_b


def test_a_chosen_compound_is_used(client, small_city, catalogue):
    registry_records(small_city)
    client.post("/report/", report_fields(latitude="", longitude="", address="东门", compound="C-A2"))
    assert WorkOrder.objects.get().compound.code == "C-A2"


@pytest.fixture
def open_report_nearby(small_city, catalogue):
    """A resident's report of construction noise in grid a1, an hour ago."""
    return services.order_report(actor=None, title="工地噪音", description="夜间施工噪音", category_code="0301",
                                 channel="portal", latitude="44.015300", longitude="87.305300",
                                 now=timezone.now() - timedelta(hours=1))


def test_already_reported_nearby_is_shown_before_filing(client, open_report_nearby):
    response = client.post("/report/", report_fields())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Already reported?" in content and "工地噪音" in content and "m away" in content
    assert WorkOrder.objects.count() == 1, "nothing is filed until the resident confirms"
    assert 'name="confirmed_new" value="True"' in content or 'name="confirmed_new" value="on"' in content
    confirmed = client.post("/report/", report_fields(confirmed_new="on"))
    assert confirmed.status_code == 302 and WorkOrder.objects.count() == 2


def test_the_live_check_lists_the_same_kind_within_100_m_and_48_h(client, open_report_nearby, small_city):
    def nearby(**params):
        query = {"category": "0301", "latitude": "44.015000", "longitude": "87.305000", **params}
        return client.get("/report/nearby/", query).content.decode()

    assert "工地噪音" in nearby()  # about 41 m away
    assert "工地噪音" not in nearby(latitude="44.016500")  # about 130 m north of it
    assert "工地噪音" not in nearby(category="0302")  # another kind of problem
    services.order_report(actor=None, title="旧的噪音", description="早前的噪音", category_code="0301",
                          channel="portal", latitude="44.015000", longitude="87.305000",
                          now=timezone.now() - timedelta(hours=49))
    assert "旧的噪音" not in nearby()  # more than 48 hours ago
    services.order_reject(actor=small_city.actor("street_a_dispatcher"), order=open_report_nearby,
                          reason="not_a_problem", comment="已核实")
    assert "Already reported?" not in nearby()  # no longer open
    assert nearby(latitude="north") == "" or "Already reported?" not in nearby(latitude="north")


def test_a_staff_report_nearby_is_shown_without_its_title(client, orders):
    orders.reported(latitude="44.015100", longitude="87.305100", grid_code=None, title="网格员巡查记录")
    content = client.get("/report/nearby/", {"category": "0301", "latitude": "44.015", "longitude": "87.305"})
    assert "Already reported?" in content.content.decode()
    assert "网格员巡查记录" not in content.content.decode()
