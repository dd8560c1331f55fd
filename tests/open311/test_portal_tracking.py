"""Following a report: the tracking page shows the public timeline (no staff names, no staff
comments, no contact), the result once handled, and a rating form once the order is closed; the
rating goes through the work orders' rate action. Codes that match nothing answer 404."""
from __future__ import annotations

import pytest

from gongzhi.orders import services
from gongzhi.orders.models import WorkOrder

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def resident_order(small_city, catalogue) -> WorkOrder:
    return services.order_report(actor=None, title="路灯不亮", description="小区门口路灯坏了一周。", category_code="0301",
                                 channel="portal", latitude="44.015", longitude="87.305", reporter_name="赵敏",
                                 reporter_phone="13700001234")


def close(city, order: WorkOrder) -> WorkOrder:
    street = city.actor("street_a_dispatcher")
    order = services.order_dispatch(actor=street, order=order, lead_department_code="HOUSING",
                                    comment="请王工尽快处理")
    order = services.order_accept(actor=city.actor("housing_handler"), order=order)
    order = services.order_complete(actor=city.actor("housing_handler"), order=order, result="已更换灯泡。")
    return services.order_verify(actor=street, order=order, comment="张科长现场核实")


def test_the_tracking_page_shows_the_public_timeline(client, small_city, resident_order):
    close(small_city, resident_order)
    response = client.get(f"/track/{resident_order.tracking_token}/")
    content = response.content.decode()
    assert response.status_code == 200
    for step in ("Reported", "Sent to 住房和城乡建设局", "住房和城乡建设局 is working on it", "reports it handled",
                 "已更换灯泡。", "Checked on site and closed"):
        assert step in content, step
    for private in ("请王工", "张科长", "housing.handler", "street.a.dispatcher", "赵敏", "13700001234"):
        assert private not in content, private
    assert "How was it handled?" in content


def test_an_open_order_has_no_rating_form(client, resident_order):
    content = client.get(f"/track/{resident_order.tracking_token}/").content.decode()
    assert "How was it handled?" not in content and "Reported" in content


def test_the_resident_rates_a_closed_order(client, small_city, resident_order):
    close(small_city, resident_order)
    response = client.post(f"/track/{resident_order.tracking_token}/rate/",
                           {"satisfaction": "satisfied", "comment": "很快"})
    assert response.status_code == 302
    resident_order.refresh_from_db()
    assert resident_order.satisfaction == "satisfied" and resident_order.rating_comment == "很快"
    page = client.get(f"/track/{resident_order.tracking_token}/").content.decode()
    assert "Your rating" in page and "How was it handled?" not in page
    again = client.post(f"/track/{resident_order.tracking_token}/rate/", {"satisfaction": "unsatisfied"})
    assert again.status_code == 409 and "already been rated" in again.content.decode()


def test_rating_an_open_order_is_refused(client, resident_order):
    response = client.post(f"/track/{resident_order.tracking_token}/rate/", {"satisfaction": "satisfied"})
    assert response.status_code == 409
    resident_order.refresh_from_db()
    assert resident_order.satisfaction == ""


@pytest.mark.parametrize("satisfaction", ["", "thrilled"])
def test_a_bad_rating_is_400_and_changes_nothing(client, small_city, resident_order, satisfaction):
    close(small_city, resident_order)
    response = client.post(f"/track/{resident_order.tracking_token}/rate/", {"satisfaction": satisfaction})
    assert response.status_code == 400
    resident_order.refresh_from_db()
    assert resident_order.satisfaction == ""


def test_a_too_long_rating_comment_is_400(client, small_city, resident_order):
    close(small_city, resident_order)
    response = client.post(f"/track/{resident_order.tracking_token}/rate/",
                           {"satisfaction": "basic", "comment": "长" * 501})
    assert response.status_code == 400


def test_unknown_codes_answer_404(client, resident_order):
    assert client.get("/track/not-a-code/").status_code == 404
    assert client.post("/track/not-a-code/rate/", {"satisfaction": "satisfied"}).status_code == 404


def test_the_lookup_form_finds_a_report_by_its_code(client, resident_order):
    assert client.get("/track/").status_code == 200
    found = client.get("/track/", {"code": f"  {resident_order.tracking_token} "})
    assert found.status_code == 302 and found["Location"] == f"/track/{resident_order.tracking_token}/"
    missing = client.get("/track/", {"code": "nothing"})
    assert missing.status_code == 400 and "No report has this tracking code" in missing.content.decode()
