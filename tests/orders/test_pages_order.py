"""The order page: details with the reporter's contact masked except for the order's handlers, the
deadline counting down in working time, the timeline, and the allowed actions as forms whose bad
input is shown on the form with nothing written."""
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.orders import services
from gongzhi.orders.catalogue import street_responsibility_set
from gongzhi.orders.models import ExtensionRequest, OrderAttachment, WorkOrder
from tests.api_support import nothing_written
from tests.orders.conftest import png
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def page(small_city, page_client_for, who, order):
    return page_client_for(small_city.users[who]).get(reverse("orders:detail", args=[order.number]))


def act(small_city, page_client_for, who, order, action, data):
    return page_client_for(small_city.users[who]).post(reverse("orders:action", args=[order.number, action]), data)


def offered(response) -> list[str]:
    return [item["action"] for item in response.context["actions"]]


@pytest.mark.parametrize("who,masked", [("street_a_dispatcher", False), ("housing_handler", False),
                                        ("grid_a1_worker", False), ("city_leader", True),
                                        ("housing_leader", True)])
def test_the_reporters_contact_is_masked_except_for_the_handlers(orders, small_city, page_client_for, who, masked):
    order = orders.dispatched(channel="hotline", reporter_name="王小明", reporter_phone="13912345678")
    content = page(small_city, page_client_for, who, order).content.decode()
    assert ("13912345678" not in content and "139****5678" in content and "王小明" not in content) == masked
    assert ("13912345678" in content and "王小明" in content) == (not masked)


def test_the_street_sees_its_actions_and_dispatch_suggests_the_categorys_department(orders, small_city,
                                                                                    page_client_for):
    order = orders.reported()
    response = page(small_city, page_client_for, "street_a_dispatcher", order)
    assert offered(response) == ["dispatch", "handle_locally", "reject", "mark_duplicate", "cancel", "urge",
                                 "escalate"]
    dispatch = response.context["actions"][0]["form"]
    assert dispatch["lead_department"].value() == "HOUSING"
    assert dispatch.fields["lead_department"].help_text.startswith("Suggested by the category")
    assert 'id="action-dispatch"' in response.content.decode()


def test_dispatch_suggests_the_streets_own_responsibility(orders, small_city, page_client_for):
    order = orders.reported()
    street_responsibility_set(actor=None, street=small_city.street_a, category=order.category,
                              department=small_city.urban)
    response = page(small_city, page_client_for, "street_a_dispatcher", order)
    dispatch = response.context["actions"][0]["form"]
    assert dispatch["lead_department"].value() == "URBAN"
    assert "your street's responsibility list" in dispatch.fields["lead_department"].help_text


def test_extension_decisions_are_offered_only_while_a_request_waits(orders, small_city, page_client_for):
    order = orders.in_progress()
    assert "approve_extension" not in offered(page(small_city, page_client_for, "street_a_dispatcher", order))
    assert "request_extension" in offered(page(small_city, page_client_for, "housing_handler", order))
    services.order_extension_request(actor=small_city.actor("housing_handler"), order=order, working_days=2,
                                     reason="材料未到")
    response = page(small_city, page_client_for, "street_a_dispatcher", order)
    assert {"approve_extension", "deny_extension"} <= set(offered(response))
    assert "材料未到" in response.content.decode()
    assert "request_extension" not in offered(page(small_city, page_client_for, "housing_handler", order))


def test_nothing_to_do_says_so(orders, small_city, page_client_for):
    order = orders.dispatched()
    response = page(small_city, page_client_for, "city_leader", order)
    assert offered(response) == ["urge", "escalate"]
    assert offered(page(small_city, page_client_for, "grid_a1_worker", order)) == []


def test_completion_with_a_photo_shows_in_the_timeline(orders, small_city, page_client_for):
    order = orders.in_progress()
    response = act(small_city, page_client_for, "housing_handler", order, "complete",
                   {"result": "已责令停工并罚款", "photos": [png("after.png")]})
    assert response.status_code == 302 and response["Location"] == reverse("orders:detail", args=[order.number])
    order.refresh_from_db()
    assert order.state == "handled" and order.result == "已责令停工并罚款"
    photo = OrderAttachment.objects.get(order=order, kind="result")
    follow = page(small_city, page_client_for, "street_a_dispatcher", order)
    completion = follow.context["timeline"][-1]
    assert completion["label"] == "Report completion" and completion["comment"] == "已责令停工并罚款"
    assert completion["who"] == str(small_city.users["housing_handler"])
    assert completion["photos"] == [photo]
    assert [entry["action"] for entry in follow.context["timeline"]] == ["report", "dispatch", "accept", "complete"]
    assert photo.url in follow.content.decode()


