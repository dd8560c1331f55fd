"""What Open311 adds to the shell: the map in everyone's navigation, the open problems residents
reported in the actor's area on the home page, and for city administrators the client systems
with the state of the suggested-department model."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.common.home import home_panels_for
from gongzhi.common.navigation import navigation_for
from gongzhi.open311.services import api_client_create
from gongzhi.orders import services
from gongzhi.orders.routing import classifier_retrain

pytestmark = pytest.mark.usefixtures("english")
RESIDENTS = "Open problems residents reported"
CLIENTS = "Open311 client systems"


def panel(city, who: str, title: str):
    return next((found for found in home_panels_for(city.actor(who)) if str(found.title) == title), None)


@pytest.fixture
def resident_reports(small_city, catalogue):
    in_a = services.order_report(actor=None, title="建国路路灯", description="路灯不亮", category_code="0101",
                                 channel="portal", latitude="44.015", longitude="87.305")
    in_b = services.order_report(actor=None, title="北京南路垃圾", description="垃圾", category_code="0101",
                                 channel="open311", latitude="44.015", longitude="87.325")
    return in_a, in_b


def test_the_map_is_in_the_navigation_of_everyone_who_views_orders(small_city):
    assert "open311:map" in [item["url_name"] for item in navigation_for(small_city.actor("grid_a1_worker"))]
    assert "open311:map" not in [item["url_name"] for item in navigation_for(small_city.actor("nobody"))]


def test_residents_reports_are_listed_within_the_actors_area(small_city, resident_reports):
    in_a, in_b = resident_reports
    street_a = panel(small_city, "street_a_dispatcher", RESIDENTS)
    assert [item.label for item in street_a.items] == [f"{in_a.number} {in_a.title}"]
    city = panel(small_city, "city_admin", RESIDENTS)
    assert city.total == 2
    services.order_reject(actor=small_city.actor("street_a_dispatcher"), order=in_a, reason="not_a_problem",
                          comment="已核实")
    assert panel(small_city, "street_a_dispatcher", RESIDENTS).total == 0


def test_city_administrators_see_client_systems_and_the_model(small_city, resident_reports):
    assert panel(small_city, "street_a_dispatcher", CLIENTS) is None
    api_client_create(actor=None, name="FixMyStreet")
    clients = panel(small_city, "city_admin", CLIENTS)
    assert clients.total == 1
    assert "come from the categories" in str(clients.items[0].label)
    assert clients.items[1].label == "FixMyStreet" and clients.items[1].detail == "not used yet"
    assert clients.link_url == reverse("admin:open311_apiclient_changelist")


def test_the_panel_reports_the_trained_model(small_city, catalogue, settings, orders):
    settings.GONGZHI_ROUTING_MIN_TRAINING_ORDERS = 2
    orders.handled()
    orders.handled()
    classifier_retrain()
    assert "learnt from 2 orders" in str(panel(small_city, "city_admin", CLIENTS).items[0].label)


def test_the_home_page_renders_the_panels(small_city, resident_reports, page_client_for):
    content = page_client_for(small_city.users["city_admin"]).get("/").content.decode()
    assert RESIDENTS in content and CLIENTS in content
