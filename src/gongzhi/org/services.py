"""Writes to the organisation: one action per business change, each in one transaction, each
checking permission and recording a domain event.

``actor=None`` means the platform itself (management commands such as the demo loader or an
import run from the shell by an operator): no membership to check, the event records no user."""
from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require, permission_require_on_unit
from gongzhi.common.access.roles import DEPARTMENT_ROLES, UNIT_KIND_OF_ROLE, Permission, Role
from gongzhi.common.events import event_record
from gongzhi.org.models import (PARTY_KIND_OF_UNIT, Compound, Department, DepartmentKind, JointCommitteeSeat,
                                Liaison, Membership, PartyOrganisation, SeatOrganisationKind, Unit, UnitKind,
                                User)
from gongzhi.org.validation import boundary_problem, unit_code_problem


def _require(actor: Actor | None, permission: str, unit_code: str | None = None) -> None:
    if actor is None:
        return
    if unit_code is None:
        permission_require(actor, permission)
    else:
        permission_require_on_unit(actor, permission, unit_code)


def _snapshot(instance: Any, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _require_text(value: str | None, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > max_length:
        raise ValidationError({field: _("At most %(n)d characters.") % {"n": max_length}})
    return text


def _require_count(value: Any, field: str) -> int:
    if isinstance(value, bool):
        raise ValidationError({field: _("Must be a whole number of at least 0.")})
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Must be a whole number of at least 0.")}) from None
    if number < 0 or number > 10_000_000:
        raise ValidationError({field: _("Must be a whole number of at least 0.")})
    return number


UNIT_FIELDS = ["code", "name", "kind", "parent", "households", "boundary", "address", "phone", "is_active"]


@transaction.atomic
def unit_create(
    *,
    actor: Actor | None,
    code: str,
    name: str,
    kind: str,
    parent_code: str | None = None,
    households: int = 0,
    boundary: dict | None = None,
    address: str = "",
    phone: str = "",
    is_active: bool = True,
) -> Unit:
    _require(actor, Permission.REGISTRY_MANAGE)
    code = (code or "").strip()
    parent = None
    if parent_code:
        parent = Unit.objects.filter(code=parent_code).first()
        if parent is None:
            raise ValidationError({"parent_code": _("No unit has the code %(code)s.") % {"code": parent_code}})
    problem = unit_code_problem(code=code, kind=kind, parent_code=parent_code or None,
                                parent_kind=parent.kind if parent else None)
    if problem:
        raise ValidationError({"code": problem})
    if kind == UnitKind.CITY and Unit.objects.filter(kind=UnitKind.CITY).exists():
        raise ValidationError({"kind": _("The platform serves one city; it already exists.")})
    if Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A unit with the code %(code)s already exists.") % {"code": code}})
    geometry_problem = boundary_problem(boundary)
    if geometry_problem:
        raise ValidationError({"boundary": geometry_problem})
    unit = Unit.objects.create(
        code=code, name=_require_text(name, "name", 100), kind=kind, parent=parent,
        households=_require_count(households, "households"), boundary=boundary or None,
        address=address or "", phone=phone or "", is_active=bool(is_active),
    )
    event_record(actor=actor, action="unit.create", target=unit, unit_code=unit.code,
                 after=_snapshot(unit, UNIT_FIELDS))
    return unit


UNIT_EDITABLE = {"name", "households", "boundary", "address", "phone", "is_active"}


@transaction.atomic
def unit_update(*, actor: Actor | None, unit: Unit, changes: dict[str, Any]) -> Unit:
    """Change a unit's editable fields; its code, kind and place in the tree are fixed once made."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _require(actor, Permission.REGISTRY_MANAGE, unit.code)
    unknown = set(changes) - UNIT_EDITABLE
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    before = _snapshot(unit, sorted(changes))
    if "name" in changes:
        unit.name = _require_text(changes["name"], "name", 100)
    if "households" in changes:
        unit.households = _require_count(changes["households"], "households")
    if "boundary" in changes:
        problem = boundary_problem(changes["boundary"])
        if problem:
            raise ValidationError({"boundary": problem})
        unit.boundary = changes["boundary"] or None
    for name, limit in (("address", 200), ("phone", 40)):
        if name in changes:
            value = changes[name] or ""
            if not isinstance(value, str) or len(value) > limit:
                raise ValidationError({name: _("At most %(n)d characters.") % {"n": limit}})
            setattr(unit, name, value)
    if "is_active" in changes:
        unit.is_active = bool(changes["is_active"])
    unit.save()
    event_record(actor=actor, action="unit.update", target=unit, unit_code=unit.code,
                 before=before, after=_snapshot(unit, sorted(changes)))
    return unit


COMPOUND_FIELDS = ["code", "name", "community", "grid", "address", "households", "buildings",
                   "latitude", "longitude", "is_active"]


def _compound_place(community_code: str, grid_code: str | None) -> tuple[Unit, Unit | None]:
    community = Unit.objects.filter(code=community_code, kind=UnitKind.COMMUNITY).first()
    if community is None:
        raise ValidationError({"community_code": _("No community has the code %(code)s.") % {"code": community_code}})
    grid = None
    if grid_code:
        grid = Unit.objects.filter(code=grid_code, kind=UnitKind.GRID).first()
        if grid is None:
            raise ValidationError({"grid_code": _("No grid has the code %(code)s.") % {"code": grid_code}})
        if grid.parent_id != community.pk:
            raise ValidationError({"grid_code": _("Grid %(grid)s is not in community %(community)s.") % {
                "grid": grid_code, "community": community_code}})
    return community, grid


def _coordinate(value: Any, field: str, limit: int) -> Any:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Must be a number.")}) from None
    if not -limit <= number <= limit:
        raise ValidationError({field: _("Must be between -%(n)d and %(n)d.") % {"n": limit}})
    return round(number, 6)


@transaction.atomic
def compound_create(
    *,
    actor: Actor | None,
    code: str,
    name: str,
    community_code: str,
    grid_code: str | None = None,
    address: str = "",
    households: int = 0,
    buildings: int = 0,
    latitude: Any = None,
    longitude: Any = None,
    is_active: bool = True,
) -> Compound:
    community, grid = _compound_place(community_code, grid_code)
    _require(actor, Permission.REGISTRY_MANAGE, community.code)
    code = _require_text(code, "code", 20)
    if Compound.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A compound with the code %(code)s already exists.") % {"code": code}})
    compound = Compound.objects.create(
        code=code, name=_require_text(name, "name", 100), community=community, grid=grid,
        address=(address or "")[:200], households=_require_count(households, "households"),
        buildings=_require_count(buildings, "buildings"),
        latitude=_coordinate(latitude, "latitude", 90), longitude=_coordinate(longitude, "longitude", 180),
        is_active=bool(is_active),
    )
    event_record(actor=actor, action="compound.create", target=compound, unit_code=(grid or community).code,
                 after=_snapshot(compound, COMPOUND_FIELDS))
    return compound


@transaction.atomic
def department_create(
    *, actor: Actor | None, code: str, name: str, kind: str = DepartmentKind.FUNCTIONAL,
    short_name: str = "", phone: str = "", is_active: bool = True,
) -> Department:
    _require(actor, Permission.REGISTRY_MANAGE)
    code = _require_text(code, "code", 20)
    name = _require_text(name, "name", 100)
    if kind not in DepartmentKind.values:
        raise ValidationError({"kind": _("Unknown department kind “%(kind)s”.") % {"kind": kind}})
    if Department.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A department with the code %(code)s already exists.") % {"code": code}})
    if Department.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A department named %(name)s already exists.") % {"name": name}})
    department = Department.objects.create(code=code, name=name, kind=kind, short_name=(short_name or "")[:30],
                                           phone=(phone or "")[:40], is_active=bool(is_active))
    event_record(actor=actor, action="department.create", target=department,
                 after=_snapshot(department, ["code", "name", "kind", "short_name", "phone", "is_active"]))
    return department


@transaction.atomic
def liaison_assign(
    *, actor: Actor | None, department: Department, street: Unit, name: str, title: str = "",
    phone: str = "", user: User | None = None,
) -> Liaison:
    """Name (or replace) the department's liaison for one street."""
    _require(actor, Permission.REGISTRY_MANAGE)
    if street.kind != UnitKind.STREET:
        raise ValidationError({"street": _("A liaison is assigned to a street.")})
    name = _require_text(name, "name", 50)
    liaison = Liaison.objects.select_for_update().filter(department=department, street=street).first()
    before = _snapshot(liaison, ["name", "title", "phone", "user"]) if liaison else None
    if liaison is None:
        liaison = Liaison(department=department, street=street)
    liaison.name, liaison.title, liaison.phone, liaison.user = name, (title or "")[:50], (phone or "")[:40], user
    liaison.save()
    event_record(actor=actor, action="liaison.assign", target=liaison, unit_code=street.code, before=before,
                 after=_snapshot(liaison, ["name", "title", "phone", "user"]))
    return liaison


@transaction.atomic
def party_organisation_set(
    *, actor: Actor | None, unit: Unit, name: str, secretary_name: str = "", member_count: int = 0,
    established_on: date | None = None,
) -> PartyOrganisation:
    """Record (or update) the party organisation attached to a street, community or grid."""
    _require(actor, Permission.REGISTRY_MANAGE, unit.code)
    if unit.kind not in PARTY_KIND_OF_UNIT:
        raise ValidationError({"unit": _("Party organisations are attached to streets, communities and grids.")})
    organisation = PartyOrganisation.objects.select_for_update().filter(unit=unit).first()
    fields = ["name", "secretary_name", "member_count", "established_on"]
    before = _snapshot(organisation, fields) if organisation else None
    organisation = organisation or PartyOrganisation(unit=unit)
    organisation.kind = PARTY_KIND_OF_UNIT[unit.kind]
    organisation.name = _require_text(name, "name", 120)
    organisation.secretary_name = (secretary_name or "")[:50]
    organisation.member_count = _require_count(member_count, "member_count")
    organisation.established_on = established_on
    organisation.save()
    event_record(actor=actor, action="party_organisation.set", target=organisation, unit_code=unit.code,
                 before=before, after=_snapshot(organisation, fields))
    return organisation


@transaction.atomic
def joint_committee_seat_add(
    *, actor: Actor | None, unit: Unit, organisation_name: str, organisation_kind: str,
    representative_name: str, position: str = "", joined_on: date | None = None, is_active: bool = True,
) -> JointCommitteeSeat:
    _require(actor, Permission.REGISTRY_MANAGE, unit.code)
    if unit.kind not in (UnitKind.STREET, UnitKind.COMMUNITY):
        raise ValidationError({"unit": _("Joint committees belong to streets and communities.")})
    if organisation_kind not in SeatOrganisationKind.values:
        raise ValidationError({"organisation_kind": _("Unknown organisation kind “%(kind)s”.") % {
            "kind": organisation_kind}})
    organisation_name = _require_text(organisation_name, "organisation_name", 120)
    if JointCommitteeSeat.objects.filter(unit=unit, organisation_name=organisation_name).exists():
        raise ValidationError({"organisation_name": _("This organisation already has a seat here.")})
    seat = JointCommitteeSeat.objects.create(
        unit=unit, organisation_name=organisation_name, organisation_kind=organisation_kind,
        representative_name=_require_text(representative_name, "representative_name", 50),
        position=(position or "")[:50], joined_on=joined_on, is_active=bool(is_active),
    )
    event_record(actor=actor, action="joint_committee_seat.add", target=seat, unit_code=unit.code,
                 after=_snapshot(seat, ["organisation_name", "organisation_kind", "representative_name",
                                        "position", "joined_on", "is_active"]))
    return seat


@transaction.atomic
def user_create(
    *, actor: Actor | None, username: str, password: str, display_name: str = "", phone: str = "",
    email: str = "", validate_password: bool = True,
) -> User:
    from django.contrib.auth.password_validation import validate_password as check_password_rules

    _require(actor, Permission.MEMBERSHIPS_MANAGE)
    username = _require_text(username, "username", 150)
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    user = User(username=username, display_name=(display_name or "")[:50], phone=(phone or "")[:40],
                email=email or "")
    if validate_password:
        try:
            check_password_rules(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save()
    event_record(actor=actor, action="user.create", target=user,
                 after={"username": user.username, "display_name": user.display_name})
    return user


@transaction.atomic
def user_password_change(*, actor: Actor, old_password: str, new_password: str) -> User:
    """The acting user changes their own password: the old one must match and the new one pass the
    AUTH_PASSWORD_VALIDATORS. The event records that it changed, never a password."""
    from django.contrib.auth.password_validation import validate_password as check_password_rules

    user = User.objects.select_for_update().get(pk=actor.user.pk)
    if not old_password or not user.check_password(old_password):
        raise ValidationError({"old_password": _("Your old password was entered incorrectly.")})
    if not new_password:
        raise ValidationError({"new_password": _("This field is required.")})
    try:
        check_password_rules(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password": error.messages}) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    event_record(actor=actor, action="user.password_change", target=user)
    return user


@transaction.atomic
def membership_grant(
    *, actor: Actor | None, user: User, role: str, unit: Unit | None = None, department: Department | None = None,
) -> Membership:
    """Give a user a role in a unit or a department; the role must belong to that kind of place."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})
    if (unit is None) == (department is None):
        raise ValidationError({"unit": _("A membership is in exactly one unit or one department.")})
    if role in DEPARTMENT_ROLES and department is None:
        raise ValidationError({"department": _("This role is held in a department.")})
    if role in UNIT_KIND_OF_ROLE:
        if unit is None:
            raise ValidationError({"unit": _("This role is held in a unit.")})
        if unit.kind != UNIT_KIND_OF_ROLE[role]:
            raise ValidationError({"unit": _("This role is held in a unit of kind %(kind)s.") % {
                "kind": UNIT_KIND_OF_ROLE[role]}})
    _require(actor, Permission.MEMBERSHIPS_MANAGE)
    existing = Membership.objects.select_for_update().filter(user=user, role=role, unit=unit,
                                                             department=department).first()
    if existing and existing.is_active:
        raise ValidationError({"role": _("The user already holds this role there.")})
    try:
        with transaction.atomic():
            if existing:
                existing.is_active = True
                existing.save(update_fields=["is_active"])
                membership = existing
            else:
                membership = Membership.objects.create(user=user, role=role, unit=unit, department=department)
    except IntegrityError:
        raise ValidationError({"role": _("The user already holds this role there.")}) from None
    event_record(actor=actor, action="membership.grant", target=membership,
                 unit_code=unit.code if unit else "",
                 after={"user": user.username, "role": role, "unit": unit.code if unit else None,
                        "department": department.code if department else None})
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor | None, membership: Membership, reason: str = "") -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _require(actor, Permission.MEMBERSHIPS_MANAGE)
    if not membership.is_active:
        raise ValidationError({"membership": _("This membership is already revoked.")})
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    event_record(actor=actor, action="membership.revoke", target=membership,
                 unit_code=membership.unit.code if membership.unit_id else "",
                 before={"is_active": True}, after={"is_active": False}, comment=reason)
    return membership
