"""Bad input to every workforce write answers 400 naming the field, and writes nothing: no row, no
audit event."""

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
    MigrationRecord,
    PayLine,
    PayRun,
    PayTable,
    PayTableRate,
    PostHistory,
    Promotion,
    Secondment,
    TrainingSession,
    Worker,
)
from tests.api_support import assert_error, nothing_written
from tests.workforce.conftest import BASE_PAY, TABLE_TERMS, identity, worker

pytestmark = pytest.mark.django_db

ALL = (
    Worker,
    Credential,
    PostHistory,
    Assessment,
    PayTable,
    PayTableRate,
    PayRun,
    PayLine,
    MigrationRecord,
    Promotion,
    Course,
    TrainingSession,
    Attendance,
    Secondment,
    MentoringPair,
)


@pytest.fixture
def records(city, pay_table, time_machine):
    time_machine.move_to(date(2024, 6, 15))
    course = services.course_create(actor=None, code="C1", title="政策", hours=8, unit_code=city.city.code)
    session = services.training_session_create(
        actor=None, course=course, unit_code=city.city.code, held_on=date(2024, 3, 1)
    )
    person = worker(city.community_a1, "老员工", hire=date(2015, 1, 1), level=2)
    new = worker(city.community_a1, "新员工", hire=date(2024, 1, 1))
    other = worker(city.community_a1, "另一位", hire=date(2016, 1, 1), user=city.users["community_a1_worker"])
    paired_new = worker(city.community_a1, "已结对", hire=date(2023, 9, 1))
    services.mentoring_pair_create(actor=None, mentor=other, mentee=paired_new, starts_on=date(2024, 1, 1))
    services.attendance_record(actor=None, session=session, workers=[other])
    worker(city.community_a2, "乙社区", hire=date(2015, 1, 1))
    assert services.pay_run_create(
        actor=None, unit_code=city.community_a2.code, month=date(2024, 3, 1)
    ).worker_count
    secondment = services.secondment_create(
        actor=None,
        name="干部",
        community_code=city.community_a1.code,
        department_code="HOUSING",
        starts_on=date(2024, 3, 1),
    )
    pair = services.mentoring_pair_create(actor=None, mentor=person, mentee=new, starts_on=date(2024, 2, 1))
    return {
        "course": course,
        "session": session,
        "worker": person,
        "new": new,
        "other": other,
        "paired_new": paired_new,
        "secondment": secondment,
        "pair": pair,
        "table": pay_table,
    }


def _new_file(city, **changes) -> dict:
    return {
        "unit_code": city.community_a1.code,
        "name": "新同事",
        "identity_number": identity(date(1995, 1, 1)),
        "education": "bachelor",
        "hire_date": "2023-03-01",
        "post_category": "staff",
        **changes,
    }


def _table(**changes) -> dict:
    return {
        "name": "新标准",
        "effective_from": "2025-01-01",
        "base_pay": BASE_PAY,
        **{name: str(value) for name, value in TABLE_TERMS.items()},
        **changes,
    }


