"""API of the organisation registry: units (list, tree, detail), compounds, departments, liaisons,
memberships, and the acting user (``me/``).

Views are thin: reads go through org.selectors with ``self.actor``, writes through org.services,
and errors are mapped once in common.rest.errors. The answers come in one order everywhere: a record
outside the actor's reach 404, a role without the permission 403, bad input 400."""
from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from gongzhi.common.access.roles import Permission, Role
from gongzhi.common.rest.permissions import ActorHasViewPermission
from gongzhi.common.rest.views import ActorMixin
from gongzhi.org.models import (Compound, Department, DepartmentKind, JointCommitteeSeat, Liaison, Membership,
                                PartyOrganisation, Unit, UnitKind, User)
from gongzhi.org.selectors import (compounds_in_unit, compounds_visible_to, department_get_visible,
                                   departments_visible_to, joint_committee_seats_visible_to,
                                   liaisons_visible_to, memberships_visible_to,
                                   party_organisations_visible_to, unit_ancestors, unit_children_with_counts,
                                   unit_get_visible, unit_roots_for, units_visible_to, users_visible_to)
from gongzhi.org.services import (compound_create, department_create, liaison_assign, membership_grant,
                                  membership_revoke, unit_create, unit_update)


# ---------------------------------------------------------------------------------------------
# Fields


class VisibleRecordField(serializers.SlugRelatedField):
    """A record named by its code (a user by their user name), looked up only among those the actor
    sees: one out of reach reads as unknown, exactly like a code that does not exist."""

    default_error_messages = {
        "does_not_exist": _("Nothing you can see is known by “{value}”."),
        "invalid": _("Give the code as text."),
    }

    def __init__(self, *, selector, model, **kwargs) -> None:
        self.selector = selector
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        return self.selector(self.context["view"].actor)


@extend_schema_field({"type": "object", "nullable": True,
                      "description": "GeoJSON geometry: a Polygon or MultiPolygon in longitude/latitude."})
class GeometryField(serializers.JSONField):
    pass


# ---------------------------------------------------------------------------------------------
# Serializers: what the API answers


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["code", "name", "kind"]


class UnitChildSerializer(UnitBriefSerializer):
    child_count = serializers.IntegerField(read_only=True)

    class Meta(UnitBriefSerializer.Meta):
        fields = [*UnitBriefSerializer.Meta.fields, "households", "child_count"]


class UnitSerializer(serializers.ModelSerializer):
    parent_code = serializers.SlugRelatedField(source="parent", slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent_code", "households", "is_active"]


class PartyOrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = PartyOrganisation
        fields = ["name", "kind", "secretary_name", "member_count", "established_on"]


class JointCommitteeSeatSerializer(serializers.ModelSerializer):
    class Meta:
        model = JointCommitteeSeat
        fields = ["organisation_name", "organisation_kind", "representative_name", "position", "joined_on",
                  "is_active"]


class UnitDetailSerializer(UnitSerializer):
    """A unit with what its page shows: the path to it, its children, its compounds and committees."""

    boundary = GeometryField(read_only=True)
    ancestors = serializers.SerializerMethodField(help_text=_("The units above, root first (breadcrumbs)."))
    children = serializers.SerializerMethodField(
        help_text=_("The units directly below, with their own counts."))
    child_count = serializers.SerializerMethodField()
    compound_count = serializers.SerializerMethodField(help_text=_("Compounds anywhere in the unit's area."))
    party_organisation = serializers.SerializerMethodField()
    joint_committee_seats = serializers.SerializerMethodField()

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "address", "phone", "boundary", "ancestors", "children",
                  "child_count", "compound_count", "party_organisation", "joint_committee_seats"]

    @property
    def actor(self):
        return self.context["view"].actor

    @extend_schema_field(UnitBriefSerializer(many=True))
    def get_ancestors(self, unit: Unit):
        return UnitBriefSerializer(unit_ancestors(unit), many=True).data

    @extend_schema_field(UnitChildSerializer(many=True))
    def get_children(self, unit: Unit):
        return UnitChildSerializer(unit_children_with_counts(self.actor, unit=unit), many=True).data

    def get_child_count(self, unit: Unit) -> int:
        return unit_children_with_counts(self.actor, unit=unit).count()

    def get_compound_count(self, unit: Unit) -> int:
        return compounds_in_unit(self.actor, unit=unit).count()

    @extend_schema_field(PartyOrganisationSerializer(allow_null=True))
    def get_party_organisation(self, unit: Unit):
        organisation = party_organisations_visible_to(self.actor).filter(unit=unit).first()
        return PartyOrganisationSerializer(organisation).data if organisation else None

    @extend_schema_field(JointCommitteeSeatSerializer(many=True))
    def get_joint_committee_seats(self, unit: Unit):
        seats = joint_committee_seats_visible_to(self.actor).filter(unit=unit, is_active=True)
        return JointCommitteeSeatSerializer(seats, many=True).data


class UnitTreeNodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    households = serializers.IntegerField()
    is_active = serializers.BooleanField()

    def get_fields(self):
        # The children are nodes of the same shape; declared here because a class cannot name itself.
        fields = super().get_fields()
        fields["children"] = UnitTreeNodeSerializer(many=True, read_only=True)
        return fields


class CompoundSerializer(serializers.ModelSerializer):
    community_code = serializers.SlugRelatedField(source="community", slug_field="code", read_only=True)
    community_name = serializers.CharField(source="community.name", read_only=True)
    grid_code = serializers.SlugRelatedField(source="grid", slug_field="code", read_only=True)
    grid_name = serializers.CharField(source="grid.name", read_only=True, allow_null=True)

    class Meta:
        model = Compound
        fields = ["code", "name", "community_code", "community_name", "grid_code", "grid_name", "address",
                  "households", "buildings", "latitude", "longitude", "is_active"]


class LiaisonSerializer(serializers.ModelSerializer):
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    department_name = serializers.CharField(source="department.name", read_only=True)
    street = serializers.SlugRelatedField(slug_field="code", read_only=True)
    street_name = serializers.CharField(source="street.name", read_only=True)
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Liaison
        fields = ["id", "department", "department_name", "street", "street_name", "name", "title", "phone",
                  "user"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["code", "name", "short_name", "kind", "phone", "is_active"]


class DepartmentDetailSerializer(DepartmentSerializer):
    liaisons = serializers.SerializerMethodField(
        help_text=_("Its liaisons, as far as the actor may see them."))

    class Meta(DepartmentSerializer.Meta):
        fields = [*DepartmentSerializer.Meta.fields, "liaisons"]

    @extend_schema_field(LiaisonSerializer(many=True))
    def get_liaisons(self, department: Department):
        liaisons = liaisons_visible_to(self.context["view"].actor).filter(department=department)
        return LiaisonSerializer(liaisons, many=True).data


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    user_display_name = serializers.CharField(source="user.display_name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    department = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "user_display_name", "role", "role_label", "unit", "department",
                  "organisation_name", "is_active", "created_at"]


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "phone"]


class MeSerializer(serializers.Serializer):
    user = AccountSerializer()
    memberships = MembershipSerializer(many=True, help_text=_("Every active membership, to choose from."))
    active_membership = MembershipSerializer(
        allow_null=True,
        help_text=_("The one acting now: chosen by the X-Membership header, else the first."))
    permissions = serializers.ListField(child=serializers.ChoiceField(choices=Permission.choices))


# ---------------------------------------------------------------------------------------------
# Serializers: what the API accepts. They check types and presence; the services own the rules
# (codes, duplicates, polygons, where a role may be held) so every caller is refused alike.


class UnitCreateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    parent_code = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    households = serializers.IntegerField(required=False, default=0)
    boundary = GeometryField(required=False, allow_null=True, default=None)
    address = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")


class UnitUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False)
    households = serializers.IntegerField(required=False)
    boundary = GeometryField(required=False, allow_null=True)
    address = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class CompoundCreateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    community_code = serializers.CharField()
    grid_code = serializers.CharField(required=False, allow_null=True, allow_blank=True, default=None)
    address = serializers.CharField(required=False, allow_blank=True, default="")
    households = serializers.IntegerField(required=False, default=0)
    buildings = serializers.IntegerField(required=False, default=0)
    latitude = serializers.FloatField(required=False, allow_null=True, default=None)
    longitude = serializers.FloatField(required=False, allow_null=True, default=None)


class DepartmentCreateSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=DepartmentKind.choices, required=False,
                                   default=DepartmentKind.FUNCTIONAL)
    short_name = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")


