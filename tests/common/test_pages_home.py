"""The home page: every role gets one, and the organisation's panels list real, scoped gaps."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongzhi.common.access.roles import Permission
from gongzhi.common.home import PANEL_ITEM_LIMIT, HomePanel, HomePanelItem, home_panels_for, panel_content
from gongzhi.org.models import Unit, User
from tests.api_support import EVERYONE, registry_records
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _home(small_city, page_client_for, who) -> str:
    response = page_client_for(small_city.users[who]).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _panel_titles(small_city, who) -> list[str]:
    return [str(panel.title) for panel in home_panels_for(small_city.actor(who))]


def _panel(small_city, who, title):
    return next(panel for panel in home_panels_for(small_city.actor(who)) if str(panel.title) == title)


@pytest.mark.parametrize("who", EVERYONE)
def test_every_signed_in_user_has_a_home_page(small_city, page_client_for, who):
    _home(small_city, page_client_for, who)


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_user_without_a_role_is_told_so(small_city, page_client_for):
    content = _home(small_city, page_client_for, "nobody")
    assert "holds no role yet" in content


def test_city_admin_sees_units_without_a_boundary_across_the_city(small_city):
    panel = _panel(small_city, "city_admin", "Units without a boundary")
    labels = {item.label for item in panel.items}
    # The grids of the small city have boundaries; streets and communities do not.
    assert panel.total == 5
    assert small_city.community_b1.name in labels and small_city.street_a.name in labels
    assert small_city.grid_a1.name not in labels


def test_street_dispatcher_sees_only_their_own_units_without_a_boundary(small_city):
    panel = _panel(small_city, "street_a_dispatcher", "Units without a boundary")
    assert {item.label for item in panel.items} == {small_city.street_a.name, small_city.community_a1.name,
                                                   small_city.community_a2.name}


def test_boundary_recorded_empties_the_panel_with_a_friendly_message(small_city, page_client_for):
    Unit.objects.filter(code__startswith=small_city.community_a1.code).update(
        boundary=small_city.grid_a1.boundary)
    content = _home(small_city, page_client_for, "community_a1_worker")
    assert "Every unit in your reach has a boundary." in content


def test_city_admin_sees_departments_missing_a_liaison_per_street(small_city):
    registry_records(small_city)  # housing serves both streets, urban only street a
    panel = _panel(small_city, "city_admin", "Departments without a liaison")
    assert [item.label for item in panel.items] == [small_city.urban.name]
    assert small_city.street_b.name in str(panel.items[0].detail)


def test_street_sees_missing_liaisons_only_for_its_own_street(small_city):
    registry_records(small_city)
    panel = _panel(small_city, "street_b_dispatcher", "Departments without a liaison")
    assert [item.label for item in panel.items] == [small_city.urban.name]
    assert _panel(small_city, "street_a_dispatcher", "Departments without a liaison").items == []


def test_department_sees_the_streets_it_leaves_without_a_liaison(small_city):
    registry_records(small_city)
    panel = _panel(small_city, "urban_handler", "Departments without a liaison")
    assert [item.label for item in panel.items] == [small_city.urban.name]
    assert str(panel.items[0].detail).endswith(small_city.street_b.name)


def test_locked_accounts_are_listed_for_those_who_see_memberships(small_city):
    locked = small_city.users["community_b1_worker"]
    User.objects.filter(pk=locked.pk).update(locked_until=timezone.now() + timedelta(minutes=10))
    admin_panel = _panel(small_city, "city_admin", "Locked accounts")
    assert [item.label for item in admin_panel.items] == [f"{locked} ({locked.username})"]
    street_leader_panel = _panel(small_city, "street_a_leader", "Locked accounts")
    assert street_leader_panel.items == []
    assert "Locked accounts" not in _panel_titles(small_city, "street_a_dispatcher")


def test_a_lock_that_has_run_out_is_not_listed(small_city):
    User.objects.filter(pk=small_city.users["grid_a1_worker"].pk).update(
        locked_until=timezone.now() - timedelta(minutes=1))
    panel = _panel(small_city, "city_admin", "Locked accounts")
    assert panel.total == 0


def test_street_sees_its_communities_with_households(small_city, page_client_for):
    content = _home(small_city, page_client_for, "street_a_dispatcher")
    assert f"Communities of {small_city.street_a.name}" in content
    assert small_city.community_a1.name in content and "400 households" in content
    assert small_city.community_b1.name not in content


def test_street_and_community_staff_see_the_liaisons_serving_their_street(small_city):
    records = registry_records(small_city)
    for who in ("street_a_dispatcher", "community_a1_worker", "grid_a1_worker"):
        panel = _panel(small_city, who, f"Liaisons serving {small_city.street_a.name}")
        assert records["housing_a"].name in {str(item.detail) for item in panel.items}
        assert all(records["housing_b"].name not in str(item.detail) for item in panel.items)


def test_department_sees_its_own_liaisons(small_city):
    records = registry_records(small_city)
    panel = _panel(small_city, "housing_handler", f"Liaisons of {small_city.housing.name}")
    assert [item.label for item in panel.items] == [small_city.street_a.name, small_city.street_b.name]
    assert records["urban_a"].name not in {str(item.detail) for item in panel.items}


def test_panels_list_a_few_items_and_count_them_all(small_city):
    rows = list(range(PANEL_ITEM_LIMIT + 3))
    content = panel_content(title="numbers", rows=rows, item_of=lambda n: HomePanelItem(label=str(n)))
    assert content.total == PANEL_ITEM_LIMIT + 3 and len(content.items) == PANEL_ITEM_LIMIT


def test_a_panel_is_shown_only_to_roles_with_its_permission(small_city, monkeypatch):
    from gongzhi.common import home

    monkeypatch.setattr(home, "_REGISTRY", [])
    home.home_panel_register(HomePanel(
        key="test.audit", permission=Permission.AUDIT_VIEW, order=1,
        build=lambda actor: panel_content(title="audit panel", rows=[], item_of=HomePanelItem)))
    assert [p.title for p in home.home_panels_for(small_city.actor("city_admin"))] == ["audit panel"]
    assert home.home_panels_for(small_city.actor("city_leader")) == []


def test_panels_with_items_come_before_the_all_clear_list(small_city, page_client_for):
    Unit.objects.filter(code=small_city.community_a1.code).update(boundary=small_city.grid_a1.boundary)
    content = _home(small_city, page_client_for, "community_a1_worker")
    all_clear = content.index("All clear")
    assert content.index(f"Grids of {small_city.community_a1.name}") < all_clear
    assert all_clear < content.index("Every unit in your reach has a boundary.")
    assert all_clear < content.index(f"Liaisons serving {small_city.street_a.name}")
