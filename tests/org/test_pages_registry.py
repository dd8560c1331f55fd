"""What the registry pages show: the tree, a unit's page, departments and compounds, each scoped."""
import json

import pytest
from django.urls import reverse

from gongzhi.org.models import Unit
from gongzhi.org.services import joint_committee_seat_add, party_organisation_set
from tests.api_support import registry_records
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _content(small_city, page_client_for, who, url) -> str:
    response = page_client_for(small_city.users[who]).get(url)
    assert response.status_code == 200
    return response.content.decode()


def _unit_page(small_city, page_client_for, who, unit) -> str:
    return _content(small_city, page_client_for, who, reverse("registry-unit", args=[unit.code]))


def _map_data(content: str) -> dict:
    start = content.index('<script id="unit-map-data" type="application/json">') + len(
        '<script id="unit-map-data" type="application/json">')
    return json.loads(content[start:content.index("</script>", start)])


def test_tree_starts_at_the_city_for_city_roles_with_streets_loaded(small_city, page_client_for):
    content = _content(small_city, page_client_for, "city_admin", reverse("registry-tree"))
    assert small_city.city.name in content
    assert small_city.street_a.name in content and small_city.street_b.name in content
    # Communities come on demand, when a street is opened.
    assert f'hx-get="{reverse("registry-unit-children", args=[small_city.street_a.code])}"' in content
    assert small_city.community_a1.name not in content


def test_tree_starts_at_the_actors_own_unit(small_city, page_client_for):
    content = _content(small_city, page_client_for, "street_a_dispatcher", reverse("registry-tree"))
    assert small_city.street_a.name in content and small_city.community_a1.name in content
    assert small_city.city.name not in content and small_city.street_b.name not in content


def test_children_fragment_lists_the_units_below(small_city, page_client_for):
    content = _content(small_city, page_client_for, "city_admin",
                       reverse("registry-unit-children", args=[small_city.street_a.code]))
    assert "<html" not in content
    assert small_city.community_a1.name in content and small_city.community_a2.name in content
    assert small_city.community_b1.name not in content
    # community a1 has a grid below it, community a2 none: only the first opens further.
    assert f'hx-get="{reverse("registry-unit-children", args=[small_city.community_a1.code])}"' in content
    assert reverse("registry-unit-children", args=[small_city.community_a2.code]) not in content


def test_city_admin_sees_every_community_of_the_city(small_city, page_client_for):
    for street in (small_city.street_a, small_city.street_b):
        content = _unit_page(small_city, page_client_for, "city_admin", street)
        for community in Unit.objects.filter(parent=street):
            assert community.name in content


def test_unit_page_shows_breadcrumbs_linking_only_what_opens(small_city, page_client_for):
    content = _unit_page(small_city, page_client_for, "community_a1_worker", small_city.grid_a1)
    breadcrumbs = content.split('class="breadcrumb"', 1)[1].split("</ol>", 1)[0]
    assert small_city.city.name in breadcrumbs and small_city.street_a.name in breadcrumbs
    assert reverse("registry-unit", args=[small_city.street_a.code]) not in breadcrumbs
    assert reverse("registry-unit", args=[small_city.community_a1.code]) in breadcrumbs


def test_unit_page_shows_households_children_and_compounds(small_city, page_client_for):
    records = registry_records(small_city)
    content = _unit_page(small_city, page_client_for, "street_a_dispatcher", small_city.community_a1)
    assert ">400<" in content
    assert small_city.grid_a1.name in content
    assert records["compound_a1"].name in content and records["compound_a2"].name not in content


def test_grid_page_lists_the_compounds_placed_in_the_grid(small_city, page_client_for):
    records = registry_records(small_city)
    content = _unit_page(small_city, page_client_for, "grid_a1_worker", small_city.grid_a1)
    assert records["compound_a1"].name in content


def test_street_page_lists_the_liaisons_serving_it(small_city, page_client_for):
    records = registry_records(small_city)
    content = _unit_page(small_city, page_client_for, "street_a_dispatcher", small_city.street_a)
    assert records["housing_a"].name in content and records["urban_a"].name in content
    assert records["housing_b"].name not in content


def test_unit_page_shows_party_organisation_and_joint_committee_seats(small_city, page_client_for):
    party_organisation_set(actor=None, unit=small_city.street_a, name="建国路街道党工委", secretary_name="赵敏",
                           member_count=35)
    joint_committee_seat_add(actor=None, unit=small_city.street_a, organisation_name="昌吉市第一中学",
                             organisation_kind="school", representative_name="孙丽")
    content = _unit_page(small_city, page_client_for, "street_a_dispatcher", small_city.street_a)
    assert "建国路街道党工委" in content and "赵敏" in content and "35 members" in content
    assert "昌吉市第一中学" in content and "孙丽" in content