class LiaisonAssignSerializer(serializers.Serializer):
    department = VisibleRecordField(selector=departments_visible_to, model=Department, slug_field="code")
    street = VisibleRecordField(selector=units_visible_to, model=Unit, slug_field="code")
    name = serializers.CharField()
    title = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    user = VisibleRecordField(selector=users_visible_to, model=User, slug_field="username", required=False,
                              allow_null=True, default=None,
                              help_text=_("The liaison's own account, if they have one."))


class MembershipGrantSerializer(serializers.Serializer):
    user = VisibleRecordField(selector=users_visible_to, model=User, slug_field="username")
    role = serializers.ChoiceField(choices=Role.choices)
    unit = VisibleRecordField(selector=units_visible_to, model=Unit, slug_field="code", required=False,
                              allow_null=True, default=None)
    department = VisibleRecordField(selector=departments_visible_to, model=Department, slug_field="code",
                                    required=False, allow_null=True, default=None)


class MembershipRevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# ---------------------------------------------------------------------------------------------
# Filters


def _by_code(relation: str, label) -> filters.CharFilter:
    return filters.CharFilter(field_name=f"{relation}__code", label=label)


class UnitFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=UnitKind.choices)
    parent = _by_code("parent", _("Code of the parent unit"))
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Part of the name"))

    class Meta:
        model = Unit
        fields = ["kind", "parent", "q"]


class CompoundFilter(filters.FilterSet):
    community = _by_code("community", _("Code of the community"))
    grid = _by_code("grid", _("Code of the grid"))

    class Meta:
        model = Compound
        fields = ["community", "grid"]


class LiaisonFilter(filters.FilterSet):
    department = _by_code("department", _("Code of the department"))
    street = _by_code("street", _("Code of the street"))

    class Meta:
        model = Liaison
        fields = ["department", "street"]


class MembershipFilter(filters.FilterSet):
    user = filters.CharFilter(field_name="user__username", label=_("User name"))
    role = filters.ChoiceFilter(choices=Role.choices)
    unit = _by_code("unit", _("Code of the unit"))
    department = _by_code("department", _("Code of the department"))

    class Meta:
        model = Membership
        fields = ["user", "role", "unit", "department", "is_active"]


# ---------------------------------------------------------------------------------------------
# Views


