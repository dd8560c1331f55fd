"""Promotion: the rules (years at the level, three years of assessments, the credential the next
level asks for) produce the eligible list of a period; a promotion keeps its basis and takes effect
in the next month's pay run."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.workforce import services
from gongzhi.workforce.models import Promotion, Worker
from gongzhi.workforce.promotion import promotion_check
from tests.workforce.conftest import worker

pytestmark = pytest.mark.django_db


def assessed(person, results=("competent", "competent", "competent"), years=(2021, 2022, 2023)):
    for year, result in zip(years, results, strict=True):
        services.assessment_record(actor=None, worker=person, year=year, result=result)
    return person


def check(person, period=2024):
    person = Worker.objects.prefetch_related("post_history", "assessments", "credentials").get(pk=person.pk)
    return promotion_check(
        person, period, promoted_periods=person.promotions.values_list("period", flat=True)
    )


def test_a_worker_meeting_every_rule_is_eligible_with_the_evidence(city, pay_table):
    person = assessed(worker(city.community_a1, "合格", hire=date(2021, 1, 1), level=2))
    result = check(person)
    assert result.eligible and result.reasons == []
    assert result.evidence == {
        "level": 2,
        "level_since": "2021-01-01",
        "years_at_level": 3,
        "assessments": {"2021": "competent", "2022": "competent", "2023": "competent"},
        "credential": "",
    }


@pytest.mark.parametrize(
    "hire,level,results,credentials,reason",
    [
        (date(2021, 1, 2), 2, ("competent",) * 3, (), "2 of 3 years at the level."),
        (
            date(2015, 1, 1),
            2,
            ("competent", "basically_competent", "excellent"),
            (),
            "Assessed “Basically competent” in 2022.",
        ),
        (
            date(2015, 1, 1),
            2,
            ("competent", "incompetent", "excellent"),
            (),
            "Assessed “Incompetent” in 2022.",
        ),
        (
            date(2015, 1, 1),
            3,
            ("competent",) * 3,
            (),
            "Level 4 asks for the credential “Assistant social worker” or higher.",
        ),
        (
            date(2015, 1, 1),
            4,
            ("excellent",) * 3,
            (("assistant_social_worker", date(2016, 1, 1)),),
            "Level 5 asks for the credential “Social worker” or higher.",
        ),
        (
            date(2015, 1, 1),
            5,
            ("excellent",) * 3,
            (("senior_social_worker", date(2016, 1, 1)),),
            "Already at the top level.",
        ),
    ],
)
def test_each_rule_that_fails_is_named(city, pay_table, hire, level, results, credentials, reason):
    person = assessed(
        worker(city.community_a1, "不合格", hire=hire, level=level, credentials=credentials), results
    )
    result = check(person)
    assert not result.eligible
    assert result.reasons == [reason]


def test_a_missing_assessment_and_a_credential_obtained_too_late_are_named(city, pay_table):
    person = worker(
        city.community_a1,
        "缺考核",
        hire=date(2015, 1, 1),
        level=3,
        credentials=[("assistant_social_worker", date(2024, 1, 2))],
    )
    assessed(person, ("competent", "competent"), (2021, 2023))
    assert check(person).reasons == [
        "No assessment for 2022.",
        "Level 4 asks for the credential “Assistant social worker” or higher.",
    ]


def test_a_transfer_at_the_same_level_does_not_restart_the_years(city, pay_table):
    person = assessed(worker(city.community_a1, "调动", hire=date(2020, 1, 1), level=2))
    services.post_assign(
        actor=None,
        worker=person,
        post_category="staff",
        level=2,
        unit_code=city.community_a2.code,
        starts_on=date(2023, 6, 1),
    )
    assert check(person).eligible
    services.post_assign(
        actor=None,
        worker=person,
        post_category="deputy",
        level=3,
        unit_code=city.community_a2.code,
        starts_on=date(2023, 9, 1),
    )
    assert check(person).reasons == [
        "0 of 3 years at the level.",
        "Level 4 asks for the credential “Assistant social worker” or higher.",
    ]


def test_someone_who_is_not_active_is_not_eligible(city, pay_table):
    person = assessed(worker(city.community_a1, "借调", hire=date(2015, 1, 1), level=2))
    services.worker_update(actor=None, worker=person, changes={"status": "seconded"})
    assert check(person).reasons == ["Not active."]


def test_the_eligible_list_of_a_period(city, pay_table, api_client_for):
    due = assessed(worker(city.community_a1, "到期", hire=date(2015, 1, 1), level=2))
    assessed(
        worker(city.community_a1, "未到期", hire=date(2022, 1, 1), level=2), ("excellent",) * 2, (2022, 2023)
    )
    client = api_client_for(city.users["community_a1_leader"])
    rows = client.get(reverse("api:workforce-promotion-eligible"), {"period": 2024}).json()
    assert [(row["worker"], row["eligible"]) for row in rows] == [(due.pk, True)]
    every = client.get(reverse("api:workforce-promotion-eligible"), {"period": 2024, "all": "true"}).json()
    assert [row["eligible"] for row in every] == [True, False]
    # The year before, neither has three assessed years.
    assert client.get(reverse("api:workforce-promotion-eligible"), {"period": 2023}).json() == []


def test_a_promotion_takes_effect_in_the_next_months_pay_run(city, pay_table, api_client_for, time_machine):
    person = assessed(worker(city.community_a1, "晋升", hire=date(2015, 1, 1), level=2))
    time_machine.move_to(date(2024, 6, 15))
    response = api_client_for(city.users["community_a1_leader"]).post(
        reverse("api:workforce-promotion-list"),
        {"worker": person.pk, "period": 2024, "note": "三年考核称职"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["from_level"], body["to_level"], body["effective_on"]) == (2, 3, "2024-07-01")
    assert body["basis"]["years_at_level"] == 9 and body["note"] == "三年考核称职"
    time_machine.move_to(date(2024, 7, 5))
    june = services.pay_run_create(actor=None, unit_code=city.community_a1.code, month=date(2024, 6, 1))
    july = services.pay_run_create(actor=None, unit_code=city.community_a1.code, month=date(2024, 7, 1))
    # June: level 2, 9 years: 3,100 + 180 + 620. July: level 3: 3,300 + 180 + 660.
    assert (june.lines.get().level, june.lines.get().total) == (2, Decimal("3900.00"))
    assert (july.lines.get().level, july.lines.get().total) == (3, Decimal("4140.00"))
    event = DomainEvent.objects.get(action="workforce.promotion.record")
    assert event.before == {"level": 2} and event.after["effective_on"] == "2024-07-01"


def test_a_promotion_is_refused_when_not_eligible_or_already_made(
    city, pay_table, api_client_for, time_machine
):
    time_machine.move_to(date(2024, 6, 15))
    client = api_client_for(city.users["community_a1_leader"])
    too_new = assessed(
        worker(city.community_a1, "太新", hire=date(2022, 1, 1), level=2), ("competent",) * 2, (2022, 2023)
    )
    response = client.post(
        reverse("api:workforce-promotion-list"), {"worker": too_new.pk, "period": 2024}, format="json"
    )
    assert (
        response.status_code == 400
        and "years at the level" in response.json()["error"]["fields"]["worker"][0]
    )
    due = assessed(worker(city.community_a1, "到期", hire=date(2015, 1, 1), level=2))
    assert (
        client.post(
            reverse("api:workforce-promotion-list"), {"worker": due.pk, "period": 2024}, format="json"
        ).status_code
        == 201
    )
    again = client.post(
        reverse("api:workforce-promotion-list"), {"worker": due.pk, "period": 2024}, format="json"
    )
    assert again.status_code == 400
    assert Promotion.objects.count() == 1
