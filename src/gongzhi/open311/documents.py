"""GeoReport v2's documents, built as plain data from categories and orders (formats.py writes them
as XML or JSON). Identifiers are strings, datetimes ISO 8601 with the city's offset, absent values
None (null in JSON, an empty element in XML)."""
from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.open311.attributes import service_attributes
from gongzhi.open311.models import ClientSubmission
from gongzhi.open311.timeline import PublicEntry, open311_status, update_status
from gongzhi.orders.models import Category, OrderState, RejectReason, TimeUnit, WorkOrder

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this interface last changed (discovery's changeset): clients re-read the services after it.
INTERFACE_CHANGESET = "2026-11-28T00:00:00+08:00"
FORMATS = ["text/xml", "application/json"]


def iso(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def absolute_media_url(request, name: str) -> str:
    return request.build_absolute_uri(default_storage.url(name))


def time_limit_text(category: Category) -> str:
    if category.complete_within_unit == TimeUnit.HOURS:
        limit = _("within %(n)d working hours") % {"n": category.complete_within}
    else:
        limit = _("within %(n)d working days") % {"n": category.complete_within}
    return _("%(class)s: handled %(limit)s once the department has it.") % {
        "class": category.get_order_class_display(), "limit": limit}


def discovery_document(request) -> dict:
    endpoint = request.build_absolute_uri(reverse("open311:discovery", args=["json"])).rsplit("/", 1)[0]
    return {
        "changeset": INTERFACE_CHANGESET,
        "contact": getattr(settings, "GONGZHI_OPEN311_CONTACT", "") or _(
            "The city's work-order office, through the 12345 hotline."),
        "key_service": _("Client systems get a key from the city's administrators."),
        "endpoints": [{"specification": SPECIFICATION, "url": endpoint, "changeset": INTERFACE_CHANGESET,
                       "type": "production", "formats": FORMATS}],
    }


def service_document(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": time_limit_text(category),
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join([category.parent.name, category.name]) if category.parent_id else category.name,
        "group": category.parent.name if category.parent_id else "",
    }


def service_definition_document(category: Category) -> dict:
    return {
        "service_code": category.code,
        "attributes": [{
            "variable": True,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": str(attribute.datatype_description) or None,
            "order": attribute.order,
            "description": str(attribute.description),
            "values": [{"key": key, "name": str(name)} for key, name in attribute.values],
        } for attribute in service_attributes(category)],
    }


def status_notes(order: WorkOrder) -> str:
    department = order.lead_department.name if order.lead_department_id else _("the department responsible")
    if order.state == OrderState.CLOSED:
        return order.result or _("Checked on site and closed.")
    if order.state == OrderState.REJECTED:
        if order.reject_reason == RejectReason.DUPLICATE and order.duplicate_of_id:
            return _("Already reported: follows request %(number)s.") % {"number": order.duplicate_of.number}
        return _("Not taken up: %(reason)s.") % {"reason": order.get_reject_reason_display()}
    if order.state == OrderState.CANCELLED:
        return _("Withdrawn by the reporter.")
    if order.state == OrderState.DISPATCHED:
        return _("Sent to %(department)s, waiting for it to accept.") % {"department": department}
    if order.state == OrderState.IN_PROGRESS:
        return _("%(department)s is working on it.") % {"department": department}
    if order.state == OrderState.HANDLED:
        return _("Handled; the street is checking the result on site.")
    if not order.unit_code:
        return _("Received; the city is placing it with the street responsible.")
    return _("Received; the street will send it to the department responsible.")


def _media_url(order: WorkOrder, request) -> str | None:
    photos = getattr(order, "report_photos", None)
    if photos is None:
        photos = list(order.attachments.filter(kind="report").order_by("uploaded_at", "id"))
    if photos:
        return absolute_media_url(request, photos[0].file.name)
    try:
        submission = order.open311_submission
    except ClientSubmission.DoesNotExist:
        return None
    return submission.media_url or None


def note_document(entry: PublicEntry) -> dict:
    return {"datetime": iso(entry.occurred_at), "type": entry.note_type, "summary": entry.summary,
            "description": entry.description or None}


def request_document(order: WorkOrder, *, request, notes: list[PublicEntry] | None = None) -> dict:
    agency = order.lead_department or order.street
    document = {
        "service_request_id": order.number,
        "status": open311_status(order.state),
        "status_notes": status_notes(order),
        "service_name": order.category.name,
        "service_code": order.category.code,
        "description": order.description,
        "agency_responsible": agency.name if agency else None,
        "service_notice": time_limit_text(order.category),
        "requested_datetime": iso(order.reported_at),
        "updated_datetime": iso(order.updated_at),
        "expected_datetime": iso(order.complete_by),
        "address": order.address or (order.compound.name if order.compound_id else None),
        "address_id": order.compound.code if order.compound_id else None,
        "zipcode": None,
        "lat": float(order.latitude) if order.latitude is not None else None,
        "long": float(order.longitude) if order.longitude is not None else None,
        "media_url": _media_url(order, request),
    }
    if notes is not None:
        document["notes"] = [note_document(entry) for entry in notes]
    return document


def created_document(order: WorkOrder, *, request) -> dict:
    tracking = request.build_absolute_uri(reverse("open311:track", args=[order.tracking_token]))
    return {
        "service_request_id": order.number,
        "token": order.tracking_token,
        "service_notice": _("%(limit)s The reporter can follow it at %(url)s") % {
            "limit": time_limit_text(order.category), "url": tracking},
        "account_id": None,
    }


def token_document(order: WorkOrder) -> dict:
    return {"service_request_id": order.number, "token": order.tracking_token}


def update_document(entry: PublicEntry, *, number: str, request) -> dict:
    text = entry.summary if not entry.description else f"{entry.summary}\n{entry.description}"
    return {
        "update_id": str(entry.event_id),
        "service_request_id": number,
        "status": update_status(entry),
        "external_status_code": entry.state,
        "updated_datetime": iso(entry.occurred_at),
        "description": text,
        "media_url": absolute_media_url(request, entry.photos[0]) if entry.photos else "",
    }
