"""Open311 GeoReport v2 under /open311/v2/, the resident portal (report/, track/) and the staff map
(map/). Every GeoReport resource answers in XML or JSON by its suffix; any other path under
/open311/v2/ answers 404 in the specification's error shape."""
from django.urls import include, path, re_path

from gongzhi.open311.api import api_urlpatterns  # noqa: F401  (mounted under /api/v1/ by the root URLconf)
from gongzhi.open311.views import georeport, portal, staff_map

FORMAT = r"\.(?P<format>xml|json)$"

georeport_patterns = [
    re_path(r"^discovery" + FORMAT, georeport.discovery, name="discovery"),
    re_path(r"^services" + FORMAT, georeport.services, name="services"),
    re_path(r"^services/(?P<service_code>[^/]+)" + FORMAT, georeport.service_definition, name="service"),
    re_path(r"^requests" + FORMAT, georeport.service_requests, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/]+)" + FORMAT, georeport.service_request, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + FORMAT, georeport.token, name="token"),
    re_path(r"^servicerequestupdates" + FORMAT, georeport.service_request_updates, name="updates"),
    re_path(r"^(?P<rest>.*)$", georeport.not_found),
]

open311_patterns = [
    path("open311/v2/", include(georeport_patterns)),
    path("report/", portal.report, name="report"),
    path("report/nearby/", portal.report_nearby, name="report-nearby"),
    path("report/places/", portal.report_places, name="report-places"),
    path("track/", portal.track_lookup, name="track-lookup"),
    path("track/<str:token>/", portal.track, name="track"),
    path("track/<str:token>/rate/", portal.track_rate, name="track-rate"),
    path("map/", staff_map.orders_map, name="map"),
]

urlpatterns = [path("", include((open311_patterns, "open311"), namespace="open311"))]
