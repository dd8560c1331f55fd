"""Who reads and reports work orders through the API: the list (and its Excel export) holds exactly
the actor's orders, the detail and timeline of another unit's or department's order answer 404,
and only the roles that report may create, each in its own area."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder
from tests.api_support import EVERYONE, assert_error, expected_by_role


@pytest.fixture
def placed(orders, small_city):
    """An order in each corner of the small city: street a (reported, and one with housing), street
    b (reported, and one with urban management)."""
    city = small_city
    street_b_reported = services.order_report(
        actor=city.actor("street_b_dispatcher"), title="北京南路井盖缺失", description="一号路口井盖缺失",
        category_code="0301", channel="street", grid_code=city.grid_b1.code)
    street_b_urban = services.order_report(
        actor=city.actor("street_b_dispatcher"), title="北京南路占道经营", description="早市占道",
        category_code="0104", channel="street", community_code=city.community_b1.code)
    services.order_dispatch(actor=city.actor("street_b_dispatcher"), order=street_b_urban,
                            lead_department_code="URBAN")
    return {
        "a_reported": orders.reported(),
        "a_housing": orders.in_progress(),
        "a2_reported": services.order_report(
            actor=city.actor("street_a_leader"), title="建国路二社区路灯", description="路灯不亮",
            category_code="0301", channel="street", community_code=city.community_a2.code),
        "b_reported": street_b_reported,
        "b_urban": street_b_urban,
    }


ALL = ["a_reported", "a_housing", "a2_reported", "b_reported", "b_urban"]
VISIBLE = {
    "city_admin": ALL,
    "city_leader": ALL,
    "street_a_dispatcher": ["a_reported", "a_housing", "a2_reported"],
    "street_a_leader": ["a_reported", "a_housing", "a2_reported"],
    "street_b_dispatcher": ["b_reported", "b_urban"],
    "community_a1_worker": ["a_reported", "a_housing"],
    "community_b1_worker": ["b_reported", "b_urban"],
    "grid_a1_worker": ["a_reported", "a_housing"],
    "housing_handler": ["a_housing"],
    "housing_leader": ["a_housing"],
    "urban_handler": ["b_urban"],
    "urban_liaison": ["b_urban"],
}


@pytest.mark.parametrize("who,expected", VISIBLE.items())
def test_list_holds_exactly_the_actors_orders(placed, small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:work-order-list"))
    assert response.status_code == 200
    assert sorted(row["number"] for row in response.json()["results"]) == sorted(placed[k].number for k in expected)


@pytest.mark.parametrize("who,expected", VISIBLE.items())
def test_export_holds_exactly_the_actors_orders(placed, small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:work-order-export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(exported) == sorted(placed[k].number for k in expected)


@pytest.mark.parametrize("route", ["api:work-order-list", "api:work-order-export"])
def test_orders_are_closed_to_a_user_without_a_role_and_to_anonymous_callers(small_city, api_client_for, client,
                                                                              route):
    assert_error(api_client_for(small_city.users["nobody"]).get(reverse(route)), 403)
    assert_error(client.get(reverse(route)), 401)


@pytest.mark.parametrize("route", ["api:work-order-detail", "api:work-order-events"])
@pytest.mark.parametrize("who", EVERYONE)
def test_detail_and_timeline_of_each_order(placed, small_city, api_client_for, route, who):
    client = api_client_for(small_city.users[who])
    for key, order in placed.items():
        response = client.get(reverse(route, args=[order.number]))
        if who == "nobody":
            assert_error(response, 403)
        elif key in VISIBLE[who]:
            assert response.status_code == 200, (key, response.content[:300])
        else:
            assert_error(response, 404)


def test_an_unknown_number_answers_like_an_order_out_of_reach(placed, small_city, api_client_for):
    client = api_client_for(small_city.users["street_b_dispatcher"])
    unknown = assert_error(client.get(reverse("api:work-order-detail", args=["20990101000001"])), 404)
    hidden = assert_error(client.get(reverse("api:work-order-detail", args=[placed["a_reported"].number])), 404)
    assert unknown == hidden


# Where each role may report: somewhere in its own area.
PLACE = {
    "city_admin": {"grid_code": "652301002001001"},
    "street_a_dispatcher": {"community_code": "652301001002"},
    "street_a_leader": {"grid_code": "652301001001001"},
    "street_b_dispatcher": {"grid_code": "652301002001001"},
    "community_a1_worker": {"grid_code": "652301001001001"},
    "community_b1_worker": {"community_code": "652301002001"},
    "grid_a1_worker": {"grid_code": "652301001001001"},
}
REPORT = {"title": "楼道堆物", "description": "三单元楼道堆放杂物，影响消防通道。", "category": "0301", "channel": "community"}


@pytest.mark.parametrize("who,expected", expected_by_role(
    403, city_admin=201, street_a_dispatcher=201, street_a_leader=201, street_b_dispatcher=201,
    community_a1_worker=201, community_b1_worker=201, grid_a1_worker=201))
def test_report_is_for_the_roles_that_collect_problems(small_city, catalogue, api_client_for, who, expected):
    body = {**REPORT, **PLACE.get(who, {"grid_code": "652301001001001"})}
    response = api_client_for(small_city.users[who]).post(reverse("api:work-order-list"), body, format="json")
    if expected == 201:
        assert response.status_code == 201, response.content
        assert WorkOrder.objects.filter(number=response.json()["number"]).exists()
    else:
        assert_error(response, 403)
        assert not WorkOrder.objects.exists()


@pytest.mark.parametrize("who", ["street_b_dispatcher", "community_b1_worker", "grid_a1_worker"])
def test_report_outside_ones_area_is_refused(small_city, catalogue, api_client_for, who):
    elsewhere = {"street_b_dispatcher": {"grid_code": "652301001001001"},
                 "community_b1_worker": {"community_code": "652301001002"},
                 "grid_a1_worker": {"grid_code": "652301002001001"}}[who]
    response = api_client_for(small_city.users[who]).post(reverse("api:work-order-list"), {**REPORT, **elsewhere},
                                                          format="json")
    assert_error(response, 400, "location")
    assert not WorkOrder.objects.exists()