CASES = [
    # (label, url name, url args from records, payload builder(city, records), field, method)
    (
        "file without a name",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, name=""),
        "name",
        "post",
    ),
    (
        "file with a wrong identity number",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, identity_number="652301199501010000"),
        "identity_number",
        "post",
    ),
    (
        "file in an unknown unit",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, unit_code="999"),
        "unit_code",
        "post",
    ),
    (
        "file on level 0",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, level=0),
        "level",
        "post",
    ),
    (
        "file with an unreadable hire date",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, hire_date="soon"),
        "hire_date",
        "post",
    ),
    (
        "file with an unknown education",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, education="phd"),
        "education",
        "post",
    ),
    (
        "file with a negative previous pay",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, previous_monthly_pay="-1"),
        "previous_monthly_pay",
        "post",
    ),
    (
        "file for an unknown account",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, user="ghost"),
        "user",
        "post",
    ),
    (
        "file for an account with a file",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, user="community.a1.worker"),
        "user",
        "post",
    ),
    (
        "file with a bad credential",
        "api:workforce-worker-list",
        None,
        lambda c, r: _new_file(c, credentials=[{"kind": "doctor", "obtained_on": "2020-01-01"}]),
        "credentials.0.kind",
        "post",
    ),
    (
        "update with a bad phone",
        "api:workforce-worker-detail",
        "worker",
        lambda c, r: {"phone": "call me"},
        "phone",
        "patch",
    ),
    (
        "update with an unknown status",
        "api:workforce-worker-detail",
        "worker",
        lambda c, r: {"status": "gone"},
        "status",
        "patch",
    ),
    (
        "update of a fixed field",
        "api:workforce-worker-detail",
        "worker",
        lambda c, r: {"identity_number": "652301199003041234"},
        "identity_number",
        "patch",
    ),
    (
        "update with an empty name",
        "api:workforce-worker-detail",
        "worker",
        lambda c, r: {"name": " "},
        "name",
        "patch",
    ),
    (
        "credential of an unknown kind",
        "api:workforce-worker-credentials",
        "worker",
        lambda c, r: {"kind": "doctor", "obtained_on": "2020-01-01"},
        "kind",
        "post",
    ),
    (
        "credential from the future",
        "api:workforce-worker-credentials",
        "worker",
        lambda c, r: {"kind": "social_worker", "obtained_on": "2099-01-01"},
        "obtained_on",
        "post",
    ),
    (
        "assessment of a future year",
        "api:workforce-worker-assessments",
        "worker",
        lambda c, r: {"year": 2099, "result": "excellent"},
        "year",
        "post",
    ),
    (
        "assessment before the hiring",
        "api:workforce-worker-assessments",
        "worker",
        lambda c, r: {"year": 2010, "result": "excellent"},
        "year",
        "post",
    ),
    (
        "assessment with an unknown result",
        "api:workforce-worker-assessments",
        "worker",
        lambda c, r: {"year": 2023, "result": "great"},
        "result",
        "post",
    ),
    (
        "post on level 9",
        "api:workforce-worker-assign-post",
        "worker",
        lambda c, r: {
            "post_category": "staff",
            "level": 9,
            "unit_code": c.community_a1.code,
            "starts_on": "2024-07-01",
        },
        "level",
        "post",
    ),
    (
        "post in a unit out of reach",
        "api:workforce-worker-assign-post",
        "worker",
        lambda c, r: {
            "post_category": "staff",
            "level": 2,
            "unit_code": "652301999",
            "starts_on": "2024-07-01",
        },
        "unit_code",
        "post",
    ),
    (
        "post back in time",
        "api:workforce-worker-assign-post",
        "worker",
        lambda c, r: {
            "post_category": "staff",
            "level": 2,
            "unit_code": c.community_a1.code,
            "starts_on": "2014-07-01",
        },
        "starts_on",
        "post",
    ),
    (
        "table from mid-month",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(effective_from="2025-01-15"),
        "effective_from",
        "post",
    ),
    (
        "table from a month taken",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(effective_from="2024-01-01"),
        "effective_from",
        "post",
    ),
    (
        "table without a post",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(base_pay={"head": BASE_PAY["head"]}),
        "base_pay",
        "post",
    ),
    (
        "table whose pay falls with the level",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(base_pay={**BASE_PAY, "staff": [3000, 2900, 3300, 3500, 3700]}),
        "base_pay.staff",
        "post",
    ),
    (
        "table with a share above 1",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(performance_share="1.5"),
        "performance_share",
        "post",
    ),
    (
        "table counting 99 years",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(seniority_cap_years=99),
        "seniority_cap_years",
        "post",
    ),
    (
        "table with a negative allowance",
        "api:workforce-pay-table-list",
        None,
        lambda c, r: _table(allowance_social_worker="-10"),
        "allowance_social_worker",
        "post",
    ),
    (
        "correcting a table in use",
        "api:workforce-pay-table-detail",
        "table",
        lambda c, r: {"note": "改"},
        "effective_from",
        "patch",
    ),
    (
        "pay for month 13",
        "api:workforce-pay-run-list",
        None,
        lambda c, r: {"unit_code": c.community_a1.code, "month": "2024-13"},
        "month",
        "post",
    ),
    (
        "pay for a future month",
        "api:workforce-pay-run-list",
        None,
        lambda c, r: {"unit_code": c.community_a1.code, "month": "2024-08"},
        "month",
        "post",
    ),
    (
        "pay before any table",
        "api:workforce-pay-run-list",
        None,
        lambda c, r: {"unit_code": c.community_a1.code, "month": "2023-12"},
        "month",
        "post",
    ),
    (
        "pay for an unknown unit",
        "api:workforce-pay-run-list",
        None,
        lambda c, r: {"unit_code": "1", "month": "2024-03"},
        "unit_code",
        "post",
    ),
    (
        "pay twice",
        "api:workforce-pay-run-list",
        None,
        lambda c, r: {"unit_code": c.community_a2.code, "month": "2024-03"},
        "month",
        "post",
    ),
    (
        "pay the street after its community",
        "api:workforce-pay-run-list",
        None,
        lambda c, r: {"unit_code": c.street_a.code, "month": "2024-03"},
        "unit_code",
        "post",
    ),
    (
        "migration mid-month",
        "api:workforce-migration-apply",
        None,
        lambda c, r: {"unit_code": c.city.code, "migrated_on": "2024-01-15"},
        "migrated_on",
        "post",
    ),
    (
        "migration before any table",
        "api:workforce-migration-apply",
        None,
        lambda c, r: {"unit_code": c.city.code, "migrated_on": "2023-01-01"},
        "migrated_on",
        "post",
    ),
    (
        "migration with nobody waiting",
        "api:workforce-migration-apply",
        None,
        lambda c, r: {"unit_code": c.city.code, "migrated_on": "2024-01-01"},
        "unit_code",
        "post",
    ),
    (
        "promotion of an unknown worker",
        "api:workforce-promotion-list",
        None,
        lambda c, r: {"worker": 999999, "period": 2024},
        "worker",
        "post",
    ),
    (
        "promotion in 1999",
        "api:workforce-promotion-list",
        None,
        lambda c, r: {"worker": r["worker"].pk, "period": 1999},
        "period",
        "post",
    ),
    (
        "promotion of someone not eligible",
        "api:workforce-promotion-list",
        None,
        lambda c, r: {"worker": r["new"].pk, "period": 2024},
        "worker",
        "post",
    ),
    (
        "course of no hours",
        "api:workforce-course-list",
        None,
        lambda c, r: {"code": "C2", "title": "课", "hours": "0", "unit_code": c.city.code},
        "hours",
        "post",
    ),
    (
        "course with a code taken",
        "api:workforce-course-list",
        None,
        lambda c, r: {"code": "C1", "title": "课", "hours": "4", "unit_code": c.city.code},
        "code",
        "post",
    ),
    (
        "course of an unknown unit",
        "api:workforce-course-list",
        None,
        lambda c, r: {"code": "C2", "title": "课", "hours": "4", "unit_code": "0"},
        "unit_code",
        "post",
    ),
    (
        "session of an unknown course",
        "api:workforce-training-session-list",
        None,
        lambda c, r: {"course": "NOPE", "unit_code": c.city.code, "held_on": "2024-03-01"},
        "course",
        "post",
    ),
    (
        "session in three years",
        "api:workforce-training-session-list",
        None,
        lambda c, r: {"course": "C1", "unit_code": c.city.code, "held_on": "2027-03-01"},
        "held_on",
        "post",
    ),
    (
        "session of 500 hours",
        "api:workforce-training-session-list",
        None,
        lambda c, r: {"course": "C1", "unit_code": c.city.code, "held_on": "2024-03-01", "hours": "500"},
        "hours",
        "post",
    ),
    (
        "attendance of nobody",
        "api:workforce-training-session-attendance",
        "session",
        lambda c, r: {"workers": []},
        "workers",
        "post",
    ),
    (
        "attendance beyond the session's hours",
        "api:workforce-training-session-attendance",
        "session",
        lambda c, r: {"workers": [r["worker"].pk], "hours": "9"},
        "hours",
        "post",
    ),
    (
        "attendance recorded twice",
        "api:workforce-training-session-attendance",
        "session",
        lambda c, r: {"workers": [r["other"].pk]},
        "workers",
        "post",
    ),
    (
        "attendance of an unknown worker",
        "api:workforce-training-session-attendance",
        "session",
        lambda c, r: {"workers": [999999]},
        "workers.0",
        "post",
    ),
    (
        "secondment from nowhere",
        "api:workforce-secondment-list",
        None,
        lambda c, r: {"name": "干部", "community_code": c.community_a1.code, "starts_on": "2024-03-01"},
        "department_code",
        "post",
    ),
    (
        "secondment from an unknown department",
        "api:workforce-secondment-list",
        None,
        lambda c, r: {
            "name": "干部",
            "community_code": c.community_a1.code,
            "department_code": "NOPE",
            "starts_on": "2024-03-01",
        },
        "department_code",
        "post",
    ),
    (
        "secondment ending before it starts",
        "api:workforce-secondment-list",
        None,
        lambda c, r: {
            "name": "干部",
            "community_code": c.community_a1.code,
            "home_organisation": "某镇",
            "starts_on": "2024-03-01",
            "ends_on": "2024-02-01",
        },
        "ends_on",
        "post",
    ),
    (
        "secondment to a street",
        "api:workforce-secondment-list",
        None,
        lambda c, r: {
            "name": "干部",
            "community_code": c.street_a.code,
            "home_organisation": "某镇",
            "starts_on": "2024-03-01",
        },
        "community_code",
        "post",
    ),
    (
        "secondment with a bad phone",
        "api:workforce-secondment-list",
        None,
        lambda c, r: {
            "name": "干部",
            "community_code": c.community_a1.code,
            "home_organisation": "某镇",
            "starts_on": "2024-03-01",
            "phone": "x",
        },
        "phone",
        "post",
    ),
    (
        "secondment ended before it began",
        "api:workforce-secondment-end",
        "secondment",
        lambda c, r: {"ends_on": "2024-01-01"},
        "ends_on",
        "post",
    ),
    (
        "a worker mentoring themselves",
        "api:workforce-mentoring-pair-list",
        None,
        lambda c, r: {"mentor": r["worker"].pk, "mentee": r["worker"].pk, "starts_on": "2024-03-01"},
        "mentee",
        "post",
    ),
    (
        "a new mentor",
        "api:workforce-mentoring-pair-list",
        None,
        lambda c, r: {"mentor": r["new"].pk, "mentee": r["paired_new"].pk, "starts_on": "2024-03-01"},
        "mentor",
        "post",
    ),
    (
        "a mentee already mentored",
        "api:workforce-mentoring-pair-list",
        None,
        lambda c, r: {"mentor": r["worker"].pk, "mentee": r["paired_new"].pk, "starts_on": "2024-03-01"},
        "mentee",
        "post",
    ),
    (
        "a seasoned mentee",
        "api:workforce-mentoring-pair-list",
        None,
        lambda c, r: {"mentor": r["worker"].pk, "mentee": r["other"].pk, "starts_on": "2024-03-01"},
        "mentee",
        "post",
    ),
    (
        "a pairing ended before it began",
        "api:workforce-mentoring-pair-end",
        "pair",
        lambda c, r: {"ends_on": "2024-01-01"},
        "ends_on",
        "post",
    ),
]


@pytest.mark.parametrize("label,url_name,record,payload,field,method", CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_refused_by_field_and_writes_nothing(
    city, records, api_client_for, label, url_name, record, payload, field, method
):
    url = reverse(url_name, args=[records[record].pk] if record else [])
    client = api_client_for(city.users["city_admin"])
    data = payload(city, records)
    with nothing_written(*ALL):
        response = getattr(client, method)(url, data, format="json")
    assert_error(response, 400, field)
