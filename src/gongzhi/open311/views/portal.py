"""The resident portal: no account, mobile first. Report a problem (category, description, photos,
a point on the map or an address, optional contact) and get a tracking code; follow the public
timeline; rate the outcome once the order is closed.

Abuse is resisted without CAPTCHAs: per-address rate limits on every page, a cap on the size of a
report (a few photos, a short text), and before a report is filed, the open reports of the same kind
within 100 m and 48 hours are shown ("already reported?")."""
from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongzhi.common.exceptions import IllegalTransition, RecordNotFound
from gongzhi.common.images import MAX_BYTES as PHOTO_MAX_BYTES
from gongzhi.common.pages import form_errors_from_service, map_base_layer
from gongzhi.open311.forms import ResidentReportForm, TrackLookupForm
from gongzhi.open311.selectors import (compound_suggestions, nearby_open_orders, order_for_tracking,
                                       public_services)
from gongzhi.open311.selectors.georeport import public_channels
from gongzhi.open311.services import resident_report
from gongzhi.open311.services.reports import PORTAL_MAX_PHOTOS
from gongzhi.open311.throttling import client_address, rate_limit_hit
from gongzhi.open311.timeline import open311_status, public_timeline
from gongzhi.orders.forms import RateForm
from gongzhi.orders.models import AttachmentKind, OrderState
from gongzhi.orders.services import order_rate
from gongzhi.org.models import Unit, UnitKind

# A report's photos at their largest, plus the form's text.
MAX_REPORT_BYTES = PORTAL_MAX_PHOTOS * PHOTO_MAX_BYTES + 1024 * 1024


def portal_limited(scope: str):
    """Count the request against the caller's address in ``scope``; past the limit, 429."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            decision = rate_limit_hit(scope=scope, identity=client_address(request))
            if not decision.allowed:
                response = render(request, "open311/portal_refused.html", {
                    "message": _("Too many requests from your connection. Please try again in %(minutes)d "
                                 "minutes.") % {"minutes": max(1, decision.retry_after // 60)}}, status=429)
                response["Retry-After"] = str(decision.retry_after)
                return response
            try:
                return view(request, *args, **kwargs)
            except RecordNotFound:
                raise Http404() from None

        return wrapper

    return decorate


def _grid_outlines() -> list[dict]:
    """The grids drawn on the portal's map, so a blank canvas still shows where things are."""
    return [{"name": name, "boundary": boundary} for name, boundary in
            Unit.objects.filter(kind=UnitKind.GRID, is_active=True, boundary__isnull=False).order_by("code")
            .values_list("name", "boundary")]


def _report_page(request, form, *, nearby=None, status: int = 200):
    report_map = {**map_base_layer(), "grids": _grid_outlines(),
                  "text": {"placed": _("Point set. Tap again to move it."), "cleared": _("Point cleared."),
                           "locating": _("Finding your location…"),
                           "locationFailed": _("Your location is not available; tap the map instead.")}}
    return render(request, "open311/report.html", {"form": form, "report_map": report_map, "nearby": nearby,
                                                    "public_channels": public_channels()}, status=status)


@require_http_methods(["GET", "POST"])
@portal_limited("portal_read")
def report(request):
    categories = public_services()
    if request.method == "GET":
        return _report_page(request, ResidentReportForm(categories=categories))
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REPORT_BYTES:
        return render(request, "open311/portal_refused.html", {
            "message": _("The report is too large. Send at most %(n)d photos of up to 8 MB each.")
            % {"n": PORTAL_MAX_PHOTOS}}, status=413)
    decision = rate_limit_hit(scope="portal_report", identity=client_address(request))
    if not decision.allowed:
        response = render(request, "open311/portal_refused.html", {
            "message": _("You have sent several reports in a short time. Please wait before sending another, "
                         "or call the 12345 hotline.")}, status=429)
        response["Retry-After"] = str(decision.retry_after)
        return response
    form = ResidentReportForm(request.POST, request.FILES, categories=categories)
    if not form.is_valid():
        return _report_page(request, form, status=400)
    data = form.cleaned_data
    located = data.get("latitude") is not None and data.get("longitude") is not None
    if located and not data.get("confirmed_new"):
        nearby = nearby_open_orders(category_code=data["category"], latitude=float(data["latitude"]),
                                    longitude=float(data["longitude"]))
        if nearby:
            # Shown before anything is filed; "report anyway" posts again with confirmed_new.
            bound = ResidentReportForm(request.POST, categories=categories)
            bound.data = bound.data.copy()
            bound.data["confirmed_new"] = "on"
            return _report_page(request, bound, nearby=nearby)
    try:
        order = resident_report(**form.service_arguments())
    except ValidationError as error:
        form_errors_from_service(form, error)
        return _report_page(request, form, status=400)
    messages.success(request, _("Thank you. Your report was received."))
    return redirect(reverse("open311:track", args=[order.tracking_token]) + "?new=1")


