"""The whole loop through Open311: a client system files a request with coordinates inside a grid;
it waits in that street's dispatch queue with grid and community filled; the street dispatches, the
department accepts and completes, the street verifies; GeoReport then shows it closed with the
outcome as status_notes, and servicerequestupdates lists each change."""
from __future__ import annotations

import pytest

from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder
from gongzhi.orders.selectors import Queue, orders_visible_to, queue_filter
from tests.open311.conftest import INSIDE_B1, OUTSIDE_ALL
from tests.open311.georeport_support import both_formats, json_answer

V2 = "/open311/v2"
pytestmark = pytest.mark.usefixtures("english")


def created_order(response) -> WorkOrder:
    number = json_answer(response, "service_request_created")[0]["service_request_id"]
    return WorkOrder.objects.get(number=number)


def test_a_request_goes_round_the_loop_and_reports_back(client, api_key, small_city):
    created = client.post(f"{V2}/requests.json", {
        "api_key": api_key, "service_code": "0301", "description": "北京南路工地夜里十一点还在施工。", **INSIDE_B1})
    number = json_answer(created, "service_request_created")[0]["service_request_id"]

    order = WorkOrder.objects.get(number=number)
    assert (order.grid, order.community, order.street) == (small_city.grid_b1, small_city.community_b1,
                                                           small_city.street_b)
    dispatcher_b = small_city.actor("street_b_dispatcher")
    assert orders_visible_to(dispatcher_b).filter(queue_filter(Queue.TO_DISPATCH), number=number).exists()
    assert not orders_visible_to(small_city.actor("street_a_dispatcher")).filter(number=number).exists()

    order = services.order_dispatch(actor=dispatcher_b, order=order, lead_department_code="HOUSING")
    order = services.order_accept(actor=small_city.actor("housing_handler"), order=order)
    order = services.order_complete(actor=small_city.actor("housing_handler"), order=order,
                                    result="已责令工地晚十点后停工，并现场检查。")
    services.order_verify(actor=dispatcher_b, order=order, comment="现场核实")

    request = both_formats(client.get, f"{V2}/requests/{number}", "service_requests",
                           query="extensions=true")[0]
    assert request["status"] == "closed"
    assert request["status_notes"] == "已责令工地晚十点后停工，并现场检查。"
    assert request["agency_responsible"] == "住房和城乡建设局"
    assert request["expected_datetime"] is not None
    assert [note["type"] for note in request["notes"]] == ["opened", "activity", "activity", "activity",
                                                           "closed"]
    assert "现场核实" not in str(request), "the verifier's comment is internal"

    updates = both_formats(client.get, f"{V2}/servicerequestupdates", "service_request_updates")
    changes = [(update["service_request_id"], update["status"], update["external_status_code"])
               for update in updates]
    assert changes == [
        (number, "action_scheduled", "dispatched"),
        (number, "in_progress", "in_progress"),
        (number, "in_progress", "handled"),
        (number, "fixed", "closed"),
    ]
    assert "已责令工地晚十点后停工" in updates[2]["description"]


def test_a_point_outside_every_grid_waits_for_the_city(client, api_key, small_city):
    created = client.post(f"{V2}/requests.json", {"api_key": api_key, "service_code": "0301",
                                                  "description": "城外工地噪音", **OUTSIDE_ALL})
    order = created_order(created)
    assert order.unit_code == "" and order.grid is None and order.street is None
    triage = orders_visible_to(small_city.actor("city_admin")).filter(queue_filter(Queue.TRIAGE))
    assert triage.filter(pk=order.pk).exists()
    assert not orders_visible_to(small_city.actor("street_a_dispatcher")).filter(pk=order.pk).exists()
    request = json_answer(client.get(f"{V2}/requests/{order.number}.json"), "service_requests")[0]
    assert request["agency_responsible"] is None and request["status"] == "open"


def test_an_address_naming_one_compound_routes_the_request(client, api_key, small_city):
    from tests.api_support import registry_records

    records = registry_records(small_city)
    created = client.post(f"{V2}/requests.json", {"api_key": api_key, "service_code": "0301",
                                                  "description": "小区里装修噪音", "address_string": "南湖小区5号楼"})
    order = created_order(created)
    assert order.compound == records["compound_b1"] and order.street == small_city.street_b
    assert order.address == "南湖小区5号楼"


def test_the_rejection_reason_reaches_the_client(client, api_key, small_city):
    created = client.post(f"{V2}/requests.json", {"api_key": api_key, "service_code": "0301",
                                                  "description": "噪音", **INSIDE_B1})
    order = created_order(created)
    services.order_reject(actor=small_city.actor("street_b_dispatcher"), order=order, reason="out_of_scope",
                          comment="属于私人纠纷，建议调解")
    request = json_answer(client.get(f"{V2}/requests/{order.number}.json"), "service_requests")[0]
    assert request["status"] == "closed" and "Out of scope" in request["status_notes"]
    assert "私人纠纷" not in str(request)
    updates = json_answer(client.get(f"{V2}/servicerequestupdates.json"), "service_request_updates")
    assert [update["status"] for update in updates] == ["not_councils_responsibility"]
