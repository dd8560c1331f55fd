"""Who reads and edits the pay tables, runs the monthly pay, reads pay runs, slips and their Excel
export, and runs the pay migration, on the API and the pages."""

from datetime import date

import pytest
from django.urls import reverse

from gongzhi.workforce import services
from gongzhi.workforce.models import PayRun, PayTable
from tests.workforce.conftest import BASE_PAY, HR_VIEWERS, OUTSIDERS, TABLE_TERMS, expect, statuses, worker

pytestmark = pytest.mark.django_db


def _table_input(effective_from: str) -> dict:
    return {
        "name": "新标准",
        "effective_from": effective_from,
        "base_pay": BASE_PAY,
        **{name: str(value) for name, value in TABLE_TERMS.items()},
    }


def test_pay_tables_are_read_by_hr_and_workers(city, pay_table, api_client_for, page_client_for):
    assert statuses(api_client_for, city.users, "get", reverse("api:workforce-pay-table-list")) == expect(
        200, **{key: 403 for key in OUTSIDERS}
    )
    assert statuses(
        api_client_for, city.users, "get", reverse("api:workforce-pay-table-detail", args=[pay_table.pk])
    ) == expect(200, **{key: 403 for key in OUTSIDERS})
    assert statuses(page_client_for, city.users, "get", reverse("workforce:pay-tables")) == expect(
        200, **{key: 403 for key in OUTSIDERS}
    )


def test_only_the_city_admin_makes_and_corrects_pay_tables(city, pay_table, api_client_for, page_client_for):
    got = {
        key: api_client_for(city.users[key])
        .post(reverse("api:workforce-pay-table-list"), _table_input(f"{2030 + index}-01-01"), format="json")
        .status_code
        for index, key in enumerate(expect(0))
    }
    assert got == expect(403, city_admin=201)
    assert PayTable.objects.count() == 2
    url = reverse("api:workforce-pay-table-detail", args=[pay_table.pk])
    assert statuses(api_client_for, city.users, "patch", url, {"note": "更正"}, format="json") == expect(
        403, city_admin=200, **{key: 403 for key in OUTSIDERS}
    )
    for name in ("workforce:pay-table-new",):
        assert statuses(page_client_for, city.users, "get", reverse(name)) == expect(403, city_admin=200)
    assert statuses(
        page_client_for, city.users, "get", reverse("workforce:pay-table-edit", args=[pay_table.pk])
    ) == expect(403, city_admin=200)


@pytest.fixture
def paid(city, pay_table, staff):
    """March 2024 paid for street a (its staff and communities) and for community b1."""
    return {
        "street_a": services.pay_run_create(actor=None, unit_code=city.street_a.code, month=date(2024, 3, 1)),
        "b1": services.pay_run_create(actor=None, unit_code=city.community_b1.code, month=date(2024, 3, 1)),
    }


def test_pay_runs_are_listed_within_reach(city, paid, api_client_for):
    expected = {
        "city_admin": {"street_a", "b1"},
        "city_leader": {"street_a", "b1"},
        "street_a_leader": {"street_a"},
        "community_a1_leader": set(),
        "community_b1_leader": {"b1"},
    }
    units = {paid["street_a"].unit.code: "street_a", paid["b1"].unit.code: "b1"}
    for who, runs in expected.items():
        response = api_client_for(city.users[who]).get(reverse("api:workforce-pay-run-list"))
        assert {units[row["unit_code"]] for row in response.json()["results"]} == runs, who
    got = statuses(api_client_for, city.users, "get", reverse("api:workforce-pay-run-list"))
    assert got == expect(403, **{key: 200 for key in HR_VIEWERS})


def test_a_pay_run_of_another_street_answers_404(city, paid, api_client_for, page_client_for):
    for client_for, url in [
        (api_client_for, reverse("api:workforce-pay-run-detail", args=[paid["b1"].pk])),
        (api_client_for, reverse("api:workforce-pay-run-export", args=[paid["b1"].pk])),
        (page_client_for, reverse("workforce:pay-run", args=[paid["b1"].pk])),
        (page_client_for, reverse("workforce:pay-run-export", args=[paid["b1"].pk])),
    ]:
        got = statuses(client_for, city.users, "get", url)
        assert got == expect(
            403,
            city_admin=200,
            city_leader=200,
            community_b1_leader=200,
            street_a_leader=404,
            community_a1_leader=404,
        ), url


