"""Bad input to the unit writes: a 400 naming the field, and nothing written."""
import pytest
from django.urls import reverse

from gongzhi.org.models import Unit
from tests.api_support import assert_error, nothing_written

pytestmark = pytest.mark.django_db

BOWTIE = {"type": "Polygon", "coordinates": [[[87.30, 44.00], [87.31, 44.01], [87.31, 44.00], [87.30, 44.01],
                                              [87.30, 44.00]]]}
GOOD = {"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301"}


@pytest.fixture
def admin(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


@pytest.mark.parametrize("changes,field", [
    ({"name": None}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "街" * 101}, "name"),
    ({"code": None}, "code"),
    ({"kind": None}, "kind"),
    ({"kind": "district"}, "kind"),
    ({"kind": ["street"]}, "kind"),
    ({"households": "many"}, "households"),
    ({"households": -5}, "households"),
    ({"code": "65230100"}, "code"),                     # too short for a street
    ({"code": "65230100A"}, "code"),                    # not digits
    ({"code": "652302003"}, "code"),                    # does not start with its parent's code
    ({"parent_code": "999999"}, "parent_code"),         # no such parent
    ({"parent_code": None}, "code"),                    # a street needs a parent
    ({"code": "652301001"}, "code"),                    # duplicate of 建国路
    ({"kind": "community", "code": "652301003"}, "code"),  # wrong length for its kind
    ({"kind": "community", "code": "652301003001"}, "code"),  # a community's parent must be a street
    ({"boundary": BOWTIE}, "boundary"),
    ({"boundary": {"type": "Point", "coordinates": [87.3, 44.0]}}, "boundary"),
    ({"boundary": {"type": "Polygon", "coordinates": "nonsense"}}, "boundary"),
    ({"boundary": "a square"}, "boundary"),
])
def test_unit_create_refuses_bad_input(small_city, admin, changes, field):
    body = {key: value for key, value in {**GOOD, **changes}.items() if value is not None}
    with nothing_written(Unit):
        assert_error(admin.post(reverse("api:unit-list"), body, format="json"), 400, field)


def test_unit_create_refuses_a_body_that_is_not_an_object(small_city, admin):
    with nothing_written(Unit):
        assert_error(admin.post(reverse("api:unit-list"), [GOOD], format="json"), 400, "non_field_errors")


def test_unit_create_refuses_a_second_city(small_city, admin):
    with nothing_written(Unit):
        response = admin.post(reverse("api:unit-list"), {"code": "652302", "name": "另一市", "kind": "city"},
                              format="json")
        assert_error(response, 400, "kind")


@pytest.mark.parametrize("changes,field", [
    ({"name": ""}, "name"),
    ({"households": "many"}, "households"),
    ({"households": -1}, "households"),
    ({"boundary": BOWTIE}, "boundary"),
    ({"is_active": "perhaps"}, "is_active"),
    ({"code": "652301001009"}, "code"),          # fixed once made
    ({"kind": "grid"}, "kind"),
    ({"parent_code": "652301002"}, "parent_code"),
])
def test_unit_update_refuses_bad_input(small_city, admin, changes, field):
    url = reverse("api:unit-detail", args=[small_city.community_a1.code])
    with nothing_written(Unit):
        assert_error(admin.patch(url, changes, format="json"), 400, field)
