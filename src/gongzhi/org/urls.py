from django.urls import path

from gongzhi.org import views
from gongzhi.org.api import api_urlpatterns  # noqa: F401

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("logout/", views.logout_page, name="logout"),
    path("password/", views.password_change, name="password-change"),
    path("membership/", views.membership_switch, name="membership-switch"),
    path("registry/", views.registry_tree, name="registry-tree"),
    path("registry/units/<str:code>/", views.registry_unit, name="registry-unit"),
    path("registry/units/<str:code>/children/", views.registry_unit_children, name="registry-unit-children"),
    path("registry/departments/", views.registry_departments, name="registry-departments"),
    path("registry/departments/<str:code>/", views.registry_department, name="registry-department"),
    path("registry/compounds/", views.registry_compounds, name="registry-compounds"),
]
