"""Personnel files over the API: the list and a file (identity numbers and phones always masked),
opening and updating files, credentials, assessments, appointments, one's own file, and the Excel
import with its template."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.rest.errors import error_response
from gongzhi.common.rest.schema import ErrorSerializer
from gongzhi.org.api import VisibleRecordField
from gongzhi.org.models import User
from gongzhi.org.registry.problems import ImportRejected
from gongzhi.org.selectors import users_visible_to
from gongzhi.workforce import services
from gongzhi.workforce.api.base import HR_OR_OWN, XLSX_RESPONSE, WorkforceViewSet
from gongzhi.workforce.excel.download import xlsx_response
from gongzhi.workforce.excel.worker_import import workers_workbook_import, workers_workbook_template
from gongzhi.workforce.models import (
    AssessmentResult,
    CredentialKind,
    Education,
    Gender,
    PayLine,
    PostCategory,
    RecruitmentSource,
    Worker,
    WorkerStatus,
)
from gongzhi.workforce.reports import training_hours_by_worker
from gongzhi.workforce.selectors import (
    own_worker,
    pay_lines_visible_to,
    worker_get_visible,
    workers_visible_to,
)

# ---------------------------------------------------------------------------------------------
# Answers


class WorkerSerializer(serializers.ModelSerializer):
    identity_number = serializers.CharField(
        source="identity_number_masked", read_only=True, help_text=gettext_lazy("Always masked.")
    )
    phone = serializers.CharField(
        source="phone_masked", read_only=True, help_text=gettext_lazy("Always masked.")
    )
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Worker
        fields = [
            "id",
            "name",
            "gender",
            "birth_date",
            "identity_number",
            "phone",
            "education",
            "source",
            "hire_date",
            "unit_code",
            "unit_name",
            "post_category",
            "level",
            "status",
            "user",
        ]


class CredentialSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CredentialKind.choices)
    number = serializers.CharField()
    obtained_on = serializers.DateField()


class PostHistorySerializer(serializers.Serializer):
    starts_on = serializers.DateField()
    unit_code = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    post_category = serializers.ChoiceField(choices=PostCategory.choices)
    level = serializers.IntegerField()
    reason = serializers.CharField()
    basis = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    result = serializers.ChoiceField(choices=AssessmentResult.choices)


class PromotionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    worker = serializers.IntegerField(source="worker_id")
    worker_name = serializers.CharField(source="worker.name")
    period = serializers.IntegerField()
    from_level = serializers.IntegerField()
    to_level = serializers.IntegerField()
    effective_on = serializers.DateField()
    basis = serializers.JSONField()
    note = serializers.CharField()


class MigrationRecordSerializer(serializers.Serializer):
    migrated_on = serializers.DateField()
    post_category = serializers.CharField()
    level = serializers.IntegerField()
    years_of_service = serializers.IntegerField()
    pay_before = serializers.DecimalField(max_digits=10, decimal_places=2)
    pay_after = serializers.DecimalField(max_digits=10, decimal_places=2)


class PaySlipBriefSerializer(serializers.ModelSerializer):
    month = serializers.DateField(format="%Y-%m")

    class Meta:
        model = PayLine
        fields = ["id", "month", "level", "total"]


class WorkerDetailSerializer(WorkerSerializer):
    credentials = CredentialSerializer(many=True, read_only=True)
    post_history = PostHistorySerializer(many=True, read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True)
    promotions = PromotionSerializer(many=True, read_only=True)
    migration = serializers.SerializerMethodField()
    previous_monthly_pay = serializers.DecimalField(max_digits=10, decimal_places=2, read_only=True)
    training_hours_this_year = serializers.SerializerMethodField()
    pay_slips = serializers.SerializerMethodField(help_text=gettext_lazy("The latest twelve."))

    class Meta(WorkerSerializer.Meta):
        fields = [
            *WorkerSerializer.Meta.fields,
            "previous_monthly_pay",
            "credentials",
            "post_history",
            "assessments",
            "promotions",
            "migration",
            "training_hours_this_year",
            "pay_slips",
        ]

    @extend_schema_field(MigrationRecordSerializer(allow_null=True))
    def get_migration(self, worker: Worker):
        record = getattr(worker, "migration", None)
        return MigrationRecordSerializer(record).data if record else None

    @extend_schema_field(serializers.DecimalField(max_digits=6, decimal_places=1))
    def get_training_hours_this_year(self, worker: Worker):
        hours = training_hours_by_worker([worker.pk], timezone.localdate().year).get(worker.pk, 0)
        return f"{hours:.1f}"

    @extend_schema_field(PaySlipBriefSerializer(many=True))
    def get_pay_slips(self, worker: Worker):
        lines = pay_lines_visible_to(self.context["view"].actor).filter(worker=worker).order_by("-month")[:12]
        return PaySlipBriefSerializer(lines, many=True).data


# ---------------------------------------------------------------------------------------------
# Input: types and presence here, the rules in the services


class CredentialInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CredentialKind.choices)
    obtained_on = serializers.DateField()
    number = serializers.CharField(required=False, allow_blank=True, default="")


class WorkerCreateSerializer(serializers.Serializer):
    unit_code = serializers.CharField()
    name = serializers.CharField()
    identity_number = serializers.CharField()
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True, default="")
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    education = serializers.ChoiceField(choices=Education.choices)
    source = serializers.ChoiceField(
        choices=RecruitmentSource.choices, required=False, default=RecruitmentSource.REGULAR
    )
    hire_date = serializers.DateField()
    post_category = serializers.ChoiceField(choices=PostCategory.choices)
    level = serializers.IntegerField(required=False, allow_null=True, default=None)
    previous_monthly_pay = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True, default=None
    )
    credentials = CredentialInputSerializer(many=True, required=False, default=list)
    user = VisibleRecordField(
        selector=users_visible_to,
        model=User,
        slug_field="username",
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("The worker's own account, to see their file."),
    )


class WorkerUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(required=False)
    phone = serializers.CharField(required=False, allow_blank=True)
    education = serializers.ChoiceField(choices=Education.choices, required=False)
    status = serializers.ChoiceField(choices=WorkerStatus.choices, required=False)
    user = VisibleRecordField(
        selector=users_visible_to, model=User, slug_field="username", required=False, allow_null=True
    )


class CredentialAddSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CredentialKind.choices)
    obtained_on = serializers.DateField()
    number = serializers.CharField(required=False, allow_blank=True, default="")


class AssessmentRecordSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    result = serializers.ChoiceField(choices=AssessmentResult.choices)


class PostAssignSerializer(serializers.Serializer):
    post_category = serializers.ChoiceField(choices=PostCategory.choices)
    level = serializers.IntegerField()
    unit_code = serializers.CharField()
    starts_on = serializers.DateField()
    basis = serializers.CharField(required=False, allow_blank=True, default="")


class WorkerImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()


class WorkerFilter(filters.FilterSet):
    unit = filters.CharFilter(
        field_name="unit__code",
        lookup_expr="startswith",
        label=gettext_lazy("Code of a unit: its workers and those below it"),
    )
    post_category = filters.ChoiceFilter(choices=PostCategory.choices)
    level = filters.NumberFilter()
    status = filters.ChoiceFilter(choices=WorkerStatus.choices)
    source = filters.ChoiceFilter(choices=RecruitmentSource.choices)
    hired_in = filters.NumberFilter(
        field_name="hire_date", lookup_expr="year", label=gettext_lazy("Year of hiring")
    )
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", label=gettext_lazy("Part of the name"))

    class Meta:
        model = Worker
        fields = ["unit", "post_category", "level", "status", "source", "hired_in", "q"]


def _detail(worker: Worker) -> Worker:
    return (
        Worker.objects.select_related("unit", "user", "migration")
        .prefetch_related("credentials", "post_history__unit", "assessments", "promotions__worker")
        .get(pk=worker.pk)
    )


def import_rejected_response(rejected: ImportRejected) -> Response:
    """The import's problems in the API's error shape: each under "sheet:row:column"."""
    fields: dict[str, list[str]] = {}
    for problem in rejected.problems:
        place = ":".join(str(part) for part in (problem.source, problem.position or "", problem.field or ""))
        fields.setdefault(place, []).append(problem.message)
    return error_response(status_code=400, code="import_rejected", message=str(rejected), fields=fields)


class WorkerViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = Worker.objects.none()
    serializer_class = WorkerSerializer
    filterset_class = WorkerFilter
    read_permissions = HR_OR_OWN

    def get_queryset(self):
        return workers_visible_to(self.actor)

    def file(self, pk) -> Worker:
        return worker_get_visible(self.actor, pk=int(pk))

    @extend_schema(responses=WorkerDetailSerializer)
    def retrieve(self, request, pk: str):
        return self.answer(WorkerDetailSerializer, _detail(self.file(pk)))

    @extend_schema(request=WorkerCreateSerializer, responses={201: WorkerDetailSerializer})
    def create(self, request):
        data = self.validated_input(WorkerCreateSerializer)
        data["credentials"] = [services.CredentialEntry(**entry) for entry in data["credentials"]]
        worker = services.worker_create(actor=self.actor, **data)
        return self.answer(WorkerDetailSerializer, _detail(worker), status.HTTP_201_CREATED)

    @extend_schema(request=WorkerUpdateSerializer, responses=WorkerDetailSerializer)
    def partial_update(self, request, pk: str):
        worker = self.writable(self.file(pk))
        changes = self.validated_input(WorkerUpdateSerializer, partial=True)
        fixed = {
            name: value for name, value in request.data.items() if name not in WorkerUpdateSerializer().fields
        }
        worker = services.worker_update(actor=self.actor, worker=worker, changes={**changes, **fixed})
        return self.answer(WorkerDetailSerializer, _detail(worker))

    @extend_schema(request=CredentialAddSerializer, responses={201: WorkerDetailSerializer}, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def credentials(self, request, pk: str):
        worker = self.writable(self.file(pk))
        services.credential_add(
            actor=self.actor, worker=worker, **self.validated_input(CredentialAddSerializer)
        )
        return self.answer(WorkerDetailSerializer, _detail(worker), status.HTTP_201_CREATED)

    @extend_schema(request=AssessmentRecordSerializer, responses=WorkerDetailSerializer, filters=False)
    @action(detail=True, methods=["post"], filterset_class=None)
    def assessments(self, request, pk: str):
        worker = self.writable(self.file(pk))
        services.assessment_record(
            actor=self.actor, worker=worker, **self.validated_input(AssessmentRecordSerializer)
        )
        return self.answer(WorkerDetailSerializer, _detail(worker))

    @extend_schema(
        request=PostAssignSerializer,
        responses=WorkerDetailSerializer,
        filters=False,
        description=gettext_lazy("An appointment or transfer: a post, level and unit from a date on."),
    )
    @action(detail=True, methods=["post"], url_path="post", filterset_class=None)
    def assign_post(self, request, pk: str):
        worker = self.writable(self.file(pk))
        services.post_assign(actor=self.actor, worker=worker, **self.validated_input(PostAssignSerializer))
        return self.answer(WorkerDetailSerializer, _detail(worker))

    @extend_schema(
        responses=WorkerDetailSerializer,
        filters=False,
        description=gettext_lazy("The acting user's own personnel file."),
    )
    @action(detail=False, filterset_class=None, pagination_class=None)
    def me(self, request):
        return self.answer(WorkerDetailSerializer, _detail(own_worker(self.actor)))

    @extend_schema(
        request={"multipart/form-data": WorkerImportSerializer},
        responses={
            201: ImportResultSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description=gettext_lazy(
                    "The file's problems, each under “sheet:row:column”; nothing was imported."
                ),
            ),
        },
        filters=False,
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        filterset_class=None,
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_workbook(self, request):
        upload = self.validated_input(WorkerImportSerializer)["file"]
        try:
            created = workers_workbook_import(actor=self.actor, file=upload.read(), file_name=upload.name)
        except ImportRejected as rejected:
            return import_rejected_response(rejected)
        return Response({"created": len(created)}, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses=XLSX_RESPONSE,
        filters=False,
        description=gettext_lazy("An empty workbook in the format the import reads."),
    )
    @action(detail=False, url_path="import-template", filterset_class=None, pagination_class=None)
    def import_template(self, request):
        permission_require(self.actor, Permission.WORKFORCE_MANAGE)
        return xlsx_response(workers_workbook_template(), name="workers-import")
