"""Open311 GeoReport v2 at /open311/v2/: discovery, services, service definitions, service requests
(list, create, one), tokens, and the widely used extensions (page/page_size, extensions=true notes,
servicerequestupdates).

Errors answer in the specification's shape — a list of {code, description} — with 400 for bad
input, 403 for a missing or wrong api_key, 404 for unknown services and requests, 413 for an
oversized body, 429 past a rate limit. Reads need no key; creating a request does."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from gongzhi.common.exceptions import RecordNotFound
from gongzhi.open311 import documents
from gongzhi.open311.attributes import attributes_from_query
from gongzhi.open311.formats import JSON, georeport_errors, georeport_response
from gongzhi.open311.selectors import (public_request_get, public_requests, public_service_get,
                                       public_services, public_updates, request_for_token)
from gongzhi.open311.selectors.clients import api_client_for_key
from gongzhi.open311.selectors.georeport import OPEN_STATES_BY_STATUS, public_requests_matching
from gongzhi.open311.services import api_client_mark_used, service_request_create
from gongzhi.open311.throttling import client_address, rate_limit_hit
from gongzhi.open311.timeline import public_entries, public_timelines

# The specification's default: "a span of 90 days or first 1000 requests returned, whichever is smallest".
MAX_SPAN = timedelta(days=90)
MAX_PAGE_SIZE = 1000
MAX_IDS = 100
# A service request is a few form fields: anything much larger is not one.
MAX_POST_BYTES = 64 * 1024
DATETIME_EXAMPLE = "2026-01-01T00:00:00+08:00"


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{field}: {message}"
                for field, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def georeport_view(*methods: str):
    """Answer only ``methods``; count the caller's reads against their address's limit; map the
    selectors' and services' exceptions to the specification's errors."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, format: str = JSON, **kwargs):
            if request.method not in methods:
                response = georeport_errors([_("Method not allowed.")], format=format, status=405)
                response["Allow"] = ", ".join(methods)
                return response
            if request.method == "GET":
                decision = rate_limit_hit(scope="open311_read", identity=client_address(request))
                if not decision.allowed:
                    return _too_many(format, decision.retry_after)
            try:
                return view(request, *args, format=format, **kwargs)
            except RecordNotFound:
                return georeport_errors([_("Not found.")], format=format, status=404)
            except ValidationError as error:
                return georeport_errors(_messages(error), format=format, status=400)

        return wrapper

    return decorate


def _too_many(format: str, retry_after: int) -> HttpResponse:
    response = georeport_errors([_("Too many requests; try again in %(n)d seconds.") % {"n": retry_after}],
                                format=format, status=429)
    response["Retry-After"] = str(retry_after)
    return response


# ---------------------------------------------------------------- query parameters


def _datetime(params, name: str) -> datetime | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text.replace(" ", "+"))  # a "+" arrives as a space when not URL-encoded
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise ValidationError({name: _("Give a W3C date-time with its time zone, e.g. %(example)s.") % {
            "example": DATETIME_EXAMPLE}})
    return moment


def _window(params) -> tuple[datetime, datetime]:
    """The period asked for; without one, the last 90 days; never more than 90 days."""
    start, end = _datetime(params, "start_date"), _datetime(params, "end_date")
    if start and end:
        if end < start:
            raise ValidationError({"end_date": _("The end is before the start.")})
        if end - start > MAX_SPAN:
            raise ValidationError({"end_date": _("A query may span at most %(n)d days.") % {
                "n": MAX_SPAN.days}})
        return start, end
    if start:
        return start, start + MAX_SPAN
    end = end or timezone.now()
    return end - MAX_SPAN, end


def _list(params, name: str) -> list[str]:
    values = [value.strip() for value in params.get(name, "").split(",") if value.strip()]
    if len(values) > MAX_IDS:
        raise ValidationError({name: _("At most %(n)d values.") % {"n": MAX_IDS}})
    return values


def _positive(params, name: str, default: int, maximum: int) -> int:
    text = params.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or not 1 <= int(text) <= maximum:
        raise ValidationError({name: _("Give a whole number from 1 to %(n)d.") % {"n": maximum}})
    return int(text)


