from django.urls import path  # noqa: F401

from gongzhi.assessment.api import api_urlpatterns  # noqa: F401

urlpatterns: list = []
