"""The work-order API: reporting (JSON and multipart), the detail, its masking and offered actions,
the timeline, and the list's filters, search, ordering and paging."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.orders import services
from gongzhi.orders.models import OrderAttachment, WorkOrder
from tests.api_support import assert_error
from tests.orders.conftest import local, png

REPORT = {"title": "小区门口垃圾堆积", "description": "幸福小区北门垃圾三天未清运。", "category": "0103",
          "channel": "grid_patrol", "grid_code": "652301001001001"}


@pytest.fixture
def grid_worker(small_city, catalogue, api_client_for):
    return api_client_for(small_city.users["grid_a1_worker"])


def detail_url(number: str) -> str:
    return reverse("api:work-order-detail", args=[number])


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [row["number"] for row in response.json()["results"]]


def test_report_as_json_answers_201_with_the_order_and_its_location(small_city, grid_worker):
    response = grid_worker.post(reverse("api:work-order-list"), {**REPORT, "reporter_name": "张三",
                                                                  "reporter_phone": "13912345678"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    order = WorkOrder.objects.get(number=body["number"])
    assert response["Location"] == f"http://testserver{detail_url(order.number)}"
    assert body["url"] == response["Location"]
    assert (body["state"], body["title"], body["category"]["code"]) == ("reported", REPORT["title"], "0103")
    assert (body["street"]["code"], body["community"]["code"], body["grid"]["code"]) == (
        small_city.street_a.code, small_city.community_a1.code, small_city.grid_a1.code)
    assert order.reported_by == small_city.users["grid_a1_worker"]
    # The grid worker handles orders of their grid: the contact is shown whole.
    assert (body["reporter_name"], body["reporter_phone"]) == ("张三", "13912345678")


def test_report_with_photos_as_multipart(small_city, grid_worker):
    response = grid_worker.post(reverse("api:work-order-list"),
                                {**REPORT, "photos": [png("a.png"), png("b.png", (40, 30))]}, format="multipart")
    assert response.status_code == 201, response.content
    photos = response.json()["photos"]
    assert [(photo["kind"], photo["width"], photo["height"]) for photo in photos] == [("report", 32, 24),
                                                                                      ("report", 40, 30)]
    assert all("/photos/" in photo["url"] and photo["url"].startswith("http://testserver/orders/") for photo in photos)
    assert OrderAttachment.objects.filter(order__number=response.json()["number"]).count() == 2


def test_html_is_stored_as_text_not_interpreted(small_city, grid_worker):
    title = "<script>alert('x')</script> 井盖<b>缺失</b>"
    response = grid_worker.post(reverse("api:work-order-list"), {**REPORT, "title": title}, format="json")
    assert response.status_code == 201
    assert response.json()["title"] == title
    assert WorkOrder.objects.get(number=response.json()["number"]).title == title


def test_idempotency_key_makes_a_retry_answer_like_the_first_request(small_city, grid_worker):
    url = reverse("api:work-order-list")
    first = grid_worker.post(url, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="tablet-7-0001")
    retry = grid_worker.post(url, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="tablet-7-0001")
    other = grid_worker.post(url, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="tablet-7-0002")
    assert first.status_code == retry.status_code == other.status_code == 201
    assert retry.json()["number"] == first.json()["number"] != other.json()["number"]
    assert retry["Location"] == first["Location"]
    assert WorkOrder.objects.count() == 2


def test_the_same_key_from_another_user_is_another_request(small_city, grid_worker, api_client_for):
    url = reverse("api:work-order-list")
    mine = grid_worker.post(url, REPORT, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    theirs = api_client_for(small_city.users["street_a_dispatcher"]).post(
        url, {**REPORT, "channel": "street"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["number"] != theirs.json()["number"]


def test_detail_masks_the_reporter_for_those_who_do_not_handle_the_order(orders, small_city, api_client_for):
    order = orders.dispatched(reporter_name="李四", reporter_phone="13800001234")
    seen = {}
    for who in ("street_a_dispatcher", "housing_handler", "housing_leader", "city_leader"):
        body = api_client_for(small_city.users[who]).get(detail_url(order.number)).json()
        seen[who] = (body["reporter_name"], body["reporter_phone"])
    assert seen["street_a_dispatcher"] == seen["housing_handler"] == ("李四", "13800001234")
    # The department's leader and the city's leaders read the order without handling it.
    assert seen["housing_leader"] == seen["city_leader"] == ("李*", "138****1234")


def test_detail_offers_the_actions_the_actor_may_take_and_a_department_to_dispatch_to(orders, small_city,
                                                                                       api_client_for):
    order = orders.reported(category_code="0301")
    dispatcher = api_client_for(small_city.users["street_a_dispatcher"]).get(detail_url(order.number)).json()
    assert [a["action"] for a in dispatcher["allowed_actions"]] == [
        "dispatch", "handle_locally", "reject", "mark_duplicate", "cancel", "urge", "escalate"]
    dispatch = dispatcher["allowed_actions"][0]
    assert dispatch["url"] == f"http://testserver{reverse('api:work-order-dispatch', args=[order.number])}"
    assert dispatcher["suggested_department"] == {"code": "HOUSING", "name": small_city.housing.name}
    assert dispatcher["events_url"].endswith(reverse("api:work-order-events", args=[order.number]))

    grid = api_client_for(small_city.users["grid_a1_worker"]).get(detail_url(order.number)).json()
    assert [a["action"] for a in grid["allowed_actions"]] == ["cancel"]
    assert grid["suggested_department"] is None


def test_detail_shows_a_pending_extension_and_the_result_photos(orders, small_city, api_client_for):
    order = orders.in_progress()
    services.order_extension_request(actor=small_city.actor("housing_handler"), order=order, working_days=2,
                                     reason="等待配件")
    body = api_client_for(small_city.users["street_a_leader"]).get(detail_url(order.number)).json()
    assert body["pending_extension"]["working_days"] == 2
    assert body["pending_extension"]["reason"] == "等待配件"
    assert {a["action"] for a in body["allowed_actions"]} >= {"approve_extension", "deny_extension"}

    services.order_complete(actor=small_city.actor("housing_handler"), order=order, result="已修复",
                            photos=[png("after.png")])
    body = api_client_for(small_city.users["street_a_leader"]).get(detail_url(order.number)).json()
    assert body["pending_extension"] is None
    assert [photo["kind"] for photo in body["photos"]] == ["result"]
    assert (body["state"], body["result"], body["lead_department"]["code"]) == ("handled", "已修复", "HOUSING")


def test_events_are_the_timeline_with_staff_names(orders, small_city, api_client_for):
    small_city.users["housing_handler"].display_name = "王建国"
    small_city.users["housing_handler"].save()
    order = orders.in_progress()
    response = api_client_for(small_city.users["street_a_dispatcher"]).get(
        reverse("api:work-order-events", args=[order.number]))
    assert response.status_code == 200
    events = response.json()
    assert [e["action"] for e in events] == ["report", "dispatch", "accept"]
    accept = events[-1]
    assert accept["who"] == "王建国"
    assert accept["before"]["state"] == "dispatched" and accept["after"]["state"] == "in_progress"
    assert small_city.housing.name in [detail["value"] for detail in events[1]["details"]]


def test_list_is_paginated_and_newest_first(orders, api_client_for, small_city):
    created = [orders.reported(title=f"第{n}号") for n in range(3)]
    client = api_client_for(small_city.users["street_a_dispatcher"])
    first = client.get(reverse("api:work-order-list"), {"page_size": 2})
    assert first.json()["count"] == 3
    assert numbers(first) == [created[2].number, created[1].number]
    assert numbers(client.get(first.json()["next"])) == [created[0].number]


@pytest.fixture
def variety(orders, small_city):
    """Orders in several states, places, departments and categories."""
    city = small_city
    result = {
        "noise_reported": orders.reported(title="夜间施工噪音", category_code="0301"),
        "garbage_b": services.order_report(actor=city.actor("street_b_dispatcher"), title="垃圾堆放",
                                           description="北京南路垃圾堆放", category_code="0103", channel="street",
                                           grid_code=city.grid_b1.code),
        "in_progress": orders.in_progress(title="道路破损", description="人行道砖块松动"),
        "closed": orders.closed(title="路灯不亮"),
    }
    urban = services.order_report(actor=city.actor("street_a_dispatcher"), title="占道经营",
                                  description="早市摊贩占用人行道", category_code="0104", channel="street",
                                  community_code=city.community_a2.code)
    result["urban_dispatched"] = services.order_dispatch(actor=city.actor("street_a_dispatcher"), order=urban,
                                                         lead_department_code="URBAN")
    return result


@pytest.mark.parametrize("query,expected", [
    ({"state": "reported"}, ["garbage_b", "noise_reported"]),
    ({"state": ["reported", "closed"]}, ["closed", "garbage_b", "noise_reported"]),
    ({"street": "652301002"}, ["garbage_b"]),
    ({"community": "652301001002"}, ["urban_dispatched"]),
    ({"department": "URBAN"}, ["urban_dispatched"]),
    ({"department": "HOUSING"}, ["closed", "in_progress"]),
    ({"category": "0103"}, ["garbage_b"]),
    ({"category": "01"}, ["garbage_b", "urban_dispatched"]),
    ({"class": "routine", "state": "reported"}, ["garbage_b", "noise_reported"]),
    ({"queue": "to_dispatch"}, ["garbage_b", "noise_reported"]),
    ({"queue": "to_accept"}, ["urban_dispatched"]),
    ({"q": "噪音"}, ["noise_reported"]),
    ({"q": "人行道"}, ["in_progress", "urban_dispatched"]),
    ({"q": "施工噪音"}, ["noise_reported"]),
])
def test_list_filters(variety, small_city, api_client_for, query, expected):
    response = api_client_for(small_city.users["city_admin"]).get(reverse("api:work-order-list"), query)
    assert sorted(numbers(response)) == sorted(variety[name].number for name in expected)


def test_list_filter_by_the_day_reported(orders, small_city, api_client_for):
    early = orders.reported()
    WorkOrder.objects.filter(pk=early.pk).update(reported_at=local(2025, 3, 1, 23, 30))
    late = orders.reported()
    WorkOrder.objects.filter(pk=late.pk).update(reported_at=local(2025, 3, 2, 0, 30))
    client = api_client_for(small_city.users["city_admin"])
    url = reverse("api:work-order-list")
    assert numbers(client.get(url, {"created_to": "2025-03-01"})) == [early.number]
    assert numbers(client.get(url, {"created_from": "2025-03-02", "created_to": "2025-03-02"})) == [late.number]


def test_overdue_filter_and_flag(orders, small_city, api_client_for):
    late = orders.in_progress()
    WorkOrder.objects.filter(pk=late.pk).update(complete_by=timezone.now() - timezone.timedelta(hours=1))
    on_time = orders.in_progress()
    client = api_client_for(small_city.users["housing_handler"])
    url = reverse("api:work-order-list")
    assert numbers(client.get(url, {"overdue": "true"})) == [late.number]
    assert numbers(client.get(url, {"overdue": "false"})) == [on_time.number]
    flags = {row["number"]: row["is_overdue"] for row in client.get(url).json()["results"]}
    assert flags == {late.number: True, on_time.number: False}
    assert client.get(detail_url(late.number)).json()["is_overdue"] is True


def test_list_orders_by_deadline_with_orders_without_one_last(orders, small_city, api_client_for):
    later = orders.dispatched()
    sooner = orders.dispatched()
    WorkOrder.objects.filter(pk=sooner.pk).update(complete_by=later.complete_by - timezone.timedelta(days=1))
    undated = orders.reported()
    client = api_client_for(small_city.users["street_a_dispatcher"])
    url = reverse("api:work-order-list")
    assert numbers(client.get(url, {"ordering": "deadline"})) == [sooner.number, later.number, undated.number]
    assert numbers(client.get(url, {"ordering": "-deadline"})) == [later.number, sooner.number, undated.number]
    assert numbers(client.get(url, {"ordering": "reported_at"})) == [later.number, sooner.number, undated.number]


@pytest.mark.parametrize("query,field", [
    ({"state": "lost"}, "state"),
    ({"class": "urgent"}, "class"),
    ({"overdue": "maybe"}, "overdue"),
    ({"queue": "everything"}, "queue"),
    ({"created_from": "2025-02-30"}, "created_from"),
    ({"ordering": "title"}, "ordering"),
    ({"q": "字" * 101}, "q"),
])
def test_list_refuses_bad_filters_naming_them(small_city, catalogue, api_client_for, query, field):
    assert_error(api_client_for(small_city.users["city_admin"]).get(reverse("api:work-order-list"), query),
                 400, field)
