"""What every page's shell needs: the actor, their memberships for the switcher and the navigation
for their role, with the entry of the current page marked, and the count of unread notifications."""
from __future__ import annotations

from gongzhi.common.navigation import navigation_for
from gongzhi.common.notifications import unread_count


def _is_current(entry_url: str, path: str) -> bool:
    # Home is "/", a prefix of everything: it is current only on itself.
    return path == entry_url if entry_url == "/" else path.startswith(entry_url)


def shell(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    actor = request.actor
    navigation = [{**entry, "current": _is_current(entry["url"], request.path)} for entry in navigation_for(actor)]
    return {
        "actor": actor,
        "navigation": navigation,
        "switchable_memberships": actor.available if len(actor.available) > 1 else (),
        "unread_notifications": unread_count(request.user),
    }