def _page(params, rows):
    page = _positive(params, "page", 1, 1_000_000)
    size = _positive(params, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    return list(rows[(page - 1) * size: page * size])


def _extensions(params) -> bool:
    return params.get("extensions", "").strip().lower() == "true"


# ---------------------------------------------------------------- resources


@georeport_view("GET")
def discovery(request, *, format: str):
    return georeport_response(documents.discovery_document(request), format=format, root="discovery")


@georeport_view("GET")
def services(request, *, format: str):
    return georeport_response([documents.service_document(category) for category in public_services()],
                              format=format, root="services")


@georeport_view("GET")
def service_definition(request, service_code: str, *, format: str):
    return georeport_response(documents.service_definition_document(public_service_get(service_code)),
                              format=format, root="service_definition")


def _requests_response(request, orders, *, format: str) -> HttpResponse:
    notes = public_timelines(orders) if _extensions(request.GET) else None
    items = [documents.request_document(order, request=request,
                                        notes=notes.get(order.pk, []) if notes is not None else None)
             for order in orders]
    return georeport_response(items, format=format, root="service_requests")


@georeport_view("GET", "POST")
def service_requests(request, *, format: str):
    if request.method == "POST":
        return _service_request_create(request, format=format)
    params = request.GET
    numbers = _list(params, "service_request_id")
    codes = _list(params, "service_code")
    known = set(public_services().filter(code__in=codes).values_list("code", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown and not numbers:
        raise ValidationError({"service_code": _("No service has the code “%(code)s”.") % {
            "code": unknown[0]}})
    statuses = _list(params, "status")
    if any(status not in OPEN_STATES_BY_STATUS for status in statuses):
        raise ValidationError({"status": _("Use open, closed or both (comma separated).")})
    start, end = (None, None) if numbers else _window(params)
    rows = public_requests_matching(numbers=numbers, service_codes=codes, statuses=statuses, start=start,
                                    end=end)
    return _requests_response(request, _page(params, rows), format=format)


def _service_request_create(request, *, format: str) -> HttpResponse:
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_POST_BYTES:
        return georeport_errors([_("The request is too large.")], format=format, status=413)
    data = request.POST
    key = data.get("api_key") or request.GET.get("api_key")
    if not key:
        return georeport_errors([_("api_key is required to create a service request.")], format=format,
                                status=403)
    client = api_client_for_key(key)
    if client is None:
        return georeport_errors([_("Invalid api_key.")], format=format, status=403)
    decision = rate_limit_hit(scope="open311_write", identity=f"client:{client.pk}",
                              limit=client.requests_per_minute, period=60)
    if not decision.allowed:
        return _too_many(format, decision.retry_after)
    api_client_mark_used(client)
    order = service_request_create(
        client=client, service_code=data.get("service_code"), description=data.get("description"),
        latitude=data.get("lat"), longitude=data.get("long"), address_string=data.get("address_string", ""),
        address_id=data.get("address_id", ""), first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""), phone=data.get("phone", ""), media_url=data.get("media_url", ""),
        attributes=attributes_from_query(data),
    )
    return georeport_response([documents.created_document(order, request=request)], format=format,
                              root="service_requests")


@georeport_view("GET")
def service_request(request, service_request_id: str, *, format: str):
    return _requests_response(request, [public_request_get(service_request_id)], format=format)


@georeport_view("GET")
def token(request, token: str, *, format: str):
    return georeport_response([documents.token_document(request_for_token(token))], format=format,
                              root="service_requests")


@georeport_view("GET")
def service_request_updates(request, *, format: str):
    start, end = _window(request.GET)
    events = _page(request.GET, public_updates(start=start, end=end))
    entries = public_entries(events)
    numbers = dict(public_requests().filter(pk__in={entry.order_id for entry in entries})
                   .values_list("pk", "number"))
    updates = [documents.update_document(entry, number=numbers[entry.order_id], request=request)
               for entry in entries]
    return georeport_response(updates, format=format, root="service_request_updates")


@csrf_exempt
def not_found(request, rest: str = ""):
    format = "xml" if rest.endswith(".xml") else JSON
    return georeport_errors([_("Not found.")], format=format, status=404)
