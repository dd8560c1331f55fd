from django.urls import include, path

from gongzhi.orders import photos, views
from gongzhi.orders.api import api_urlpatterns  # noqa: F401

page_patterns = [
    path("", views.order_queue, name="queue"),
    path("new/", views.order_new, name="new"),
    path("bulk-dispatch/", views.order_bulk_dispatch, name="bulk-dispatch"),
    path("export/", views.order_queue_export, name="export"),
    path("statistics/", views.order_statistics_page, name="statistics"),
    path("statistics/export/", views.order_statistics_export, name="statistics-export"),
    path("<str:number>/", views.order_detail, name="detail"),
    path("<str:number>/deadline/", views.order_deadline, name="deadline"),
    path("<str:number>/photos/<int:photo_id>/", photos.order_photo, name="photo"),
    path("<str:number>/<str:action>/", views.order_action, name="action"),
]

inbox_patterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/read/", views.inbox_read, name="inbox-read"),
    path("read-all/", views.inbox_read_all, name="inbox-read-all"),
]

urlpatterns = [
    path("orders/", include((page_patterns, "orders"), namespace="orders")),
    path("inbox/", include(inbox_patterns)),
]
