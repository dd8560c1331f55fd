"""Who reads and keeps which personnel files, on the API and the pages: a community worker sees only
their own file, a community leader their community's, a street leader their street's, the city all;
department staff nothing. Out of reach answers 404, in reach without the right 403."""

from datetime import date

import pytest
from django.urls import reverse

from gongzhi.workforce.models import Worker
from tests.workforce.conftest import HR_VIEWERS, OUTSIDERS, VISIBLE_STAFF, expect, identity, statuses, worker

pytestmark = pytest.mark.django_db


def test_the_file_list_holds_only_the_actors_files(city, staff, api_client_for):
    names = {key: worker.name for key, worker in staff.items()}
    for who in [
        "city_admin",
        "city_leader",
        "street_a_leader",
        "community_a1_leader",
        "community_b1_leader",
        "community_a1_worker",
        "community_b1_worker",
        "street_a_dispatcher",
        "grid_a1_worker",
    ]:
        response = api_client_for(city.users[who]).get(reverse("api:workforce-worker-list"))
        assert response.status_code == 200, who
        got = {row["name"] for row in response.json()["results"]}
        assert got == {names[key] for key in VISIBLE_STAFF.get(who, set())}, who


def test_the_file_list_refuses_roles_without_a_workforce_permission(city, staff, api_client_for):
    got = statuses(api_client_for, city.users, "get", reverse("api:workforce-worker-list"))
    assert got == expect(200, **{key: 403 for key in OUTSIDERS})


def test_a_file_of_another_street_answers_404_to_street_a(city, staff, api_client_for):
    url = reverse("api:workforce-worker-detail", args=[staff["b1_own"].pk])
    got = statuses(api_client_for, city.users, "get", url)
    assert got == expect(
        404,
        city_admin=200,
        city_leader=200,
        community_b1_leader=200,
        community_b1_worker=200,
        **{key: 403 for key in OUTSIDERS},
    )


def test_a_community_worker_reads_their_own_file_masked(city, staff, api_client_for):
    response = api_client_for(city.users["community_a1_worker"]).get(reverse("api:workforce-worker-me"))
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == staff["a1_own"].name
    assert "*" in data["identity_number"] and len(data["identity_number"]) == 18
    assert (
        api_client_for(city.users["community_a1_worker"])
        .get(reverse("api:workforce-worker-detail", args=[staff["a1_other"].pk]))
        .status_code
        == 404
    )


def test_me_answers_404_without_a_file_and_403_without_the_permission(city, staff, api_client_for):
    got = statuses(api_client_for, city.users, "get", reverse("api:workforce-worker-me"))
    assert got == expect(
        404,
        community_a1_worker=200,
        community_b1_worker=200,
        city_leader=404,
        **{key: 403 for key in OUTSIDERS},
    )


def _new_file(city) -> dict:
    return {
        "unit_code": city.community_a1.code,
        "name": "新同事",
        "identity_number": identity(date(1995, 1, 1)),
        "education": "bachelor",
        "hire_date": "2023-03-01",
        "post_category": "staff",
        "level": 1,
    }


def test_opening_a_file_is_for_the_units_managers(city, api_client_for):
    got = {}
    for key in expect(0):
        data = _new_file(city)
        got[key] = (
            api_client_for(city.users[key])
            .post(reverse("api:workforce-worker-list"), data, format="json")
            .status_code
        )
    # The b1 leader may open files, but not in a1: the unit is refused like an unknown one.
    assert got == expect(
        403, city_admin=201, street_a_leader=201, community_a1_leader=201, community_b1_leader=400
    )
    assert Worker.objects.count() == 3


def test_updating_a_file_is_for_its_managers(city, staff, api_client_for):
    url = reverse("api:workforce-worker-detail", args=[staff["a1_other"].pk])
    got = statuses(api_client_for, city.users, "patch", url, {"phone": "13900001111"}, format="json")
    assert got == expect(
        404,
        city_admin=200,
        street_a_leader=200,
        community_a1_leader=200,
        city_leader=403,
        **{key: 403 for key in OUTSIDERS},
    )


def test_a_worker_cannot_change_their_own_file(city, staff, api_client_for):
    client = api_client_for(city.users["community_a1_worker"])
    url = reverse("api:workforce-worker-detail", args=[staff["a1_own"].pk])
    assert client.patch(url, {"phone": "13900001111"}, format="json").status_code == 403
    for action, data in [
        ("credentials", {"kind": "social_worker", "obtained_on": "2020-01-01"}),
        ("assessments", {"year": 2023, "result": "excellent"}),
        (
            "assign-post",
            {
                "post_category": "head",
                "level": 5,
                "unit_code": city.community_a1.code,
                "starts_on": "2024-01-01",
            },
        ),
    ]:
        response = client.post(
            reverse(f"api:workforce-worker-{action}", args=[staff["a1_own"].pk]), data, format="json"
        )
        assert response.status_code == 403, action


