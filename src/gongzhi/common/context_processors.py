"""What every page's shell needs: the actor, their memberships for the switcher, the navigation
for their role and the unread notification count."""
from __future__ import annotations

from gongzhi.common.navigation import navigation_for


def shell(request) -> dict:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    actor = request.actor
    return {
        "actor": actor,
        "navigation": navigation_for(actor),
    }
