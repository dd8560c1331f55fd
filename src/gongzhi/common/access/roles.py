"""Roles and what each may do: the single declaration every check in the platform reads.

A role is held through a membership in a unit (city, street, community, grid) or in a department.
Where a permission applies (which records) is the resolver's business; this table only says what.
"""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", _("City administrator")
    CITY_LEADER = "city_leader", _("City leader (read-only)")
    STREET_DISPATCHER = "street_dispatcher", _("Street dispatcher")
    STREET_LEADER = "street_leader", _("Street leader")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    # The community's party secretary or director: runs the community's staff (workforce HR).
    COMMUNITY_LEADER = "community_leader", _("Community leader")
    GRID_WORKER = "grid_worker", _("Grid worker")
    DEPARTMENT_HANDLER = "department_handler", _("Department handler")
    DEPARTMENT_LIAISON = "department_liaison", _("Department liaison")
    DEPARTMENT_LEADER = "department_leader", _("Department leader")


# Which kind of organisation a role is held in. A membership is valid only where its role belongs.
UNIT_KIND_OF_ROLE: dict[str, str] = {
    Role.CITY_ADMIN: "city",
    Role.CITY_LEADER: "city",
    Role.STREET_DISPATCHER: "street",
    Role.STREET_LEADER: "street",
    Role.COMMUNITY_WORKER: "community",
    Role.COMMUNITY_LEADER: "community",
    Role.GRID_WORKER: "grid",
}
DEPARTMENT_ROLES: frozenset[str] = frozenset(
    {Role.DEPARTMENT_HANDLER, Role.DEPARTMENT_LIAISON, Role.DEPARTMENT_LEADER}
)
CITY_WIDE_ROLES: frozenset[str] = frozenset({Role.CITY_ADMIN, Role.CITY_LEADER})


class Permission(models.TextChoices):
    # Organisation registry
    REGISTRY_VIEW = "registry.view", _("View the organisation registry")
    REGISTRY_MANAGE = "registry.manage", _("Edit the organisation registry")
    REGISTRY_TRANSFER = "registry.transfer", _("Import and export the registry")
    MEMBERSHIPS_VIEW = "memberships.view", _("View memberships and roles")
    MEMBERSHIPS_MANAGE = "memberships.manage", _("Grant and revoke memberships")
    AUDIT_VIEW = "audit.view", _("Browse the audit trail")
    # Work orders
    ORDERS_VIEW = "orders.view", _("View work orders")
    ORDERS_REPORT = "orders.report", _("Report a problem")
    ORDERS_DISPATCH = "orders.dispatch", _("Dispatch, reject or handle orders locally")
    ORDERS_HANDLE = "orders.handle", _("Accept, return and complete dispatched orders")
    ORDERS_EXTENSION_DECIDE = "orders.extension_decide", _("Approve or deny deadline extensions")
    ORDERS_VERIFY = "orders.verify", _("Verify or send back handled orders")
    ORDERS_RATE = "orders.rate", _("Rate closed orders")
    ORDERS_URGE = "orders.urge", _("Urge and escalate orders")
    ORDERS_ARBITRATE = "orders.arbitrate", _("Decide disputed orders")
    ORDERS_SEE_REPORTER = "orders.see_reporter", _("See the reporter's contact of orders one handles")
    CATALOGUE_MANAGE = "catalogue.manage", _("Edit the category catalogue and the calendar")
    STATS_VIEW = "stats.view", _("View statistics")
    # Open311
    OPEN311_CLIENTS_MANAGE = "open311.clients_manage", _("Issue and revoke Open311 keys of client systems")
    # Community workforce
    WORKFORCE_OWN_FILE = "workforce.own_file", _("See one's own personnel file and pay slips")
    WORKFORCE_VIEW = "workforce.view", _("View the personnel files, pay and training in one's reach")
    WORKFORCE_MANAGE = "workforce.manage", _("Keep personnel files, training, promotions and pairings")
    WORKFORCE_PAY_RUN = "workforce.pay_run", _("Run the monthly pay of the units in one's reach")
    WORKFORCE_PAY_TABLE = "workforce.pay_table", _("Edit the pay tables and run the pay migration")
    # Assessment: streets score the departments; the party-building review; cadre files
    ASSESSMENT_VIEW = "assessment.view", _("View assessment schemes, results and rankings in one's reach")
    ASSESSMENT_SCORE = "assessment.score", _("Score the departments and their posted staff for one's street")
    ASSESSMENT_APPEAL = "assessment.appeal", _("Appeal an item of one's department's assessment")
    ASSESSMENT_MANAGE = "assessment.manage", _("Define assessment schemes, decide appeals and lock periods")
    REVIEW_SCORE = "review.score", _("Score the reports of a party-building review one evaluates")
    CADRE_VIEW = "cadre.view", _("View cadre files and review results in one's reach")
    CADRE_MANAGE = "cadre.manage", _("Keep cadre files, run party-building reviews and record promotions")