def test_a_community_leader_sees_only_their_communitys_slips_in_a_street_run(city, paid, api_client_for):
    response = api_client_for(city.users["community_a1_leader"]).get(reverse("api:workforce-pay-run-list"))
    assert response.json()["results"] == []
    slips = api_client_for(city.users["community_a1_leader"]).get(reverse("api:workforce-pay-slip-list"))
    assert {row["unit_code"] for row in slips.json()["results"]} == {city.community_a1.code}


def test_pay_slips_are_read_by_the_worker_and_the_hr_of_their_unit(
    city, paid, staff, api_client_for, page_client_for
):
    line = paid["b1"].lines.get(worker=staff["b1_own"])
    expected = expect(
        404,
        city_admin=200,
        city_leader=200,
        community_b1_leader=200,
        community_b1_worker=200,
        **{key: 403 for key in OUTSIDERS},
    )
    assert (
        statuses(api_client_for, city.users, "get", reverse("api:workforce-pay-slip-detail", args=[line.pk]))
        == expected
    )
    assert (
        statuses(page_client_for, city.users, "get", reverse("workforce:pay-slip", args=[line.pk]))
        == expected
    )


def test_running_pay_is_for_the_units_pay_runners(city, pay_table, staff, api_client_for):
    got = {}
    for key in expect(0):
        PayRun.objects.filter(unit=city.community_a1).delete()
        got[key] = (
            api_client_for(city.users[key])
            .post(
                reverse("api:workforce-pay-run-list"),
                {"unit_code": city.community_a1.code, "month": "2024-03"},
                format="json",
            )
            .status_code
        )
    assert got == expect(
        403, city_admin=201, street_a_leader=201, community_a1_leader=201, community_b1_leader=400
    )


def test_the_pay_run_pages(city, paid, page_client_for):
    assert statuses(page_client_for, city.users, "get", reverse("workforce:pay-runs")) == expect(
        403, **{key: 200 for key in HR_VIEWERS}
    )
    response = page_client_for(city.users["city_leader"]).post(
        reverse("workforce:pay-runs"), {"unit_code": city.community_b1.code, "month": "2024-04"}
    )
    assert response.status_code == 403
    response = page_client_for(city.users["community_b1_leader"]).post(
        reverse("workforce:pay-runs"), {"unit_code": city.community_b1.code, "month": "2024-04"}
    )
    run = PayRun.objects.get(unit=city.community_b1, month=date(2024, 4, 1))
    assert response.status_code == 302 and response["Location"] == reverse("workforce:pay-run", args=[run.pk])


def test_the_migration_report_is_for_hr_and_the_migration_for_the_city(
    city, pay_table, api_client_for, page_client_for
):
    worker(city.community_a1, "待套改", hire=date(2010, 1, 1), level=None, previous_pay="2800")
    assert statuses(api_client_for, city.users, "get", reverse("api:workforce-migration-report")) == expect(
        403, **{key: 200 for key in HR_VIEWERS}
    )
    assert statuses(page_client_for, city.users, "get", reverse("workforce:migration")) == expect(
        403, **{key: 200 for key in HR_VIEWERS}
    )
    got = statuses(
        api_client_for,
        city.users,
        "post",
        reverse("api:workforce-migration-apply"),
        {"unit_code": city.city.code, "migrated_on": "2024-01-01"},
        format="json",
    )
    assert got == expect(403, city_admin=200)
    got = statuses(
        page_client_for,
        city.users,
        "post",
        reverse("workforce:migration"),
        {"unit_code": city.city.code, "migrated_on": "2024-01-01"},
    )
    # The city admin's second run finds nobody waiting any more: 400, naming the unit.
    assert got == expect(403, city_admin=400, **{key: 403 for key in HR_VIEWERS - {"city_admin"}})
