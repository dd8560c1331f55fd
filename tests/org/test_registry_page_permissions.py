"""Who may open each registry page: every role of the small city, the user with no role, and the
anonymous visitor. A unit outside the actor's reach answers exactly like a missing one (404)."""
import pytest
from django.urls import reverse

from tests.api_support import EVERYONE, expected_by_role, registry_records
from tests.page_support import english, page_without_tokens  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Users whose reach includes each unit (departments serve every street, so they read the whole tree).
CITY_AND_DEPARTMENTS = {"city_admin", "city_leader", "housing_handler", "housing_leader", "urban_handler",
                        "urban_liaison"}
REACH = {
    "community_a1": CITY_AND_DEPARTMENTS | {"street_a_dispatcher", "street_a_leader", "community_a1_worker"},
    "community_b1": CITY_AND_DEPARTMENTS | {"street_b_dispatcher", "community_b1_worker"},
    "street_a": CITY_AND_DEPARTMENTS | {"street_a_dispatcher", "street_a_leader"},
    "grid_a1": CITY_AND_DEPARTMENTS | {"street_a_dispatcher", "street_a_leader", "community_a1_worker",
                                       "grid_a1_worker"},
    "city": CITY_AND_DEPARTMENTS,
}


def _unit_expectations():
    for unit_key, reach in REACH.items():
        for who in EVERYONE:
            expected = 403 if who == "nobody" else 200 if who in reach else 404
            yield unit_key, who, expected


def _get(small_city, client_for, who, url):
    return client_for(small_city.users[who]).get(url)


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403))
@pytest.mark.parametrize("url_name", ["registry-tree", "registry-departments", "registry-compounds"])
def test_registry_lists_open_for_every_role(small_city, page_client_for, url_name, who, expected):
    assert _get(small_city, page_client_for, who, reverse(url_name)).status_code == expected


@pytest.mark.parametrize("unit_key,who,expected", list(_unit_expectations()))
@pytest.mark.parametrize("url_name", ["registry-unit", "registry-unit-children"])
def test_unit_pages_open_only_within_reach(small_city, page_client_for, url_name, unit_key, who, expected):
    url = reverse(url_name, args=[getattr(small_city, unit_key).code])
    assert _get(small_city, page_client_for, who, url).status_code == expected


@pytest.mark.parametrize("who,expected", expected_by_role(404, nobody=403))
def test_a_missing_unit_answers_404(small_city, page_client_for, who, expected):
    assert _get(small_city, page_client_for, who, reverse("registry-unit", args=["652301009"])).status_code \
        == expected


def test_out_of_reach_and_missing_units_look_the_same(small_city, page_client_for):
    client = page_client_for(small_city.users["street_a_dispatcher"])
    out_of_reach_path = reverse("registry-unit", args=[small_city.community_b1.code])
    missing_path = reverse("registry-unit", args=["652301001999"])
    out_of_reach, missing = client.get(out_of_reach_path), client.get(missing_path)
    assert out_of_reach.status_code == missing.status_code == 404
    assert page_without_tokens(out_of_reach, out_of_reach_path) == page_without_tokens(missing, missing_path)
    assert small_city.community_b1.name.encode() not in out_of_reach.content


@pytest.mark.parametrize("who,expected", expected_by_role(200, nobody=403))
def test_department_page_opens_for_every_role(small_city, page_client_for, who, expected):
    url = reverse("registry-department", args=[small_city.housing.code])
    assert _get(small_city, page_client_for, who, url).status_code == expected


@pytest.mark.parametrize("who,expected", expected_by_role(404, nobody=403))
def test_a_missing_department_answers_404(small_city, page_client_for, who, expected):
    assert _get(small_city, page_client_for, who, reverse("registry-department", args=["NOPE"])).status_code \
        == expected


@pytest.mark.parametrize("who", ["street_a_dispatcher", "community_a1_worker", "grid_a1_worker"])
def test_compounds_filtered_by_a_unit_out_of_reach_answer_404(small_city, page_client_for, who):
    url = reverse("registry-compounds") + f"?unit={small_city.community_b1.code}"
    assert _get(small_city, page_client_for, who, url).status_code == 404


@pytest.mark.parametrize("url", ["/registry/", "/registry/units/652301/", "/registry/units/652301/children/",
                                 "/registry/departments/", "/registry/departments/HOUSING/",
                                 "/registry/compounds/"])
def test_anonymous_visitors_are_sent_to_the_login_page(small_city, client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_street_dispatcher_sees_only_their_streets_compounds(small_city, page_client_for):
    records = registry_records(small_city)
    content = page_client_for(small_city.users["street_a_dispatcher"]).get(reverse("registry-compounds")) \
        .content.decode()
    assert records["compound_a1"].name in content and records["compound_a2"].name in content
    assert records["compound_b1"].name not in content
