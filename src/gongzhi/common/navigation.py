"""The shell's navigation: each module registers its entries with the permission that shows them."""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from gongzhi.common.access.actor import Actor


@dataclass(frozen=True)
class NavigationEntry:
    label: str | Promise
    url_name: str
    permission: str | None
    icon: str = ""
    order: int = 100
    city_wide_only: bool = False


_REGISTRY: list[NavigationEntry] = []


def navigation_register(entry: NavigationEntry) -> None:
    if entry.url_name not in {e.url_name for e in _REGISTRY}:
        _REGISTRY.append(entry)


def navigation_for(actor: Actor) -> list[dict]:
    items = []
    for entry in sorted(_REGISTRY, key=lambda e: e.order):
        if entry.permission and not actor.has_permission(entry.permission):
            continue
        if entry.city_wide_only and not actor.is_city_wide:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": entry.label, "url": url, "url_name": entry.url_name, "icon": entry.icon})
    return items
