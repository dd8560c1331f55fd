"""The organisation's panels on the home page: gaps in the registry an actor can see from where they
sit (units without a boundary, streets a department serves without a liaison, locked accounts) and
the part of the tree they look after. Work queues of other modules come before these (lower order)."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.roles import Permission
from gongzhi.common.home import HomePanel, HomePanelContent, HomePanelItem, home_panel_register, panel_content
from gongzhi.org.models import CHILD_KIND, UnitKind, User
from gongzhi.org.selectors import (departments_visible_to, liaisons_visible_to, unit_ancestors,
                                   unit_children_with_counts, unit_roots_for, units_visible_to, users_visible_to)

CHILDREN_TITLE = {
    UnitKind.STREET: _("Streets of %(unit)s"),
    UnitKind.COMMUNITY: _("Communities of %(unit)s"),
    UnitKind.GRID: _("Grids of %(unit)s"),
}


def _unit_url(unit) -> str:
    return reverse("registry-unit", args=[unit.code])


def _department_url(department) -> str:
    return reverse("registry-department", args=[department.code])


def units_without_boundary(actor: Actor) -> HomePanelContent | None:
    """Units below the city with no boundary: location lookups cannot place problems in them."""
    if actor.is_department_member:
        return None
    rows = (units_visible_to(actor).filter(is_active=True, boundary__isnull=True)
            .exclude(kind=UnitKind.CITY).order_by("code"))
    return panel_content(
        title=_("Units without a boundary"),
        rows=rows,
        item_of=lambda unit: HomePanelItem(label=unit.name, url=_unit_url(unit), detail=unit.get_kind_display()),
        empty_message=_("Every unit in your reach has a boundary."),
    )


def departments_missing_liaisons(actor: Actor) -> HomePanelContent | None:
    """Departments that name no liaison for a street in the actor's reach: that street's orders to
    them have nobody to go to."""
    streets = list(units_visible_to(actor).filter(kind=UnitKind.STREET, is_active=True).order_by("code"))
    if not streets:
        return None
    departments = departments_visible_to(actor).filter(is_active=True).order_by("code")
    if actor.is_department_member:
        departments = departments.filter(pk=actor.department_id)
    served = set(liaisons_visible_to(actor).values_list("department_id", "street_id"))
    lacking = []
    for department in departments:
        missing = [street.name for street in streets if (department.pk, street.pk) not in served]
        if missing:
            lacking.append((department, missing))
    return panel_content(
        title=_("Departments without a liaison"),
        rows=lacking,
        item_of=lambda row: HomePanelItem(
            label=row[0].name, url=_department_url(row[0]),
            detail=_("No liaison for: %(streets)s") % {"streets": "、".join(row[1])}),
        link_url=reverse("registry-departments"),
        link_label=_("All departments"),
        empty_message=_("Every department names a liaison for each street."),
    )


def locked_accounts(actor: Actor) -> HomePanelContent | None:
    """Accounts locked after repeated failed logins, among the accounts the actor may see."""
    rows = users_visible_to(actor).filter(locked_until__gt=timezone.now()).order_by("locked_until")

    def item_of(user: User) -> HomePanelItem:
        until = date_format(timezone.localtime(user.locked_until), "DATETIME_FORMAT")
        return HomePanelItem(label=f"{user} ({user.username})",
                             detail=_("Locked until %(time)s") % {"time": until})

    return panel_content(title=_("Locked accounts"), rows=rows, item_of=item_of,
                         empty_message=_("No account is locked."))


def units_in_my_care(actor: Actor) -> HomePanelContent | None:
    """The units directly below the actor's own, with their households."""
    if actor.is_department_member:
        return None
    root = unit_roots_for(actor).first()
    if root is None or CHILD_KIND[root.kind] is None:
        return None
    children = unit_children_with_counts(actor, unit=root).filter(is_active=True)
    return panel_content(
        title=CHILDREN_TITLE[CHILD_KIND[root.kind]] % {"unit": root.name},
        rows=children,
        item_of=lambda unit: HomePanelItem(
            label=unit.name, url=_unit_url(unit),
            detail=_("%(households)s households") % {"households": number_format(unit.households,
                                                                                  force_grouping=True)}),
        link_url=_unit_url(root),
        link_label=_("Open %(unit)s") % {"unit": root.name},
        empty_message=_("No units are recorded below yours yet."),
    )


def liaisons_serving_me(actor: Actor) -> HomePanelContent | None:
    """Who to call in each department: the liaisons of the actor's street, or of their department."""
    if actor.is_city_wide:
        return None
    if actor.is_department_member:
        title = _("Liaisons of %(department)s") % {"department": actor.membership.department.name}
        rows = liaisons_visible_to(actor).order_by("street__code")

        def item_of(liaison) -> HomePanelItem:
            return HomePanelItem(label=liaison.street.name, url=_unit_url(liaison.street),
                                 detail=_liaison_detail(liaison))
    else:
        if actor.membership is None:
            return None
        own_unit = actor.membership.unit
        street = next((unit for unit in [*unit_ancestors(own_unit), own_unit] if unit.kind == UnitKind.STREET),
                      None)
        if street is None:
            return None
        title = _("Liaisons serving %(street)s") % {"street": street.name}
        rows = liaisons_visible_to(actor).order_by("department__code")

        def item_of(liaison) -> HomePanelItem:
            return HomePanelItem(label=liaison.department.name, url=_department_url(liaison.department),
                                 detail=_liaison_detail(liaison))
    return panel_content(title=title, rows=rows, item_of=item_of, link_url=reverse("registry-departments"),
                         link_label=_("All departments"), empty_message=_("No liaison is recorded yet."))


def _liaison_detail(liaison) -> str:
    return " · ".join(part for part in (liaison.name, liaison.title, liaison.phone) if part)


home_panel_register(HomePanel(key="org.missing_liaisons", permission=Permission.REGISTRY_VIEW,
                              build=departments_missing_liaisons, order=200))
home_panel_register(HomePanel(key="org.units_without_boundary", permission=Permission.REGISTRY_VIEW,
                              build=units_without_boundary, order=210))
home_panel_register(HomePanel(key="org.locked_accounts", permission=Permission.MEMBERSHIPS_VIEW,
                              build=locked_accounts, order=220))
home_panel_register(HomePanel(key="org.units_in_my_care", permission=Permission.REGISTRY_VIEW,
                              build=units_in_my_care, order=230))
home_panel_register(HomePanel(key="org.liaisons_serving_me", permission=Permission.REGISTRY_VIEW,
                              build=liaisons_serving_me, order=240))
