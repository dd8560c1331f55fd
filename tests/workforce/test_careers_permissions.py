"""Who reads and records promotions, training, the staffing ratio, secondments and mentoring pairs,
on the API and the pages: HR roles within their reach, the city everywhere; nobody else."""

from datetime import date

import pytest
from django.urls import reverse

from gongzhi.workforce import services
from gongzhi.workforce.models import Attendance, Course, MentoringPair, Promotion, Secondment, TrainingSession
from tests.workforce.conftest import HR_VIEWERS, MANAGERS, expect, statuses, worker

pytestmark = pytest.mark.django_db

HR_ONLY = expect(403, **{key: 200 for key in HR_VIEWERS})


@pytest.mark.parametrize(
    "url_name",
    [
        "api:workforce-promotion-list",
        "api:workforce-promotion-eligible",
        "api:workforce-course-list",
        "api:workforce-training-session-list",
        "api:workforce-training-session-shortfall",
        "api:workforce-staffing-list",
        "api:workforce-secondment-list",
        "api:workforce-mentoring-pair-list",
    ],
)
def test_the_lists_are_for_hr_roles(city, api_client_for, url_name):
    assert statuses(api_client_for, city.users, "get", reverse(url_name)) == HR_ONLY


@pytest.mark.parametrize(
    "url_name",
    [
        "workforce:promotions",
        "workforce:training",
        "workforce:training-shortfall",
        "workforce:staffing",
        "workforce:cadres",
    ],
)
def test_the_pages_are_for_hr_roles(city, page_client_for, url_name):
    assert statuses(page_client_for, city.users, "get", reverse(url_name)) == HR_ONLY


def test_the_staffing_ratio_covers_the_actors_communities(city, api_client_for):
    expected = {
        "city_admin": 3,
        "city_leader": 3,
        "street_a_leader": 2,
        "community_a1_leader": 1,
        "community_b1_leader": 1,
    }
    for who, count in expected.items():
        response = api_client_for(city.users[who]).get(reverse("api:workforce-staffing-list"))
        assert len(response.json()) == count, who


def due_for_promotion(unit, name: str):
    """A worker at level 2 since 2015, assessed competent in 2021-2023: due for level 3 in 2024."""
    person = worker(unit, name, hire=date(2015, 1, 1), level=2)
    for year in (2021, 2022, 2023):
        services.assessment_record(actor=None, worker=person, year=year, result="competent")
    return person


@pytest.fixture
def eligible(city, pay_table):
    return {
        "a1": due_for_promotion(city.community_a1, "晋升甲"),
        "b1": due_for_promotion(city.community_b1, "晋升乙"),
    }


def test_recording_a_promotion_is_for_the_workers_managers(city, pay_table, api_client_for, time_machine):
    time_machine.move_to(date(2024, 6, 15))
    got = {}
    for key in expect(0):
        person = due_for_promotion(city.community_b1, f"晋升{key}")
        got[key] = (
            api_client_for(city.users[key])
            .post(
                reverse("api:workforce-promotion-list"), {"worker": person.pk, "period": 2024}, format="json"
            )
            .status_code
        )
    # Those who cannot see the worker are told the worker is unknown (400 on the field).
    assert got == expect(
        403, city_admin=201, community_b1_leader=201, street_a_leader=400, community_a1_leader=400
    )


def test_the_promotion_page_records_for_managers_only(city, eligible, page_client_for, time_machine):
    time_machine.move_to(date(2024, 6, 15))
    data = {"worker": eligible["a1"].pk, "period": 2024, "note": "考核称职"}
    assert (
        page_client_for(city.users["city_leader"]).post(reverse("workforce:promotions"), data).status_code
        == 403
    )
    assert (
        page_client_for(city.users["community_b1_leader"])
        .post(reverse("workforce:promotions"), data)
        .status_code
        == 404
    )
    response = page_client_for(city.users["community_a1_leader"]).post(reverse("workforce:promotions"), data)
    assert response.status_code == 302
    assert Promotion.objects.get().worker == eligible["a1"]


def test_courses_and_sessions_are_made_by_managers_in_their_reach(city, api_client_for):
    got = {}
    for index, key in enumerate(expect(0)):
        got[key] = (
            api_client_for(city.users[key])
            .post(
                reverse("api:workforce-course-list"),
                {"code": f"C{index}", "title": "调解", "hours": "8", "unit_code": city.street_a.code},
                format="json",
            )
            .status_code
        )
    assert got == expect(
        403, city_admin=201, street_a_leader=201, community_a1_leader=400, community_b1_leader=400
    )
    course = Course.objects.first()
    got = {
        key: api_client_for(city.users[key])
        .post(
            reverse("api:workforce-training-session-list"),
            {"course": course.code, "unit_code": city.community_a1.code, "held_on": "2024-03-01"},
            format="json",
        )
        .status_code
        for key in expect(0)
    }
    assert got == expect(
        403, city_admin=201, street_a_leader=201, community_a1_leader=201, community_b1_leader=400
    )


