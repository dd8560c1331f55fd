"""A period's whole life through the API: the city defines the scheme, the streets score, a
department appeals, the city adjusts with a reason, the period locks; after that every change is
refused (409) and the attempt is recorded, while the figures stay as they were locked."""
from __future__ import annotations

import logging

import pytest

from gongzhi.assessment.models import Period
from gongzhi.common.models import DomainEvent
from gongzhi.orders import services as order_services
from tests.api_support import assert_error
from tests.assessment.conftest import INDICATORS, ITEMS
from tests.orders.conftest import local
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
API = "/api/v1/assessment"


@pytest.fixture
def clients(small_city, api_client_for):
    return {key: api_client_for(small_city.users[key]) for key in
            ("city_admin", "street_a_dispatcher", "street_b_dispatcher", "housing_leader", "urban_handler")}


def post(client, path: str, data=None, status: int = 200) -> dict:
    response = client.post(f"{API}{path}", data or {}, format="json")
    assert response.status_code == status, response.content
    return response.json() if response.content else {}


def results_of(client, period_id: int) -> dict:
    return {row["department"]["code"]: (row["total"], row["rank"])
            for row in client.get(f"{API}/periods/{period_id}/results").json()}


def test_the_period_from_its_scheme_to_its_lock(small_city, quarter_orders, posted, water, clients, caplog,
                                                english):
    admin, street_a, street_b, housing = (clients["city_admin"], clients["street_a_dispatcher"],
                                          clients["street_b_dispatcher"], clients["housing_leader"])
    period = post(admin, "/periods", {"name": "2025年第一季度", "kind": "quarter", "year": 2025, "quarter": 1,
                                      "street_share": 20}, status=201)
    pid = period["id"]
    assert (period["starts_on"], period["ends_on"], period["state"]) == ("2025-01-01", "2025-03-31", "open")
    for indicator in INDICATORS:
        post(admin, f"/periods/{pid}/indicators", indicator, status=201)
    for item in ITEMS:
        post(admin, f"/periods/{pid}/items", item, status=201)
    items = {item["name"]: item["id"] for item in admin.get(f"{API}/periods/{pid}").json()["manual_items"]}
    cooperation = items["配合度"]
    # Nobody scores before the scheme is final.
    assert_error(street_a.post(f"{API}/periods/{pid}/scores", {"scores": [
        {"item": cooperation, "department": "HOUSING", "score": 90}]}, format="json"), 409)

    assert post(admin, f"/periods/{pid}/start-scoring")["state"] == "scoring"
    # The scheme is final now.
    assert_error(admin.post(f"{API}/periods/{pid}/items", {"name": "新增", "weight": 5}, format="json"), 409)
    post(street_a, f"/periods/{pid}/scores", {"scores": [
        {"item": cooperation, "department": "HOUSING", "score": 90},
        {"item": cooperation, "department": "URBAN", "score": 70},
        {"item": items["下沉人员"], "staff": posted["zhang"].pk, "score": 80},
        {"item": items["下沉人员"], "staff": posted["li"].pk, "score": 100}]})
    post(street_b, f"/periods/{pid}/scores", {"scores": [
        {"item": cooperation, "department": "HOUSING", "score": 70, "comment": "响应较慢"},
        {"item": cooperation, "department": "URBAN", "score": 85}]})
    assert results_of(admin, pid) == {"URBAN": (86.89, 1), "HOUSING": (44.2, 2), "WATER": (None, None)}

    post(admin, f"/periods/{pid}/start-review")
    assert_error(street_b.post(f"{API}/periods/{pid}/scores", {"scores": [
        {"item": cooperation, "department": "HOUSING", "score": 99}]}, format="json"), 409)

    # Housing appeals street b's 70.
    scores = housing.get(f"{API}/periods/{pid}/scores").json()
    appealed = next(score for score in scores if score["street"]["code"] == small_city.street_b.code)
    assert appealed["score"] == 70
    appeal = post(housing, f"/periods/{pid}/appeals", {"item_kind": "score", "item_id": appealed["id"],
                                                       "reason": "三月份配合处置及时，评分偏低"}, status=201)
    assert (appeal["state"], appeal["score_before"]) == ("pending", 70)
    assert_error(admin.post(f"{API}/periods/{pid}/lock"), 409)

    decided = post(admin, f"/assessment/appeals/{appeal['id']}/decide".removeprefix("/assessment"),
                   {"outcome": "adjusted", "score": 80, "reason": "经核实，调整为80分"})
    assert (decided["state"], decided["score_before"], decided["score_after"]) == ("adjusted", 70, 80)
    # Housing's streets' part (90 + 80) ÷ 2 = 85; total 0.8 × 35.25 + 0.2 × 85 = 45.20.
    assert results_of(admin, pid)["HOUSING"] == (45.2, 2)

    assert post(admin, f"/periods/{pid}/lock")["state"] == "locked"
    locked = results_of(admin, pid)
    breakdown = admin.get(f"{API}/periods/{pid}/results/HOUSING").json()

    # An order dispatched in the quarter but recorded after the lock changes nothing.
    order = order_services.order_report(actor=small_city.actor("street_a_dispatcher"), title="井盖缺失",
                                        description="路口井盖缺失", category_code="0301", channel="street",
                                        grid_code=small_city.grid_a1.code, now=local(2025, 3, 20, 9))
    order_services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                  lead_department_code="HOUSING", now=local(2025, 3, 20, 10))
    indicator_id = admin.get(f"{API}/periods/{pid}").json()["indicators"][0]["id"]
    attempts = [
        (admin, f"/periods/{pid}/compute", {}),
        (admin, f"/periods/{pid}/start-review", {}),
        (street_a, f"/periods/{pid}/scores", {"scores": [{"item": cooperation, "department": "URBAN",
                                                          "score": 10}]}),
        (housing, f"/periods/{pid}/appeals", {"item_kind": "score", "item_id": appealed["id"],
                                              "reason": "再议"}),
        (admin, f"/periods/{pid}/indicators", INDICATORS[0]),
    ]
    caplog.set_level(logging.WARNING, logger="gongzhi.assessment")
    for client, path, data in attempts:
        error = assert_error(client.post(f"{API}{path}", data, format="json"), 409)
        assert "locked" in error["message"]
    for client, method, path, data in [(admin, "patch", f"/periods/{pid}", {"street_share": 30}),
                                       (admin, "patch", f"/periods/{pid}/indicators/{indicator_id}",
                                        {"weight": 1}),
                                       (admin, "delete", f"/periods/{pid}/indicators/{indicator_id}", None)]:
        assert_error(getattr(client, method)(f"{API}{path}", data, format="json"), 409)

    assert results_of(admin, pid) == locked
    assert admin.get(f"{API}/periods/{pid}/results/HOUSING").json() == breakdown
    refused = DomainEvent.objects.filter(action="assessment.change_refused", object_id=str(pid))
    assert sorted(event.after["attempted"] for event in refused) == sorted([
        "period_compute", "period_start_review", "manual_scores_record", "appeal_file", "indicator_add",
        "period_update", "indicator_update", "indicator_remove"])
    assert {event.actor.username for event in refused} == {"city.admin", "street.a.dispatcher",
                                                           "housing.leader"}
    assert sum("Refused" in record.getMessage() for record in caplog.records) == 8
    assert Period.objects.get(pk=pid).state == "locked"


