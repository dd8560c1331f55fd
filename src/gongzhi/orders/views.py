"""Pages of the work-order loop: reporting a problem, the queues, the order with its timeline and
actions, bulk dispatch, the statistics and the inbox. Thin: reads go through the scoped selectors,
every change through one service; a record out of reach answers 404, a role without the right 403,
an action in the wrong state 409 (with the state named)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.common.access.roles import Permission
from gongzhi.common.exceptions import ActionNotPermitted, IllegalTransition, RecordNotFound
from gongzhi.common.masking import mask_name, mask_phone
from gongzhi.common.notifications.inbox import notification_mark_read, notifications_for, notifications_mark_all_read
from gongzhi.common.pages import form_errors_from_service, page_of, page_view, query_without_page, safe_next_url
from gongzhi.org.models import Department, UnitKind
from gongzhi.org.selectors import compounds_visible_to, units_visible_to
from gongzhi.orders import services
from gongzhi.orders.catalogue import department_suggestion
from gongzhi.orders.countdown import order_countdown
from gongzhi.orders.excel import CONTENT_TYPE as EXCEL_CONTENT_TYPE
from gongzhi.orders.excel import STATISTICS_COUNTS, STATISTICS_RATES, orders_workbook, statistics_workbook
from gongzhi.orders.forms import ACTION_FORMS, BulkDispatchForm, QueueFilterForm, ReportForm, StatisticsForm
from gongzhi.orders.models import Channel, ExtensionRequest, ExtensionState, Satisfaction, WorkOrder
from gongzhi.orders.permissions import action_require, actions_available, actor_handles_order
from gongzhi.orders.queues import ALL_ORDERS, queue_label, queue_tabs
from gongzhi.orders.search import order_text_filter
from gongzhi.orders.selectors import (Queue, categories_for, order_events_visible, order_get_visible, queue_filter,
                                      orders_visible_to)
from gongzhi.orders.statistics import order_statistics, period_bounds
from gongzhi.orders.timeline import timeline_entries
from gongzhi.orders.transitions import TRANSITIONS

# One service per action of the loop; the form of the same name gathers its arguments.
ACTION_SERVICES = {
    "dispatch": services.order_dispatch,
    "handle_locally": services.order_handle_locally,
    "reject": services.order_reject,
    "mark_duplicate": services.order_mark_duplicate,
    "cancel": services.order_cancel,
    "accept": services.order_accept,
    "return": services.order_return,
    "request_extension": services.order_extension_request,
    "approve_extension": services.order_extension_approve,
    "deny_extension": services.order_extension_deny,
    "complete": services.order_complete,
    "verify": services.order_verify,
    "rework": services.order_rework,
    "rate": services.order_rate,
    "reopen": services.order_reopen,
    "urge": services.order_urge,
    "escalate": services.order_escalate,
    "arbitrate": services.order_arbitrate,
}
# Bulk dispatch takes at most a page of orders at once.
BULK_DISPATCH_LIMIT = 100
DEFAULT_CHANNEL_BY_UNIT_KIND = {UnitKind.GRID: Channel.GRID_PATROL, UnitKind.COMMUNITY: Channel.COMMUNITY,
                                UnitKind.STREET: Channel.STREET}


def _active_departments():
    return Department.objects.filter(is_active=True).order_by("code")


def _map_settings() -> dict:
    return {"tileUrl": settings.GONGZHI_MAP_TILE_URL, "tileAttribution": settings.GONGZHI_MAP_TILE_ATTRIBUTION}


def _service_errors_on(form, error: ValidationError, renames: dict[str, str]) -> None:
    """Show a service's errors on the form, its keys renamed to the form's fields."""
    if hasattr(error, "error_dict"):
        error = ValidationError({renames.get(key, key): value for key, value in error.error_dict.items()})
    form_errors_from_service(form, error)


# ---------------------------------------------------------------- report


@require_http_methods(["GET", "POST"])
@page_view(Permission.ORDERS_REPORT)
def order_new(request):
    actor = request.actor
    grids = list(units_visible_to(actor).filter(kind=UnitKind.GRID, is_active=True).order_by("code"))
    form = ReportForm(
        request.POST or None, request.FILES or None,
        categories=categories_for(actor), grids=grids,
        compounds=compounds_visible_to(actor).filter(is_active=True).order_by("code"),
        default_channel=DEFAULT_CHANNEL_BY_UNIT_KIND.get(getattr(actor.membership, "unit", None) and
                                                         actor.membership.unit.kind, Channel.HOTLINE),
    )
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_report(actor=actor, **form.service_arguments())
        except ValidationError as error:
            _service_errors_on(form, error, ReportForm.SERVICE_FIELDS)
        else:
            messages.success(request, _("Order %(number)s was reported. The street will dispatch it.")
                             % {"number": order.number})
            return redirect("orders:detail", number=order.number)
    report_map = {**_map_settings(), "grids": [{"name": grid.name, "boundary": grid.boundary}
                                               for grid in grids if grid.boundary],
                  "text": {"placed": _("Point set. Tap again to move it."), "cleared": _("Point cleared."),
                           "locating": _("Finding your location…"),
                           "locationFailed": _("Your location is not available; tap the map instead.")}}
    return render(request, "orders/order_new.html", {"form": form, "report_map": report_map},
                  status=400 if form.errors else 200)


# ---------------------------------------------------------------- queues


def _filtered(orders, data: dict):
    """Apply the queue page's filters (already parsed by QueueFilterForm)."""
    exact = {"state": "state", "street": "street__code", "community": "community__code",
             "department": "lead_department__code", "category": "category__code", "order_class": "order_class"}
    orders = orders.filter(**{lookup: data[field] for field, lookup in exact.items() if data.get(field)})
    if data.get("overdue"):
        orders = orders.filter(queue_filter(Queue.OVERDUE))
    zone = timezone.get_current_timezone()
    if data.get("reported_from"):
        orders = orders.filter(reported_at__gte=datetime.combine(data["reported_from"], time.min, tzinfo=zone))
    if data.get("reported_to"):
        orders = orders.filter(reported_at__lt=datetime.combine(data["reported_to"] + timedelta(days=1), time.min,
                                                               tzinfo=zone))
    if data.get("q"):
        orders = orders.filter(order_text_filter(data["q"]))
    return orders