P = Permission
_READ = {P.REGISTRY_VIEW, P.ORDERS_VIEW, P.STATS_VIEW}
_WORKFORCE_HR = {P.WORKFORCE_VIEW, P.WORKFORCE_MANAGE, P.WORKFORCE_PAY_RUN}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CITY_ADMIN: frozenset(set(Permission.values)),
    Role.CITY_LEADER: frozenset(_READ | {P.MEMBERSHIPS_VIEW, P.ORDERS_URGE, P.WORKFORCE_VIEW}),
    Role.STREET_DISPATCHER: frozenset(
        _READ | {P.ORDERS_REPORT, P.ORDERS_DISPATCH, P.ORDERS_EXTENSION_DECIDE, P.ORDERS_VERIFY,
                 P.ORDERS_RATE, P.ORDERS_URGE, P.ORDERS_SEE_REPORTER, P.WORKFORCE_OWN_FILE}
    ),
    Role.STREET_LEADER: frozenset(
        _READ | _WORKFORCE_HR | {P.MEMBERSHIPS_VIEW, P.ORDERS_REPORT, P.ORDERS_DISPATCH,
                                 P.ORDERS_EXTENSION_DECIDE, P.ORDERS_VERIFY, P.ORDERS_URGE,
                                 P.ORDERS_SEE_REPORTER, P.WORKFORCE_OWN_FILE}
    ),
    Role.COMMUNITY_WORKER: frozenset(
        _READ | {P.ORDERS_REPORT, P.ORDERS_VERIFY, P.ORDERS_RATE, P.ORDERS_SEE_REPORTER, P.WORKFORCE_OWN_FILE}
    ),
    Role.COMMUNITY_LEADER: frozenset(
        _READ | _WORKFORCE_HR | {P.ORDERS_REPORT, P.ORDERS_VERIFY, P.ORDERS_RATE, P.ORDERS_SEE_REPORTER,
                                 P.WORKFORCE_OWN_FILE}
    ),
    Role.GRID_WORKER: frozenset(_READ | {P.ORDERS_REPORT, P.ORDERS_SEE_REPORTER, P.WORKFORCE_OWN_FILE}),
    Role.DEPARTMENT_HANDLER: frozenset(_READ | {P.ORDERS_HANDLE, P.ORDERS_SEE_REPORTER}),
    Role.DEPARTMENT_LIAISON: frozenset(_READ | {P.ORDERS_HANDLE, P.ORDERS_SEE_REPORTER}),
    Role.DEPARTMENT_LEADER: frozenset(_READ | {P.MEMBERSHIPS_VIEW, P.ORDERS_HANDLE}),
}

# The assessment's grants, kept together: streets score, department leaders appeal, leaders evaluate
# the party-building review and read the cadre files of their reach.
_ASSESSMENT_GRANTS: dict[str, set[str]] = {
    Role.CITY_LEADER: {P.ASSESSMENT_VIEW, P.REVIEW_SCORE, P.CADRE_VIEW},
    Role.STREET_DISPATCHER: {P.ASSESSMENT_VIEW, P.ASSESSMENT_SCORE},
    Role.STREET_LEADER: {P.ASSESSMENT_VIEW, P.ASSESSMENT_SCORE, P.REVIEW_SCORE, P.CADRE_VIEW},
    Role.DEPARTMENT_HANDLER: {P.ASSESSMENT_VIEW},
    Role.DEPARTMENT_LIAISON: {P.ASSESSMENT_VIEW},
    Role.DEPARTMENT_LEADER: {P.ASSESSMENT_VIEW, P.ASSESSMENT_APPEAL, P.REVIEW_SCORE, P.CADRE_VIEW},
}
for _role, _granted in _ASSESSMENT_GRANTS.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_granted)



def role_has_permission(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
