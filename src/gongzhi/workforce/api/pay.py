"""Pay over the API: the pay tables (read by all, edited by the city), the monthly pay runs with
their slips and Excel export, a worker's pay slip, and the pay migration's report and run."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.workforce import services
from gongzhi.workforce.api.base import HR, HR_OR_OWN, XLSX_RESPONSE, MonthField, WorkforceViewSet
from gongzhi.workforce.excel.download import xlsx_response
from gongzhi.workforce.excel.pay_export import pay_run_workbook
from gongzhi.workforce.models import LEVELS, PayLine, PayRun, PayTable, PostCategory
from gongzhi.workforce.reports import migration_report
from gongzhi.workforce.selectors import (
    pay_line_get_visible,
    pay_lines_of_run,
    pay_lines_visible_to,
    pay_run_get_visible,
    pay_runs_visible_to,
    pay_table_get_visible,
    pay_tables_visible_to,
)
from gongzhi.workforce.services.pay import pay_table_in_use

MONEY = {"max_digits": 10, "decimal_places": 2}


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "Base pay per post (head, deputy, staff): five amounts, level 1 first.",
        "example": {"head": ["3700", "3900", "4100", "4300", "4500"]},
    }
)
class BasePayField(serializers.JSONField):
    pass


class PayTableSerializer(serializers.ModelSerializer):
    base_pay = serializers.SerializerMethodField()
    in_use = serializers.SerializerMethodField(
        help_text=gettext_lazy("Pay has been computed with it: fixed.")
    )

    class Meta:
        model = PayTable
        fields = [
            "id",
            "name",
            "effective_from",
            "seniority_per_year",
            "seniority_cap_years",
            "performance_share",
            "allowance_assistant_social_worker",
            "allowance_social_worker",
            "allowance_senior_social_worker",
            "base_pay",
            "note",
            "in_use",
        ]

    @extend_schema_field(BasePayField)
    def get_base_pay(self, table: PayTable) -> dict:
        rates = {(rate.post_category, rate.level): str(rate.base_pay) for rate in table.rates.all()}
        return {post: [rates.get((post, level)) for level in LEVELS] for post in PostCategory.values}

    def get_in_use(self, table: PayTable) -> bool:
        return pay_table_in_use(table)


class PayTableInputSerializer(serializers.Serializer):
    name = serializers.CharField()
    effective_from = serializers.DateField(help_text=gettext_lazy("The first day of a month."))
    seniority_per_year = serializers.DecimalField(**MONEY)
    seniority_cap_years = serializers.IntegerField()
    performance_share = serializers.DecimalField(max_digits=4, decimal_places=3)
    allowance_assistant_social_worker = serializers.DecimalField(**MONEY)
    allowance_social_worker = serializers.DecimalField(**MONEY)
    allowance_senior_social_worker = serializers.DecimalField(**MONEY)
    base_pay = BasePayField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PayTableViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = PayTable.objects.none()
    serializer_class = PayTableSerializer
    read_permissions = HR_OR_OWN
    write_permission = Permission.WORKFORCE_PAY_TABLE

    def get_queryset(self):
        return pay_tables_visible_to(self.actor)

    def retrieve(self, request, pk: str):
        return self.answer(PayTableSerializer, pay_table_get_visible(self.actor, pk=int(pk)))

    @extend_schema(request=PayTableInputSerializer, responses={201: PayTableSerializer})
    def create(self, request):
        table = services.pay_table_create(actor=self.actor, **self.validated_input(PayTableInputSerializer))
        return self.answer(PayTableSerializer, table, status.HTTP_201_CREATED)

    @extend_schema(
        request=PayTableInputSerializer(partial=True),
        responses=PayTableSerializer,
        description=gettext_lazy("Correct a table no pay has been computed with yet."),
    )
    def partial_update(self, request, pk: str):
        table = self.writable(pay_table_get_visible(self.actor, pk=int(pk)))
        changes = self.validated_input(PayTableInputSerializer, partial=True)
        table = services.pay_table_update(actor=self.actor, table=table, changes=changes)
        return self.answer(PayTableSerializer, table)


class PayLineSerializer(serializers.ModelSerializer):
    month = MonthField(read_only=True)
    worker_name = serializers.CharField(source="worker.name", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = PayLine
        fields = [
            "id",
            "pay_run",
            "month",
            "worker",
            "worker_name",
            "unit_code",
            "unit_name",
            "post_category",
            "level",
            "years_of_service",
            "credential_kind",
            "base_pay",
            "seniority_pay",
            "credential_allowance",
            "performance_pay",
            "total",
        ]


class PayRunSerializer(serializers.ModelSerializer):
    month = MonthField(read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    table_name = serializers.CharField(source="table.name", read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PayRun
        fields = [
            "id",
            "unit_code",
            "unit_name",
            "month",
            "table",
            "table_name",
            "worker_count",
            "total",
            "created_by",
            "created_at",
        ]


class PayRunDetailSerializer(PayRunSerializer):
    lines = serializers.SerializerMethodField(help_text=gettext_lazy("The slips of workers in your reach."))

    class Meta(PayRunSerializer.Meta):
        fields = [*PayRunSerializer.Meta.fields, "lines"]

    @extend_schema_field(PayLineSerializer(many=True))
    def get_lines(self, run: PayRun):
        return PayLineSerializer(pay_lines_of_run(self.context["view"].actor, run), many=True).data


class PayRunCreateSerializer(serializers.Serializer):
    unit_code = serializers.CharField(help_text=gettext_lazy("A community, a street or the city."))
    month = MonthField()


class PayRunViewSet(mixins.ListModelMixin, WorkforceViewSet):
    queryset = PayRun.objects.none()
    serializer_class = PayRunSerializer
    read_permissions = HR
    write_permission = Permission.WORKFORCE_PAY_RUN

    def get_queryset(self):
        return pay_runs_visible_to(self.actor)

    @extend_schema(responses=PayRunDetailSerializer)
    def retrieve(self, request, pk: str):
        return self.answer(PayRunDetailSerializer, pay_run_get_visible(self.actor, pk=int(pk)))

    @extend_schema(request=PayRunCreateSerializer, responses={201: PayRunDetailSerializer})
    def create(self, request):
        run = services.pay_run_create(actor=self.actor, **self.validated_input(PayRunCreateSerializer))
        return self.answer(PayRunDetailSerializer, run, status.HTTP_201_CREATED)

    @extend_schema(responses=XLSX_RESPONSE, filters=False)
    @action(detail=True, url_path="export.xlsx", filterset_class=None)
    def export(self, request, pk: str):
        run = pay_run_get_visible(self.actor, pk=int(pk))
        content = pay_run_workbook(run=run, lines=pay_lines_of_run(self.actor, run))
        return xlsx_response(content, name=f"pay-run-{run.unit.code}-{run.month:%Y-%m}")


class PaySlipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, WorkforceViewSet):
    """Slips of workers in reach, and one's own."""

    queryset = PayLine.objects.none()
    serializer_class = PayLineSerializer
    read_permissions = HR_OR_OWN
    write_permission = None

    def get_queryset(self):
        return pay_lines_visible_to(self.actor).order_by("-month", "unit__code", "worker__name")

    def get_object(self):
        return pay_line_get_visible(self.actor, pk=int(self.kwargs["pk"]))


