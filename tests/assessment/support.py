"""Shared by the assessment's permission tests: every role tries the same request, each attempt
rolled back so that the next role finds the records as they were."""
from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from tests.api_support import EVERYONE

# Roles that see the assessment: city roles, the streets' staff, the departments' members.
VIEWERS = {"city_admin", "city_leader", "street_a_dispatcher", "street_a_leader", "street_b_dispatcher",
           "housing_handler", "housing_leader", "urban_handler", "urban_liaison"}
STREET_SCORERS = {"street_a_dispatcher", "street_a_leader", "street_b_dispatcher"}
# Roles that see the party-building review and the cadre files of their reach.
REVIEWERS = {"city_admin", "city_leader", "street_a_leader", "housing_leader"}
API = "/api/v1/assessment"


def statuses(attempt: Callable[[str], object]) -> dict[str, int]:
    """Each user's answer to ``attempt(user key)``, every attempt undone before the next."""
    answers = {}
    for who in EVERYONE:
        with transaction.atomic():
            answers[who] = attempt(who).status_code
            transaction.set_rollback(True)
    return answers


def expected(default: int, **answers: int) -> dict[str, int]:
    return {who: answers.get(who, default) for who in EVERYONE}


def for_roles(roles: set[str], status: int, *, others: int = 403, **exceptions: int) -> dict[str, int]:
    """``status`` for these roles, ``others`` for everyone else, unless named."""
    return {who: exceptions.get(who, status if who in roles else others) for who in EVERYONE}