def _coordinate(request, name: str, limit: float) -> float | None:
    try:
        value = float(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if -limit <= value <= limit else None


@require_GET
@portal_limited("portal_read")
def report_nearby(request):
    """The "already reported?" list for the form, as the resident picks a kind and a place."""
    latitude, longitude = _coordinate(request, "latitude", 90), _coordinate(request, "longitude", 180)
    category = request.GET.get("category", "")
    nearby = []
    if latitude is not None and longitude is not None and public_services().filter(code=category).exists():
        nearby = nearby_open_orders(category_code=category, latitude=latitude, longitude=longitude)
    return render(request, "open311/_nearby.html", {"nearby": nearby, "public_channels": public_channels()})


@require_GET
@portal_limited("portal_read")
def report_places(request):
    """Compounds that match the address being typed."""
    suggestions = compound_suggestions(request.GET.get("address", "")[:200])
    return render(request, "open311/_places.html", {"suggestions": suggestions})


@require_GET
@portal_limited("portal_read")
def track_lookup(request):
    form = TrackLookupForm(request.GET or None)
    if form.is_valid():
        try:
            order = order_for_tracking(form.cleaned_data["code"])
        except RecordNotFound:
            form.add_error("code", _("No report has this tracking code. Check it and try again."))
        else:
            return redirect("open311:track", token=order.tracking_token)
    return render(request, "open311/track_lookup.html", {"form": form}, status=400 if form.errors else 200)


def _track_page(request, order, *, rate_form=None, refusal: str = "", status: int = 200):
    timeline = public_timeline(order)
    may_rate = order.state == OrderState.CLOSED and not order.satisfaction
    return render(request, "open311/track.html", {
        "order": order,
        "status": open311_status(order.state),
        "timeline": [{"entry": entry, "photos": [default_storage.url(name) for name in entry.photos]}
                     for entry in timeline if entry.action != "report"],
        "report_photos": [default_storage.url(attachment.file.name)
                          for attachment in order.attachments.filter(kind=AttachmentKind.REPORT)],
        "rate_form": (rate_form or RateForm(action="rate", order=order)) if may_rate else None,
        "refusal": refusal,
        "is_new": request.GET.get("new") == "1",
    }, status=status)


@require_GET
@portal_limited("portal_read")
def track(request, token: str):
    return _track_page(request, order_for_tracking(token))


@require_POST
@portal_limited("portal_rate")
def track_rate(request, token: str):
    """The reporter's rating, through the tracking code they hold."""
    order = order_for_tracking(token)
    form = RateForm(request.POST, action="rate", order=order)
    if not form.is_valid():
        return _track_page(request, order, rate_form=form, status=400)
    try:
        order_rate(actor=None, order=order, **form.service_arguments())
    except IllegalTransition as refusal:
        return _track_page(request, order_for_tracking(token), refusal=refusal.message, status=409)
    except ValidationError as error:
        form_errors_from_service(form, error)
        return _track_page(request, order, rate_form=form, status=400)
    messages.success(request, _("Thank you for rating how your report was handled."))
    return redirect("open311:track", token=order.tracking_token)
