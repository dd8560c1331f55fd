"""Cadre files: a promotion ends the current post, opens the new one and keeps the basis with the
review results it rested on; the talent pool lists cadres by their grades over the years."""
from __future__ import annotations

from datetime import date

import pytest

from gongzhi.assessment import services
from gongzhi.assessment.models import Cadre, ReviewSubject
from gongzhi.common.models import DomainEvent
from gongzhi.org.models import User
from tests.assessment.support import API

pytestmark = pytest.mark.django_db


def graded(world, cadre_key: str, year: int, grade: str, score: str) -> None:
    """A closed session of that year in which the cadre reported with that result."""
    session = services.review_session_create(actor=None, year=year, title=f"{year}年度评议（{cadre_key}）",
                                             held_on=date(year + 1, 1, 10))
    services.review_criterion_add(actor=None, session=session, name="履职", weight=100)
    services.review_evaluator_add(actor=None, session=session, username="city.leader")
    subject = services.review_subject_add(actor=None, session=session, cadre_id=world.cadres[cadre_key].pk)
    services.review_session_start_scoring(actor=None, session=session)
    services.review_scores_record(actor=None, evaluator=User.objects.get(username="city.leader"),
                                  session=session,
                                  subject=subject, scores={str(session.criteria.get().pk): score})
    services.review_session_close(actor=None, session=session)
    assert ReviewSubject.objects.get(pk=subject.pk).grade == grade


def test_a_promotion_keeps_its_basis(world, small_city, api_client_for):
    graded(world, "community_a1", 2023, "excellent", "95")
    graded(world, "community_a1", 2024, "excellent", "92")
    client = api_client_for(small_city.users["city_admin"])
    response = client.post(f"{API}/cadres/{world.cadres['community_a1'].pk}/promotions", {
        "post_kind": "street_secretary", "title": "建国路街道党工委副书记", "unit": small_city.street_a.code,
        "effective_on": "2025-09-01", "basis": "连续两年述职评议优秀，经市委组织部考察"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["organisation"], body["post_kind"]) == ("建国路街道党工委副书记", "建国路街道",
                                                                        "street_secretary")
    assert [(post["title"], post["started_on"], post["ended_on"]) for post in body["posts"]] == [
        ("建国路街道党工委副书记", "2025-09-01", None), ("社区党委书记", "2020-01-01", "2025-08-31")]
    promotion = body["promotions"][0]
    assert (promotion["from_title"], promotion["to_title"], promotion["recorded_by"]) == (
        "社区党委书记", "建国路街道党工委副书记", "city.admin")
    assert [(result["year"], result["grade"]) for result in promotion["review_results"]] == [
        (2024, "excellent"), (2023, "excellent")]
    event = DomainEvent.objects.get(action="cadre.promote")
    assert (event.before["title"], event.after["title"]) == ("社区党委书记", "建国路街道党工委副书记")
    # The new post is street a's: its leader still reads the file.
    assert api_client_for(small_city.users["street_a_leader"]).get(
        f"{API}/cadres/{world.cadres['community_a1'].pk}").status_code == 200


def test_the_talent_pool(world, small_city, api_client_for):
    graded(world, "community_a1", 2023, "excellent", "95")
    graded(world, "community_a1", 2024, "good", "85")
    graded(world, "housing", 2024, "excellent", "91")
    graded(world, "street_b", 2022, "excellent", "99")
    client = api_client_for(small_city.users["city_leader"])

    def pool(**query) -> dict[str, int]:
        response = client.get(f"{API}/talent-pool", query)
        assert response.status_code == 200, response.content
        return {talent["name"]: talent["good_results"] for talent in response.json()}

    # street_b's 2023 session (from the world) closed with 92: excellent.
    assert pool(grade="excellent", since=2023) == {"王建国": 1, "陈刚": 1, "马丽": 1}
    assert pool(grade="good", since=2023, times=2) == {"王建国": 2}
    assert pool(grade="excellent", since=2022, times=2) == {"马丽": 2}
    assert pool(grade="excellent", since=2022, post_kind="department_secretary") == {"陈刚": 1}
    # A street's leader sees only the cadres of the street.
    street_a = api_client_for(small_city.users["street_a_leader"]).get(
        f"{API}/talent-pool", {"grade": "good", "since": 2020}).json()
    assert [talent["name"] for talent in street_a] == ["王建国"]
    assert Cadre.objects.count() == 3


def test_honours_reach_the_file(world, small_city, api_client_for):
    client = api_client_for(small_city.users["city_admin"])
    response = client.post(f"{API}/cadres/{world.cadres['street_b'].pk}/honours", {
        "title": "全区优秀党务工作者", "awarded_by": "自治区党委", "awarded_on": "2024-07-01"}, format="json")
    assert response.status_code == 201
    assert response.json()["honours"] == [{"title": "全区优秀党务工作者", "awarded_by": "自治区党委",
                                           "awarded_on": "2024-07-01"}]
