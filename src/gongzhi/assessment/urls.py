from django.urls import include, path

from gongzhi.assessment.api import api_urlpatterns  # noqa: F401
from gongzhi.assessment.views import periods, reviews

PERIOD = "periods/<int:period_id>"

page_patterns = [
    path("", periods.periods, name="periods"),
    path(f"{PERIOD}/", periods.period_detail, name="period"),
    path(f"{PERIOD}/edit/", periods.period_edit, name="period-edit"),
    path(f"{PERIOD}/indicators/", periods.indicator_add, name="indicator-add"),
    path(f"{PERIOD}/items/", periods.item_add, name="item-add"),
    path(f"{PERIOD}/<str:part>/<int:part_id>/remove/", periods.scheme_part_remove, name="scheme-part-remove"),
    path(f"{PERIOD}/step/<str:step>/", periods.period_step, name="period-step"),
    path(f"{PERIOD}/score/", periods.street_scores, name="score"),
    path(f"{PERIOD}/departments/<str:department_code>/", periods.department_result, name="department"),
    path(f"{PERIOD}/departments/<str:department_code>/appeal/", periods.appeal_file, name="appeal-file"),
    path(f"{PERIOD}/appeals/", periods.appeals, name="appeals"),
    path(f"{PERIOD}/export/", periods.period_export, name="export"),
    path("appeals/<int:appeal_id>/decide/", periods.appeal_decide, name="appeal-decide"),
    path("staff/", periods.posted_staff, name="posted-staff"),
    path("staff/<int:staff_id>/end/", periods.posting_end, name="posting-end"),
    path("reviews/", reviews.sessions, name="sessions"),
    path("reviews/<int:session_id>/", reviews.session_detail, name="session"),
    path("reviews/<int:session_id>/add/<str:part>/", reviews.session_part_add, name="session-part-add"),
    path("reviews/<int:session_id>/step/<str:step>/", reviews.session_step, name="session-step"),
    path("reviews/<int:session_id>/subjects/<int:subject_id>/score/", reviews.review_score,
         name="review-score"),
    path("cadres/", reviews.cadres, name="cadres"),
    path("cadres/<int:cadre_id>/", reviews.cadre_detail, name="cadre"),
    path("cadres/<int:cadre_id>/<str:part>/", reviews.cadre_record, name="cadre-record"),
]

urlpatterns = [path("assessment/", include((page_patterns, "assessment"), namespace="assessment"))]
