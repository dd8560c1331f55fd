"""The home page's "what needs my attention": modules register panels, each shown to actors whose
role holds the panel's permission. A panel's builder runs real, scoped queries for the actor and
returns what to show, or None when the panel does not apply to where the actor sits (a street
panel for a department handler, say)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from gongzhi.common.access.actor import Actor

# How many items a panel lists before pointing to the full list.
PANEL_ITEM_LIMIT = 8


@dataclass(frozen=True)
class HomePanelItem:
    label: str | Promise
    url: str = ""
    detail: str | Promise = ""


@dataclass(frozen=True)
class HomePanelContent:
    title: str | Promise
    items: list[HomePanelItem]
    # How many there are in all; items holds at most PANEL_ITEM_LIMIT of them.
    total: int
    link_url: str = ""
    link_label: str | Promise = ""
    empty_message: str | Promise = ""


@dataclass(frozen=True)
class HomePanel:
    key: str
    permission: str | None
    build: Callable[[Actor], HomePanelContent | None]
    order: int = 100


_REGISTRY: list[HomePanel] = []


def home_panel_register(panel: HomePanel) -> None:
    if panel.key not in {registered.key for registered in _REGISTRY}:
        _REGISTRY.append(panel)


def home_panels_for(actor: Actor) -> list[HomePanelContent]:
    contents = []
    for panel in sorted(_REGISTRY, key=lambda registered: (registered.order, registered.key)):
        if panel.permission and not actor.has_permission(panel.permission):
            continue
        content = panel.build(actor)
        if content is not None:
            contents.append(content)
    return contents


def panel_content(
    *, title, rows, item_of: Callable[..., HomePanelItem], link_url: str = "", link_label="", empty_message="",
) -> HomePanelContent:
    """Build a panel from a queryset (or list): count it, list the first few as items."""
    total = len(rows) if isinstance(rows, list) else rows.count()
    items = [item_of(row) for row in rows[:PANEL_ITEM_LIMIT]]
    return HomePanelContent(title=title, items=items, total=total, link_url=link_url, link_label=link_label,
                            empty_message=empty_message)

