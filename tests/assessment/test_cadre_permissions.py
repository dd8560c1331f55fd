"""Cadre files, as every role: city roles read every file, a street's leader those of the street and
its communities, a department's leader those of the department; only city administrators open files
and record honours and promotions. A file out of reach answers 404."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.assessment.support import API, REVIEWERS, for_roles, statuses

pytestmark = pytest.mark.django_db
# Street a's community secretary: out of housing's reach.
OUT_OF_REACH = {"housing_leader": 404}


def test_api(world, small_city, api_client_for):
    cadre = world.cadres["community_a1"].pk

    def call(method, url, data=None):
        return statuses(lambda who: getattr(api_client_for(small_city.users[who]), method)(url, data,
                                                                                           format="json"))

    assert call("get", f"{API}/cadres") == for_roles(REVIEWERS, 200)
    assert call("get", f"{API}/cadres/{cadre}") == for_roles(REVIEWERS, 200, **OUT_OF_REACH)
    assert call("get", f"{API}/talent-pool?grade=good&since=2023") == for_roles(REVIEWERS, 200)
    assert call("post", f"{API}/cadres", {"name": "李明", "post_kind": "community_secretary", "title": "社区党委书记",
                                          "unit": small_city.community_b1.code,
                                          "started_on": "2024-01-01"}) == \
        for_roles({"city_admin"}, 201)
    assert call("post", f"{API}/cadres/{cadre}/honours", {"title": "优秀党务工作者", "awarded_by": "市委",
                                                          "awarded_on": "2025-07-01"}) == \
        for_roles({"city_admin"}, 201, **OUT_OF_REACH)
    assert call("post", f"{API}/cadres/{cadre}/promotions", {
        "post_kind": "street_secretary", "title": "街道党工委副书记", "unit": small_city.street_a.code,
        "effective_on": "2025-09-01", "basis": "连续两年述职评议优秀"}) == for_roles({"city_admin"}, 201,
                                                                           **OUT_OF_REACH)


def test_pages(world, small_city, page_client_for):
    cadre = world.cadres["community_a1"].pk

    def get(url):
        return statuses(lambda who: page_client_for(small_city.users[who]).get(url))

    def post(url, data):
        return statuses(lambda who: page_client_for(small_city.users[who]).post(url, data))

    assert get(reverse("assessment:cadres")) == for_roles(REVIEWERS, 200)
    assert get(reverse("assessment:cadres") + "?grade=excellent&since=2023") == for_roles(REVIEWERS, 200)
    assert get(reverse("assessment:cadre", args=[cadre])) == for_roles(REVIEWERS, 200, **OUT_OF_REACH)
    assert post(reverse("assessment:cadres"), {"name": "李明", "post_kind": "community_secretary",
                                               "title": "社区党委书记", "unit": small_city.community_b1.code,
                                               "started_on": "2024-01-01"}) == for_roles({"city_admin"}, 302)
    assert post(reverse("assessment:cadre-record", args=[cadre, "honours"]), {
        "title": "优秀党务工作者", "awarded_by": "市委", "awarded_on": "2025-07-01"}) == for_roles({"city_admin"}, 302)
    assert post(reverse("assessment:cadre-record", args=[cadre, "promotions"]), {
        "post_kind": "street_secretary", "title": "街道党工委副书记", "unit": small_city.street_a.code,
        "effective_on": "2025-09-01", "basis": "连续两年述职评议优秀"}) == for_roles({"city_admin"}, 302)
