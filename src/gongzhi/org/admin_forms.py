"""The organisation admin's forms that save through the org services, so that an admin edit is
the same action, with the same checks and the same domain event, as on the pages and the API."""
from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AdminUserCreationForm

from gongzhi.common.admin_base import ServiceAdminForm
from gongzhi.org import services
from gongzhi.org.models import (
    Compound,
    Department,
    JointCommitteeSeat,
    Liaison,
    Membership,
    PartyOrganisation,
    Unit,
    User,
)


def _code(record: Any) -> str | None:
    return record.code if record is not None else None


class UnitAddForm(ServiceAdminForm):
    service_field_names = {"parent_code": "parent"}

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "households", "address", "phone", "boundary", "is_active"]

    def perform(self) -> Unit:
        data = self.cleaned_data
        return services.unit_create(
            actor=self.actor, code=data["code"], name=data["name"], kind=data["kind"],
            parent_code=_code(data["parent"]), households=data["households"], boundary=data["boundary"],
            address=data["address"], phone=data["phone"], is_active=data["is_active"])


class UnitChangeForm(ServiceAdminForm):
    """A unit's code, kind and parent are fixed once made (see unit_update)."""

    class Meta:
        model = Unit
        fields = sorted(services.UNIT_EDITABLE)

    def perform(self) -> Unit | None:
        changes = {name: self.cleaned_data[name] for name in self.changed_data
                   if name in services.UNIT_EDITABLE}
        if not changes:
            return None
        return services.unit_update(actor=self.actor, unit=self.instance, changes=changes)


class CompoundAddForm(ServiceAdminForm):
    service_field_names = {"community_code": "community", "grid_code": "grid"}

    class Meta:
        model = Compound
        fields = ["code", "name", "community", "grid", "address", "households", "buildings", "latitude",
                  "longitude", "is_active"]

    def perform(self) -> Compound:
        data = self.cleaned_data
        return services.compound_create(
            actor=self.actor, code=data["code"], name=data["name"], community_code=data["community"].code,
            grid_code=_code(data["grid"]), address=data["address"], households=data["households"],
            buildings=data["buildings"], latitude=data["latitude"], longitude=data["longitude"],
            is_active=data["is_active"])


class DepartmentAddForm(ServiceAdminForm):
    class Meta:
        model = Department
        fields = ["code", "name", "short_name", "kind", "phone", "is_active"]

    def perform(self) -> Department:
        data = self.cleaned_data
        return services.department_create(
            actor=self.actor, code=data["code"], name=data["name"], kind=data["kind"],
            short_name=data["short_name"], phone=data["phone"], is_active=data["is_active"])


class LiaisonForm(ServiceAdminForm):
    """Naming a street's liaison and replacing them are the one action liaison_assign; once made,
    the department and street are the liaison post itself and stay fixed."""

    class Meta:
        model = Liaison
        fields = ["department", "street", "name", "title", "phone", "user"]

    def perform(self) -> Liaison:
        data = self.cleaned_data
        return services.liaison_assign(
            actor=self.actor, department=data.get("department") or self.instance.department,
            street=data.get("street") or self.instance.street, name=data["name"], title=data["title"],
            phone=data["phone"], user=data["user"])


class PartyOrganisationForm(ServiceAdminForm):
    """Recording and updating a unit's party organisation are the one action party_organisation_set;
    its kind follows from the unit's kind."""

    class Meta:
        model = PartyOrganisation
        fields = ["unit", "name", "secretary_name", "member_count", "established_on"]

    def perform(self) -> PartyOrganisation:
        data = self.cleaned_data
        return services.party_organisation_set(
            actor=self.actor, unit=data.get("unit") or self.instance.unit, name=data["name"],
            secretary_name=data["secretary_name"], member_count=data["member_count"],
            established_on=data["established_on"])


class JointCommitteeSeatAddForm(ServiceAdminForm):
    class Meta:
        model = JointCommitteeSeat
        fields = ["unit", "organisation_name", "organisation_kind", "representative_name", "position",
                  "joined_on", "is_active"]

    def perform(self) -> JointCommitteeSeat:
        data = self.cleaned_data
        return services.joint_committee_seat_add(
            actor=self.actor, unit=data["unit"], organisation_name=data["organisation_name"],
            organisation_kind=data["organisation_kind"], representative_name=data["representative_name"],
            position=data["position"], joined_on=data["joined_on"], is_active=data["is_active"])


class MembershipAddForm(ServiceAdminForm):
    class Meta:
        model = Membership
        fields = ["user", "role", "unit", "department"]

    def perform(self) -> Membership:
        data = self.cleaned_data
        return services.membership_grant(actor=self.actor, user=data["user"], role=data["role"],
                                         unit=data["unit"], department=data["department"])


class MembershipChangeForm(ServiceAdminForm):
    """A membership is granted once; afterwards it is only revoked or granted again."""

    class Meta:
        model = Membership
        fields = ["is_active"]

    def perform(self) -> Membership | None:
        if "is_active" not in self.changed_data:
            return None
        membership = self.instance
        if not self.cleaned_data["is_active"]:
            return services.membership_revoke(actor=self.actor, membership=membership)
        return services.membership_grant(actor=self.actor, user=membership.user, role=membership.role,
                                         unit=membership.unit, department=membership.department)


class UserAddForm(ServiceAdminForm, AdminUserCreationForm):
    service_field_names = {"password": "password1"}

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["username", "display_name", "phone", "email"]

    def perform(self) -> User:
        data = self.cleaned_data
        if not data.get("set_usable_password"):
            # The administrator chose an account without a password (it cannot sign in until one is set).
            return services.user_create(actor=self.actor, username=data["username"], password=None,
                                        display_name=data["display_name"], phone=data["phone"],
                                        email=data["email"], validate_password=False)
        return services.user_create(actor=self.actor, username=data["username"], password=data["password1"],
                                    display_name=data["display_name"], phone=data["phone"],
                                    email=data["email"])
