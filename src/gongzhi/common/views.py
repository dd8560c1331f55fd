"""Kernel pages: the health check, the home page and the audit browser."""
from __future__ import annotations

import json
import logging

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gongzhi.common.access.roles import Permission
from gongzhi.common.forms import AuditFilterForm
from gongzhi.common.home import home_panels_for
from gongzhi.common.models import DomainEvent
from gongzhi.common.pages import page_of, page_view, query_without_page
from gongzhi.common.selectors import domain_event_choices, domain_events_filter, domain_events_visible_to

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 with the database reachable, 503 when it is not: load balancers and monitors read this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "not ready"; the reason goes to the log, not the client
        logger.exception("health check: database unreachable")
        try:
            connection.close()
        except Exception:
            logger.debug("closing a broken connection failed", exc_info=True)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@page_view()
def home(request):
    """What needs the actor's attention: the panels modules registered for their role. Panels with
    something in them come first; the empty ones are gathered in one short "all clear" list, so a
    phone does not scroll past empty boxes to reach the work."""
    panels = home_panels_for(request.actor)
    return render(request, "common/home.html", {
        "panels": [panel for panel in panels if panel.total],
        "clear_panels": [panel for panel in panels if not panel.total],
    })


# A value longer than this (a boundary polygon, say) is cut in the diff; the event keeps it whole.
DIFF_VALUE_LIMIT = 160


def _diff_text(value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= DIFF_VALUE_LIMIT else text[:DIFF_VALUE_LIMIT] + "…"


def event_changes(event: DomainEvent) -> list[dict]:
    """The event's before/after as rows (field, before, after), fields in a stable order: every field
    of a record made (no before), only the fields that changed otherwise."""
    before, after = event.before or {}, event.after or {}
    rows = []
    for name in sorted(set(before) | set(after)):
        if event.before is not None and before.get(name) == after.get(name):
            continue
        rows.append({"field": name, "before": _diff_text(before.get(name)), "after": _diff_text(after.get(name))})
    return rows


@require_GET
@page_view(Permission.AUDIT_VIEW)
def audit_events(request):
    """Browse the domain events within the actor's reach, filtered, newest first."""
    visible = domain_events_visible_to(request.actor)
    form = AuditFilterForm(request.GET or None, **domain_event_choices(visible))
    filters = {}
    if form.is_bound:
        form.is_valid()
        cleaned = form.cleaned_data
        filters = {
            "action": cleaned.get("action") or "",
            "object_type": cleaned.get("object_type") or "",
            "actor_username": (cleaned.get("actor") or "").strip(),
            "unit_code": cleaned.get("unit") or "",
            "occurred_from": cleaned.get("occurred_from"),
            "occurred_to": cleaned.get("occurred_to"),
        }
    page = page_of(request, domain_events_filter(visible, **filters))
    return render(request, "common/audit_events.html", {
        "form": form,
        "page": page,
        "events": [(event, event_changes(event)) for event in page.object_list],
        "query": query_without_page(request),
    })
