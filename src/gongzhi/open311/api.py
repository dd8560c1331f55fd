"""API of the staff map (under /api/v1/): the orders in view, as points or clusters. Thin: the
scope is the work orders' selector, the filters the queue page's, the clustering a selector's."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.common.rest.views import ActorMixin
from gongzhi.open311.map_filters import map_default_queue, map_filter_form, map_orders
from gongzhi.open311.selectors.staff_map import BoundingBox, orders_map_data

MAX_ZOOM = 22


def _bounding_box(text: str) -> BoundingBox | None:
    if not text:
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise ValidationError({"bbox": _("Give west,south,east,north in degrees.")}) from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ValidationError({"bbox": _("Give west,south,east,north in degrees, west before east.")})
    return BoundingBox(west, south, east, north)


def _zoom(text: str) -> int:
    if not text:
        return 12
    if not text.isdigit() or int(text) > MAX_ZOOM:
        raise ValidationError({"zoom": _("A whole number from 0 to %(n)d.") % {"n": MAX_ZOOM}})
    return int(text)


MAP_POINT_FIELDS = {
    "number": serializers.CharField(), "title": serializers.CharField(), "state": serializers.CharField(),
    "state_label": serializers.CharField(), "latitude": serializers.FloatField(),
    "longitude": serializers.FloatField(), "url": serializers.CharField()}
MAP_CLUSTER_FIELDS = {
    "count": serializers.IntegerField(), "states": serializers.DictField(child=serializers.IntegerField()),
    "state": serializers.CharField(help_text="The most frequent state in the cluster."),
    "latitude": serializers.FloatField(), "longitude": serializers.FloatField()}


class OrdersMapView(ActorMixin, APIView):
    @extend_schema(
        operation_id="orders_map", tags=["map"],
        summary="Orders on the map: points when few, clusters when many",
        parameters=[
            OpenApiParameter("queue", OpenApiTypes.STR, description="A queue of the actor's, or 'all'."),
            OpenApiParameter("bbox", OpenApiTypes.STR, description="west,south,east,north in degrees."),
            OpenApiParameter("zoom", OpenApiTypes.INT, description="The map's zoom (sets the cluster size)."),
            OpenApiParameter("state", OpenApiTypes.STR), OpenApiParameter("street", OpenApiTypes.STR),
            OpenApiParameter("community", OpenApiTypes.STR), OpenApiParameter("department", OpenApiTypes.STR),
            OpenApiParameter("category", OpenApiTypes.STR), OpenApiParameter("order_class", OpenApiTypes.STR),
            OpenApiParameter("overdue", OpenApiTypes.BOOL), OpenApiParameter("q", OpenApiTypes.STR),
        ],
        responses={200: inline_serializer("OrdersMap", {
            "total": serializers.IntegerField(),
            "states": serializers.DictField(child=serializers.IntegerField()),
            "clustered": serializers.BooleanField(),
            "points": inline_serializer("MapPoint", MAP_POINT_FIELDS, many=True),
            "clusters": inline_serializer("MapCluster", MAP_CLUSTER_FIELDS, many=True)})},
    )
    def get(self, request):
        actor = self.actor
        permission_require(actor, Permission.ORDERS_VIEW)
        params = request.query_params
        box, zoom = _bounding_box(params.get("bbox", "")), _zoom(params.get("zoom", ""))
        form = map_filter_form(actor, params)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        orders = map_orders(actor, queue=params.get("queue") or map_default_queue(actor), form=form)
        return Response(orders_map_data(orders=orders, box=box, zoom=zoom))


api_urlpatterns = [
    path("map/orders/", OrdersMapView.as_view(), name="orders-map"),
]
