"""The workforce pages' forms: refused input shows the page again as 400 with the field's message and
writes nothing; accepted input is written through the same services as the API."""

from datetime import date

import pytest
from django.urls import reverse

from gongzhi.workforce import services
from gongzhi.workforce.models import (
    Assessment,
    Attendance,
    Course,
    Credential,
    MentoringPair,
    PayRun,
    PayTable,
    PostHistory,
    Promotion,
    Secondment,
    TrainingSession,
    Worker,
)
from tests.api_support import nothing_written
from tests.workforce.conftest import BASE_PAY, TABLE_TERMS, identity, worker

pytestmark = pytest.mark.django_db

ALL = (
    Worker,
    Credential,
    PostHistory,
    Assessment,
    PayTable,
    PayRun,
    Promotion,
    Course,
    TrainingSession,
    Attendance,
    Secondment,
    MentoringPair,
)


@pytest.fixture
def setting(city, pay_table, time_machine):
    time_machine.move_to(date(2024, 6, 15))
    course = services.course_create(actor=None, code="C1", title="政策", hours=8, unit_code=city.city.code)
    return {
        "session": services.training_session_create(
            actor=None, course=course, unit_code=city.city.code, held_on=date(2024, 3, 1)
        ),
        "worker": worker(city.community_a1, "老员工", hire=date(2015, 1, 1), level=2),
        "new": worker(city.community_a1, "新员工", hire=date(2024, 1, 1)),
        "secondment": services.secondment_create(
            actor=None,
            name="干部",
            community_code=city.community_a1.code,
            home_organisation="某镇",
            starts_on=date(2024, 3, 1),
        ),
    }


def _table_form(**changes) -> dict:
    data = {
        "name": "新标准",
        "effective_from": "2025-01-01",
        **{k: str(v) for k, v in TABLE_TERMS.items()},
        "note": "",
    }
    for post, amounts in BASE_PAY.items():
        data.update({f"base_{post}_{level}": amount for level, amount in enumerate(amounts, start=1)})
    return {**data, **changes}


def _file_form(city, **changes) -> dict:
    return {
        "unit_code": city.community_a1.code,
        "name": "新同事",
        "identity_number": identity(date(1995, 1, 1)),
        "gender": "",
        "birth_date": "",
        "phone": "",
        "education": "bachelor",
        "source": "regular",
        "hire_date": "2023-03-01",
        "post_category": "staff",
        "level": "",
        "previous_monthly_pay": "",
        "credential_kind": "",
        "credential_obtained_on": "",
        "credential_number": "",
        "user": "",
        **changes,
    }


def _forms(response) -> list:
    context = response.context
    forms = [context.get(key) for key in ("form", "course_form", "session_form")]
    forms += list((context.get("forms") or {}).values())
    return [form for form in forms if form is not None]