# ---------------------------------------------------------------------------------------------
# The pay migration


class PaySummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    average = serializers.DecimalField(allow_null=True, **MONEY)
    median = serializers.DecimalField(allow_null=True, **MONEY)
    minimum = serializers.DecimalField(allow_null=True, **MONEY)
    maximum = serializers.DecimalField(allow_null=True, **MONEY)


class MigrationGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    before = PaySummarySerializer()
    after = PaySummarySerializer()


class MigrationReportSerializer(serializers.Serializer):
    overall = MigrationGroupSerializer()
    by_post = MigrationGroupSerializer(many=True)
    by_unit = MigrationGroupSerializer(many=True)


class MigrationApplySerializer(serializers.Serializer):
    unit_code = serializers.CharField()
    migrated_on = serializers.DateField(help_text=gettext_lazy("The first day of a month."))


class MigrationResultSerializer(serializers.Serializer):
    migrated = serializers.IntegerField()


class MigrationViewSet(WorkforceViewSet):
    read_permissions = HR
    write_permission = Permission.WORKFORCE_PAY_TABLE

    @extend_schema(
        responses=MigrationReportSerializer,
        filters=False,
        description=gettext_lazy(
            "Monthly pay before and after the migration, from the records in "
            "your reach: overall, by post and by unit."
        ),
    )
    @action(detail=False, pagination_class=None, filterset_class=None)
    def report(self, request):
        return Response(MigrationReportSerializer(migration_report(self.actor)).data)

    @extend_schema(request=MigrationApplySerializer, responses=MigrationResultSerializer, filters=False)
    @action(detail=False, methods=["post"], filterset_class=None)
    def apply(self, request):
        permission_require(self.actor, Permission.WORKFORCE_PAY_TABLE)
        count = services.migration_apply(actor=self.actor, **self.validated_input(MigrationApplySerializer))
        return Response({"migrated": count})
