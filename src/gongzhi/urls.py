from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from gongzhi.assessment import urls as assessment_urls
from gongzhi.common import urls as common_urls
from gongzhi.org import urls as org_urls
from gongzhi.open311 import urls as open311_urls
from gongzhi.orders import urls as orders_urls
from gongzhi.workforce import urls as workforce_urls

api_v1 = [*common_urls.api_urlpatterns, *org_urls.api_urlpatterns, *orders_urls.api_urlpatterns,
          *open311_urls.api_urlpatterns, *workforce_urls.api_urlpatterns, *assessment_urls.api_urlpatterns]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    *common_urls.urlpatterns,
    *org_urls.urlpatterns,
    *orders_urls.urlpatterns,
    *open311_urls.urlpatterns,
    *workforce_urls.urlpatterns,
    *assessment_urls.urlpatterns,
]

# Uploaded files are never served as public files: order photos go through orders:photo, which
# checks that the viewer may see the order.