@pytest.mark.parametrize(
    "action,data",
    [
        ("credentials", {"kind": "social_worker", "obtained_on": "2020-01-01"}),
        ("assessments", {"year": 2023, "result": "excellent"}),
    ],
)
def test_file_actions_are_for_its_managers(city, staff, api_client_for, action, data):
    got = {}
    for key in expect(0):
        # A fresh file each time, so that every manager's request can succeed.
        fresh = worker(city.community_a1, f"员工{key}", hire=date(2015, 3, 1))
        url = reverse(f"api:workforce-worker-{action}", args=[fresh.pk])
        got[key] = api_client_for(city.users[key]).post(url, data, format="json").status_code
    ok = 201 if action == "credentials" else 200
    assert got == expect(
        404,
        city_admin=ok,
        street_a_leader=ok,
        community_a1_leader=ok,
        city_leader=403,
        **{key: 403 for key in OUTSIDERS},
    )


def test_an_appointment_to_a_unit_out_of_reach_is_refused(city, staff, api_client_for):
    url = reverse("api:workforce-worker-assign-post", args=[staff["a1_other"].pk])
    data = {
        "post_category": "head",
        "level": 3,
        "unit_code": city.community_b1.code,
        "starts_on": "2024-02-01",
    }
    response = api_client_for(city.users["street_a_leader"]).post(url, data, format="json")
    assert response.status_code == 400 and "unit_code" in response.json()["error"]["fields"]
    data["unit_code"] = city.community_a2.code
    assert api_client_for(city.users["street_a_leader"]).post(url, data, format="json").status_code == 200


# -- pages ------------------------------------------------------------------------------------


def test_the_file_list_page_is_for_hr_roles(city, staff, page_client_for):
    got = statuses(page_client_for, city.users, "get", reverse("workforce:workers"))
    assert got == expect(403, **{key: 200 for key in HR_VIEWERS})


def test_the_file_list_page_lists_the_actors_files_masked(city, staff, page_client_for):
    response = page_client_for(city.users["community_a1_leader"]).get(reverse("workforce:workers"))
    names = [worker.name for worker in response.context["page"].object_list]
    assert sorted(names) == sorted([staff["a1_own"].name, staff["a1_other"].name])
    assert staff["a1_own"].identity_number_masked.encode() in response.content


def test_a_file_page_answers_like_the_api(city, staff, page_client_for):
    url = reverse("workforce:worker", args=[staff["b1_own"].pk])
    got = statuses(page_client_for, city.users, "get", url)
    assert got == expect(
        404,
        city_admin=200,
        city_leader=200,
        community_b1_leader=200,
        community_b1_worker=200,
        **{key: 403 for key in OUTSIDERS},
    )


def test_a_file_page_shows_its_forms_only_to_managers(city, staff, page_client_for):
    url = reverse("workforce:worker", args=[staff["a1_own"].pk])
    assert page_client_for(city.users["community_a1_leader"]).get(url).context["forms"] is not None
    assert page_client_for(city.users["community_a1_worker"]).get(url).context["forms"] is None
    assert page_client_for(city.users["city_leader"]).get(url).context["forms"] is None


def test_my_file_page(city, staff, page_client_for):
    got = statuses(page_client_for, city.users, "get", reverse("workforce:my-file"))
    assert got == expect(
        404,
        community_a1_worker=302,
        community_b1_worker=302,
        **{key: 403 for key in OUTSIDERS | {"city_leader"}},
    )


@pytest.mark.parametrize(
    "action,data",
    [
        (
            "update",
            {"name": "李明", "phone": "13900002222", "education": "master", "status": "active", "user": ""},
        ),
        ("credential", {"kind": "social_worker", "obtained_on": "2020-01-01"}),
        ("assessment", {"year": 2023, "result": "competent"}),
        ("post", {"post_category": "deputy", "level": 3, "starts_on": "2024-02-01", "basis": "任命"}),
    ],
)
def test_each_file_form_works_for_a_manager_and_not_for_the_workers_colleague(
    city, staff, page_client_for, action, data
):
    url = reverse("workforce:worker-action", args=[staff["a1_other"].pk, action])
    data = {**data, "unit_code": city.community_a1.code}
    assert page_client_for(city.users["community_a1_worker"]).post(url, data).status_code == 404
    assert page_client_for(city.users["city_leader"]).post(url, data).status_code == 403
    assert page_client_for(city.users["community_a1_leader"]).post(url, data).status_code == 302


def test_file_forms_refuse_those_who_may_not_keep_the_file(city, staff, page_client_for):
    url = reverse("workforce:worker-action", args=[staff["a1_other"].pk, "assessment"])
    got = statuses(page_client_for, city.users, "post", url, {"year": 2023, "result": "competent"})
    assert got == expect(
        404,
        city_admin=302,
        street_a_leader=302,
        community_a1_leader=302,
        city_leader=403,
        **{key: 403 for key in OUTSIDERS},
    )


def test_the_new_file_page_is_for_managers(city, page_client_for):
    got = statuses(page_client_for, city.users, "get", reverse("workforce:worker-new"))
    assert got == expect(
        403, city_admin=200, street_a_leader=200, community_a1_leader=200, community_b1_leader=200
    )


def test_the_new_file_page_opens_a_file(city, page_client_for):
    data = {
        **_new_file(city),
        "gender": "",
        "birth_date": "",
        "phone": "",
        "source": "regular",
        "previous_monthly_pay": "",
        "credential_kind": "",
        "credential_obtained_on": "",
        "credential_number": "",
        "user": "",
    }
    response = page_client_for(city.users["community_a1_leader"]).post(reverse("workforce:worker-new"), data)
    worker = Worker.objects.get(name="新同事")
    assert response.status_code == 302 and response["Location"] == reverse(
        "workforce:worker", args=[worker.pk]
    )
