"""Reads of the organisation, always through the acting user's scope.

Unit members see their unit and everything below it. Department members see the registry of the
whole city (they serve every street) but only their own department's liaisons and memberships.
City roles see everything. An out-of-scope record answers like a missing one."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import ancestor_codes, unit_subtree_filter
from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import RecordNotFound
from gongzhi.org.models import (Compound, Department, JointCommitteeSeat, Liaison, Membership,
                                PartyOrganisation, Unit, User)


def _nothing(queryset: QuerySet) -> QuerySet:
    return queryset.none()


def units_visible_to(actor: Actor) -> QuerySet[Unit]:
    units = Unit.objects.all()
    if not actor.has_permission(Permission.REGISTRY_VIEW):
        return _nothing(units)
    if actor.is_department_member:
        return units
    scope = unit_subtree_filter(actor, code_field="code")
    return units if scope is None else units.filter(scope)


def unit_get_visible(actor: Actor, *, code: str) -> Unit:
    unit = units_visible_to(actor).select_related("parent").filter(code=code).first()
    if unit is None:
        raise RecordNotFound()
    return unit


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The unit's ancestors, root first: names for breadcrumbs, not a grant of access."""
    codes = ancestor_codes(unit.code)
    by_code = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes if c in by_code]


def unit_children_with_counts(actor: Actor, *, unit: Unit) -> QuerySet[Unit]:
    return (
        units_visible_to(actor).filter(parent=unit)
        .annotate(child_count=Count("children", distinct=True))
        .order_by("code")
    )


def unit_roots_for(actor: Actor) -> QuerySet[Unit]:
    """The top of what the actor sees: the city for city-wide and department roles, else their unit."""
    visible = units_visible_to(actor)
    if actor.is_city_wide or actor.is_department_member:
        return visible.filter(parent__isnull=True)
    return visible.filter(code=actor.unit_code)


def compounds_visible_to(actor: Actor) -> QuerySet[Compound]:
    compounds = Compound.objects.select_related("community", "grid")
    if not actor.has_permission(Permission.REGISTRY_VIEW):
        return _nothing(compounds)
    if actor.is_department_member:
        return compounds
    scope = unit_subtree_filter(actor, code_field="community__code")
    if scope is None:
        return compounds
    # A grid worker's grid lies below the community: they see the compounds of their grid.
    if actor.unit_code and len(actor.unit_code) == 15:
        return compounds.filter(grid__code=actor.unit_code)
    return compounds.filter(scope)


def departments_visible_to(actor: Actor) -> QuerySet[Department]:
    """The department list is the city's reference list of who does what: every staff role sees it."""
    departments = Department.objects.all()
    if not actor.has_permission(Permission.REGISTRY_VIEW):
        return _nothing(departments)
    return departments


def department_get_visible(actor: Actor, *, code: str) -> Department:
    department = departments_visible_to(actor).filter(code=code).first()
    if department is None:
        raise RecordNotFound()
    return department


def liaisons_visible_to(actor: Actor) -> QuerySet[Liaison]:
    liaisons = Liaison.objects.select_related("department", "street", "user")
    if not actor.has_permission(Permission.REGISTRY_VIEW):
        return _nothing(liaisons)
    if actor.is_city_wide:
        return liaisons
    if actor.is_department_member:
        return liaisons.filter(department_id=actor.department_id)
    # Street, community and grid staff see the liaisons serving their street.
    street_code = (actor.unit_code or "")[:9]
    return liaisons.filter(street__code=street_code)


def party_organisations_visible_to(actor: Actor) -> QuerySet[PartyOrganisation]:
    return PartyOrganisation.objects.select_related("unit").filter(unit__in=units_visible_to(actor))


def joint_committee_seats_visible_to(actor: Actor) -> QuerySet[JointCommitteeSeat]:
    return JointCommitteeSeat.objects.select_related("unit").filter(unit__in=units_visible_to(actor))


def memberships_visible_to(actor: Actor) -> QuerySet[Membership]:
    """Everyone sees their own memberships; leaders and admins see those in their reach."""
    memberships = Membership.objects.select_related("user", "unit", "department")
    own = Q(user=actor.user)
    if not actor.has_permission(Permission.MEMBERSHIPS_VIEW):
        return memberships.filter(own)
    if actor.is_city_wide:
        return memberships
    if actor.is_department_member:
        return memberships.filter(own | Q(department_id=actor.department_id))
    return memberships.filter(own | Q(unit__code__startswith=actor.unit_code or "-"))


def compounds_in_unit(actor: Actor, *, unit: Unit) -> QuerySet[Compound]:
    """The visible compounds lying in a unit's area (a grid's compounds are those placed in it)."""
    return compounds_visible_to(actor).filter(
        Q(community__code__startswith=unit.code) | Q(grid__code__startswith=unit.code)
    )


def users_visible_to(actor: Actor) -> QuerySet[User]:
    """Accounts the actor may name (to grant a role, to make someone a liaison): city-wide viewers
    of memberships see every account, since new staff hold no membership yet; others see themselves
    and the holders of the memberships they see."""
    users = User.objects.all()
    if actor.is_city_wide and actor.has_permission(Permission.MEMBERSHIPS_VIEW):
        return users
    holders = memberships_visible_to(actor).values("user_id")
    return users.filter(Q(pk=actor.user.pk) | Q(pk__in=holders))
