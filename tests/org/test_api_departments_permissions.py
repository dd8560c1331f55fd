"""Who may read and change departments and their liaisons through the API."""
import pytest
from django.urls import reverse

from gongzhi.org.models import Department, Liaison
from tests.api_support import assert_error, expected_by_role, registry_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(small_city):
    return registry_records(small_city)


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403))
def test_department_list_is_the_citys_reference_for_every_role(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:department-list"))
    assert response.status_code == expected
    if expected == 200:
        assert [row["code"] for row in response.json()["results"]] == ["HOUSING", "URBAN"]


# The housing department's liaisons serve 建国路 (a) and 北京南路 (b).
HOUSING_LIAISON_STREETS = {
    "city_admin": ["652301001", "652301002"], "city_leader": ["652301001", "652301002"],
    "street_a_dispatcher": ["652301001"], "street_a_leader": ["652301001"],
    "street_b_dispatcher": ["652301002"], "community_a1_worker": ["652301001"],
    "community_b1_worker": ["652301002"], "grid_a1_worker": ["652301001"],
    "housing_handler": ["652301001", "652301002"], "housing_leader": ["652301001", "652301002"],
    "urban_handler": [], "urban_liaison": [],
}


@pytest.mark.parametrize("who,streets", HOUSING_LIAISON_STREETS.items())
def test_department_detail_lists_only_the_liaisons_the_actor_may_see(
        small_city, records, api_client_for, who, streets):
    response = api_client_for(small_city.users[who]).get(reverse("api:department-detail", args=["HOUSING"]))
    assert response.status_code == 200
    assert [liaison["street"] for liaison in response.json()["liaisons"]] == streets


def test_department_detail_refuses_a_user_without_a_role(small_city, api_client_for):
    url = reverse("api:department-detail", args=["HOUSING"])
    response = api_client_for(small_city.users["nobody"]).get(url)
    assert_error(response, 403)


def test_department_detail_of_an_unknown_code_is_404(small_city, api_client_for):
    url = reverse("api:department-detail", args=["NONE"])
    response = api_client_for(small_city.users["city_admin"]).get(url)
    assert_error(response, 404)


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=201))
def test_department_create_is_for_registry_managers(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).post(
        reverse("api:department-list"), {"code": "HEALTH", "name": "卫生健康委员会"}, format="json")
    assert response.status_code == expected, response.content
    assert Department.objects.filter(code="HEALTH").exists() == (expected == 201)


VISIBLE_LIAISONS = {
    "city_admin": ["王芳", "李强", "张伟"], "city_leader": ["王芳", "李强", "张伟"],
    "street_a_dispatcher": ["王芳", "张伟"], "street_a_leader": ["王芳", "张伟"], "street_b_dispatcher": ["李强"],
    "community_a1_worker": ["王芳", "张伟"], "community_b1_worker": ["李强"], "grid_a1_worker": ["王芳", "张伟"],
    "housing_handler": ["王芳", "李强"], "housing_leader": ["王芳", "李强"],
    "urban_handler": ["张伟"], "urban_liaison": ["张伟"],
}


@pytest.mark.parametrize("who,names", VISIBLE_LIAISONS.items())
def test_liaison_list_is_scoped_to_the_actors_street_or_department(
        small_city, records, api_client_for, who, names):
    response = api_client_for(small_city.users[who]).get(reverse("api:liaison-list"))
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == names


def test_liaison_list_refuses_a_user_without_a_role(small_city, api_client_for):
    assert_error(api_client_for(small_city.users["nobody"]).get(reverse("api:liaison-list")), 403)


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=200))
def test_liaison_assign_is_for_registry_managers(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).post(reverse("api:liaison-list"), {
        "department": "URBAN", "street": small_city.street_b.code, "name": "赵敏"}, format="json")
    assert response.status_code == expected, response.content
    assert Liaison.objects.filter(department=small_city.urban, street=small_city.street_b).exists() == (
        expected == 200)
