"""Base classes for the API: the actor on every request, and service errors mapped in one place."""
from __future__ import annotations

from rest_framework import generics, viewsets

from gongzhi.common.access.actor import Actor, actor_for_request


class ActorMixin:
    """Gives API views ``self.actor`` after DRF has authenticated the request (token or session)."""

    @property
    def actor(self) -> Actor:
        cached = getattr(self.request, "_gongzhi_api_actor", None)
        if cached is None or cached.user != self.request.user:
            cached = actor_for_request(self.request)
            self.request._gongzhi_api_actor = cached
        return cached


class ScopedReadOnlyViewSet(ActorMixin, viewsets.ReadOnlyModelViewSet):
    """Subclasses implement ``get_queryset`` through a selector that takes ``self.actor``."""


class ScopedListAPIView(ActorMixin, generics.ListAPIView):
    pass
