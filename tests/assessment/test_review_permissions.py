"""The party-building review, as every role: city administrators prepare, start and close sessions;
the session's evaluators score its reports; leaders see the sessions their cadres report in. A
session or report out of reach answers 404, a visible one without the right 403."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.assessment import services
from tests.assessment.support import API, REVIEWERS, for_roles, statuses

pytestmark = pytest.mark.django_db
EVALUATORS = {"city_leader", "street_a_leader"}


def _prepared(world, small_city):
    """The 2025 session with an evaluator (the city leader) and street a's community secretary."""
    session = world.session_open
    services.review_evaluator_add(actor=None, session=session,
                                  username=small_city.users["city_leader"].username)
    services.review_subject_add(actor=None, session=session, cadre_id=world.cadres["community_a1"].pk)
    return session


def test_api_reads(world, small_city, api_client_for):
    def get(url):
        return statuses(lambda who: api_client_for(small_city.users[who]).get(url))

    assert get(f"{API}/reviews") == for_roles(REVIEWERS, 200)
    assert get(f"{API}/reviews/{world.session.pk}") == for_roles(REVIEWERS, 200)
    # Only street b's secretary reported in 2023, with the city leader evaluating.
    assert get(f"{API}/reviews/{world.session_other.pk}") == for_roles(
        REVIEWERS, 200, street_a_leader=404, housing_leader=404)


def test_api_preparation(world, small_city, api_client_for):
    session = world.session_open.pk
    for part, data in [("criteria", {"name": "廉洁自律", "weight": 10}),
                       ("evaluators", {"username": small_city.users["street_a_leader"].username}),
                       ("subjects", {"cadre": world.cadres["housing"].pk})]:
        got = statuses(lambda who: api_client_for(small_city.users[who]).post(
            f"{API}/reviews/{session}/{part}", data, format="json"))
        # Nobody outside the city sees a session with no evaluator and no cadre yet.
        assert got == for_roles({"city_admin"}, 201, street_a_leader=404, housing_leader=404), part


def test_api_steps(world, small_city, api_client_for):
    session = _prepared(world, small_city).pk
    url = f"{API}/reviews/{session}/start-scoring"
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(url))
    # Street a's leader sees it (their community's secretary reports); housing's leader does not.
    assert got == for_roles({"city_admin"}, 200, housing_leader=404)
    url = f"{API}/reviews/{world.session.pk}/close"
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(url))
    assert got == for_roles({"city_admin"}, 200)


def test_api_scores(world, small_city, api_client_for):
    session = world.session
    subject = session.subjects.get(cadre=world.cadres["community_a1"])
    criterion = session.criteria.get(source="evaluators").pk
    got = statuses(lambda who: api_client_for(small_city.users[who]).post(
        f"{API}/reviews/{session.pk}/subjects/{subject.pk}/scores", {"scores": {str(criterion): 90}},
                                                                          format="json"))
    # The administrator does not evaluate this session; housing's leader does not see this report.
    assert got == for_roles(EVALUATORS, 200, housing_leader=404)


def test_pages(world, small_city, page_client_for):
    def get(url):
        return statuses(lambda who: page_client_for(small_city.users[who]).get(url))

    def post(url, data):
        return statuses(lambda who: page_client_for(small_city.users[who]).post(url, data))

    assert get(reverse("assessment:sessions")) == for_roles(REVIEWERS, 200)
    assert get(reverse("assessment:session", args=[world.session.pk])) == for_roles(REVIEWERS, 200)
    assert get(reverse("assessment:session", args=[world.session_other.pk])) == for_roles(
        REVIEWERS, 200, street_a_leader=404, housing_leader=404)
    assert post(reverse("assessment:sessions"), {"year": 2026, "title": "2026年度述职评议", "held_on": "2027-01-10",
                                                 "excellent_from": 90, "good_from": 80,
                                                 "average_from": 60}) == \
        for_roles({"city_admin"}, 302)
    session = world.session_open.pk
    for part, data in [("criteria", {"name": "廉洁自律", "source": "evaluators", "weight": 10, "max_score": 100}),
                       ("evaluators", {"username": small_city.users["street_a_leader"].username}),
                       ("subjects", {"cadre": world.cadres["housing"].pk})]:
        assert post(reverse("assessment:session-part-add", args=[session, part]), data) == \
            for_roles({"city_admin"}, 302), part
    assert post(reverse("assessment:session-step", args=[world.session.pk, "close"]), {}) == \
        for_roles({"city_admin"}, 302)
    subject = world.session.subjects.get(cadre=world.cadres["community_a1"])
    criterion = world.session.criteria.get(source="evaluators").pk
    url = reverse("assessment:review-score", args=[world.session.pk, subject.pk])
    assert get(url) == for_roles(EVALUATORS, 200, housing_leader=404, city_admin=403)
    assert post(url, {f"criterion-{criterion}": 90}) == for_roles(EVALUATORS, 302, housing_leader=404)


def test_nobody_scores_their_own_report(world, small_city, api_client_for):
    session = world.session
    subject = session.subjects.get(cadre=world.cadres["community_a1"])
    world.cadres["community_a1"].user = small_city.users["street_a_leader"]
    world.cadres["community_a1"].save()
    criterion = session.criteria.get(source="evaluators").pk
    response = api_client_for(small_city.users["street_a_leader"]).post(
        f"{API}/reviews/{session.pk}/subjects/{subject.pk}/scores", {"scores": {str(criterion): 100}},
                                                                        format="json")
    assert response.status_code == 403
