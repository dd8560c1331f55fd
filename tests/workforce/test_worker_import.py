"""Importing personnel files from Excel: a good workbook opens a file per row through the service;
each kind of bad row is reported with its sheet, row and column, and then nothing is imported."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongzhi.common.models import DomainEvent
from gongzhi.org.registry.problems import ImportRejected
from gongzhi.workforce.excel.worker_import import WORKERS, workers_workbook_import, workers_workbook_template
from gongzhi.workforce.models import Credential, PostHistory, Worker
from tests.api_support import nothing_written
from tests.workforce.conftest import identity, worker

pytestmark = pytest.mark.django_db


def row(city, **changes) -> dict:
    values = {
        "unit_code": city.community_a1.code,
        "name": "王芳",
        "identity_number": identity(date(1990, 3, 4)),
        "gender": "",
        "birth_date": None,
        "phone": "13912345678",
        "education": "bachelor",
        "source": "",
        "hire_date": date(2016, 5, 1),
        "post_category": "staff",
        "level": "",
        "previous_monthly_pay": 2800,
        "credential_kind": "",
        "credential_obtained_on": None,
        "credential_number": "",
    }
    values.update(changes)
    return values


def workbook(rows: list[dict], columns: list[str] | None = None, sheet: str = "workers") -> bytes:
    book = Workbook()
    worksheet = book.active
    worksheet.title = sheet
    columns = columns or WORKERS.column_names
    worksheet.append(columns)
    worksheet.append(["label"] * len(columns))
    for values in rows:
        worksheet.append([values.get(name) for name in columns])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems_of(city, content: bytes, actor_key: str = "city_admin") -> list[tuple]:
    with nothing_written(Worker, Credential, PostHistory):
        with pytest.raises(ImportRejected) as rejected:
            workers_workbook_import(actor=city.actor(actor_key), file=content)
    return [
        (problem.source, problem.position, problem.field, problem.message)
        for problem in rejected.value.problems
    ]


def test_a_good_workbook_opens_a_file_per_row(city):
    rows = [
        row(city),
        row(
            city,
            name="李强",
            identity_number=identity(date(1988, 1, 2)),
            level=3,
            post_category="deputy",
            credential_kind="social_worker",
            credential_obtained_on=date(2019, 6, 1),
            credential_number="SW-001",
            previous_monthly_pay="",
        ),
    ]
    created = workers_workbook_import(actor=city.actor("community_a1_leader"), file=workbook(rows))
    assert [person.name for person in created] == ["王芳", "李强"]
    first, second = (Worker.objects.get(pk=person.pk) for person in created)
    assert (first.birth_date, first.gender, first.level, first.previous_monthly_pay) == (
        date(1990, 3, 4),
        "male",
        None,
        2800,
    )
    assert (second.level, second.credentials.get().number) == (3, "SW-001")
    assert PostHistory.objects.get(worker=second).starts_on == date(2016, 5, 1)
    assert DomainEvent.objects.filter(action="workforce.worker.create").count() == 2


BAD_ROWS = [
    ({"name": ""}, "name", "This field is required."),
    ({"identity_number": "652301199003040001"}, "identity_number", "check character"),
    ({"identity_number": "65230119900304"}, "identity_number", "17 digits"),
    ({"unit_code": "652301999999"}, "unit_code", "in your reach"),
    ({"unit_code": "652301002001"}, "unit_code", "in your reach"),  # community b1: outside street a
    ({"post_category": "chief"}, "post_category", "not one of"),
    ({"level": 6}, "level", "from 1 to 5"),
    ({"education": ""}, "education", "not one of"),
    ({"hire_date": "next week"}, "hire_date", "YYYY-MM-DD"),
    ({"hire_date": date(2099, 1, 1)}, "hire_date", "future"),
    ({"hire_date": date(2004, 1, 1)}, "hire_date", "before the age of 16"),
    ({"birth_date": date(1990, 3, 5)}, "birth_date", "does not match"),
    ({"gender": "female"}, "gender", "does not match"),
    ({"phone": "call me"}, "phone", "phone number"),
    ({"previous_monthly_pay": -5}, "previous_monthly_pay", "from 0 to"),
    ({"credential_kind": "social_worker"}, "credential_obtained_on", "Required when a credential is named."),
    ({"credential_obtained_on": date(2020, 1, 1)}, "credential_kind", "Name the credential"),
    (
        {"credential_kind": "doctor", "credential_obtained_on": date(2020, 1, 1)},
        "credential_kind",
        "not one of",
    ),
    ({"hire_date": datetime(2016, 5, 1, 9, 30)}, "hire_date", "without a time of day"),
]


@pytest.mark.parametrize("changes,column,message", BAD_ROWS)
def test_each_kind_of_bad_row_is_placed_and_nothing_is_imported(city, changes, column, message):
    good = row(city, name="好人", identity_number=identity(date(1985, 1, 1)))
    bad = row(city, **changes)
    found = problems_of(city, workbook([good, bad]), actor_key="street_a_leader")
    assert [(sheet, number, field) for sheet, number, field, _message in found] == [("workers", 4, column)], (
        found
    )
    assert message in found[0][3]


def test_an_identity_number_twice_in_the_file_or_already_on_file(city):
    existing = worker(city.community_a1, "老员工", hire=date(2010, 1, 1))
    number = identity(date(1991, 1, 1))
    rows = [row(city, identity_number=number), row(city, name="重复", identity_number=number.lower())]
    assert problems_of(city, workbook(rows)) == [
        ("workers", 4, "identity_number", "This identity number already appears on row 3.")
    ]
    from gongzhi.workforce.identity import identity_number_decrypt

    taken = identity_number_decrypt(existing.identity_number_encrypted)
    assert problems_of(city, workbook([row(city, identity_number=taken)])) == [
        ("workers", 3, "identity_number", "A personnel file with this identity number already exists.")
    ]


def test_every_problem_of_every_row_is_reported(city):
    rows = [
        row(city, name="", level=9),
        row(city, identity_number=identity(date(1992, 2, 2)), post_category="x"),
    ]
    found = problems_of(city, workbook(rows))
    assert [(number, field) for _sheet, number, field, _message in found] == [
        (3, "level"),
        (3, "name"),
        (4, "post_category"),
    ]


def test_the_files_shape_is_checked(city):
    assert problems_of(city, b"not a workbook")[0][3] == "This is not an Excel (.xlsx) workbook."
    assert (
        problems_of(city, workbook([row(city)], sheet="people"))[0][3]
        == "The workbook has no sheet named “workers”."
    )
    columns = [name for name in WORKERS.column_names if name != "hire_date"] + ["salary"]
    found = problems_of(city, workbook([row(city)], columns=columns))
    assert {(number, field) for _sheet, number, field, _message in found} == {(1, "salary"), (1, "hire_date")}
    assert problems_of(city, workbook([]))[0][3] == "The sheet holds no worker."


def test_the_template_has_the_columns_the_import_reads(city):
    sheet = load_workbook(BytesIO(workers_workbook_template()))["workers"]
    assert [cell.value for cell in sheet[1]] == WORKERS.column_names


def test_the_api_import_answers_400_with_each_place_or_201(city, api_client_for):
    client = api_client_for(city.users["community_a1_leader"])
    bad = workbook([row(city), row(city, name="", identity_number=identity(date(1993, 3, 3)))])
    with nothing_written(Worker):
        response = client.post(
            reverse("api:workforce-worker-import-workbook"),
            {"file": SimpleUploadedFile("w.xlsx", bad)},
            format="multipart",
        )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "import_rejected"
    assert response.json()["error"]["fields"] == {"workers:4:name": ["This field is required."]}
    good = workbook([row(city)])
    response = client.post(
        reverse("api:workforce-worker-import-workbook"),
        {"file": SimpleUploadedFile("w.xlsx", good)},
        format="multipart",
    )
    assert (response.status_code, response.json()) == (201, {"created": 1})
    missing = client.post(reverse("api:workforce-worker-import-workbook"), {}, format="multipart")
    assert missing.status_code == 400 and "file" in missing.json()["error"]["fields"]


def test_the_import_page_lists_the_problems(city, page_client_for):
    client = page_client_for(city.users["community_a1_leader"])
    bad = workbook([row(city, level=7)])
    response = client.post(reverse("workforce:worker-import"), {"file": SimpleUploadedFile("w.xlsx", bad)})
    assert response.status_code == 400
    assert [(problem.position, problem.field) for problem in response.context["problems"]] == [(3, "level")]
    assert not Worker.objects.exists()
    response = client.post(
        reverse("workforce:worker-import"), {"file": SimpleUploadedFile("w.xlsx", workbook([row(city)]))}
    )
    assert response.status_code == 302 and Worker.objects.count() == 1


def test_importing_is_for_managers(city, api_client_for, page_client_for):
    from tests.workforce.conftest import expect, statuses

    assert statuses(page_client_for, city.users, "get", reverse("workforce:worker-import")) == expect(
        403, city_admin=200, street_a_leader=200, community_a1_leader=200, community_b1_leader=200
    )
    assert statuses(
        page_client_for, city.users, "get", reverse("workforce:worker-import-template")
    ) == expect(403, city_admin=200, street_a_leader=200, community_a1_leader=200, community_b1_leader=200)
    assert statuses(
        api_client_for, city.users, "get", reverse("api:workforce-worker-import-template")
    ) == expect(403, city_admin=200, street_a_leader=200, community_a1_leader=200, community_b1_leader=200)
    got = {
        key: api_client_for(city.users[key])
        .post(
            reverse("api:workforce-worker-import-workbook"),
            {
                "file": SimpleUploadedFile(
                    "w.xlsx", workbook([row(city, identity_number=identity(date(1980, 1, 1)))])
                )
            },
            format="multipart",
        )
        .status_code
        for key in expect(0)
    }
    # The a1 row is out of the b1 leader's reach; the first manager imports it, the next find it on file.
    assert got["city_admin"] == 201
    assert {key for key, status in got.items() if status == 403} == set(expect(0)) - {
        "city_admin",
        "street_a_leader",
        "community_a1_leader",
        "community_b1_leader",
    }
