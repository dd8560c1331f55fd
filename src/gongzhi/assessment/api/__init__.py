"""The assessment's API under /api/v1/assessment/ (see api/periods.py and api/reviews.py)."""
from django.urls import path

from gongzhi.assessment import services
from gongzhi.assessment.api import periods, reviews

PERIOD = "assessment/periods/<int:period_id>"
SESSION = "assessment/reviews/<int:session_id>"

api_urlpatterns = [
    path("assessment/periods", periods.PeriodListView.as_view(), name="assessment-periods"),
    path(PERIOD, periods.PeriodDetailView.as_view(), name="assessment-period"),
    path(f"{PERIOD}/indicators", periods.IndicatorListView.as_view(), name="assessment-indicators"),
    path(f"{PERIOD}/indicators/<int:part_id>", periods.IndicatorDetailView.as_view(),
         name="assessment-indicator"),
    path(f"{PERIOD}/items", periods.ItemListView.as_view(), name="assessment-items"),
    path(f"{PERIOD}/items/<int:part_id>", periods.ItemDetailView.as_view(), name="assessment-item"),
    path(f"{PERIOD}/start-scoring", periods.PeriodStepView.as_view(step=services.period_start_scoring),
         name="assessment-period-start-scoring"),
    path(f"{PERIOD}/compute", periods.PeriodStepView.as_view(step=services.period_compute),
         name="assessment-period-compute"),
    path(f"{PERIOD}/start-review", periods.PeriodStepView.as_view(step=services.period_start_review),
         name="assessment-period-start-review"),
    path(f"{PERIOD}/lock", periods.PeriodStepView.as_view(step=services.period_lock),
         name="assessment-period-lock"),
    path(f"{PERIOD}/results", periods.ResultListView.as_view(), name="assessment-results"),
    path(f"{PERIOD}/results/<str:department_code>", periods.ResultDetailView.as_view(),
         name="assessment-result"),
    path(f"{PERIOD}/scores", periods.ScoreListView.as_view(), name="assessment-scores"),
    path(f"{PERIOD}/appeals", periods.AppealListView.as_view(), name="assessment-appeals"),
    path(f"{PERIOD}/export.xlsx", periods.PeriodExportView.as_view(), name="assessment-period-export"),
    path("assessment/appeals/<int:appeal_id>/decide", periods.AppealDecideView.as_view(),
         name="assessment-appeal-decide"),
    path("assessment/departments/<str:department_code>/trend", periods.DepartmentTrendView.as_view(),
         name="assessment-department-trend"),
    path("assessment/posted-staff", periods.PostedStaffListView.as_view(), name="assessment-posted-staff"),
    path("assessment/posted-staff/<int:staff_id>/end", periods.PostingEndView.as_view(),
         name="assessment-posting-end"),
    path("assessment/reviews", reviews.ReviewSessionListView.as_view(), name="review-sessions"),
    path(SESSION, reviews.ReviewSessionDetailView.as_view(), name="review-session"),
    path(f"{SESSION}/criteria", reviews.CriterionAddView.as_view(), name="review-criteria"),
    path(f"{SESSION}/evaluators", reviews.EvaluatorAddView.as_view(), name="review-evaluators"),
    path(f"{SESSION}/subjects", reviews.SubjectAddView.as_view(), name="review-subjects"),
    path(f"{SESSION}/start-scoring", reviews.ReviewSessionStepView.as_view(
        step=services.review_session_start_scoring), name="review-session-start-scoring"),
    path(f"{SESSION}/close", reviews.ReviewSessionStepView.as_view(step=services.review_session_close),
         name="review-session-close"),
    path(f"{SESSION}/subjects/<int:subject_id>/scores", reviews.ReviewScoresView.as_view(),
         name="review-scores"),
    path("assessment/cadres", reviews.CadreListView.as_view(), name="cadres"),
    path("assessment/cadres/<int:cadre_id>", reviews.CadreDetailView.as_view(), name="cadre"),
    path("assessment/cadres/<int:cadre_id>/honours", reviews.CadreHonourView.as_view(), name="cadre-honours"),
    path("assessment/cadres/<int:cadre_id>/promotions", reviews.CadrePromotionView.as_view(),
         name="cadre-promotions"),
    path("assessment/talent-pool", reviews.TalentPoolView.as_view(), name="talent-pool"),
]