def _sorted(orders, sort: str):
    if sort == "newest":
        return orders.order_by("-reported_at", "-id")
    if sort == "oldest":
        return orders.order_by("reported_at", "id")
    # Deadline first; orders with no deadline yet (not dispatched) after them, oldest first.
    return orders.order_by(F("complete_by").asc(nulls_last=True), "reported_at", "id")


@dataclass
class QueueView:
    """A queue as the query string asks for it: the actor's tabs, the chosen queue, the filter form
    and the orders it selects (filtered and sorted only when the form is valid)."""

    tabs: list[dict]
    current: str
    form: QueueFilterForm
    orders: QuerySet


def _queue_view(request) -> QueueView:
    actor = request.actor
    visible = orders_visible_to(actor)
    tabs = queue_tabs(actor, visible)
    keys = [tab["key"] for tab in tabs]
    current = request.GET.get("queue") or keys[0]
    if current not in keys:
        raise Http404()
    form = QueueFilterForm(request.GET, streets=units_visible_to(actor).filter(kind=UnitKind.STREET).order_by("code"),
                           communities=units_visible_to(actor).filter(kind=UnitKind.COMMUNITY).order_by("code"),
                           departments=_active_departments(), categories=categories_for(actor))
    orders = visible if current == ALL_ORDERS else visible.filter(queue_filter(current))
    if form.is_valid():
        orders = _sorted(_filtered(orders, form.cleaned_data), form.cleaned_data.get("sort"))
    return QueueView(tabs, current, form, orders)


