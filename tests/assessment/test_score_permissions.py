"""Only a street's own staff score for it: the street's dispatchers and leaders (each for their own
street), through the API and the scoring page. The city administrator, who may do almost anything,
may not score in a street's place; departments and everyone else may not either."""
from __future__ import annotations

import pytest
from django.urls import reverse

from tests.assessment.support import API, STREET_SCORERS, VIEWERS, for_roles, statuses

pytestmark = pytest.mark.django_db


def test_api_scores(world, small_city, api_client_for):
    item = world.scoring.manual_items.get(kind="rating").pk
    url = f"{API}/periods/{world.scoring.pk}/scores"
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(url, {"scores": [
        {"item": item, "department": "HOUSING", "score": 88}]}, format="json"))
    assert got == for_roles(STREET_SCORERS, 200)


def test_scoring_page(world, small_city, page_client_for):
    item = world.scoring.manual_items.get(kind="rating").pk
    url = reverse("assessment:score", args=[world.scoring.pk])
    assert statuses(lambda who: page_client_for(small_city.users[who]).get(url)) == for_roles(STREET_SCORERS,
                                                                                              200)
    got = statuses(lambda who: page_client_for(small_city.users[who]).post(url,
                                                                           {f"score-{item}-HOUSING": 88}))
    assert got == for_roles(STREET_SCORERS, 302)


def test_the_scoring_link_shows_to_street_staff_only(world, small_city, page_client_for):
    url = reverse("assessment:period", args=[world.scoring.pk])
    link = reverse("assessment:score", args=[world.scoring.pk]).encode()
    for who in VIEWERS:
        shown = link in page_client_for(small_city.users[who]).get(url).content
        assert shown == (who in STREET_SCORERS), who
