"""The workforce's admin pages: read-only, for city staff whose role may view the workforce; the
identity number shows masked."""

from datetime import date

import pytest
from django.urls import reverse

from tests.workforce.conftest import worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(city):
    for key in ("city_admin", "city_leader", "street_a_leader", "community_a1_leader"):
        user = city.users[key]
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return city


@pytest.mark.parametrize(
    "model",
    [
        "worker",
        "paytable",
        "payrun",
        "migrationrecord",
        "promotion",
        "course",
        "trainingsession",
        "secondment",
        "mentoringpair",
    ],
)
def test_the_lists_open_to_city_staff_only(staff_user, page_client_for, model):
    url = reverse(f"admin:workforce_{model}_changelist")
    got = {
        key: page_client_for(staff_user.users[key]).get(url).status_code
        for key in (
            "city_admin",
            "city_leader",
            "street_a_leader",
            "community_a1_leader",
            "community_a1_worker",
        )
    }
    # Street and community staff use the scoped pages: the admin lists the whole city.
    assert got == {
        "city_admin": 200,
        "city_leader": 200,
        "street_a_leader": 403,
        "community_a1_leader": 403,
        "community_a1_worker": 302,
    }


def test_a_file_is_read_only_and_masked(staff_user, page_client_for):
    person = worker(staff_user.community_a1, "管理员查看", hire=date(2015, 1, 1), phone="13912345678")
    client = page_client_for(staff_user.users["city_admin"])
    page = client.get(reverse("admin:workforce_worker_change", args=[person.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert person.identity_number_masked in content and "13912345678" not in content
    assert 'name="_save"' not in content
    assert client.get(reverse("admin:workforce_worker_add")).status_code == 403
    assert (
        client.post(reverse("admin:workforce_worker_delete", args=[person.pk]), {"post": "yes"}).status_code
        == 403
    )