@require_GET
@page_view(Permission.ORDERS_VIEW)
def order_queue(request):
    actor = request.actor
    queue = _queue_view(request)
    form, valid = queue.form, queue.form.is_valid()
    page = page_of(request, queue.orders if valid else queue.orders.none())
    now = timezone.now()
    may_bulk_dispatch = queue.current == Queue.TO_DISPATCH and actor.has_permission(Permission.ORDERS_DISPATCH)
    return render(request, "orders/queue.html", {
        "tabs": queue.tabs, "current": queue.current, "current_label": queue_label(queue.current), "form": form,
        "page": page, "rows": [(order, order_countdown(order, now=now)) for order in page.object_list],
        "query": query_without_page(request),
        "filters_used": valid and any(form.cleaned_data.get(name) for name in form.fields if name != "sort"),
        "bulk_form": BulkDispatchForm(numbers=[], departments=_active_departments()) if may_bulk_dispatch else None,
        "may_report": actor.has_permission(Permission.ORDERS_REPORT),
    }, status=200 if valid else 400)


@require_GET
@page_view(Permission.ORDERS_VIEW)
def order_queue_export(request):
    """The queue as the page shows it (same queue, filters and order) as an Excel workbook."""
    queue = _queue_view(request)
    if not queue.form.is_valid():
        return order_queue(request)
    filters = {str(QueueFilterForm.base_fields[name].label): value for name, value in queue.form.cleaned_data.items()
               if value not in (None, "", False)}
    export = orders_workbook(orders=queue.orders, filters={str(_lazy("Queue")): queue_label(queue.current), **filters})
    return _excel_response(export.content, f"orders-{queue.current}-{timezone.localdate():%Y%m%d}.xlsx")


def _excel_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=EXCEL_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@page_view(Permission.ORDERS_DISPATCH)
def order_bulk_dispatch(request):
    """Dispatch the selected orders to one department, each through the dispatch service in its own
    transaction: one refusal does not undo the others, and each row says how it went."""
    actor = request.actor
    numbers = request.POST.getlist("numbers")
    form = BulkDispatchForm(request.POST, numbers=numbers, departments=_active_departments())
    back = safe_next_url(request, reverse("orders:queue") + f"?queue={Queue.TO_DISPATCH}")
    if len(numbers) > BULK_DISPATCH_LIMIT:
        form.add_error("numbers", _("Dispatch at most %(n)d orders at once.") % {"n": BULK_DISPATCH_LIMIT})
    if not form.is_valid():
        return render(request, "orders/bulk_dispatch_result.html", {"form": form, "results": [], "back": back},
                      status=400)
    department = form.cleaned_data["lead_department"]
    results = []
    for number in dict.fromkeys(form.cleaned_data["numbers"]):
        try:
            order = order_get_visible(actor, number=number)
            services.order_dispatch(actor=actor, order=order, lead_department_code=department)
        except RecordNotFound:
            results.append({"number": number, "ok": False, "message": _("No such order in your area.")})
        except (ActionNotPermitted, IllegalTransition) as refusal:
            results.append({"number": number, "ok": False, "message": refusal.message, "order": order})
        except ValidationError as error:
            results.append({"number": number, "ok": False, "message": " ".join(error.messages), "order": order})
        else:
            results.append({"number": number, "ok": True, "message": _("Dispatched."), "order": order})
    return render(request, "orders/bulk_dispatch_result.html", {
        "form": form, "results": results, "back": back,
        "department": Department.objects.filter(code=department).first(),
        "succeeded": sum(1 for result in results if result["ok"]),
    })


# ---------------------------------------------------------------- one order


def _pending_extension(order: WorkOrder) -> ExtensionRequest | None:
    return order.extension_requests.filter(state=ExtensionState.PENDING).first()


