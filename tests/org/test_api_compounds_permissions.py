"""Who may read and add compounds through the API."""
import pytest
from django.urls import reverse

from gongzhi.org.models import Compound
from tests.api_support import UNSEEN_BY_STREET_A, assert_error, expected_by_role, registry_records

pytestmark = pytest.mark.django_db

VISIBLE_COMPOUNDS = {
    "city_admin": ["C-A1", "C-A2", "C-B1"], "city_leader": ["C-A1", "C-A2", "C-B1"],
    "street_a_dispatcher": ["C-A1", "C-A2"], "street_a_leader": ["C-A1", "C-A2"],
    "street_b_dispatcher": ["C-B1"], "community_a1_worker": ["C-A1"], "community_b1_worker": ["C-B1"],
    "grid_a1_worker": ["C-A1"],
    "housing_handler": ["C-A1", "C-A2", "C-B1"], "housing_leader": ["C-A1", "C-A2", "C-B1"],
    "urban_handler": ["C-A1", "C-A2", "C-B1"], "urban_liaison": ["C-A1", "C-A2", "C-B1"],
}


@pytest.fixture
def records(small_city):
    return registry_records(small_city)


@pytest.mark.parametrize("who,expected", VISIBLE_COMPOUNDS.items())
def test_compound_list_holds_only_the_actors_compounds(small_city, records, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:compound-list"))
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == expected


def test_compound_list_refuses_a_user_without_a_role(small_city, records, api_client_for):
    assert_error(api_client_for(small_city.users["nobody"]).get(reverse("api:compound-list")), 403)


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403, **UNSEEN_BY_STREET_A))
def test_compound_detail_in_another_street(small_city, records, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:compound-detail", args=["C-B1"]))
    if expected == 200:
        assert response.json()["community_code"] == small_city.community_b1.code
    else:
        assert_error(response, expected)


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=201))
def test_compound_create_is_for_registry_managers(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).post(reverse("api:compound-list"), {
        "code": "C-NEW", "name": "新建小区", "community_code": small_city.community_a1.code,
        "grid_code": small_city.grid_a1.code, "households": 60}, format="json")
    assert response.status_code == expected, response.content
    assert Compound.objects.filter(code="C-NEW").exists() == (expected == 201)