def test_success_is_announced_on_the_order_page(orders, small_city, page_client_for):
    order = orders.dispatched()
    client = page_client_for(small_city.users["housing_handler"])
    response = client.post(reverse("orders:action", args=[order.number, "accept"]), {}, follow=True)
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]] == ["Done: Accept."]


@pytest.mark.parametrize("state,who,action,data,field", [
    ("reported", "street_a_dispatcher", "reject", {"reason": "out_of_scope", "comment": ""}, "comment"),
    ("reported", "street_a_dispatcher", "reject", {"reason": "duplicate", "comment": "重复"}, "reason"),
    ("reported", "street_a_dispatcher", "dispatch", {"lead_department": ""}, "lead_department"),
    ("reported", "street_a_dispatcher", "dispatch", {"lead_department": "HOUSING",
                                                     "assisting_departments": ["HOUSING"]}, "assisting_departments"),
    ("reported", "street_a_dispatcher", "dispatch", {"lead_department": "HOUSING",
                                                     "complete_by": "2020-01-01T10:00"}, "complete_by"),
    ("reported", "street_a_dispatcher", "mark_duplicate", {"original": "2099010100001"}, "original"),
    ("in_progress", "housing_handler", "request_extension", {"working_days": "0", "reason": "x"}, "working_days"),
    ("in_progress", "housing_handler", "complete", {"result": ""}, "result"),
    ("in_progress", "housing_handler", "complete",
     {"result": "已处理", "photos": [SimpleUploadedFile("x.png", b"not a picture", content_type="image/png")]}, "photos"),
    ("closed", "community_a1_worker", "rate", {"satisfaction": "delighted"}, "satisfaction"),
    ("dispatched", "housing_handler", "return", {"reason": " "}, "reason"),
])
def test_bad_input_stays_on_the_form_and_writes_nothing(orders, small_city, page_client_for, state, who, action,
                                                        data, field):
    order = orders.in_state(state)
    with nothing_written(WorkOrder, OrderAttachment, ExtensionRequest):
        response = act(small_city, page_client_for, who, order, action, data)
    assert response.status_code == 400
    item = next(item for item in response.context["actions"] if item["action"] == action)
    assert item["open"] and item["form"].errors[field], item["form"].errors
    assert f'id="{action}-{field}_error"' in response.content.decode()


def test_a_stale_page_gets_409_with_the_current_state(orders, small_city, page_client_for):
    order = orders.dispatched()
    services.order_accept(actor=small_city.actor("housing_leader"), order=order)
    events = DomainEvent.objects.count()
    response = act(small_city, page_client_for, "housing_handler", order, "accept", {})
    assert response.status_code == 409
    content = response.content.decode()
    assert "is not possible while the order is In progress" in content and "The order is now: In progress." in content
    assert DomainEvent.objects.count() == events


def test_the_deadline_counts_down_in_working_time_and_shows_overdue(orders, small_city, page_client_for):
    order = orders.dispatched()
    response = page(small_city, page_client_for, "housing_handler", order)
    countdown = response.context["countdown"]
    assert countdown.working and not countdown.is_overdue
    assert "of working time" in countdown.text or "working day" in countdown.text
    fragment = page_client_for(small_city.users["housing_handler"]).get(reverse("orders:deadline",
                                                                                args=[order.number]))
    assert fragment.status_code == 200 and 'hx-trigger="every 60s"' in fragment.content.decode()
    with time_machine.travel(order.complete_by + timedelta(days=2)):
        response = page(small_city, page_client_for, "housing_handler", order)
    assert response.context["countdown"].is_overdue
    assert "Overdue by" in response.content.decode()


def test_the_map_shows_the_point_and_the_grid(orders, small_city, page_client_for):
    order = orders.reported(grid_code=None, latitude="44.015", longitude="87.305")
    order_map = page(small_city, page_client_for, "street_a_dispatcher", order).context["order_map"]
    assert order_map["point"] == [44.015, 87.305]
    assert order_map["boundary"] == small_city.grid_a1.boundary and order_map["tileUrl"] == ""


def test_an_order_past_its_deadline_outside_office_hours_reads_overdue_since_the_deadline(orders, small_city):
    """Due Friday 19:30 and looked at on Saturday: no working time has passed since, yet it is late."""
    from gongzhi.orders.countdown import order_countdown
    from tests.orders.conftest import local

    order = orders.reported()
    from gongzhi.orders import services as order_services
    order = order_services.order_dispatch(actor=small_city.actor("street_a_dispatcher"), order=order,
                                          lead_department_code="HOUSING", now=local(2025, 11, 18, 15, 0))
    countdown = order_countdown(order, now=local(2025, 11, 22, 11, 0))
    assert countdown.is_overdue
    assert countdown.text.startswith("Overdue since") or countdown.text.startswith("已于")
