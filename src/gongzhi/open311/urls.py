from django.urls import path  # noqa: F401

from gongzhi.open311.api import api_urlpatterns  # noqa: F401

urlpatterns: list = []
