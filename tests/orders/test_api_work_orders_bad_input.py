"""Bad input to every write of the work-order API: a 400 naming the field, and nothing written
(no order, photo, return, extension request or domain event; no file in the media folder)."""
from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gongzhi.orders.models import ExtensionRequest, IdempotencyRecord, OrderAttachment, OrderReturn, WorkOrder
from gongzhi.orders.transitions import TRANSITIONS
from tests.api_support import assert_error, nothing_written
from tests.orders.conftest import png
from tests.orders.test_loop_permissions import prepare
from tests.orders.test_work_order_actions_api_permissions import action_url, body_for

ORDER_RECORDS = (WorkOrder, OrderAttachment, OrderReturn, ExtensionRequest, IdempotencyRecord)
GOOD = {"title": "井盖缺失", "description": "建国路一号门前井盖缺失，夜间危险。", "category": "0301",
        "channel": "grid_patrol", "grid_code": "652301001001001"}


def not_an_image() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.png", b"this is a letter, not a picture", content_type="image/png")


def too_many_pixels() -> SimpleUploadedFile:
    # Compresses to a few kilobytes, decodes to 48 million pixels: refused before it is decoded.
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")
    return SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def media_files(settings):
    def listing() -> list[str]:
        root = settings.MEDIA_ROOT
        return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []

    return listing


@pytest.fixture
def grid_worker(small_city, catalogue, api_client_for):
    return api_client_for(small_city.users["grid_a1_worker"])


@pytest.mark.parametrize("changes,field", [
    ({"title": None}, "title"),
    ({"description": None}, "description"),
    ({"category": None}, "category"),
    ({"channel": None}, "channel"),
    ({"title": "   "}, "title"),
    ({"title": 12345}, "title"),
    ({"title": ["井盖"]}, "title"),
    ({"description": {"text": "x"}}, "description"),
    ({"title": "井" * 121}, "title"),
    ({"description": "字" * 4001}, "description"),
    ({"address": "路" * 201}, "address"),
    ({"reporter_name": "名" * 51}, "reporter_name"),
    ({"reporter_phone": "1" * 21}, "reporter_phone"),
    ({"reporter_phone": "call me"}, "reporter_phone"),
    ({"title": "井盖\x00缺失"}, "title"),
    ({"description": "响铃\x07"}, "description"),
    ({"address": "建国路\x1b[31m"}, "address"),
    ({"category": "9999"}, "category"),
    ({"category": "03"}, "category"),
    ({"category": 301}, "category"),
    ({"channel": "portal"}, "channel"),
    ({"channel": "carrier pigeon"}, "channel"),
    ({"latitude": 91, "longitude": 87.3}, "latitude"),
    ({"latitude": 44.0, "longitude": -180.5}, "longitude"),
    ({"latitude": "north", "longitude": 87.3}, "latitude"),
    ({"latitude": True, "longitude": 87.3}, "latitude"),
    ({"latitude": "NaN", "longitude": 87.3}, "latitude"),
    ({"latitude": 44.0}, "longitude"),
    ({"grid_code": "652301009009009"}, "grid_code"),
    ({"grid_code": None}, "location"),
    ({"photos": "a picture"}, "photos"),
    ({"titel": "拼错的字段"}, "titel"),
])
def test_report_refuses_bad_json(small_city, grid_worker, media_files, changes, field):
    body = {key: value for key, value in {**GOOD, **changes}.items() if value is not None}
    with nothing_written(*ORDER_RECORDS):
        assert_error(grid_worker.post(reverse("api:work-order-list"), body, format="json"), 400, field)
    assert media_files() == []


# Factories, not files: an upload is consumed by the request that sends it.
BAD_PHOTOS = {
    "not an image": lambda: [not_an_image()],
    "too many pixels": lambda: [png(), too_many_pixels()],
    "too many photos": lambda: [png(f"p{n}.png") for n in range(7)],
}


