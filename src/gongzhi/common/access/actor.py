"""The actor: a user acting through one of their memberships.

A user may hold several memberships (a street leader who is also a community worker). They act
through one at a time, chosen in the page header (kept in the session) or, on the API, by the
``X-Membership`` header; without a choice the first active membership applies. Writes record the
membership in their audit event, so "who did this, in which capacity" is always answerable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gongzhi.common.access.roles import CITY_WIDE_ROLES, DEPARTMENT_ROLES, role_has_permission

if TYPE_CHECKING:
    from gongzhi.org.models import Membership, User

SESSION_KEY = "gongzhi_membership_id"
API_HEADER = "HTTP_X_MEMBERSHIP"


@dataclass(frozen=True)
class Actor:
    user: "User"
    membership: "Membership | None"
    available: tuple["Membership", ...] = field(default=())

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_superuser(self) -> bool:
        return bool(self.user.is_superuser)

    def has_permission(self, permission: str) -> bool:
        if self.is_superuser:
            return True
        return self.membership is not None and role_has_permission(self.membership.role, permission)

    @property
    def is_city_wide(self) -> bool:
        return self.is_superuser or (self.membership is not None and self.membership.role in CITY_WIDE_ROLES)

    @property
    def unit_code(self) -> str | None:
        """Code of the unit whose subtree this actor covers (None for city-wide and department roles)."""
        if self.is_city_wide or self.membership is None or self.membership.unit_id is None:
            return None
        return self.membership.unit.code

    @property
    def department_id(self) -> int | None:
        if self.membership is not None and self.membership.role in DEPARTMENT_ROLES:
            return self.membership.department_id
        return None

    @property
    def is_department_member(self) -> bool:
        return self.department_id is not None


def memberships_of(user: "User") -> tuple["Membership", ...]:
    from gongzhi.org.models import Membership

    if not user.is_authenticated:
        return ()
    return tuple(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit", "department")
        .order_by("id")
    )


def actor_for(user: "User", membership_id: int | str | None = None) -> Actor:
    """The actor for a user, acting through the chosen membership if it is theirs and active."""
    available = memberships_of(user)
    chosen = None
    if membership_id not in (None, ""):
        chosen = next((m for m in available if str(m.pk) == str(membership_id)), None)
    if chosen is None and available:
        chosen = available[0]
    return Actor(user=user, membership=chosen, available=available)


def actor_for_request(request) -> Actor:
    membership_id = request.META.get(API_HEADER) or (
        request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    )
    return actor_for(request.user, membership_id)