def _offered(order: WorkOrder, action: str, pending: ExtensionRequest | None) -> bool:
    """Beyond role and state (actions_available), the conditions under which the service would
    refuse anyway: a button that can only answer 409 is not shown."""
    if action in ("approve_extension", "deny_extension"):
        return pending is not None
    if action == "request_extension":
        return pending is None
    if action == "rate":
        return not order.satisfaction
    if action == "reopen":
        return order.satisfaction == Satisfaction.UNSATISFIED and order.lead_department_id is not None
    if action == "rework":
        return order.lead_department_id is not None
    if action == "arbitrate":
        return order.awaiting_arbitration
    if action == "dispatch":
        return not order.awaiting_arbitration
    return True


def _action_form(action: str, order: WorkOrder, actor, data=None, files=None):
    extra = {}
    if action in ("dispatch", "arbitrate"):
        extra = {"departments": _active_departments(), "suggestion": department_suggestion(order=order),
                 "categories": categories_for(actor)}
    return ACTION_FORMS[action](data, files, action=action, order=order, **extra)


def _order_page(request, order: WorkOrder, *, bound_form=None, refusal: str = "", status: int = 200):
    actor = request.actor
    pending = _pending_extension(order)
    actions = []
    for transition in actions_available(actor, order):
        if not _offered(order, transition.action, pending):
            continue
        form = bound_form if bound_form is not None and bound_form.action == transition.action \
            else _action_form(transition.action, order, actor)
        actions.append({"action": transition.action, "label": transition.label, "form": form,
                        "open": form is bound_form})
    handles = actor_handles_order(actor, order)
    attachments = list(order.attachments.all())
    return render(request, "orders/order_detail.html", {
        "order": order,
        "countdown": order_countdown(order),
        "actions": actions,
        "refusal": refusal,
        "pending_extension": pending,
        "reporter_name": order.reporter_name if handles else mask_name(order.reporter_name),
        "reporter_phone": order.reporter_phone if handles else mask_phone(order.reporter_phone),
        "reporter_masked": not handles,
        "report_photos": [a for a in attachments if a.kind == "report"],
        "result_photos": [a for a in attachments if a.kind != "report"],
        "assisting": list(order.assisting_departments.all()),
        "timeline": timeline_entries(order_events_visible(actor, order=order), attachments=attachments),
        "order_map": {**_map_settings(),
                      "point": [float(order.latitude), float(order.longitude)] if order.latitude is not None else None,
                      "boundary": order.grid.boundary if order.grid_id else None,
                      "name": order.grid.name if order.grid_id else ""},
    }, status=status)


@require_GET
@page_view(Permission.ORDERS_VIEW)
def order_detail(request, number: str):
    return _order_page(request, order_get_visible(request.actor, number=number))


@require_GET
@page_view(Permission.ORDERS_VIEW)
def order_deadline(request, number: str):
    """The deadline block alone: the order page refreshes it every minute (htmx) as time runs."""
    order = order_get_visible(request.actor, number=number)
    return render(request, "orders/_deadline.html", {"order": order, "countdown": order_countdown(order)})


@require_POST
@page_view(Permission.ORDERS_VIEW)
def order_action(request, number: str, action: str):
    """One action of the loop. Answers in the order the API does: not visible 404, not allowed 403,
    wrong state 409 (naming the state), bad input 400 with the errors on the action's form."""
    if action not in ACTION_SERVICES:
        raise Http404()
    actor = request.actor
    order = order_get_visible(actor, number=number)
    try:
        action_require(actor, order, action)
        form = _action_form(action, order, actor, request.POST, request.FILES)
        if form.is_valid():
            try:
                ACTION_SERVICES[action](actor=actor, order=order, **form.service_arguments())
            except ValidationError as error:
                _service_errors_on(form, error, {})
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": TRANSITIONS[action].label})
                return redirect("orders:detail", number=order.number)
    except (ActionNotPermitted, IllegalTransition) as refusal:
        # Show the order as it is now: another user may have moved it since the page was drawn.
        return _order_page(request, order_get_visible(actor, number=number), refusal=refusal.message,
                           status=403 if isinstance(refusal, ActionNotPermitted) else 409)
    return _order_page(request, order, bound_form=form, status=400)


# ---------------------------------------------------------------- statistics