@pytest.mark.parametrize("photos", BAD_PHOTOS)
def test_report_refuses_bad_photos(small_city, grid_worker, media_files, photos):
    with nothing_written(*ORDER_RECORDS):
        response = grid_worker.post(reverse("api:work-order-list"), {**GOOD, "photos": BAD_PHOTOS[photos]()},
                                    format="multipart")
        assert_error(response, 400, "photos")
    assert media_files() == []


def test_report_refuses_a_photo_over_the_size_cap(small_city, grid_worker, media_files, monkeypatch):
    # The cap is 8 MB; lowered here so the test need not upload 8 MB.
    monkeypatch.setattr("gongzhi.common.images.MAX_BYTES", 1024)
    with nothing_written(*ORDER_RECORDS):
        response = grid_worker.post(reverse("api:work-order-list"), {**GOOD, "photos": [png(size=(400, 400))]},
                                    format="multipart")
        assert_error(response, 400, "photos")
    assert media_files() == []


def test_report_refuses_malformed_json(small_city, grid_worker):
    with nothing_written(*ORDER_RECORDS):
        response = grid_worker.post(reverse("api:work-order-list"), '{"title": "井盖", "description": ',
                                    content_type="application/json")
        assert_error(response, 400)


def test_report_refuses_a_body_that_is_not_an_object(small_city, grid_worker):
    with nothing_written(*ORDER_RECORDS):
        assert_error(grid_worker.post(reverse("api:work-order-list"), [GOOD], format="json"), 400,
                     "non_field_errors")


def test_report_refuses_an_overlong_idempotency_key(small_city, grid_worker):
    with nothing_written(*ORDER_RECORDS):
        response = grid_worker.post(reverse("api:work-order-list"), GOOD, format="json",
                                    HTTP_IDEMPOTENCY_KEY="k" * 101)
        assert_error(response, 400, "Idempotency-Key")


# (action, who acts, changes to the valid body — None removes a field, field named in the answer)
ACTION_CASES = [
    ("dispatch", "street_a_dispatcher", {"lead_department": None}, "lead_department"),
    ("dispatch", "street_a_dispatcher", {"lead_department": "NOPE"}, "lead_department"),
    ("dispatch", "street_a_dispatcher", {"lead_department": 7}, "lead_department"),
    ("dispatch", "street_a_dispatcher", {"assisting_departments": "URBAN"}, "assisting_departments"),
    ("dispatch", "street_a_dispatcher", {"assisting_departments": ["HOUSING"]}, "assisting_departments"),
    ("dispatch", "street_a_dispatcher", {"assisting_departments": ["NOPE"]}, "assisting_departments"),
    ("dispatch", "street_a_dispatcher", {"order_class": "urgent"}, "order_class"),
    ("dispatch", "street_a_dispatcher", {"category": "03"}, "category"),
    ("dispatch", "street_a_dispatcher", {"complete_by": "next week"}, "complete_by"),
    ("dispatch", "street_a_dispatcher", {"complete_by": "2001-01-01T10:00:00+08:00"}, "complete_by"),
    ("dispatch", "street_a_dispatcher", {"comment": "字" * 1001}, "comment"),
    ("dispatch", "street_a_dispatcher", {"department": "HOUSING"}, "department"),
    ("handle_locally", "street_a_dispatcher", {"result": None}, "result"),
    ("handle_locally", "street_a_dispatcher", {"result": "字" * 4001}, "result"),
    ("reject", "street_a_dispatcher", {"reason": "duplicate"}, "reason"),
    ("reject", "street_a_dispatcher", {"comment": None}, "comment"),
    ("mark_duplicate", "street_a_dispatcher", {"original": "20990101000001"}, "original"),
    ("mark_duplicate", "street_a_dispatcher", {"original": None}, "original"),
    ("cancel", "grid_a1_worker", {"reason": None}, "reason"),
    ("cancel", "grid_a1_worker", {"reason": "误报\x08"}, "reason"),
    ("accept", "housing_handler", {"comment": 42}, "comment"),
    ("accept", "housing_handler", {"comment": "字" * 1001}, "comment"),
    ("accept", "housing_handler", {"note": "unknown"}, "note"),
    ("return", "housing_handler", {"reason": "   "}, "reason"),
    ("return", "housing_handler", {"reason": "字" * 501}, "reason"),
    ("request_extension", "housing_handler", {"working_days": 0}, "working_days"),
    ("request_extension", "housing_handler", {"working_days": 31}, "working_days"),
    ("request_extension", "housing_handler", {"working_days": "three"}, "working_days"),
    ("request_extension", "housing_handler", {"working_days": True}, "working_days"),
    ("request_extension", "housing_handler", {"working_days": 2.5}, "working_days"),
    ("request_extension", "housing_handler", {"reason": None}, "reason"),
    ("approve_extension", "street_a_dispatcher", {"comment": "字" * 501}, "comment"),
    ("deny_extension", "street_a_dispatcher", {"comment": None}, "comment"),
    ("complete", "housing_handler", {"result": None}, "result"),
    ("verify", "community_a1_worker", {"comment": ["好"]}, "comment"),
    ("rework", "community_a1_worker", {"reason": None}, "reason"),
    ("rate", "community_a1_worker", {"satisfaction": "great"}, "satisfaction"),
    ("rate", "community_a1_worker", {"satisfaction": None}, "satisfaction"),
    ("rate", "community_a1_worker", {"comment": "字" * 501}, "comment"),
    ("reopen", "community_a1_worker", {"reason": None}, "reason"),
    ("urge", "street_a_leader", {"comment": "字" * 501}, "comment"),
    ("escalate", "street_a_leader", {"reason": None}, "reason"),
    ("arbitrate", "city_admin", {"comment": None}, "comment"),
    ("arbitrate", "city_admin", {"lead_department": "NOPE"}, "lead_department"),
]