class ScopedViewSet(ActorMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, ActorHasViewPermission]
    read_permission: str | None = Permission.REGISTRY_VIEW
    write_permission: str | None = Permission.REGISTRY_MANAGE

    def validated_input(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial,
                                      context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def writable(self, record):
        """The record, fetched in scope, once the actor's role may change it (else 403)."""
        self.check_object_permissions(self.request, record)
        return record

    def answer(self, serializer_class, record, status_code: int = status.HTTP_200_OK) -> Response:
        data = serializer_class(record, context=self.get_serializer_context()).data
        return Response(data, status=status_code)


def _tree(units: list[Unit], roots: list[Unit]) -> list[dict]:
    nodes = {unit.pk: {"code": unit.code, "name": unit.name, "kind": unit.kind, "households": unit.households,
                       "is_active": unit.is_active, "children": []} for unit in units}
    for unit in units:
        if unit.parent_id in nodes:
            nodes[unit.parent_id]["children"].append(nodes[unit.pk])
    return [nodes[root.pk] for root in roots if root.pk in nodes]


class UnitViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Unit.objects.none()  # the model, for the schema; records come from the selector
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return units_visible_to(self.actor).select_related("parent")

    @extend_schema(responses=UnitDetailSerializer)
    def retrieve(self, request, code: str):
        return self.answer(UnitDetailSerializer, unit_get_visible(self.actor, code=code))

    @extend_schema(request=UnitCreateSerializer, responses={201: UnitDetailSerializer})
    def create(self, request):
        unit = unit_create(actor=self.actor, **self.validated_input(UnitCreateSerializer))
        return self.answer(UnitDetailSerializer, unit, status.HTTP_201_CREATED)

    @extend_schema(request=UnitUpdateSerializer, responses=UnitDetailSerializer,
                   description=_("Change a unit's editable fields; its code, kind and parent are fixed."))
    def partial_update(self, request, code: str):
        unit = self.writable(unit_get_visible(self.actor, code=code))
        changes = self.validated_input(UnitUpdateSerializer, partial=True)
        # Fields that exist but may not change go on to the service, which names them in its refusal.
        editable = UnitUpdateSerializer().fields
        fixed = {name: value for name, value in request.data.items() if name not in editable}
        unit = unit_update(actor=self.actor, unit=unit, changes={**changes, **fixed})
        return self.answer(UnitDetailSerializer, unit)

    @extend_schema(responses=UnitTreeNodeSerializer(many=True), filters=False,
                   description=_("The part of the unit tree the actor sees, nested from its top."))
    @action(detail=False, pagination_class=None, filterset_class=None)
    def tree(self, request):
        units = list(units_visible_to(self.actor).order_by("code"))
        nodes = _tree(units, list(unit_roots_for(self.actor)))
        return Response(UnitTreeNodeSerializer(nodes, many=True).data)


class CompoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Compound.objects.none()
    serializer_class = CompoundSerializer
    filterset_class = CompoundFilter
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return compounds_visible_to(self.actor)

    @extend_schema(request=CompoundCreateSerializer, responses={201: CompoundSerializer})
    def create(self, request):
        compound = compound_create(actor=self.actor, **self.validated_input(CompoundCreateSerializer))
        return self.answer(CompoundSerializer, compound, status.HTTP_201_CREATED)


class DepartmentViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Department.objects.none()
    serializer_class = DepartmentSerializer
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_queryset(self):
        return departments_visible_to(self.actor)

    @extend_schema(responses=DepartmentDetailSerializer)
    def retrieve(self, request, code: str):
        return self.answer(DepartmentDetailSerializer, department_get_visible(self.actor, code=code))

    @extend_schema(request=DepartmentCreateSerializer, responses={201: DepartmentDetailSerializer})
    def create(self, request):
        department = department_create(actor=self.actor, **self.validated_input(DepartmentCreateSerializer))
        return self.answer(DepartmentDetailSerializer, department, status.HTTP_201_CREATED)


class LiaisonViewSet(mixins.ListModelMixin, ScopedViewSet):
    queryset = Liaison.objects.none()
    serializer_class = LiaisonSerializer
    filterset_class = LiaisonFilter

    def get_queryset(self):
        return liaisons_visible_to(self.actor)

    @extend_schema(request=LiaisonAssignSerializer, responses={200: LiaisonSerializer},
                   description=_("Name the department's liaison for a street, replacing any before."))
    def create(self, request):
        liaison = liaison_assign(actor=self.actor, **self.validated_input(LiaisonAssignSerializer))
        return self.answer(LiaisonSerializer, liaison)


class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Membership.objects.none()
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    # Everyone may read their own memberships; the selector decides whose else.
    read_permission = None
    write_permission = Permission.MEMBERSHIPS_MANAGE

    def get_queryset(self):
        return memberships_visible_to(self.actor)

    @extend_schema(request=MembershipGrantSerializer, responses={201: MembershipSerializer})
    def create(self, request):
        membership = membership_grant(actor=self.actor, **self.validated_input(MembershipGrantSerializer))
        return self.answer(MembershipSerializer, membership, status.HTTP_201_CREATED)

    @extend_schema(request=MembershipRevokeSerializer, responses=MembershipSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def revoke(self, request, pk: str):
        membership = self.writable(self.get_object())
        membership = membership_revoke(actor=self.actor, membership=membership,
                                       **self.validated_input(MembershipRevokeSerializer))
        return self.answer(MembershipSerializer, membership)


class MeView(ActorMixin, APIView):
    """The signed-in user, their memberships and the one they are acting through."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        actor = self.actor
        granted = [permission for permission in Permission.values if actor.has_permission(permission)]
        return Response(MeSerializer({
            "user": actor.user,
            "memberships": actor.available,
            "active_membership": actor.membership,
            "permissions": granted,
        }).data)


router = SimpleRouter()
router.register("units", UnitViewSet, basename="unit")
router.register("compounds", CompoundViewSet, basename="compound")
router.register("departments", DepartmentViewSet, basename="department")
router.register("liaisons", LiaisonViewSet, basename="liaison")
router.register("memberships", MembershipViewSet, basename="membership")

api_urlpatterns = [
    *router.urls,
    path("me/", MeView.as_view(), name="me"),
]
