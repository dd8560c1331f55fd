"""Shared fixtures: a small city with two streets, each with communities and grids, two
departments, and one user per role, so that every permission test can name who acts."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from gongzhi.common.access.actor import Actor, actor_for
from gongzhi.org.models import Department, Unit, User
from tests.factories import DepartmentFactory, MembershipFactory, UnitFactory, UserFactory

PASSWORD = "correct-horse-battery"


@dataclass
class SmallCity:
    city: Unit
    street_a: Unit          # 建国路街道
    street_b: Unit          # 北京南路街道
    community_a1: Unit
    community_a2: Unit
    community_b1: Unit
    grid_a1: Unit
    grid_b1: Unit
    housing: Department
    urban: Department
    users: dict[str, User]

    def actor(self, key: str) -> Actor:
        return actor_for(self.users[key])


def _square(lng: float, lat: float, size: float = 0.01) -> dict:
    return {"type": "Polygon", "coordinates": [[[lng, lat], [lng + size, lat], [lng + size, lat + size],
                                                 [lng, lat + size], [lng, lat]]]}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_city(db) -> SmallCity:
    city = UnitFactory(code="652301", name="昌吉市", kind="city", households=1000)
    street_a = UnitFactory(code="652301001", name="建国路街道", kind="street", parent=city)
    street_b = UnitFactory(code="652301002", name="北京南路街道", kind="street", parent=city)
    community_a1 = UnitFactory(code="652301001001", name="建国路第一社区", kind="community", parent=street_a,
                               households=400)
    community_a2 = UnitFactory(code="652301001002", name="建国路第二社区", kind="community", parent=street_a,
                               households=300)
    community_b1 = UnitFactory(code="652301002001", name="北京南路第一社区", kind="community", parent=street_b,
                               households=300)
    grid_a1 = UnitFactory(code="652301001001001", name="建国路第一社区一网格", kind="grid", parent=community_a1,
                          boundary=_square(87.30, 44.01))
    grid_b1 = UnitFactory(code="652301002001001", name="北京南路第一社区一网格", kind="grid", parent=community_b1,
                          boundary=_square(87.32, 44.01))
    housing = DepartmentFactory(code="HOUSING", name="住房和城乡建设局")
    urban = DepartmentFactory(code="URBAN", name="城市管理和综合执法局", kind="law_enforcement")

    places = {
        "city_admin": ("city_admin", city, None),
        "city_leader": ("city_leader", city, None),
        "street_a_dispatcher": ("street_dispatcher", street_a, None),
        "street_a_leader": ("street_leader", street_a, None),
        "street_b_dispatcher": ("street_dispatcher", street_b, None),
        "community_a1_worker": ("community_worker", community_a1, None),
        "community_b1_worker": ("community_worker", community_b1, None),
        "grid_a1_worker": ("grid_worker", grid_a1, None),
        "housing_handler": ("department_handler", None, housing),
        "housing_leader": ("department_leader", None, housing),
        "urban_handler": ("department_handler", None, urban),
        "urban_liaison": ("department_liaison", None, urban),
    }
    users = {}
    for key, (role, unit, department) in places.items():
        user = UserFactory(username=key.replace("_", "."))
        MembershipFactory(user=user, role=role, unit=unit, department=department)
        users[key] = user
    users["nobody"] = UserFactory(username="nobody")
    return SmallCity(city, street_a, street_b, community_a1, community_a2, community_b1, grid_a1, grid_b1,
                     housing, urban, users)


@pytest.fixture
def api_client_for():
    def make(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return make


@pytest.fixture
def page_client_for(client):
    from django.test import Client

    def make(user: User) -> Client:
        page_client = Client()
        page_client.force_login(user)
        return page_client

    return make
