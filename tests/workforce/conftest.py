"""Workforce fixtures: the small city with a leader in two communities, a pay table whose figures
the tests compute by hand, and personnel files opened through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from gongzhi.workforce import services
from gongzhi.workforce.identity import identity_number_compose
from gongzhi.workforce.models import Worker
from tests.api_support import EVERYONE
from tests.factories import MembershipFactory, UserFactory

LEADERS = {"community_a1_leader": "community_a1", "community_b1_leader": "community_b1"}
# Everyone of the small city, and the two community leaders.
EVERYONE_HR = [*EVERYONE, *LEADERS]

# The test table: base pay by post, levels 1 to 5.
BASE_PAY = {
    "head": [3700, 3900, 4100, 4300, 4500],
    "deputy": [3300, 3500, 3700, 3900, 4100],
    "staff": [2900, 3100, 3300, 3500, 3700],
}
TABLE_TERMS = dict(
    seniority_per_year=Decimal("20"),
    seniority_cap_years=30,
    performance_share=Decimal("0.2"),
    allowance_assistant_social_worker=Decimal("200"),
    allowance_social_worker=Decimal("350"),
    allowance_senior_social_worker=Decimal("500"),
)

_sequence = count(1)


def expected_by_role(default: int, **exceptions: int) -> list[tuple[str, int]]:
    return [(key, exceptions.get(key, default)) for key in EVERYONE_HR]


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read the English source strings, whatever the zh-Hans catalogue holds (as in
    tests.page_support): pages without a language cookie and code outside a request use it."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def city(small_city):
    """small_city with a community leader in community a1 and one in community b1."""
    for key, community in LEADERS.items():
        user = UserFactory(username=key.replace("_", "."))
        MembershipFactory(user=user, role="community_leader", unit=getattr(small_city, community))
        small_city.users[key] = user
    return small_city


@pytest.fixture
def pay_table(db):
    return services.pay_table_create(
        actor=None, name="2024 scale", effective_from=date(2024, 1, 1), base_pay=BASE_PAY, **TABLE_TERMS
    )


def identity(birth: date, *, male: bool = True) -> str:
    sequence = next(_sequence) * 2 % 1000 + (1 if male else 0)
    return identity_number_compose(region="652301", birth_date=birth, sequence=sequence)


def worker(
    unit,
    name: str,
    *,
    hire: date,
    post: str = "staff",
    level: int | None = 1,
    birth=date(1985, 5, 5),
    credentials=(),
    user=None,
    previous_pay=None,
    **extra,
) -> Worker:
    """A file opened by the platform (actor None), through the service."""
    return services.worker_create(
        actor=None,
        unit_code=unit.code,
        name=name,
        identity_number=identity(birth),
        education="bachelor",
        hire_date=hire,
        post_category=post,
        level=level,
        previous_monthly_pay=previous_pay,
        user=user,
        credentials=[services.CredentialEntry(kind, obtained) for kind, obtained in credentials],
        **extra,
    )


@pytest.fixture
def staff(city):
    """Files across the small city: two in community a1 (one the a1 worker's own), one in a2, one on
    street a's own staff, one in b1 (the b1 worker's own)."""
    return {
        "a1_own": worker(
            city.community_a1, "王静", hire=date(2015, 3, 1), user=city.users["community_a1_worker"]
        ),
        "a1_other": worker(city.community_a1, "李明", hire=date(2018, 9, 1), post="deputy", level=2),
        "a2": worker(city.community_a2, "张华", hire=date(2012, 4, 1), post="head", level=4),
        "street_a": worker(city.street_a, "赵敏", hire=date(2010, 1, 1), level=3),
        "b1_own": worker(
            city.community_b1, "陈刚", hire=date(2016, 7, 1), user=city.users["community_b1_worker"]
        ),
    }


# Which of the staff each role sees.
VISIBLE_STAFF = {
    "city_admin": {"a1_own", "a1_other", "a2", "street_a", "b1_own"},
    "city_leader": {"a1_own", "a1_other", "a2", "street_a", "b1_own"},
    "street_a_leader": {"a1_own", "a1_other", "a2", "street_a"},
    "community_a1_leader": {"a1_own", "a1_other"},
    "community_b1_leader": {"b1_own"},
    "community_a1_worker": {"a1_own"},
    "community_b1_worker": {"b1_own"},
}

HR_VIEWERS = {"city_admin", "city_leader", "street_a_leader", "community_a1_leader", "community_b1_leader"}
MANAGERS = {"city_admin", "street_a_leader", "community_a1_leader", "community_b1_leader"}
OWN_FILE_HOLDERS = {
    "street_a_dispatcher",
    "street_a_leader",
    "street_b_dispatcher",
    "community_a1_worker",
    "community_b1_worker",
    "grid_a1_worker",
    "community_a1_leader",
    "community_b1_leader",
    "city_admin",
}
# Roles with no workforce permission at all.
OUTSIDERS = {"housing_handler", "housing_leader", "urban_handler", "urban_liaison", "nobody"}


def statuses(client_for, users, method: str, url: str, data=None, **kwargs) -> dict[str, int]:
    """The status each user of the city gets for one request."""
    return {
        key: getattr(client_for(users[key]), method)(url, data, **kwargs).status_code for key in EVERYONE_HR
    }


def expect(default: int, **by_key: int) -> dict[str, int]:
    return {key: by_key.get(key, default) for key in EVERYONE_HR}
