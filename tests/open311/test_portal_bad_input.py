"""Bad input to the portal's report: each answers 400 with the form naming what is wrong (or 413 for
an oversized body) and files nothing — no order, no photo, no event."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.orders.models import OrderAttachment, WorkOrder
from tests.api_support import nothing_written
from tests.orders.conftest import png

pytestmark = pytest.mark.usefixtures("english")


def report_fields(**changes) -> dict:
    fields = {"category": "0301", "description": "工地夜间施工，噪音很大。", "latitude": "44.015",
              "longitude": "87.305"}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


BAD_REPORTS = [
    ("category", {"category": None}),
    ("category", {"category": "9999"}),
    ("category", {"category": "03"}),
    ("description", {"description": ""}),
    ("description", {"description": "长" * 2001}),
    ("description", {"description": "bell\x07"}),
    ("latitude", {"latitude": "north"}),
    ("latitude", {"latitude": "95"}),
    ("longitude", {"longitude": None}),
    (None, {"latitude": None, "longitude": None}),  # no place at all: said above the form
    ("compound", {"latitude": None, "longitude": None, "address": "某处", "compound": "NO-SUCH"}),
    ("address", {"address": "长" * 201}),
    ("reporter_name", {"reporter_name": "名" * 51}),
    ("reporter_phone", {"reporter_phone": "call me maybe"}),
]


@pytest.mark.parametrize(("field", "changes"), BAD_REPORTS,
                         ids=[f"{field}-{n}" for n, (field, _changes) in enumerate(BAD_REPORTS)])
def test_a_bad_report_names_the_field_and_files_nothing(client, small_city, catalogue, field, changes):
    with nothing_written(WorkOrder, OrderAttachment):
        response = client.post("/report/", report_fields(**changes))
    assert response.status_code == 400
    form = response.context["form"]
    if field is None:
        assert form.non_field_errors()
    else:
        assert field in form.errors, form.errors


def test_a_category_not_offered_to_residents_is_refused(client, small_city, catalogue):
    catalogue["0301"].is_public = False
    catalogue["0301"].save()
    with nothing_written(WorkOrder):
        response = client.post("/report/", report_fields())
    assert response.status_code == 400 and "category" in response.context["form"].errors


def test_more_photos_than_the_portal_takes_are_refused(client, small_city, catalogue):
    photos = [png(f"photo{n}.png") for n in range(4)]
    with nothing_written(WorkOrder, OrderAttachment):
        response = client.post("/report/", report_fields(photos=photos))
    assert response.status_code == 400 and "photos" in response.context["form"].errors


def test_a_file_that_is_not_an_image_is_refused(client, small_city, catalogue):
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 'hi'; ?>", content_type="image/jpeg")
    with nothing_written(WorkOrder, OrderAttachment):
        response = client.post("/report/", report_fields(photos=fake))
    assert response.status_code == 400 and "photos" in response.context["form"].errors


def test_an_oversized_report_is_refused_before_it_is_read(client, small_city, catalogue):
    with nothing_written(WorkOrder, OrderAttachment):
        response = client.post("/report/", report_fields(), CONTENT_LENGTH=str(30 * 1024 * 1024))
    assert response.status_code == 413
