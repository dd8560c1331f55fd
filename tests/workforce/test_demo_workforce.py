"""The demo city's workforce, loaded once for this module (the organisation's steps and the
workforce's): the migration report computed from the records matches the source, the staffing page
flags the communities short of one worker per hundred households, the demo logins see what their
role allows, and a second load adds nothing."""

from __future__ import annotations

import time
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from gongzhi.common.access.actor import actor_for
from gongzhi.org.models import User
from gongzhi.workforce.demo_plan import GRADUATES, MIGRATED_WORKERS, SECONDED_CADRES
from gongzhi.workforce.models import MentoringPair, PayLine, Secondment, Worker
from gongzhi.workforce.reports import staffing_rows

LOAD_SECONDS = {}


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with fast, django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", "--force", "--only", "org", stdout=StringIO())
            started = time.monotonic()
            output = StringIO()
            call_command("load_demo", "--force", "--only", "workforce", stdout=output)
            LOAD_SECONDS["workforce"] = time.monotonic() - started
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_loaded, db):
    return demo_loaded


def within_one_percent(value, target) -> bool:
    return abs(Decimal(value) - Decimal(target)) <= Decimal(target) / 100


def client_of(username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.get(username=username))
    return client


def test_the_migration_report_matches_the_source(demo):
    response = client_of("city.admin").get(reverse("api:workforce-migration-report"))
    assert response.status_code == 200
    overall = response.json()["overall"]
    assert overall["before"]["count"] == overall["after"]["count"] == MIGRATED_WORKERS
    assert within_one_percent(overall["before"]["average"], 2900), overall
    assert within_one_percent(overall["after"]["average"], 4300), overall
    assert within_one_percent(overall["after"]["maximum"], 6500), overall
    by_post = {group["key"]: group for group in response.json()["by_post"]}
    assert set(by_post) == {"head", "deputy", "staff"}
    assert sum(group["after"]["count"] for group in by_post.values()) == MIGRATED_WORKERS
    assert len(response.json()["by_unit"]) == 70


def test_the_figures_of_the_source(demo):
    assert Worker.objects.count() == MIGRATED_WORKERS + GRADUATES
    assert Worker.objects.filter(source="graduate").count() == GRADUATES == 120
    assert Secondment.objects.count() == SECONDED_CADRES == 40
    assert MentoringPair.objects.count() == GRADUATES


def test_the_staffing_page_lists_the_communities_above_the_ratio(demo):
    admin = actor_for(User.objects.get(username="city.admin"))
    flagged = [row for row in staffing_rows(admin) if row.flagged]
    assert len(flagged) >= 5
    for row in flagged:
        assert row.households > 100 * row.workers
    client = APIClient()
    client.force_login(User.objects.get(username="city.admin"))
    page = client.get(reverse("workforce:staffing"))
    assert page.status_code == 200
    text = page.content.decode()
    for row in flagged:
        assert row.community.name in text
    api = client_of("city.admin").get(reverse("api:workforce-staffing-list"), {"flagged": "true"})
    assert [row["community_code"] for row in api.json()] == [row.community.code for row in flagged]
    assert all(row["missing"] > 0 for row in api.json())


def test_last_months_pay_was_run_for_everyone(demo):
    assert PayLine.objects.count() == Worker.objects.count()


def test_the_demo_logins_see_their_share(demo):
    own = client_of("community.worker").get(reverse("api:workforce-worker-list"))
    assert own.status_code == 200
    assert len(own.json()["results"]) == 1
    leader = client_of("community.leader").get(reverse("api:workforce-worker-list"), {"page_size": 500})
    community = User.objects.get(username="community.leader").memberships.get().unit
    assert leader.json()["count"] == Worker.objects.filter(unit=community).count() > 10


def test_promotions_fall_due_this_year(demo):
    response = client_of("city.admin").get(reverse("api:workforce-promotion-eligible"))
    assert response.status_code == 200
    assert len(response.json()) > 100


def test_a_second_load_adds_nothing(demo):
    counts = {model: model.objects.count() for model in (Worker, PayLine, Secondment, MentoringPair)}
    output = StringIO()
    call_command("load_demo", "--force", "--only", "workforce", stdout=output)
    assert {model: model.objects.count() for model in counts} == counts
