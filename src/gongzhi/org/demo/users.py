"""The demo loader's users step: one login per role, each placed where a visitor can try its view.

They share one published password (``settings.GONGZHI_DEMO_PASSWORD``), which is why the step
refuses to create them when DEBUG is off unless the operator forces it.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.roles import Role
from gongzhi.common.events import event_record
from gongzhi.org import services
from gongzhi.org.demo.plan import CityPlan, city_plan, person_name
from gongzhi.org.demo.steps import DemoContext
from gongzhi.org.models import Department, Liaison, Membership, Unit, User

HOME_STREET = "建国路街道"
OTHER_STREET = "北京南路街道"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit_code: str | None = None
    department_code: str | None = None
    # The street whose liaison post (of the user's department) this user holds.
    liaison_street_code: str | None = None
    admin_site: bool = False


def _home_community_code(plan: CityPlan, street_code: str) -> str:
    """The street's first community with two grids, so that its grid worker sees only part of it."""
    grid_codes = [unit.code for unit in plan.units if unit.kind == "grid"]
    return next(
        unit.code for unit in plan.units
        if unit.kind == "community" and unit.parent_code == street_code
        and sum(code.startswith(unit.code) for code in grid_codes) == 2
    )


def demo_users() -> list[DemoUser]:
    plan = city_plan()
    city = plan.units[0].code
    home_street = plan.street_code(HOME_STREET)
    community = _home_community_code(plan, home_street)
    return [
        DemoUser("city.admin", Role.CITY_ADMIN, unit_code=city, admin_site=True),
        DemoUser("city.leader", Role.CITY_LEADER, unit_code=city),
        DemoUser("street.jianguolu", Role.STREET_DISPATCHER, unit_code=home_street),
        DemoUser("street.beijingnanlu", Role.STREET_DISPATCHER, unit_code=plan.street_code(OTHER_STREET)),
        DemoUser("street.leader", Role.STREET_LEADER, unit_code=home_street),
        DemoUser("community.worker", Role.COMMUNITY_WORKER, unit_code=community),
        DemoUser("grid.worker", Role.GRID_WORKER, unit_code=f"{community}001"),
        DemoUser("dept.housing", Role.DEPARTMENT_HANDLER, department_code="HOUSING"),
        DemoUser("dept.urban", Role.DEPARTMENT_HANDLER, department_code="URBAN"),
        DemoUser("dept.leader", Role.DEPARTMENT_LEADER, department_code="HOUSING"),
        DemoUser("dept.liaison", Role.DEPARTMENT_LIAISON, department_code="URBAN",
                 liaison_street_code=home_street),
    ]


def demo_usernames() -> list[str]:
    return [demo_user.username for demo_user in demo_users()]


def _display_name(demo_user: DemoUser) -> str:
    if demo_user.liaison_street_code:
        # The liaison record already names this person; the account is theirs.
        return next(liaison.name for liaison in city_plan().liaisons
                    if (liaison.department_code, liaison.street_code)
                    == (demo_user.department_code, demo_user.liaison_street_code))
    return person_name(f"user:{demo_user.username}")


def demo_users_refusal(context: DemoContext) -> str | None:
    if settings.DEBUG or context.force:
        return None
    if User.objects.filter(username__in=demo_usernames()).count() == len(demo_usernames()):
        return None
    return _("DEBUG is off: the demo would create users whose password is published. "
             "Run with --force to create them anyway.")


@transaction.atomic
def _admin_site_access_grant(*, user: User) -> None:
    """Let the demo's city administrator into Django's admin (the platform's own acting, so no actor)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    before = {"is_staff": user.is_staff, "is_superuser": user.is_superuser}
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    event_record(actor=None, action="user.admin_site_access_grant", target=user, before=before,
                 after={"is_staff": True, "is_superuser": True})


def _place(demo_user: DemoUser) -> dict[str, Unit | Department | None]:
    unit_code, department_code = demo_user.unit_code, demo_user.department_code
    return {
        "unit": Unit.objects.get(code=unit_code) if unit_code else None,
        "department": Department.objects.get(code=department_code) if department_code else None,
    }


def _liaison_post_take(demo_user: DemoUser, user: User) -> None:
    liaison = Liaison.objects.select_related("department", "street").get(
        department__code=demo_user.department_code, street__code=demo_user.liaison_street_code)
    if liaison.user_id != user.pk:
        services.liaison_assign(actor=None, department=liaison.department, street=liaison.street,
                                name=liaison.name, title=liaison.title, phone=liaison.phone, user=user)


def demo_users_load(context: DemoContext) -> None:
    users = {user.username: user for user in User.objects.filter(username__in=demo_usernames())}
    for demo_user in demo_users():
        user = users.get(demo_user.username)
        if not context.reused(User, user is not None):
            user = services.user_create(
                actor=None, username=demo_user.username, password=settings.GONGZHI_DEMO_PASSWORD,
                display_name=_display_name(demo_user), validate_password=False,
            )
            if demo_user.admin_site:
                _admin_site_access_grant(user=user)
        place = _place(demo_user)
        held = Membership.objects.filter(user=user, role=demo_user.role, is_active=True, **place).exists()
        if not context.reused(Membership, held):
            services.membership_grant(actor=None, user=user, role=demo_user.role, **place)
        if demo_user.liaison_street_code:
            _liaison_post_take(demo_user, user)


def demo_logins() -> list[tuple[str, str, str]]:
    """(user name, role, where) of every demo user that exists, in the order of ``demo_users``."""
    memberships = {
        membership.user.username: membership
        for membership in Membership.objects.select_related("user", "unit", "department")
        .filter(user__username__in=demo_usernames(), is_active=True)
    }
    return [
        (demo_user.username, memberships[demo_user.username].get_role_display(),
         memberships[demo_user.username].organisation_name)
        for demo_user in demo_users() if demo_user.username in memberships
    ]
