"""Who may read and change units through the API: every role, and the user with none."""
import pytest
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import Unit
from tests.api_support import UNSEEN_BY_STREET_A, assert_error, expected_by_role

pytestmark = pytest.mark.django_db

ALL_UNITS = 8
VISIBLE_UNIT_CODES = {
    "city_admin": ALL_UNITS, "city_leader": ALL_UNITS,
    "street_a_dispatcher": ["652301001", "652301001001", "652301001001001", "652301001002"],
    "street_a_leader": ["652301001", "652301001001", "652301001001001", "652301001002"],
    "street_b_dispatcher": ["652301002", "652301002001", "652301002001001"],
    "community_a1_worker": ["652301001001", "652301001001001"],
    "community_b1_worker": ["652301002001", "652301002001001"],
    "grid_a1_worker": ["652301001001001"],
    # Departments serve every street, so they read the whole registry.
    "housing_handler": ALL_UNITS, "housing_leader": ALL_UNITS, "urban_handler": ALL_UNITS,
    "urban_liaison": ALL_UNITS,
}


@pytest.mark.parametrize("who,expected", VISIBLE_UNIT_CODES.items())
def test_unit_list_holds_exactly_the_actors_part_of_the_tree(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(reverse("api:unit-list"))
    assert response.status_code == 200
    codes = [row["code"] for row in response.json()["results"]]
    if expected == ALL_UNITS:
        assert codes == sorted(Unit.objects.values_list("code", flat=True))
    else:
        assert codes == expected


def test_unit_list_refuses_a_user_without_a_role(small_city, api_client_for):
    assert_error(api_client_for(small_city.users["nobody"]).get(reverse("api:unit-list")), 403)


def test_unit_list_refuses_anonymous_callers(small_city, client):
    assert_error(client.get(reverse("api:unit-list")), 401)


TREE_ROOT = {"city_admin": "652301", "city_leader": "652301", "street_a_dispatcher": "652301001",
             "street_a_leader": "652301001", "street_b_dispatcher": "652301002",
             "community_a1_worker": "652301001001", "community_b1_worker": "652301002001",
             "grid_a1_worker": "652301001001001", "housing_handler": "652301", "housing_leader": "652301",
             "urban_handler": "652301", "urban_liaison": "652301"}


def _codes_in(nodes):
    for node in nodes:
        yield node["code"]
        yield from _codes_in(node["children"])


@pytest.mark.parametrize("who,root", TREE_ROOT.items())
def test_unit_tree_starts_at_the_top_of_what_the_actor_sees(small_city, api_client_for, who, root):
    response = api_client_for(small_city.users[who]).get(reverse("api:unit-tree"))
    assert response.status_code == 200
    tree = response.json()
    assert [node["code"] for node in tree] == [root]
    assert all(code.startswith(root) for code in _codes_in(tree))


def test_unit_tree_refuses_a_user_without_a_role(small_city, api_client_for):
    assert_error(api_client_for(small_city.users["nobody"]).get(reverse("api:unit-tree")), 403)


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403, **UNSEEN_BY_STREET_A))
def test_unit_detail_of_another_streets_community(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).get(
        reverse("api:unit-detail", args=[small_city.community_b1.code]))
    if expected == 200:
        assert response.status_code == 200
        assert response.json()["code"] == small_city.community_b1.code
    else:
        assert_error(response, expected)


def test_unit_detail_of_an_unknown_code_answers_like_an_unseen_one(small_city, api_client_for):
    response = api_client_for(small_city.users["street_a_dispatcher"]).get(
        reverse("api:unit-detail", args=["652301009009"]))
    assert assert_error(response, 404)["code"] == "not_found"


NEW_STREET = {"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301"}


@pytest.mark.parametrize("who,expected", expected_by_role(403, city_admin=201))
def test_unit_create_is_for_city_administrators(small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).post(reverse("api:unit-list"), NEW_STREET, format="json")
    assert response.status_code == expected, response.content
    assert Unit.objects.filter(code=NEW_STREET["code"]).exists() == (expected == 201)
    assert DomainEvent.objects.filter(action="unit.create").count() == (1 if expected == 201 else 0)


@pytest.mark.parametrize("who,expected", expected_by_role(
    403, city_admin=200, street_b_dispatcher=404, community_b1_worker=404, grid_a1_worker=404))
def test_unit_update_is_for_city_administrators_and_unseen_units_stay_unseen(
        small_city, api_client_for, who, expected):
    response = api_client_for(small_city.users[who]).patch(
        reverse("api:unit-detail", args=[small_city.community_a1.code]), {"households": 450}, format="json")
    assert response.status_code == expected, response.content
    small_city.community_a1.refresh_from_db()
    assert small_city.community_a1.households == (450 if expected == 200 else 400)


def test_unit_update_of_another_streets_community_answers_404_even_to_a_leader(small_city, api_client_for):
    response = api_client_for(small_city.users["street_a_leader"]).patch(
        reverse("api:unit-detail", args=[small_city.community_b1.code]), {"households": 1}, format="json")
    assert_error(response, 404)
