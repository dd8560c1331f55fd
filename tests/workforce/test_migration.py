"""The pay migration (工资套改): placement by years of service and credentials, the new pay from the
table in force, and the before/after report (average, median, minimum, maximum by post and unit)
computed from the records, against figures worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongzhi.common.models import DomainEvent
from gongzhi.workforce import services
from gongzhi.workforce.models import MigrationRecord, PostHistory, Worker
from gongzhi.workforce.placement import placement_level
from tests.workforce.conftest import worker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "years,credential,level",
    [
        (0, "", 1),
        (2, "", 1),
        (3, "", 2),
        (5, "", 2),
        (6, "", 3),
        (9, "", 3),
        (10, "", 4),
        (14, "", 4),
        (15, "", 5),
        (40, "", 5),
        (2, "assistant_social_worker", 1),
        (2, "social_worker", 2),
        (9, "senior_social_worker", 4),
        (15, "senior_social_worker", 5),
    ],
)
def test_placement_level(years, credential, level):
    assert placement_level(years_of_service=years, credential_kind=credential) == level


@pytest.fixture
def waiting(city, pay_table):
    return {
        "a1_new": worker(
            city.community_a1, "甲", hire=date(2022, 1, 1), level=None, previous_pay=Decimal(2500)
        ),
        "a1_social": worker(
            city.community_a1,
            "乙",
            hire=date(2021, 1, 1),
            level=None,
            previous_pay=Decimal(2700),
            credentials=[("social_worker", date(2020, 6, 1))],
        ),
        "a2_deputy": worker(
            city.community_a2,
            "丙",
            hire=date(2009, 1, 1),
            post="deputy",
            level=None,
            previous_pay=Decimal(3300),
        ),
        "a2_head": worker(
            city.community_a2,
            "丁",
            hire=date(2000, 1, 1),
            birth=date(1975, 1, 1),
            post="head",
            level=None,
            previous_pay=Decimal(3900),
            credentials=[("senior_social_worker", date(2012, 1, 1))],
        ),
    }


def test_the_migration_places_each_worker_and_computes_the_new_pay(city, waiting):
    placed_already = worker(
        city.community_a1, "已定级", hire=date(2010, 1, 1), level=2, previous_pay=Decimal(2600)
    )
    gone = worker(city.community_a1, "已离职", hire=date(2010, 1, 1), level=None, previous_pay=Decimal(2600))
    services.worker_update(actor=None, worker=gone, changes={"status": "left"})
    count = services.migration_apply(
        actor=city.actor("city_admin"), unit_code=city.city.code, migrated_on=date(2024, 1, 1)
    )
    assert count == 4
    records = {
        record.worker.name: (record.level, record.years_of_service, record.pay_before, record.pay_after)
        for record in MigrationRecord.objects.select_related("worker")
    }
    assert records == {
        # 2 years → level 1: 2,900 + 40 + 580
        "甲": (1, 2, Decimal("2500.00"), Decimal("3520.00")),
        # 3 years → level 2, one more for the social worker's credential: 3,300 + 60 + 350 + 660
        "乙": (3, 3, Decimal("2700.00"), Decimal("4370.00")),
        # 15 years → level 5: 4,100 + 300 + 820
        "丙": (5, 15, Decimal("3300.00"), Decimal("5220.00")),
        # 24 years, level 5 (no level above): 4,500 + 480 + 500 + 900
        "丁": (5, 24, Decimal("3900.00"), Decimal("6380.00")),
    }
    assert not MigrationRecord.objects.filter(worker__in=[placed_already, gone]).exists()
    entry = PostHistory.objects.get(worker=waiting["a1_social"])
    assert (entry.starts_on, entry.level, entry.reason) == (date(2024, 1, 1), 3, "migration")
    assert Worker.objects.get(pk=waiting["a1_social"].pk).level == 3
    event = DomainEvent.objects.get(action="workforce.migration.apply")
    assert event.after["workers"] == 4 and event.actor == city.users["city_admin"]
    # The first pay run after the migration pays what the migration promised.
    run = services.pay_run_create(actor=None, unit_code=city.city.code, month=date(2024, 1, 1))
    assert {
        line.worker.name: line.total
        for line in run.lines.select_related("worker")
        if line.worker.name in records
    } == {name: record[3] for name, record in records.items()}


def test_a_second_migration_finds_nobody_waiting(city, waiting):
    services.migration_apply(actor=None, unit_code=city.city.code, migrated_on=date(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.migration_apply(actor=None, unit_code=city.city.code, migrated_on=date(2024, 1, 1))
    assert "unit_code" in refused.value.message_dict


def _summary(group) -> tuple:
    return tuple(
        group[side][name]
        for side in ("before", "after")
        for name in ("count", "average", "median", "minimum", "maximum")
    )


def test_the_report_by_post_and_unit(city, waiting, api_client_for):
    services.migration_apply(actor=None, unit_code=city.city.code, migrated_on=date(2024, 1, 1))
    report = api_client_for(city.users["city_admin"]).get(reverse("api:workforce-migration-report")).json()
    # Before 2,500 2,700 3,300 3,900; after 3,520 4,370 5,220 6,380.
    assert _summary(report["overall"]) == (
        4,
        "3100.00",
        "3000.00",
        "2500.00",
        "3900.00",
        4,
        "4872.50",
        "4795.00",
        "3520.00",
        "6380.00",
    )
    by_post = {group["key"]: _summary(group) for group in report["by_post"]}
    assert by_post == {
        "head": (
            1,
            "3900.00",
            "3900.00",
            "3900.00",
            "3900.00",
            1,
            "6380.00",
            "6380.00",
            "6380.00",
            "6380.00",
        ),
        "deputy": (
            1,
            "3300.00",
            "3300.00",
            "3300.00",
            "3300.00",
            1,
            "5220.00",
            "5220.00",
            "5220.00",
            "5220.00",
        ),
        "staff": (
            2,
            "2600.00",
            "2600.00",
            "2500.00",
            "2700.00",
            2,
            "3945.00",
            "3945.00",
            "3520.00",
            "4370.00",
        ),
    }
    assert [group["key"] for group in report["by_post"]] == ["head", "deputy", "staff"]
    by_unit = {group["label"]: _summary(group) for group in report["by_unit"]}
    assert by_unit == {
        city.community_a1.name: (
            2,
            "2600.00",
            "2600.00",
            "2500.00",
            "2700.00",
            2,
            "3945.00",
            "3945.00",
            "3520.00",
            "4370.00",
        ),
        city.community_a2.name: (
            2,
            "3600.00",
            "3600.00",
            "3300.00",
            "3900.00",
            2,
            "5800.00",
            "5800.00",
            "5220.00",
            "6380.00",
        ),
    }


def test_the_report_covers_only_the_actors_reach(city, waiting, api_client_for, page_client_for):
    services.migration_apply(actor=None, unit_code=city.city.code, migrated_on=date(2024, 1, 1))
    report = (
        api_client_for(city.users["community_a1_leader"])
        .get(reverse("api:workforce-migration-report"))
        .json()
    )
    assert report["overall"]["after"]["count"] == 2
    assert [group["label"] for group in report["by_unit"]] == [city.community_a1.name]
    empty = (
        api_client_for(city.users["community_b1_leader"])
        .get(reverse("api:workforce-migration-report"))
        .json()
    )
    assert empty["overall"]["before"] == {
        "count": 0,
        "average": None,
        "median": None,
        "minimum": None,
        "maximum": None,
    }
    page = page_client_for(city.users["city_admin"]).get(reverse("workforce:migration"))
    assert b"4872.50" in page.content and b"6380.00" in page.content


def test_a_unit_migration_leaves_the_other_units_waiting(city, waiting):
    assert (
        services.migration_apply(
            actor=city.actor("city_admin"), unit_code=city.community_a2.code, migrated_on=date(2024, 1, 1)
        )
        == 2
    )
    assert set(MigrationRecord.objects.values_list("worker__name", flat=True)) == {"丙", "丁"}
