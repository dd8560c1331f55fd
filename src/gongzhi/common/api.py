"""Kernel API: the token endpoint (sign-in for API clients) and the audit trail.

Thin views: the token goes through org.login (the same lockout as the login page), the events
through common.selectors (the same scope and filters as the audit page)."""
from __future__ import annotations

import math

from django.urls import path
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from gongzhi.common.access.roles import Permission
from gongzhi.common.models import DomainEvent
from gongzhi.common.rest.errors import error_response
from gongzhi.common.rest.permissions import ActorHasViewPermission
from gongzhi.common.rest.schema import ErrorSerializer
from gongzhi.common.rest.views import ActorMixin
from gongzhi.common.selectors import domain_events_filter, domain_events_visible_to
from gongzhi.org.login import AccountLocked, login_authenticate


class TokenCredentialsSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as the header “Authorization: Token <token>”."))


def _locked_answer(locked: AccountLocked) -> Response:
    response = error_response(
        status_code=429, code="account_locked",
        message=gettext("Too many failed sign-ins: this account is locked until %(time)s. Try again then, "
                        "or ask an administrator.") % {"time": time_format(timezone.localtime(locked.until),
                                                                                 "H:i")},
    )
    response["Retry-After"] = str(max(1, math.ceil((locked.until - timezone.now()).total_seconds())))
    return response


class TokenObtainView(APIView):
    """Exchange a user name and password for an API token. Failed attempts count towards the same
    lockout as the login page."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenCredentialsSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(ErrorSerializer, description=_("A field is missing, or the user name or "
                                                                "password is wrong.")),
            429: OpenApiResponse(ErrorSerializer, description=_("The account is locked after repeated "
                                                                "failures; see the Retry-After header.")),
        },
        auth=[],
    )
    def post(self, request):
        credentials = TokenCredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        try:
            user = login_authenticate(request=request, **credentials.validated_data)
        except AccountLocked as locked:
            return _locked_answer(locked)
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer({"token": token.key}).data)


class DomainEventSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)
    acting_role = serializers.CharField(source="membership.role", read_only=True, allow_null=True)

    class Meta:
        model = DomainEvent
        fields = ["id", "occurred_at", "actor", "membership", "acting_role", "action", "object_type",
                  "object_id", "object_repr", "unit_code", "before", "after", "comment", "attachments"]


class DomainEventFilter(filters.FilterSet):
    """Query parameters of the event list; the narrowing itself is the selector's, shared with the page."""

    action = filters.CharFilter(label=_("Action, e.g. unit.create"))
    object_type = filters.CharFilter(label=_("Record type, e.g. org.unit"))
    object_id = filters.CharFilter(label=_("Record id"))
    actor = filters.CharFilter(field_name="actor__username", label=_("User name of the actor"))
    unit = filters.CharFilter(field_name="unit_code", label=_("Unit code: events of that unit and below"))
    occurred_from = filters.DateFilter(field_name="occurred_at", label=_("First day (local time)"))
    occurred_to = filters.DateFilter(field_name="occurred_at", label=_("Last day (local time)"))

    class Meta:
        model = DomainEvent
        fields: list[str] = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        events = domain_events_filter(
            queryset, action=data.get("action") or "", object_type=data.get("object_type") or "",
            actor_username=data.get("actor") or "", unit_code=data.get("unit") or "",
            occurred_from=data.get("occurred_from"), occurred_to=data.get("occurred_to"),
        )
        if data.get("object_id"):
            events = events.filter(object_id=data["object_id"])
        return events


class DomainEventListView(ActorMixin, generics.ListAPIView):
    """The audit trail within the actor's reach, newest first."""

    permission_classes = [IsAuthenticated, ActorHasViewPermission]
    read_permission = Permission.AUDIT_VIEW
    queryset = DomainEvent.objects.none()  # the model, for the schema; records come from the selector
    serializer_class = DomainEventSerializer
    filterset_class = DomainEventFilter

    def get_queryset(self):
        return domain_events_visible_to(self.actor)


api_urlpatterns = [
    path("auth/token", TokenObtainView.as_view(), name="auth-token"),
    path("audit/events/", DomainEventListView.as_view(), name="audit-events"),
]
