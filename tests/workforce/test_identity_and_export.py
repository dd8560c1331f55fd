"""Identity numbers are encrypted at rest and never leave the platform unmasked (API, pages, Excel,
audit events); keys can be rotated. A pay run's Excel export holds each slip, the totals, and text
that cannot turn into formulas."""

from datetime import date
from io import BytesIO

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from gongzhi.common.models import DomainEvent
from gongzhi.workforce import services
from gongzhi.workforce.identity import (
    identity_number_compose,
    identity_number_decrypt,
    identity_number_encrypt,
    identity_number_problem,
)
from gongzhi.workforce.models import Worker
from tests.workforce.conftest import worker

pytestmark = pytest.mark.django_db


def plain_number(person: Worker) -> str:
    return identity_number_decrypt(person.identity_number_encrypted)


def test_the_number_is_stored_encrypted_and_read_back(city):
    person = worker(city.community_a1, "加密", hire=date(2015, 1, 1))
    number = plain_number(person)
    assert identity_number_problem(number) is None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT identity_number_encrypted, identity_number_digest FROM workforce_worker WHERE id = %s",
            [person.pk],
        )
        stored, digest = cursor.fetchone()
    assert number not in stored and number[6:14] not in stored and number not in digest
    assert person.identity_number_masked == number[:4] + "*" * 10 + number[-4:]


def test_a_rotated_key_still_reads_the_old_numbers(city, settings):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.GONGZHI_FIELD_KEY = old_key
    token = identity_number_encrypt("652301199003041234")
    settings.GONGZHI_FIELD_KEY = f"{new_key},{old_key}"
    assert identity_number_decrypt(token) == "652301199003041234"
    assert identity_number_decrypt(identity_number_encrypt("x")) == "x"
    settings.GONGZHI_FIELD_KEY = new_key
    assert identity_number_decrypt(token) == ""


@pytest.mark.parametrize(
    "number,problem",
    [
        (identity_number_compose(region="652301", birth_date=date(1990, 3, 4), sequence=123), None),
        ("65230119900304123", "17 digits"),
        ("65230119901304123X", "birth date"),
        ("652301199003041230", "check character"),
    ],
)
def test_identity_numbers_are_checked(number, problem):
    found = identity_number_problem(number)
    assert (found is None) if problem is None else (problem in found)


def test_the_full_number_appears_nowhere(city, staff, pay_table, api_client_for, page_client_for):
    person = staff["a1_own"]
    number = plain_number(person)
    run = services.pay_run_create(actor=None, unit_code=city.community_a1.code, month=date(2024, 3, 1))
    admin_api = api_client_for(city.users["city_admin"])
    admin_pages = page_client_for(city.users["city_admin"])
    answers = [
        admin_api.get(reverse("api:workforce-worker-list")).content,
        admin_api.get(reverse("api:workforce-worker-detail", args=[person.pk])).content,
        api_client_for(city.users["community_a1_worker"]).get(reverse("api:workforce-worker-me")).content,
        admin_pages.get(reverse("workforce:workers")).content,
        admin_pages.get(reverse("workforce:worker", args=[person.pk])).content,
        admin_pages.get(reverse("workforce:pay-run-export", args=[run.pk])).content,
    ]
    for content in answers:
        assert number.encode() not in content
        assert number[:14].encode() not in content
    assert person.identity_number_masked.encode() in answers[1]
    for event in DomainEvent.objects.all():
        assert number not in str(event.before) + str(event.after)


def test_phones_are_masked_on_the_api_and_the_pages(city, api_client_for, page_client_for):
    person = worker(city.community_a1, "电话", hire=date(2015, 1, 1), phone="13912345678")
    body = api_client_for(city.users["city_admin"]).get(
        reverse("api:workforce-worker-detail", args=[person.pk])
    )
    assert body.json()["phone"] == "139****5678"
    page = page_client_for(city.users["city_admin"]).get(reverse("workforce:worker", args=[person.pk]))
    assert b"13912345678" not in page.content and b"139****5678" in page.content


def test_the_pay_run_export(city, pay_table, api_client_for):
    worker(city.community_a1, "王静", hire=date(2015, 3, 1), level=1)
    worker(
        city.community_a1,
        "=SUM(A1:A9)",
        hire=date(2020, 1, 1),
        post="head",
        level=3,
        credentials=[("social_worker", date(2021, 1, 1))],
    )
    run = services.pay_run_create(actor=None, unit_code=city.community_a1.code, month=date(2024, 3, 1))
    response = api_client_for(city.users["community_a1_leader"]).get(
        reverse("api:workforce-pay-run-export", args=[run.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    # 王静: 2,900 + 180 + 580 = 3,660; the head: 4,100 + 80 + 350 + 820 = 5,350.
    by_name = {row[1]: row for row in rows[:-1]}
    assert by_name["王静"][3:] == [1, 9, None, 2900, 180, 0, 580, 3660]
    assert by_name["=SUM(A1:A9)"][3:] == [3, 4, "Social worker", 4100, 80, 350, 820, 5350]
    assert sheet.cell(row=3 + [row[1] for row in rows].index("=SUM(A1:A9)"), column=2).data_type == "s"
    assert rows[-1][:2] == ["Total", "2 workers"] and rows[-1][6:] == [7000, 260, 350, 1400, 9010]
