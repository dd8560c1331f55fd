from django.urls import path

from gongzhi.common import views
from gongzhi.common.api import api_urlpatterns  # noqa: F401

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
