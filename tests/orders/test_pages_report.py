"""The report form: a grid worker's problem with photos and a place is recorded through the report
service; every bad input is shown next to its field and nothing is written."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongzhi.orders.models import OrderAttachment, WorkOrder
from tests.api_support import nothing_written
from tests.orders.conftest import png
from tests.orders.pages_support import english_pages  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


def report(small_city, page_client_for, who="grid_a1_worker", **changes):
    data = {"title": "井盖破损", "description": "建国路12号门前井盖破损，行人易绊倒。", "category": "0301",
            "channel": "grid_patrol", "place": f"grid:{small_city.grid_a1.code}", "address": "建国路12号"}
    data.update(changes)
    return page_client_for(small_city.users[who]).post(reverse("orders:new"), {k: v for k, v in data.items()
                                                                               if v is not None})


def test_the_form_offers_categories_by_major_and_the_places_of_the_area(catalogue, small_city, page_client_for):
    response = page_client_for(small_city.users["grid_a1_worker"]).get(reverse("orders:new"))
    form = response.context["form"]
    groups = [label for label, _minors in form.fields["category"].choices[1:]]
    assert groups and all(isinstance(label, str) and label[:2].isdigit() for label in groups)
    places = [value for _group, options in form.fields["place"].choices[1:] for value, _label in options]
    assert places == [f"grid:{small_city.grid_a1.code}"]
    assert form.fields["channel"].initial == "grid_patrol"
    content = response.content.decode()
    assert 'accept="image/*"' in content and "capture" in content and "multiple" in content
    assert response.context["report_map"]["grids"][0]["name"] == small_city.grid_a1.name
    assert response.context["report_map"]["tileUrl"] == ""


def test_a_grid_worker_reports_with_photos_and_a_point_on_the_map(catalogue, small_city, page_client_for):
    response = report(small_city, page_client_for, place=None, latitude="44.015", longitude="87.305",
                      photos=[png("a.png"), png("b.png")])
    order = WorkOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("orders:detail", args=[order.number])
    assert (order.state, order.grid, order.street, order.channel) == ("reported", small_city.grid_a1,
                                                                     small_city.street_a, "grid_patrol")
    assert order.reported_by == small_city.users["grid_a1_worker"]
    assert OrderAttachment.objects.filter(order=order, kind="report").count() == 2


def test_a_hotline_entry_keeps_the_reporters_contact(catalogue, small_city, page_client_for):
    report(small_city, page_client_for, who="street_a_dispatcher", channel="hotline", reporter_name="王小明",
           reporter_phone="13912345678")
    order = WorkOrder.objects.get()
    assert (order.channel, order.reporter_name, order.reporter_phone) == ("hotline", "王小明", "13912345678")


@pytest.mark.parametrize("changes,field", [
    ({"title": ""}, "title"),
    ({"title": "长" * 121}, "title"),
    ({"description": "  "}, "description"),
    ({"category": ""}, "category"),
    ({"category": "03"}, "category"),              # a major class, not a category
    ({"category": "9999"}, "category"),
    ({"channel": "portal"}, "channel"),            # residents' channel, not staff's
    ({"place": "", "address": ""}, "place"),       # nowhere
    ({"place": "grid:652301002001001"}, "place"),  # a grid of another street
    ({"place": None, "latitude": "44.015"}, "longitude"),
    ({"place": None, "latitude": "91", "longitude": "87.3"}, "latitude"),
    ({"place": None, "latitude": "44.015", "longitude": "87.325"}, "place"),  # a point in street b
    ({"reporter_phone": "call me"}, "reporter_phone"),
])
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_written(catalogue, small_city, page_client_for,
                                                                     changes, field):
    with nothing_written(WorkOrder, OrderAttachment):
        response = report(small_city, page_client_for, **changes)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors.get(field), form.errors
    assert f'id="id_{field}_error"' in response.content.decode()


@pytest.mark.parametrize("photo", [
    SimpleUploadedFile("notes.png", b"not an image at all", content_type="image/png"),
    SimpleUploadedFile("drawing.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif"),
])
def test_a_file_that_is_not_an_accepted_photo_is_refused(catalogue, small_city, page_client_for, photo):
    with nothing_written(WorkOrder, OrderAttachment):
        response = report(small_city, page_client_for, photos=[png("good.png"), photo])
    assert response.status_code == 400
    assert response.context["form"].errors["photos"]


def test_too_many_photos_are_refused(catalogue, small_city, page_client_for):
    with nothing_written(WorkOrder, OrderAttachment):
        response = report(small_city, page_client_for, photos=[png(f"{n}.png") for n in range(7)])
    assert response.status_code == 400
    assert response.context["form"].errors["photos"]


def test_the_form_keeps_what_was_typed_after_an_error(catalogue, small_city, page_client_for):
    response = report(small_city, page_client_for, title="", description="保留这段描述")
    assert "保留这段描述" in response.content.decode()
