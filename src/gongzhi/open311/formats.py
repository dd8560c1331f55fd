"""GeoReport v2's two formats. A document is built once as plain data (dicts, lists, strings,
numbers, booleans, None) and written either as JSON or as XML, UTF-8 with the XML declaration.

XML has no arrays: a list is an element holding one child per item, named as the specification
names them (``<services><service>…``). None is an empty element in XML and null in JSON."""
from __future__ import annotations

import json
import re
from typing import Any
from xml.etree import ElementTree

from django.http import HttpResponse

JSON = "json"
XML = "xml"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}

# A list's element name → the name of each item's element.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "service_request_updates": "request_update",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
}


# Characters XML 1.0 cannot carry at all; an error message may echo what a client sent.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_IN_XML.sub("\ufffd", str(value))


def _xml_append(parent: ElementTree.Element, name: str, value: Any) -> None:
    element = ElementTree.SubElement(parent, name)
    _xml_fill(element, name, value)


def _xml_fill(element: ElementTree.Element, name: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _xml_append(element, ITEM_NAMES[name], item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _xml_append(element, key, item)
    else:
        element.text = _xml_text(value)


def xml_document(root: str, data: Any) -> bytes:
    element = ElementTree.Element(root)
    _xml_fill(element, root, data)
    return ElementTree.tostring(element, encoding="utf-8", xml_declaration=True)


def georeport_response(data: Any, *, format: str, root: str, status: int = 200) -> HttpResponse:
    """``root`` names the XML document element (``services``, ``service_requests``, …)."""
    if format == XML:
        body = xml_document(root, data)
    else:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[format])


def georeport_errors(errors: list[str], *, format: str, status: int) -> HttpResponse:
    """The specification's error document: a list of {code, description}, each code the HTTP status."""
    items = [{"code": status, "description": str(description)} for description in errors]
    return georeport_response(items, format=format, root="errors", status=status)