def test_every_change_of_the_period_is_an_event(small_city, quarter_orders, posted, water, clients):
    admin, street_a = clients["city_admin"], clients["street_a_dispatcher"]
    housing = clients["housing_leader"]
    pid = post(admin, "/periods", {"name": "2025年第一季度", "kind": "quarter", "year": 2025, "quarter": 1},
               status=201)["id"]
    post(admin, f"/periods/{pid}/indicators", INDICATORS[0], status=201)
    item = post(admin, f"/periods/{pid}/items", ITEMS[0], status=201)["manual_items"][0]["id"]
    post(admin, f"/periods/{pid}/start-scoring")
    post(street_a, f"/periods/{pid}/scores", {"scores": [{"item": item, "department": "HOUSING",
                                                          "score": 60}]})
    post(street_a, f"/periods/{pid}/scores", {"scores": [{"item": item, "department": "HOUSING",
                                                          "score": 65}]})
    post(admin, f"/periods/{pid}/compute")
    post(admin, f"/periods/{pid}/start-review")
    score = housing.get(f"{API}/periods/{pid}/scores").json()[0]["id"]
    appeal = post(housing, f"/periods/{pid}/appeals", {"item_kind": "score", "item_id": score,
                                                       "reason": "偏低"},
                  status=201)["id"]
    post(admin, f"/appeals/{appeal}/decide", {"outcome": "dismissed", "reason": "评分有据"})
    post(admin, f"/periods/{pid}/lock")

    events = DomainEvent.objects.filter(object_type="assessment.period", object_id=str(pid)).order_by("id")
    assert [event.action for event in events] == [
        "assessment.period_create", "assessment.indicator_add", "assessment.manual_item_add",
        "assessment.period_start_scoring", "assessment.scores_record", "assessment.scores_record",
        "assessment.period_compute", "assessment.period_start_review", "assessment.period_lock"]
    rescored = events.filter(action="assessment.scores_record").last()
    assert (rescored.before, rescored.after, rescored.unit_code) == (
        {f"{item}/HOUSING": "60.00"}, {f"{item}/HOUSING": "65.00"}, small_city.street_a.code)
    appeal_events = DomainEvent.objects.filter(object_type="assessment.appeal", object_id=str(appeal))
    assert [event.action for event in appeal_events.order_by("id")] == ["assessment.appeal_file",
                                                                        "assessment.appeal_decide"]
    assert appeal_events.order_by("id").last().comment == "评分有据"
