"""The workforce in Django's admin: read-only lists for city staff, to look records up. Every change
goes through the workforce pages and API (their services check the rules and write the audit
events), so the admin offers none; identity numbers and phones appear only masked."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission
from gongzhi.common.admin_base import RoleGatedAdmin
from gongzhi.workforce.models import (
    Course,
    MentoringPair,
    MigrationRecord,
    PayRun,
    PayTable,
    Promotion,
    Secondment,
    TrainingSession,
    Worker,
)


class WorkforceAdmin(RoleGatedAdmin):
    view_permission = Permission.WORKFORCE_VIEW
    manage_permission = None


@admin.register(Worker)
class WorkerAdmin(WorkforceAdmin):
    list_display = ["name", "unit", "post_category", "level", "status", "hire_date", "masked_identity_number"]
    list_filter = ["post_category", "level", "status", "source"]
    search_fields = ["name", "unit__name"]
    fields = [
        "name",
        "unit",
        "gender",
        "birth_date",
        "masked_identity_number",
        "masked_phone",
        "education",
        "source",
        "hire_date",
        "post_category",
        "level",
        "status",
        "previous_monthly_pay",
        "user",
    ]
    readonly_fields = fields

    @admin.display(description=_("identity number"))
    def masked_identity_number(self, worker: Worker) -> str:
        return worker.identity_number_masked

    @admin.display(description=_("phone"))
    def masked_phone(self, worker: Worker) -> str:
        return worker.phone_masked


@admin.register(PayTable)
class PayTableAdmin(WorkforceAdmin):
    list_display = ["name", "effective_from", "seniority_per_year", "performance_share"]


@admin.register(PayRun)
class PayRunAdmin(WorkforceAdmin):
    list_display = ["unit", "month", "table", "worker_count", "total", "created_by"]
    list_filter = ["month"]


@admin.register(MigrationRecord)
class MigrationRecordAdmin(WorkforceAdmin):
    list_display = ["worker", "unit", "post_category", "level", "pay_before", "pay_after", "migrated_on"]
    list_filter = ["post_category", "level"]


@admin.register(Promotion)
class PromotionAdmin(WorkforceAdmin):
    list_display = ["worker", "period", "from_level", "to_level", "effective_on"]
    list_filter = ["period"]


@admin.register(Course)
class CourseAdmin(WorkforceAdmin):
    list_display = ["code", "title", "hours", "unit"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(WorkforceAdmin):
    list_display = ["course", "unit", "held_on", "hours"]


@admin.register(Secondment)
class SecondmentAdmin(WorkforceAdmin):
    list_display = ["name", "home_name", "community", "duty", "starts_on", "ends_on"]
    fields = ["name", "department", "home_organisation", "community", "duty", "starts_on", "ends_on"]


@admin.register(MentoringPair)
class MentoringPairAdmin(WorkforceAdmin):
    list_display = ["mentor", "mentee", "starts_on", "ends_on"]
