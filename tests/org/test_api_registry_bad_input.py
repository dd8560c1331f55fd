"""Bad input to the compound, department and liaison writes: a 400 naming the field, nothing written."""
import pytest
from django.urls import reverse

from gongzhi.org.models import Compound, Department, Liaison
from tests.api_support import assert_error, nothing_written, registry_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(small_city, api_client_for):
    registry_records(small_city)
    return api_client_for(small_city.users["city_admin"])


def _without_nones(body: dict) -> dict:
    return {key: value for key, value in body.items() if value is not None}


GOOD_COMPOUND = {"code": "C-NEW", "name": "新建小区", "community_code": "652301001001",
                 "grid_code": "652301001001001", "households": 60, "buildings": 4,
                 "latitude": 44.01, "longitude": 87.30}


@pytest.mark.parametrize("changes,field", [
    ({"name": None}, "name"),
    ({"name": ""}, "name"),
    ({"code": None}, "code"),
    ({"code": "C-A1"}, "code"),                              # duplicate
    ({"community_code": None}, "community_code"),
    ({"community_code": "652301009009"}, "community_code"),  # no such community
    ({"community_code": "652301001"}, "community_code"),     # a street, not a community
    ({"grid_code": "652301002001001"}, "grid_code"),         # a grid of another community
    ({"grid_code": "652301001001999"}, "grid_code"),
    ({"households": "many"}, "households"),
    ({"buildings": -1}, "buildings"),
    ({"latitude": 200}, "latitude"),
    ({"longitude": "east"}, "longitude"),
])
def test_compound_create_refuses_bad_input(small_city, admin, changes, field):
    with nothing_written(Compound):
        response = admin.post(reverse("api:compound-list"), _without_nones({**GOOD_COMPOUND, **changes}),
                              format="json")
        assert_error(response, 400, field)


GOOD_DEPARTMENT = {"code": "HEALTH", "name": "卫生健康委员会", "kind": "functional"}


@pytest.mark.parametrize("changes,field", [
    ({"code": None}, "code"),
    ({"code": " "}, "code"),
    ({"name": None}, "name"),
    ({"code": "HOUSING"}, "code"),              # duplicate code
    ({"name": "住房和城乡建设局"}, "name"),        # duplicate name
    ({"kind": "ministry"}, "kind"),
    ({"code": "X" * 21}, "code"),
])
def test_department_create_refuses_bad_input(small_city, admin, changes, field):
    with nothing_written(Department):
        response = admin.post(reverse("api:department-list"), _without_nones({**GOOD_DEPARTMENT, **changes}),
                              format="json")
        assert_error(response, 400, field)


GOOD_LIAISON = {"department": "URBAN", "street": "652301002", "name": "赵敏", "user": "urban.handler"}


@pytest.mark.parametrize("changes,field", [
    ({"department": None}, "department"),
    ({"department": "NOPE"}, "department"),
    ({"department": 12}, "department"),
    ({"street": None}, "street"),
    ({"street": "652301009"}, "street"),          # no such street
    ({"street": "652301001001"}, "street"),       # a community, not a street
    ({"name": None}, "name"),
    ({"name": "  "}, "name"),
    ({"user": "no.such.user"}, "user"),
])
def test_liaison_assign_refuses_bad_input(small_city, admin, changes, field):
    with nothing_written(Liaison):
        response = admin.post(reverse("api:liaison-list"), _without_nones({**GOOD_LIAISON, **changes}),
                              format="json")
        assert_error(response, 400, field)