CASES = [
    (
        "file with a wrong identity number",
        "workforce:worker-new",
        None,
        lambda c, s: _file_form(c, identity_number="652301199501010000"),
        "identity_number",
    ),
    (
        "file hired in the future",
        "workforce:worker-new",
        None,
        lambda c, s: _file_form(c, hire_date="2099-01-01"),
        "hire_date",
    ),
    (
        "file for an unknown account",
        "workforce:worker-new",
        None,
        lambda c, s: _file_form(c, user="ghost"),
        "user",
    ),
    (
        "credential from the future",
        "workforce:worker-action",
        ("worker", "credential"),
        lambda c, s: {"kind": "social_worker", "obtained_on": "2099-01-01"},
        "obtained_on",
    ),
    (
        "assessment of a future year",
        "workforce:worker-action",
        ("worker", "assessment"),
        lambda c, s: {"year": 2099, "result": "competent"},
        "year",
    ),
    (
        "post back in time",
        "workforce:worker-action",
        ("worker", "post"),
        lambda c, s: {
            "post_category": "staff",
            "level": 2,
            "unit_code": c.community_a1.code,
            "starts_on": "2010-01-01",
        },
        "starts_on",
    ),
    (
        "update with a bad phone",
        "workforce:worker-action",
        ("worker", "update"),
        lambda c, s: {
            "name": "老员工",
            "phone": "call me",
            "education": "bachelor",
            "status": "active",
            "user": "",
        },
        "phone",
    ),
    (
        "table from mid-month",
        "workforce:pay-table-new",
        None,
        lambda c, s: _table_form(effective_from="2025-01-15"),
        "effective_from",
    ),
    (
        "table whose pay falls with the level",
        "workforce:pay-table-new",
        None,
        lambda c, s: _table_form(base_staff_2="100"),
        None,
    ),
    (
        "pay for a future month",
        "workforce:pay-runs",
        None,
        lambda c, s: {"unit_code": c.community_a1.code, "month": "2024-09"},
        "month",
    ),
    (
        "pay before any table",
        "workforce:pay-runs",
        None,
        lambda c, s: {"unit_code": c.community_a1.code, "month": "2023-09"},
        "month",
    ),
    (
        "migration mid-month",
        "workforce:migration",
        None,
        lambda c, s: {"unit_code": c.city.code, "migrated_on": "2024-01-15"},
        "migrated_on",
    ),
    (
        "course with a code taken",
        "workforce:training",
        None,
        lambda c, s: {"form": "course", "code": "C1", "title": "课", "hours": "4", "unit_code": c.city.code},
        "code",
    ),
    (
        "session of 500 hours",
        "workforce:training",
        None,
        lambda c, s: {
            "form": "session",
            "course": "C1",
            "unit_code": c.city.code,
            "held_on": "2024-03-01",
            "hours": "500",
        },
        "hours",
    ),
    (
        "attendance beyond the session's hours",
        "workforce:training-session",
        ("session",),
        lambda c, s: {"workers": [s["worker"].pk], "hours": "9"},
        "hours",
    ),
    (
        "secondment from nowhere",
        "workforce:cadres",
        None,
        lambda c, s: {
            "form": "secondment",
            "name": "干部",
            "community_code": c.community_a1.code,
            "starts_on": "2024-03-01",
        },
        "department_code",
    ),
    (
        "a new mentor",
        "workforce:cadres",
        None,
        lambda c, s: {
            "form": "pair",
            "mentor": s["new"].pk,
            "mentee": s["new"].pk,
            "starts_on": "2024-03-01",
        },
        "mentor",
    ),
]


@pytest.mark.parametrize("label,url_name,args,payload,field", CASES, ids=[case[0] for case in CASES])
def test_refused_input_shows_the_page_again_with_the_message(
    city, setting, page_client_for, label, url_name, args, payload, field
):
    url_args = [setting[args[0]].pk, *args[1:]] if args else []
    client = page_client_for(city.users["city_admin"])
    with nothing_written(*ALL):
        response = client.post(reverse(url_name, args=url_args), payload(city, setting))
    assert response.status_code == 400
    forms = [form for form in _forms(response) if form.errors]
    assert forms, label
    if field:
        assert any(field in form.errors for form in forms), [form.errors for form in forms]


def test_a_promotion_refused_on_the_page(city, setting, page_client_for):
    with nothing_written(*ALL):
        response = page_client_for(city.users["city_admin"]).post(
            reverse("workforce:promotions"), {"worker": setting["new"].pk, "period": 2024}
        )
    assert response.status_code == 400
    assert "worker" in response.context["failed"].errors


def test_ending_a_secondment_before_it_began_is_refused(city, setting, page_client_for):
    url = reverse("workforce:cadre-end", args=["secondment", setting["secondment"].pk])
    with nothing_written(*ALL):
        response = page_client_for(city.users["city_admin"]).post(url, {"ends_on": "2024-01-01"})
    assert response.status_code == 400 and response.context["refusals"]
    assert (
        page_client_for(city.users["city_admin"])
        .post(
            reverse("workforce:cadre-end", args=["other", setting["secondment"].pk]),
            {"ends_on": "2024-09-01"},
        )
        .status_code
        == 404
    )


def test_graduates_and_cadres_are_listed(city, setting, page_client_for):
    graduate = worker(city.community_a1, "毕业生", hire=date(2023, 9, 1), source="graduate")
    services.mentoring_pair_create(
        actor=None, mentor=setting["worker"], mentee=graduate, starts_on=date(2023, 9, 1)
    )
    page = page_client_for(city.users["community_a1_leader"]).get(reverse("workforce:cadres"))
    assert list(page.context["graduates"]) == [graduate]
    assert page.context["graduate_years"] == [(2023, 1)]
    assert [pair.mentee for pair in page.context["pairs"]] == [graduate]
    assert [secondment.name for secondment in page.context["secondments"]] == ["干部"]
    assert (
        page_client_for(city.users["community_b1_leader"])
        .get(reverse("workforce:cadres"))
        .context["graduate_years"]
        == []
    )
