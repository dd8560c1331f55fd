"""The assessment in the admin: read-only lists for city staff. Every change is an action with its
rules and its event (scheme edits while open, scores while scoring, nothing once locked), so the admin
offers none: the pages and the API call the services."""
from django.contrib import admin

from gongzhi.assessment.models import (Appeal, Cadre, DepartmentResult, ManualScore, Period, PostedStaff,
                                       ReviewSession)
from gongzhi.common.access.roles import Permission
from gongzhi.common.admin_base import RoleGatedAdmin


class AssessmentAdmin(RoleGatedAdmin):
    view_permission = Permission.ASSESSMENT_VIEW


@admin.register(Period)
class PeriodAdmin(AssessmentAdmin):
    list_display = ["name", "kind", "starts_on", "ends_on", "state", "street_share", "locked_at"]
    list_filter = ["state", "kind"]


@admin.register(DepartmentResult)
class DepartmentResultAdmin(AssessmentAdmin):
    list_display = ["period", "department", "rank", "total", "automatic_score", "street_score"]
    list_filter = ["period"]
    list_select_related = ["period", "department"]


@admin.register(ManualScore)
class ManualScoreAdmin(AssessmentAdmin):
    list_display = ["period", "street", "department", "item", "staff", "score", "adjusted_score", "scored_at"]
    list_filter = ["period", "street"]
    list_select_related = ["period", "street", "department", "item", "staff"]


@admin.register(Appeal)
class AppealAdmin(AssessmentAdmin):
    list_display = ["period", "department", "state", "filed_at", "decided_at"]
    list_filter = ["state", "period"]


@admin.register(PostedStaff)
class PostedStaffAdmin(AssessmentAdmin):
    list_display = ["name", "department", "street", "posted_on", "ended_on"]
    list_filter = ["department", "street"]


@admin.register(ReviewSession)
class ReviewSessionAdmin(RoleGatedAdmin):
    view_permission = Permission.CADRE_VIEW
    list_display = ["title", "year", "held_on", "state"]


@admin.register(Cadre)
class CadreAdmin(RoleGatedAdmin):
    view_permission = Permission.CADRE_VIEW
    list_display = ["name", "title", "post_kind", "unit", "department"]
    search_fields = ["name", "title"]
