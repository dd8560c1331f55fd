"""The assessment's sub-navigation: the parts of it the actor's role opens."""
from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongzhi.common.access.roles import Permission

register = template.Library()

TABS = [
    ("assessment:periods", _("Assessment periods"), (Permission.ASSESSMENT_VIEW,)),
    ("assessment:posted-staff", _("Posted staff"), (Permission.ASSESSMENT_VIEW,)),
    ("assessment:sessions", _("Party-building review"), (Permission.REVIEW_SCORE, Permission.CADRE_VIEW,
                                                          Permission.CADRE_MANAGE)),
    ("assessment:cadres", _("Cadre files"), (Permission.CADRE_VIEW,)),
]


@register.inclusion_tag("assessment/_tabs.html", takes_context=True)
def assessment_tabs(context, current: str):
    actor = context["actor"]
    return {"tabs": [{"url": reverse(name), "label": label, "current": name == current}
                     for name, label, permissions in TABS
                     if any(actor.has_permission(permission) for permission in permissions)]}
