"""Training hours per worker and year, the list of those short of the yearly requirement (prorated
for a year's new hires), and the staffing ratio: households per worker per community, with the
communities above one per hundred flagged and the number of workers missing."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from gongzhi.workforce import services
from gongzhi.workforce.reports import required_hours_for
from tests.workforce.conftest import worker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "hire,required",
    [
        (date(2020, 5, 1), Decimal("40")),
        (date(2024, 1, 1), Decimal("40.0")),
        (date(2024, 7, 1), Decimal("20.0")),
        (date(2024, 7, 2), Decimal("16.7")),
        (date(2024, 12, 1), Decimal("3.3")),
    ],
)
def test_the_requirement_is_prorated_by_month_for_new_hires(hire, required):
    assert required_hours_for(hire, 2024, 40) == required


def test_workers_short_of_the_years_hours_are_listed(city, api_client_for, page_client_for):
    keen = worker(city.community_a1, "积极", hire=date(2015, 1, 1))
    short = worker(city.community_a1, "欠学时", hire=date(2015, 1, 1))
    new = worker(city.community_a1, "新人", hire=date(2024, 7, 1))
    worker(city.community_b1, "别街道", hire=date(2015, 1, 1))
    course = services.course_create(
        actor=None, code="C1", title="社会工作实务", hours="16", unit_code=city.city.code
    )
    for held_on, people in [
        (date(2024, 3, 1), [keen, short]),
        (date(2024, 8, 1), [keen, new]),
        (date(2024, 10, 1), [keen, new]),
        (date(2023, 10, 1), [short]),
    ]:
        session = services.training_session_create(
            actor=None, course=course, unit_code=city.city.code, held_on=held_on
        )
        services.attendance_record(actor=None, session=session, workers=people)
    rows = (
        api_client_for(city.users["street_a_leader"])
        .get(reverse("api:workforce-training-session-shortfall"), {"year": 2024})
        .json()
    )
    # keen: 48 hours; short: 16 of 40 (the 2023 session does not count); new: 32 of 20 prorated.
    assert [(row["worker_name"], row["hours"], row["required"], row["missing"]) for row in rows] == [
        ("欠学时", "16.0", "40.0", "24.0")
    ]
    page = page_client_for(city.users["street_a_leader"]).get(
        reverse("workforce:training-shortfall"), {"period": 2024}
    )
    assert [row.worker.name for row in page.context["rows"]] == ["欠学时"]
    # The b1 worker attended nothing: short, but only for those who reach b1.
    city_rows = (
        api_client_for(city.users["city_admin"])
        .get(reverse("api:workforce-training-session-shortfall"), {"year": 2024})
        .json()
    )
    assert [row["worker_name"] for row in city_rows] == ["欠学时", "别街道"]


def test_the_file_shows_this_years_hours(city, api_client_for, time_machine):
    time_machine.move_to(date(2024, 11, 1))
    person = worker(city.community_a1, "学员", hire=date(2015, 1, 1))
    course = services.course_create(
        actor=None, code="C1", title="调解", hours="12.5", unit_code=city.city.code
    )
    session = services.training_session_create(
        actor=None, course=course, unit_code=city.city.code, held_on=date(2024, 3, 1)
    )
    services.attendance_record(actor=None, session=session, workers=[person], hours="10")
    data = api_client_for(city.users["city_admin"]).get(
        reverse("api:workforce-worker-detail", args=[person.pk])
    )
    assert data.json()["training_hours_this_year"] == "10.0"


def test_the_staffing_ratio_per_community(city, api_client_for, page_client_for):
    # Households: a1 400, a2 300, b1 300.
    for index in range(3):
        worker(city.community_a1, f"甲{index}", hire=date(2015, 1, 1))
        worker(city.community_a2, f"乙{index}", hire=date(2015, 1, 1))
    away = worker(city.community_a1, "借出", hire=date(2015, 1, 1))
    services.worker_update(actor=None, worker=away, changes={"status": "seconded"})
    worker(city.street_a, "街道干部", hire=date(2015, 1, 1))
    rows = api_client_for(city.users["city_admin"]).get(reverse("api:workforce-staffing-list")).json()
    assert [
        (
            row["community_code"],
            row["households"],
            row["workers"],
            row["households_per_worker"],
            row["required"],
            row["missing"],
            row["flagged"],
        )
        for row in rows
    ] == [
        (city.community_a1.code, 400, 3, "133.33", 4, 1, True),
        (city.community_a2.code, 300, 3, "100.00", 3, 0, False),
        (city.community_b1.code, 300, 0, None, 3, 3, True),
    ]
    flagged = (
        api_client_for(city.users["city_admin"])
        .get(reverse("api:workforce-staffing-list"), {"flagged": "true"})
        .json()
    )
    assert [row["community_code"] for row in flagged] == [city.community_a1.code, city.community_b1.code]
    page = page_client_for(city.users["city_admin"]).get(reverse("workforce:staffing"))
    assert [row.community.code for row in page.context["flagged"]] == [
        city.community_a1.code,
        city.community_b1.code,
    ]
    assert page.context["missing"] == 4
    assert page.content.count(b"above the ratio") == 2


def test_the_home_page_flags_understaffed_communities_for_hr(city, page_client_for):
    worker(city.community_a1, "唯一", hire=date(2015, 1, 1))
    home = page_client_for(city.users["street_a_leader"]).get("/")
    panel = next(
        panel for panel in home.context["panels"] if str(panel.title) == "Communities short of staff"
    )
    assert [item.label for item in panel.items] == [city.community_a1.name, city.community_a2.name]
    worker_home = page_client_for(city.users["community_a1_worker"]).get("/")
    assert "Communities short of staff" not in [str(panel.title) for panel in worker_home.context["panels"]]
