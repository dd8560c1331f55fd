"""Pay runs against hand-computed slips: seniority on its anniversary and at its cap, the five levels'
edges, the highest credential only and from the day it was obtained, and a table change mid-year."""

from datetime import date
from decimal import Decimal

import pytest

from gongzhi.workforce import services
from gongzhi.workforce.models import PayLine
from gongzhi.workforce.pay import completed_years
from tests.workforce.conftest import BASE_PAY, TABLE_TERMS, worker

pytestmark = pytest.mark.django_db


def slip(community, person, month: date) -> PayLine:
    run = services.pay_run_create(actor=None, unit_code=community.code, month=month)
    return run.lines.get(worker=person)


def breakdown(line: PayLine) -> tuple:
    return (
        line.level,
        line.years_of_service,
        line.base_pay,
        line.seniority_pay,
        line.credential_allowance,
        line.performance_pay,
        line.total,
    )


@pytest.mark.parametrize(
    "since,on,years",
    [
        (date(2015, 3, 1), date(2024, 2, 1), 8),  # the day before the anniversary month
        (date(2015, 3, 1), date(2024, 3, 1), 9),  # the anniversary itself completes the year
        (date(2015, 3, 2), date(2024, 3, 1), 8),
        (date(2016, 2, 29), date(2024, 2, 1), 7),
        (date(2024, 5, 1), date(2024, 4, 1), 0),  # not yet hired
    ],
)
def test_completed_years(since, on, years):
    assert completed_years(since, on) == years


def test_seniority_counts_the_completed_years_on_the_first_of_the_month(city, pay_table):
    person = worker(city.community_a1, "王静", hire=date(2015, 3, 1), level=1)
    # February: 8 years → 2,900 + 8 × 20 + 0 + 20 % of 2,900 = 3,640.
    assert breakdown(slip(city.community_a1, person, date(2024, 2, 1))) == (
        1,
        8,
        Decimal("2900.00"),
        Decimal("160.00"),
        Decimal("0.00"),
        Decimal("580.00"),
        Decimal("3640.00"),
    )
    # March, the anniversary: 9 years → 3,660.
    assert breakdown(slip(city.community_a1, person, date(2024, 3, 1))) == (
        1,
        9,
        Decimal("2900.00"),
        Decimal("180.00"),
        Decimal("0.00"),
        Decimal("580.00"),
        Decimal("3660.00"),
    )


def test_the_top_of_the_scale_caps_seniority_and_pays_the_highest_credential_only(city, pay_table):
    person = worker(
        city.community_a1,
        "张书记",
        hire=date(1980, 1, 1),
        birth=date(1962, 1, 1),
        post="head",
        level=5,
        credentials=[
            ("assistant_social_worker", date(2009, 6, 1)),
            ("senior_social_worker", date(2015, 6, 1)),
        ],
    )
    # 44 years served, 30 counted: 4,500 + 600 + 500 (senior social worker, not + 200) + 900 = 6,500.
    assert breakdown(slip(city.community_a1, person, date(2024, 1, 1))) == (
        5,
        30 + 14,
        Decimal("4500.00"),
        Decimal("600.00"),
        Decimal("500.00"),
        Decimal("900.00"),
        Decimal("6500.00"),
    )


@pytest.mark.parametrize("post,level", [(post, level) for post in BASE_PAY for level in (1, 5)])
def test_each_post_at_its_lowest_and_highest_level(city, pay_table, post, level):
    person = worker(city.community_a1, "刘洋", hire=date(2023, 1, 1), post=post, level=level)
    line = slip(city.community_a1, person, date(2024, 1, 1))
    base = Decimal(BASE_PAY[post][level - 1])
    # One year of service: base + 20 + a fifth of the base.
    assert (line.base_pay, line.seniority_pay, line.performance_pay, line.total) == (
        base,
        Decimal("20.00"),
        base / 5,
        base + 20 + base / 5,
    )


def test_a_credential_counts_from_the_month_after_it_was_obtained(city, pay_table):
    person = worker(
        city.community_a1,
        "王静",
        hire=date(2020, 1, 1),
        level=2,
        credentials=[("assistant_social_worker", date(2019, 6, 1)), ("social_worker", date(2024, 3, 15))],
    )
    march = slip(city.community_a1, person, date(2024, 3, 1))
    april = slip(city.community_a1, person, date(2024, 4, 1))
    assert (march.credential_kind, march.credential_allowance) == (
        "assistant_social_worker",
        Decimal("200.00"),
    )
    assert (april.credential_kind, april.credential_allowance) == ("social_worker", Decimal("350.00"))
    # 3,100 + 4 × 20 + 350 + 620
    assert april.total == Decimal("4150.00")


def test_a_table_change_mid_year_applies_from_its_month(city, pay_table):
    person = worker(city.community_a1, "王静", hire=date(2015, 3, 1), level=1)
    raised = {post: [amount + 100 for amount in amounts] for post, amounts in BASE_PAY.items()}
    services.pay_table_create(
        actor=None,
        name="July 2024 raise",
        effective_from=date(2024, 7, 1),
        base_pay=raised,
        **{**TABLE_TERMS, "seniority_per_year": Decimal("25"), "performance_share": Decimal("0.25")},
    )
    june = slip(city.community_a1, person, date(2024, 6, 1))
    july = slip(city.community_a1, person, date(2024, 7, 1))
    december = slip(city.community_a1, person, date(2024, 12, 1))
    # June, old table: 2,900 + 9 × 20 + 580 = 3,660.
    assert (june.pay_run.table.name, june.total) == ("2024 scale", Decimal("3660.00"))
    # July, new table: 3,000 + 9 × 25 + 25 % of 3,000 = 3,975; the rest of the year too.
    assert (july.pay_run.table.name, july.total) == ("July 2024 raise", Decimal("3975.00"))
    assert december.total == Decimal("3975.00")


def test_a_run_pays_the_unit_its_totals_and_nobody_unplaced_or_gone(city, pay_table):
    paid = worker(city.community_a1, "王静", hire=date(2015, 3, 1), level=1)
    worker(city.community_a1, "未定级", hire=date(2015, 3, 1), level=None, previous_pay=Decimal("2800"))
    gone = worker(city.community_a1, "已离职", hire=date(2015, 3, 1), level=1)
    services.worker_update(actor=None, worker=gone, changes={"status": "left"})
    worker(city.community_a1, "未入职", hire=date(2024, 3, 2), level=1)
    worker(city.community_a2, "别的社区", hire=date(2015, 3, 1), level=1)
    run = services.pay_run_create(actor=None, unit_code=city.community_a1.code, month=date(2024, 3, 1))
    assert list(run.lines.values_list("worker", flat=True)) == [paid.pk]
    assert (run.worker_count, run.total, run.table.name) == (1, Decimal("3660.00"), "2024 scale")


def test_a_street_run_pays_its_communities_and_a_city_run_refuses_to_pay_them_twice(city, pay_table):
    for unit in (city.community_a1, city.community_a2, city.street_a, city.community_b1):
        worker(unit, f"员工{unit.code[-3:]}", hire=date(2015, 3, 1), level=1)
    street = services.pay_run_create(actor=None, unit_code=city.street_a.code, month=date(2024, 3, 1))
    assert street.worker_count == 3
    with pytest.raises(Exception) as refused:
        services.pay_run_create(actor=None, unit_code=city.city.code, month=date(2024, 3, 1))
    assert "unit_code" in refused.value.message_dict
    assert (
        services.pay_run_create(
            actor=None, unit_code=city.community_b1.code, month=date(2024, 3, 1)
        ).worker_count
        == 1
    )
