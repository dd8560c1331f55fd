"""Bad input to the writes of the party-building review and the cadre files answers 400 naming the
field and writes nothing."""
from __future__ import annotations

import pytest

from tests.assessment.support import API
from tests.assessment.test_api_bad_input import refused

pytestmark = pytest.mark.django_db
SESSION = {"year": 2026, "title": "2026年度述职评议", "held_on": "2027-01-15"}


@pytest.fixture
def admin(small_city, api_client_for):
    return api_client_for(small_city.users["city_admin"])


@pytest.mark.parametrize("data,field", [
    ({**SESSION, "title": "2024年度述职评议"}, "title"),
    ({**SESSION, "year": 1990}, "year"),
    ({**SESSION, "held_on": "2027-13-01"}, "held_on"),
    ({**SESSION, "good_from": 95}, "good_from"),
    ({**SESSION, "excellent_from": 101}, "excellent_from"),
])
def test_session(world, admin, data, field):
    refused(admin, "post", "/reviews", data, field)


@pytest.mark.parametrize("part,data,field", [
    ("criteria", {"name": "履职情况", "weight": 10}, "name"),
    ("criteria", {"name": "新标准", "weight": 0}, "weight"),
    ("criteria", {"name": "新标准", "weight": 10, "source": "vote"}, "source"),
    ("criteria", {"name": "新标准", "weight": 10, "source": "department_assessment"}, "source"),
    ("criteria", {"name": "新标准", "weight": 10, "max_score": 0}, "max_score"),
    ("evaluators", {"username": "nobody.here"}, "username"),
    ("evaluators", {"username": "community.a1.worker"}, "username"),      # their role may not score
    ("subjects", {"cadre": 999999}, "cadre"),
    ("subjects", {"cadre": "x"}, "cadre"),
])
def test_session_parts(world, admin, part, data, field):
    refused(admin, "post", f"/reviews/{world.session_open.pk}/{part}", data, field)


def test_a_second_evaluator_and_a_second_report(world, small_city, admin):
    session = world.session.pk
    refused(admin, "post", f"/reviews/{session}/evaluators", {"username": "city.leader"}, "username")


def test_review_scores(world, small_city, api_client_for):
    client = api_client_for(small_city.users["city_leader"])
    session = world.session
    subject = session.subjects.first().pk
    evaluated = session.criteria.get(source="evaluators").pk
    computed = session.criteria.get(source="department_assessment").pk
    path = f"/reviews/{session.pk}/subjects/{subject}/scores"
    for data, field in [({"scores": {}}, "scores"), ({"scores": {"999999": 80}}, "scores.999999"),
                        ({"scores": {str(computed): 80}}, f"scores.{computed}"),
                        ({"scores": {str(evaluated): 101}}, f"scores.{evaluated}"),
                        ({"scores": {str(evaluated): "good"}}, f"scores.{evaluated}"),
                        ({"scores": [80]}, "scores")]:
        refused(client, "post", path, data, field)


CADRE = {"name": "李明", "post_kind": "community_secretary", "title": "社区党委书记", "unit": "652301002001",
         "started_on": "2024-01-01"}


@pytest.mark.parametrize("data,field", [
    ({**CADRE, "name": ""}, "name"),
    ({**CADRE, "post_kind": "mayor"}, "post_kind"),
    ({**CADRE, "unit": "652301002"}, "unit"),                 # a street, not a community
    ({**CADRE, "unit": "999999999999"}, "unit"),
    ({**CADRE, "unit": ""}, "unit"),
    ({**CADRE, "department": "HOUSING"}, "department"),
    ({**CADRE, "post_kind": "department_secretary", "unit": "", "department": "NONE"}, "department"),
    ({**CADRE, "started_on": "yesterday"}, "started_on"),
    ({**CADRE, "username": "nobody.here"}, "username"),
])
def test_cadre(world, admin, data, field):
    refused(admin, "post", "/cadres", data, field)


def test_a_user_has_one_cadre_file(world, small_city, admin):
    admin.post(f"{API}/cadres", {**CADRE, "username": "street.b.dispatcher"}, format="json")
    refused(admin, "post", "/cadres", {**CADRE, "name": "另一人", "username": "street.b.dispatcher"}, "username")


@pytest.mark.parametrize("part,data,field", [
    ("honours", {"title": "", "awarded_by": "市委", "awarded_on": "2025-07-01"}, "title"),
    ("honours", {"title": "优秀党务工作者", "awarded_by": "市委"}, "awarded_on"),
    ("promotions", {"post_kind": "street_secretary", "title": "街道党工委副书记", "unit": "652301001",
                    "effective_on": "2019-01-01", "basis": "述职评议优秀"}, "effective_on"),
    ("promotions", {"post_kind": "street_secretary", "title": "街道党工委副书记", "unit": "652301001",
                    "effective_on": "2025-09-01", "basis": ""}, "basis"),
    ("promotions", {"post_kind": "street_secretary", "title": "街道党工委副书记", "unit": "652301001001",
                    "effective_on": "2025-09-01", "basis": "述职评议优秀"}, "unit"),
])
def test_cadre_records(world, admin, part, data, field):
    refused(admin, "post", f"/cadres/{world.cadres['community_a1'].pk}/{part}", data, field)


def test_talent_pool_parameters(world, admin):
    for query, field in [({"grade": "best"}, "grade"), ({"since": 1800}, "since"), ({"times": 0}, "times"),
                         ({"post_kind": "mayor"}, "post_kind"), ({"colour": "red"}, "colour")]:
        response = admin.get(f"{API}/talent-pool", query)
        assert response.status_code == 400 and field in response.json()["error"]["fields"], (query,
                                                                                             response.content)


def test_trend_parameters(world, admin):
    response = admin.get(f"{API}/departments/HOUSING/trend", {"kind": "month"})
    assert response.status_code == 400 and "kind" in response.json()["error"]["fields"]
