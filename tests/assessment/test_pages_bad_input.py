"""Bad input to every form of the assessment's pages answers 400 with the errors on the form (the
service's messages by field) and writes nothing; a state that does not allow the action answers 409
with the refusal shown."""
from __future__ import annotations

import pytest
from django.urls import reverse

from gongzhi.assessment.models import IndicatorResult
from gongzhi.common.models import DomainEvent
from tests.api_support import nothing_written
from tests.assessment.test_api_bad_input import TABLES
from tests.page_support import english  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def refused(client, url: str, data: dict, message: str, status: int = 400) -> None:
    with nothing_written(*TABLES):
        response = client.post(url, data)
    assert response.status_code == status, (url, response.status_code)
    assert message in response.content.decode(), (url, message)


@pytest.fixture
def admin(small_city, page_client_for, english):
    return page_client_for(small_city.users["city_admin"])


def test_scheme_forms(world, admin):
    open_id = world.open.pk
    refused(admin, reverse("assessment:periods"), {"name": "2024年度", "kind": "year", "year": 2030,
                                                   "street_share": 20},
            "A period with this name exists already.")
    refused(admin, reverse("assessment:periods"), {"name": "新周期", "kind": "quarter", "year": 2030,
                                                   "street_share": 20}, "Must be a whole number from 1 to 4.")
    refused(admin, reverse("assessment:period-edit", args=[open_id]), {"name": "第三季度", "street_share": 120},
            "Must be a number from 0 to 100")
    refused(admin, reverse("assessment:indicator-add", args=[open_id]),
            {"metric": "completion_rate", "weight": 5, "rule": "linear", "zero_at": 0, "full_at": 100},
            "The scheme has this indicator already.")
    refused(admin, reverse("assessment:indicator-add", args=[open_id]),
            {"metric": "completion_rate", "weight": 5, "rule": "thresholds", "thresholds": "95 100"},
            "Write each threshold as bound:score")
    refused(admin, reverse("assessment:item-add", args=[open_id]),
            {"name": "配合度", "kind": "rating", "weight": 10, "max_score": 100},
            "The scheme has an item of this name already.")


def test_the_scheme_of_a_period_being_scored_is_final(world, admin):
    refused(admin, reverse("assessment:item-add", args=[world.scoring.pk]),
            {"name": "新项目", "kind": "rating", "weight": 10, "max_score": 100},
            "Not possible while the period is being scored.", status=409)
    refused(admin, reverse("assessment:period-step", args=[world.review.pk, "lock"]), {},
            "1 appeal waits for a decision.", status=409)


def test_a_locked_period_refuses_and_records_the_attempt(world, admin):
    def records():
        return {model: list(model.objects.order_by("pk").values()) for model in TABLES}

    before = records()
    response = admin.post(reverse("assessment:period-step", args=[world.locked.pk, "compute"]))
    assert records() == before
    assert response.status_code == 409
    assert "is locked: its figures no longer change" in response.content.decode()
    refusal = DomainEvent.objects.get(action="assessment.change_refused")
    assert (refusal.object_id, refusal.after["attempted"]) == (str(world.locked.pk), "period_compute")


def test_scoring_sheet(world, small_city, page_client_for, english):
    client = page_client_for(small_city.users["street_a_dispatcher"])
    url = reverse("assessment:score", args=[world.scoring.pk])
    item = world.scoring.manual_items.get(kind="rating").pk
    refused(client, url, {}, "Enter at least one score.")
    refused(client, url, {f"score-{item}-HOUSING": 120}, "Ensure this value is less than or equal to 100")
    review_item = world.review.manual_items.get(kind="rating").pk
    refused(client, reverse("assessment:score", args=[world.review.pk]), {f"score-{review_item}-HOUSING": 90},
            "Not possible while the period is under review.", status=409)


def test_appeal_forms(world, small_city, page_client_for, english):
    housing = page_client_for(small_city.users["housing_leader"])
    url = reverse("assessment:appeal-file", args=[world.review.pk, "HOUSING"])
    result = IndicatorResult.objects.filter(period=world.review, department__code="HOUSING").first().pk
    refused(housing, url, {"item": f"indicator:{result}", "reason": ""}, "This field is required.")
    refused(housing, url, {"item": "indicator:999999", "reason": "不服"}, "Select a valid choice.")
    admin = page_client_for(small_city.users["city_admin"])
    decide = reverse("assessment:appeal-decide", args=[world.appeal.pk])
    refused(admin, decide, {"outcome": "adjusted", "reason": "核实"}, "Must be a number from 0 to")
    refused(admin, decide, {"outcome": "dismissed", "score": 90, "reason": "核实"},
            "A dismissed appeal leaves the score as it is.")


def test_posted_staff_forms(world, small_city, admin):
    refused(admin, reverse("assessment:posted-staff"), {"department": "URBAN",
                                                        "street": small_city.street_a.code,
                                                        "name": "", "posted_on": "2025-01-01"},
            "This field is required.")
    refused(admin, reverse("assessment:posting-end", args=[world.staff["zhang"].pk]),
            {"ended_on": "2020-01-01"}, "A posting cannot end before it began.")


def test_review_forms(world, small_city, admin, page_client_for):
    refused(admin, reverse("assessment:sessions"), {"year": 2026, "title": "2026年度", "held_on": "2027-01-10",
                                                    "excellent_from": 80, "good_from": 85,
                                                    "average_from": 60},
            "The grades&#x27; lowest scores must rise")
    session = world.session_open.pk
    refused(admin, reverse("assessment:session-part-add", args=[session, "evaluators"]),
            {"username": "community.a1.worker"}, "None of this user&#x27;s roles may score a review.")
    refused(admin, reverse("assessment:session-part-add", args=[session, "criteria"]),
            {"name": "履职情况", "source": "evaluators", "weight": 10, "max_score": 100},
            "The session has a criterion of this name already.")
    refused(admin, reverse("assessment:session-step", args=[session, "start-scoring"]), {},
            "The session needs an evaluator, a reporting cadre first.", status=409)
    leader = page_client_for(small_city.users["city_leader"])
    subject = world.session.subjects.first().pk
    criterion = world.session.criteria.get(source="evaluators").pk
    refused(leader, reverse("assessment:review-score", args=[world.session.pk, subject]),
            {f"criterion-{criterion}": 120}, "Ensure this value is less than or equal to 100")


def test_cadre_forms(world, small_city, admin):
    refused(admin, reverse("assessment:cadres"), {"name": "李明", "post_kind": "community_secretary",
                                                  "title": "书记", "unit": small_city.street_a.code,
                                                  "started_on": "2024-01-01"},
            "This post is held in a community.")
    cadre = world.cadres["community_a1"].pk
    refused(admin, reverse("assessment:cadre-record", args=[cadre, "promotions"]),
            {"post_kind": "street_secretary", "title": "副书记", "unit": small_city.street_a.code,
             "effective_on": "2019-01-01", "basis": "优秀"}, "The promotion must take effect after")