@pytest.mark.parametrize("who,sees_members", [("street_a_leader", True), ("street_a_dispatcher", False),
                                              ("city_leader", True), ("housing_handler", False)])
def test_members_are_shown_to_roles_that_may_see_memberships(small_city, page_client_for, who, sees_members):
    content = _unit_page(small_city, page_client_for, who, small_city.street_a)
    assert ("Staff and their roles" in content) is sees_members
    if sees_members:
        assert "street.a.dispatcher" in content


def test_unit_map_draws_boundaries_without_a_base_map_by_default(small_city, page_client_for):
    content = _unit_page(small_city, page_client_for, "community_a1_worker", small_city.community_a1)
    data = _map_data(content)
    assert data["boundary"] is None
    assert data["children"][0]["name"] == small_city.grid_a1.name
    assert data["children"][0]["boundary"] == small_city.grid_a1.boundary
    assert data["tileUrl"] == ""
    assert "/static/vendor/leaflet/leaflet.js" in content


def test_unit_map_uses_the_configured_base_map(small_city, page_client_for, settings):
    settings.GONGZHI_MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    data = _map_data(_unit_page(small_city, page_client_for, "grid_a1_worker", small_city.grid_a1))
    assert data["tileUrl"] == "https://tiles.example/{z}/{x}/{y}.png"
    assert data["boundary"] == small_city.grid_a1.boundary


def test_unit_without_any_boundary_says_so_instead_of_a_map(small_city, page_client_for):
    content = _unit_page(small_city, page_client_for, "street_a_dispatcher", small_city.community_a2)
    assert "unit-map-data" not in content and "leaflet.js" not in content
    assert "No boundary is recorded" in content


def test_departments_list_shows_a_streets_own_liaison(small_city, page_client_for):
    records = registry_records(small_city)
    content = _content(small_city, page_client_for, "street_b_dispatcher", reverse("registry-departments"))
    assert records["housing_b"].name in content and records["housing_a"].name not in content
    assert "Your street's liaison" in content


def test_departments_list_shows_city_roles_the_coverage(small_city, page_client_for):
    registry_records(small_city)
    content = " ".join(_content(small_city, page_client_for, "city_admin", reverse("registry-departments")).split())
    assert "2 of 2" in content and "1 of 2" in content


def test_department_page_lists_liaisons_per_street_and_the_gaps(small_city, page_client_for):
    records = registry_records(small_city)
    content = _content(small_city, page_client_for, "city_admin",
                       reverse("registry-department", args=[small_city.urban.code]))
    assert records["urban_a"].name in content
    assert "No liaison named for this street" in content and small_city.street_b.name in content


def test_department_page_hides_other_departments_liaisons_from_department_staff(small_city, page_client_for):
    records = registry_records(small_city)
    content = _content(small_city, page_client_for, "urban_handler",
                       reverse("registry-department", args=[small_city.housing.code]))
    assert records["housing_a"].name not in content
    assert "No liaison named for this street" not in content
    own = _content(small_city, page_client_for, "urban_handler",
                   reverse("registry-department", args=[small_city.urban.code]))
    assert records["urban_a"].name in own


def test_compounds_search_matches_name_code_address_and_community(small_city, page_client_for):
    records = registry_records(small_city)
    url = reverse("registry-compounds")
    for query in ("幸福", "C-A1", "建国路第一"):
        content = _content(small_city, page_client_for, "city_admin", f"{url}?q={query}")
        assert records["compound_a1"].name in content
        assert records["compound_b1"].name not in content


def test_compounds_search_with_no_match_says_so(small_city, page_client_for):
    registry_records(small_city)
    content = _content(small_city, page_client_for, "city_admin", reverse("registry-compounds") + "?q=没有")
    assert "No compound matches your search." in content


def test_compounds_filtered_by_unit(small_city, page_client_for):
    records = registry_records(small_city)
    content = _content(small_city, page_client_for, "city_admin",
                       reverse("registry-compounds") + f"?unit={small_city.street_b.code}")
    assert records["compound_b1"].name in content and records["compound_a1"].name not in content


def test_grid_worker_compound_list_does_not_link_the_community_they_cannot_open(small_city, page_client_for):
    registry_records(small_city)
    content = _content(small_city, page_client_for, "grid_a1_worker", reverse("registry-compounds"))
    assert reverse("registry-unit", args=[small_city.grid_a1.code]) in content
    assert reverse("registry-unit", args=[small_city.community_a1.code]) not in content