GROUP_LABELS = {"department": _lazy("Department"), "street": _lazy("Street"), "category": _lazy("Category"),
                "month": _lazy("Month")}


def _statistics_for(request) -> tuple[StatisticsForm, dict | None, dict | None]:
    """The page's form and, when it is valid, the statistics it asks for and their monthly trend."""
    # The period the statistics default to is written into the form, so the page says what it shows.
    lower, upper = period_bounds(start=None, end=None)
    data = request.GET.copy()
    data["start"] = data.get("start") or lower.date().isoformat()
    data["end"] = data.get("end") or (upper - timedelta(days=1)).date().isoformat()
    form = StatisticsForm(data)
    if not form.is_valid():
        return form, None, None
    period = {"start": form.cleaned_data["start"], "end": form.cleaned_data["end"]}
    try:
        statistics = order_statistics(actor=request.actor, group_by=form.cleaned_data["group_by"], **period)
        trend = order_statistics(actor=request.actor, group_by="month", **period)
    except ValidationError as error:
        _service_errors_on(form, error, {"to": "end", "from": "start"})
        return form, None, None
    return form, statistics, trend


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def _statistics_row(row: dict) -> dict:
    return {"label": row.get("label", ""), "counts": [row[name] for name, _label in STATISTICS_COUNTS],
            "rates": [_percent(row[name]) for name, _label in STATISTICS_RATES]}


@require_GET
@page_view(Permission.STATS_VIEW)
def order_statistics_page(request):
    form, statistics, trend = _statistics_for(request)
    context = {"form": form, "statistics": statistics, "query": request.GET.urlencode()}
    if statistics is not None:
        groups = statistics["groups"]
        context.update({
            "group_label": GROUP_LABELS[statistics["group_by"]],
            "counts": STATISTICS_COUNTS, "rates": STATISTICS_RATES,
            "column_count": 1 + len(STATISTICS_COUNTS) + len(STATISTICS_RATES),
            "rows": [_statistics_row(group) for group in groups],
            "totals": _statistics_row(statistics["totals"]),
            "chart": {
                "labels": [group["label"] or _("(none)") for group in groups],
                "completion": [_percent(group["completion_rate"]) for group in groups],
                "months": [group["label"] for group in trend["groups"]],
                "dispatched": [group["dispatched"] for group in trend["groups"]],
                "completed": [group["completed"] for group in trend["groups"]],
                "monthlyCompletion": [_percent(group["completion_rate"]) for group in trend["groups"]],
                "names": {"completion": _("Completion rate (%)"), "dispatched": _("Dispatched"),
                          "completed": _("Completed")},
            },
        })
    return render(request, "orders/statistics.html", context, status=400 if form.errors else 200)


@require_GET
@page_view(Permission.STATS_VIEW)
def order_statistics_export(request):
    form, statistics, _trend = _statistics_for(request)
    if statistics is None:
        return render(request, "orders/statistics.html", {"form": form, "statistics": None}, status=400)
    return _excel_response(statistics_workbook(statistics=statistics),
                           f"statistics-{statistics['group_by']}-{statistics['from']}-{statistics['to']}.xlsx")


# ---------------------------------------------------------------- inbox


@require_GET
@page_view()
def inbox(request):
    notifications = notifications_for(request.actor)
    return render(request, "orders/inbox.html", {
        "page": page_of(request, notifications), "query": query_without_page(request),
        "unread": notifications.filter(read_at__isnull=True).count(),
    })


@require_POST
@page_view()
def inbox_read(request, notification_id: int):
    """Mark one notification read; with ``open``, go on to what it is about."""
    notification = notification_mark_read(actor=request.actor, notification_id=notification_id)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect(safe_next_url(request, reverse("inbox")))


@require_POST
@page_view()
def inbox_read_all(request):
    count = notifications_mark_all_read(actor=request.actor)
    messages.success(request, ngettext("%(n)d notification marked read.", "%(n)d notifications marked read.",
                                       count) % {"n": count})
    return redirect("inbox")