def test_sessions_are_seen_in_reach_and_from_above(city, api_client_for):
    course = services.course_create(actor=None, code="C1", title="政策", hours=8, unit_code=city.city.code)
    for unit in (city.city, city.street_a, city.community_b1):
        services.training_session_create(
            actor=None, course=course, unit_code=unit.code, held_on=date(2024, 3, 1)
        )
    expected = {
        "city_admin": 3,
        "city_leader": 3,
        "street_a_leader": 2,
        "community_a1_leader": 2,
        "community_b1_leader": 2,
    }
    for who, count in expected.items():
        response = api_client_for(city.users[who]).get(reverse("api:workforce-training-session-list"))
        assert response.json()["count"] == count, who
    b1_session = TrainingSession.objects.get(unit=city.community_b1)
    got = statuses(
        api_client_for,
        city.users,
        "get",
        reverse("api:workforce-training-session-detail", args=[b1_session.pk]),
    )
    assert got == expect(
        403,
        city_admin=200,
        city_leader=200,
        community_b1_leader=200,
        street_a_leader=404,
        community_a1_leader=404,
    )


def test_attendance_is_recorded_by_managers_of_the_workers(city, staff, api_client_for, page_client_for):
    course = services.course_create(actor=None, code="C1", title="政策", hours=8, unit_code=city.city.code)
    session = services.training_session_create(
        actor=None, course=course, unit_code=city.city.code, held_on=date(2024, 3, 1)
    )
    url = reverse("api:workforce-training-session-attendance", args=[session.pk])
    got = {}
    for key in expect(0):
        Attendance.objects.all().delete()
        got[key] = (
            api_client_for(city.users[key])
            .post(url, {"workers": [staff["a1_other"].pk]}, format="json")
            .status_code
        )
    assert got == expect(
        403, city_admin=201, street_a_leader=201, community_a1_leader=201, community_b1_leader=400
    )
    page = reverse("workforce:training-session", args=[session.pk])
    assert statuses(page_client_for, city.users, "get", page) == HR_ONLY
    Attendance.objects.all().delete()
    assert (
        page_client_for(city.users["city_leader"]).post(page, {"workers": [staff["a1_other"].pk]}).status_code
        == 403
    )
    assert (
        page_client_for(city.users["community_a1_leader"])
        .post(page, {"workers": [staff["a1_other"].pk]})
        .status_code
        == 302
    )


def test_secondments_are_kept_by_managers_of_the_community(city, api_client_for, page_client_for):
    got = {}
    for key in expect(0):
        got[key] = (
            api_client_for(city.users[key])
            .post(
                reverse("api:workforce-secondment-list"),
                {
                    "name": "下沉干部",
                    "community_code": city.community_b1.code,
                    "department_code": "HOUSING",
                    "starts_on": "2024-03-01",
                },
                format="json",
            )
            .status_code
        )
    assert got == expect(
        403, city_admin=201, community_b1_leader=201, street_a_leader=400, community_a1_leader=400
    )
    secondment = Secondment.objects.first()
    assert statuses(
        api_client_for, city.users, "get", reverse("api:workforce-secondment-detail", args=[secondment.pk])
    ) == expect(
        403,
        city_admin=200,
        city_leader=200,
        community_b1_leader=200,
        street_a_leader=404,
        community_a1_leader=404,
    )
    end = reverse("api:workforce-secondment-end", args=[secondment.pk])
    assert statuses(
        api_client_for, city.users, "post", end, {"ends_on": "2099-12-31"}, format="json"
    ) == expect(
        403,
        city_admin=200,
        community_b1_leader=200,
        city_leader=403,
        street_a_leader=404,
        community_a1_leader=404,
    )
    page_end = reverse("workforce:cadre-end", args=["secondment", secondment.pk])
    got = statuses(page_client_for, city.users, "post", page_end, {"ends_on": "2099-06-30"})
    assert got == expect(
        403, city_admin=302, community_b1_leader=302, street_a_leader=404, community_a1_leader=404
    )


def test_mentoring_pairs_are_made_by_managers_of_both(city, api_client_for, page_client_for):
    mentor = worker(city.community_a1, "师傅", hire=date(2010, 1, 1))
    mentee = worker(city.community_a1, "徒弟", hire=date(2024, 1, 1))
    got = {}
    for key in expect(0):
        MentoringPair.objects.all().delete()
        got[key] = (
            api_client_for(city.users[key])
            .post(
                reverse("api:workforce-mentoring-pair-list"),
                {"mentor": mentor.pk, "mentee": mentee.pk, "starts_on": "2024-02-01"},
                format="json",
            )
            .status_code
        )
    assert got == expect(
        403, city_admin=201, street_a_leader=201, community_a1_leader=201, community_b1_leader=400
    )
    MentoringPair.objects.all().delete()
    pair = services.mentoring_pair_create(
        actor=None, mentor=mentor, mentee=mentee, starts_on=date(2024, 2, 1)
    )
    assert statuses(
        api_client_for,
        city.users,
        "post",
        reverse("api:workforce-mentoring-pair-end", args=[pair.pk]),
        {"ends_on": "2099-01-01"},
        format="json",
    ) == expect(403, **{**{key: 200 for key in MANAGERS}, "community_b1_leader": 404})
    MentoringPair.objects.all().delete()
    response = page_client_for(city.users["community_a1_leader"]).post(
        reverse("workforce:cadres"),
        {"form": "pair", "mentor": mentor.pk, "mentee": mentee.pk, "starts_on": "2024-02-01", "goal": "带教"},
    )
    assert response.status_code == 302 and MentoringPair.objects.count() == 1
    assert (
        page_client_for(city.users["city_leader"])
        .post(
            reverse("workforce:cadres"),
            {"form": "pair", "mentor": mentor.pk, "mentee": mentee.pk, "starts_on": "2024-02-01"},
        )
        .status_code
        == 403
    )
