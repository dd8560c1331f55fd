"""Assertions shared by the API tests: the error shape, and that a refused write left no trace."""
from __future__ import annotations

from contextlib import contextmanager

from django.db import models

from gongzhi.common.models import DomainEvent


def assert_error(response, status_code: int, field: str | None = None) -> dict:
    """The response is the platform's error shape with this status (and names this field)."""
    assert response.status_code == status_code, (response.status_code, response.content[:500])
    error = response.json()["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["message"]
    if field is not None:
        assert field in error["fields"], error
    return error


@contextmanager
def nothing_written(*model_classes: type[models.Model]):
    """No row of these models, and no domain event, is added, changed or removed inside the block."""

    def state():
        return {model: list(model.objects.order_by("pk").values()) for model in (*model_classes, DomainEvent)}

    before = state()
    yield
    assert state() == before


ROLE_KEYS = ["city_admin", "city_leader", "street_a_dispatcher", "street_a_leader", "street_b_dispatcher",
             "community_a1_worker", "community_b1_worker", "grid_a1_worker", "housing_handler",
             "housing_leader", "urban_handler", "urban_liaison"]
EVERYONE = [*ROLE_KEYS, "nobody"]
# A record of 北京南路 street (b): 建国路 (a) staff must not learn it exists.
UNSEEN_BY_STREET_A = {"street_a_dispatcher": 404, "street_a_leader": 404, "community_a1_worker": 404,
                      "grid_a1_worker": 404}


def expected_by_role(default: int, **exceptions: int) -> list[tuple[str, int]]:
    """(user key, expected status) for every user of the small city: ``default`` unless named."""
    return [(key, exceptions.get(key, default)) for key in EVERYONE]


def registry_records(city) -> dict:
    """Compounds and liaisons for the small city, made through the services as the platform."""
    from gongzhi.org.services import compound_create, liaison_assign

    return {
        "compound_a1": compound_create(actor=None, code="C-A1", name="幸福小区", households=120,
                                       community_code=city.community_a1.code, grid_code=city.grid_a1.code),
        "compound_a2": compound_create(actor=None, code="C-A2", name="和平小区", households=80,
                                       community_code=city.community_a2.code),
        "compound_b1": compound_create(actor=None, code="C-B1", name="南湖小区", households=200,
                                       community_code=city.community_b1.code),
        "housing_a": liaison_assign(actor=None, department=city.housing, street=city.street_a, name="王芳"),
        "housing_b": liaison_assign(actor=None, department=city.housing, street=city.street_b, name="李强"),
        "urban_a": liaison_assign(actor=None, department=city.urban, street=city.street_a, name="张伟",
                                  user=city.users["urban_liaison"]),
    }
