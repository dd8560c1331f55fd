from django.urls import path

from gongzhi.common import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
api_urlpatterns: list = []
