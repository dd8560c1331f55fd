"""The organisation: the unit tree (city → street → community → grid), compounds, departments and
their liaisons, party organisations, joint-committee seats, users and their memberships.

Unit codes follow the national grid-code style and double as the tree path: a street's code is its
city's 6-digit district code plus 3 digits, a community adds 3, a grid 3 more. "Everything below a
unit" is therefore a prefix match on an indexed column, on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import DEPARTMENT_ROLES, UNIT_KIND_OF_ROLE, Role


class UnitKind(models.TextChoices):
    CITY = "city", _("City")
    STREET = "street", _("Street")
    COMMUNITY = "community", _("Community")
    GRID = "grid", _("Grid")


# Length of the code at each level, and the kind of a unit's parent.
CODE_LENGTH: dict[str, int] = {"city": 6, "street": 9, "community": 12, "grid": 15}
PARENT_KIND: dict[str, str | None] = {"city": None, "street": "city", "community": "street", "grid": "community"}
CHILD_KIND: dict[str, str | None] = {"city": "street", "street": "community", "community": "grid", "grid": None}


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=15, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    households = models.PositiveIntegerField(_("households"), default=0)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    address = models.CharField(_("office address"), max_length=200, blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]
        indexes = [models.Index(fields=["kind", "code"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="city", parent__isnull=True) | (~Q(kind="city") & Q(parent__isnull=False)),
                name="unit_only_city_is_root",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_ancestor_of_or_same(self, other: "Unit") -> bool:
        return other.code.startswith(self.code)


class Compound(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    community = models.ForeignKey(
        Unit, verbose_name=_("community"), on_delete=models.PROTECT, related_name="compounds",
        limit_choices_to={"kind": UnitKind.COMMUNITY},
    )
    grid = models.ForeignKey(
        Unit, verbose_name=_("grid"), on_delete=models.PROTECT, related_name="grid_compounds",
        null=True, blank=True, limit_choices_to={"kind": UnitKind.GRID},
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    households = models.PositiveIntegerField(_("households"), default=0)
    buildings = models.PositiveIntegerField(_("buildings"), default=0)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("compound")
        verbose_name_plural = _("compounds")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class DepartmentKind(models.TextChoices):
    FUNCTIONAL = "functional", _("Functional department")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement department")


class Department(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DepartmentKind.choices,
                            default=DepartmentKind.FUNCTIONAL)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Liaison(models.Model):
    """The named department member who answers for the department in one street (专人联系街道)."""

    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="liaisons")
    street = models.ForeignKey(Unit, verbose_name=_("street"), on_delete=models.PROTECT,
                               related_name="liaisons", limit_choices_to={"kind": UnitKind.STREET})
    user = models.ForeignKey("org.User", verbose_name=_("user account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="liaison_posts")
    name = models.CharField(_("name"), max_length=50)
    title = models.CharField(_("title"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("liaison")
        verbose_name_plural = _("liaisons")
        ordering = ["department__code", "street__code"]
        constraints = [models.UniqueConstraint(fields=["department", "street"], name="liaison_one_per_street")]

    def __str__(self) -> str:
        return f"{self.department} → {self.street.name}: {self.name}"


class PartyOrganisationKind(models.TextChoices):
    STREET_WORKING_COMMITTEE = "street_working_committee", _("Street party working committee")
    COMMUNITY_PARTY_ORGANISATION = "community_party_organisation", _("Community party organisation")
    GRID_PARTY_BRANCH = "grid_party_branch", _("Grid party branch")


PARTY_KIND_OF_UNIT: dict[str, str] = {
    "street": PartyOrganisationKind.STREET_WORKING_COMMITTEE,
    "community": PartyOrganisationKind.COMMUNITY_PARTY_ORGANISATION,
    "grid": PartyOrganisationKind.GRID_PARTY_BRANCH,
}


class PartyOrganisation(models.Model):
    unit = models.OneToOneField(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                                related_name="party_organisation")
    kind = models.CharField(_("kind"), max_length=40, choices=PartyOrganisationKind.choices)
    name = models.CharField(_("name"), max_length=120)
    secretary_name = models.CharField(_("secretary"), max_length=50, blank=True)
    member_count = models.PositiveIntegerField(_("members"), default=0)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")
        ordering = ["unit__code"]

    def __str__(self) -> str:
        return self.name


class SeatOrganisationKind(models.TextChoices):
    AGENCY = "agency", _("Government agency")
    COMPANY = "company", _("Company")
    SCHOOL = "school", _("School")
    HOSPITAL = "hospital", _("Hospital")
    SOCIAL = "social", _("Social organisation")
    OTHER = "other", _("Other")


class JointCommitteeSeat(models.Model):
    """A resident organisation's seat on a street's "big working committee" or a community's
    "big party committee" (街道大工委 / 社区大党委)."""

    unit = models.ForeignKey(Unit, verbose_name=_("street or community"), on_delete=models.PROTECT,
                             related_name="joint_committee_seats")
    organisation_name = models.CharField(_("organisation"), max_length=120)
    organisation_kind = models.CharField(_("organisation kind"), max_length=20,
                                         choices=SeatOrganisationKind.choices)
    representative_name = models.CharField(_("representative"), max_length=50)
    position = models.CharField(_("position on the committee"), max_length=50, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("joint committee seat")
        verbose_name_plural = _("joint committee seats")
        ordering = ["unit__code", "organisation_name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "organisation_name"], name="seat_one_per_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} @ {self.unit.name}"


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    failed_login_count = models.PositiveIntegerField(_("failed logins in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class Membership(models.Model):
    """A user's role in one unit or one department. Roles are held only where they belong
    (a street dispatcher in a street, a handler in a department), checked on every write."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="memberships")
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(department__isnull=True))
                | (Q(unit__isnull=True) & Q(department__isnull=False)),
                name="membership_unit_xor_department",
            ),
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique_unit_role",
                                    condition=Q(unit__isnull=False)),
            models.UniqueConstraint(fields=["user", "department", "role"], name="membership_unique_department_role",
                                    condition=Q(department__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation_name}"

    @property
    def organisation_name(self) -> str:
        return self.unit.name if self.unit_id else self.department.name

    @property
    def is_department_role(self) -> bool:
        return self.role in DEPARTMENT_ROLES

    @property
    def expected_unit_kind(self) -> str | None:
        return UNIT_KIND_OF_ROLE.get(self.role)