@pytest.mark.parametrize("action,who,changes,field", ACTION_CASES)
def test_action_refuses_bad_input(orders, small_city, api_client_for, action, who, changes, field):
    order, original_number = prepare(orders, small_city, action, TRANSITIONS[action].sources[0])
    body = {key: value for key, value in {**body_for(action, original_number), **changes}.items()
            if value is not None}
    with nothing_written(*ORDER_RECORDS):
        response = api_client_for(small_city.users[who]).post(action_url(action, order.number), body,
                                                              format="json")
        assert_error(response, 400, field)


def test_mark_duplicate_of_itself_is_refused(orders, small_city, api_client_for):
    order = orders.reported()
    with nothing_written(*ORDER_RECORDS):
        response = api_client_for(small_city.users["street_a_dispatcher"]).post(
            action_url("mark_duplicate", order.number), {"original": order.number}, format="json")
        assert_error(response, 400, "original")


@pytest.mark.parametrize("action", ["complete", "handle_locally"])
@pytest.mark.parametrize("photos", ["not an image", "too many pixels"])
def test_result_photos_must_be_images(orders, small_city, api_client_for, media_files, action, photos):
    order = orders.in_progress() if action == "complete" else orders.reported()
    who = "housing_handler" if action == "complete" else "street_a_dispatcher"
    with nothing_written(*ORDER_RECORDS):
        response = api_client_for(small_city.users[who]).post(
            action_url(action, order.number), {"result": "已处理", "photos": BAD_PHOTOS[photos]()},
            format="multipart")
        assert_error(response, 400, "photos")
    assert media_files() == []


def test_action_refuses_malformed_json(orders, small_city, api_client_for):
    order = orders.dispatched()
    with nothing_written(*ORDER_RECORDS):
        response = api_client_for(small_city.users["housing_handler"]).post(
            action_url("accept", order.number), "{comment: unquoted}", content_type="application/json")
        assert_error(response, 400)
