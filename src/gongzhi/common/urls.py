from django.urls import path

from gongzhi.common import views
from gongzhi.common.api import api_urlpatterns  # noqa: F401

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", views.home, name="home"),
    path("audit/", views.audit_events, name="audit-events"),
]
