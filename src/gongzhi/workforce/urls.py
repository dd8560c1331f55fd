from django.urls import include, path

from gongzhi.workforce.api import api_urlpatterns  # noqa: F401
from gongzhi.workforce.views import careers, pay, workers

page_patterns = [
    path("", workers.worker_list, name="workers"),
    path("workers/new/", workers.worker_new, name="worker-new"),
    path("workers/import/", workers.worker_import, name="worker-import"),
    path("workers/import/template/", workers.worker_import_template, name="worker-import-template"),
    path("workers/<int:pk>/", workers.worker_detail, name="worker"),
    path("workers/<int:pk>/<str:action>/", workers.worker_action, name="worker-action"),
    path("me/", workers.my_file, name="my-file"),
    path("pay-tables/", pay.pay_table_list, name="pay-tables"),
    path("pay-tables/new/", pay.pay_table_new, name="pay-table-new"),
    path("pay-tables/<int:pk>/edit/", pay.pay_table_edit, name="pay-table-edit"),
    path("pay-runs/", pay.pay_run_list, name="pay-runs"),
    path("pay-runs/<int:pk>/", pay.pay_run_detail, name="pay-run"),
    path("pay-runs/<int:pk>/export/", pay.pay_run_export, name="pay-run-export"),
    path("pay-slips/<int:pk>/", pay.pay_slip, name="pay-slip"),
    path("migration/", pay.migration, name="migration"),
    path("promotions/", careers.promotions, name="promotions"),
    path("training/", careers.training, name="training"),
    path("training/sessions/<int:pk>/", careers.training_session, name="training-session"),
    path("training/shortfall/", careers.training_shortfall_page, name="training-shortfall"),
    path("staffing/", careers.staffing, name="staffing"),
    path("cadres/", careers.cadres, name="cadres"),
    path("cadres/<str:kind>/<int:pk>/end/", careers.cadre_end, name="cadre-end"),
]

urlpatterns = [
    path("workforce/", include((page_patterns, "workforce"), namespace="workforce")),
]
