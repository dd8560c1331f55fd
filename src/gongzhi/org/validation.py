"""Pure checks on registry data, shared by the services and the Excel/GeoJSON import so that both
refuse the same things with the same messages."""
from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.validation import explain_validity

from gongzhi.org.models import CODE_LENGTH, PARENT_KIND


def unit_code_problem(*, code: str, kind: str, parent_code: str | None, parent_kind: str | None) -> str | None:
    """Why this code cannot belong to a unit of this kind under this parent, or None if it can."""
    if kind not in CODE_LENGTH:
        return _("Unknown unit kind “%(kind)s”.") % {"kind": kind}
    if not code or not code.isdigit() or len(code) != CODE_LENGTH[kind]:
        return _("A %(kind)s code must be %(length)d digits.") % {"kind": kind, "length": CODE_LENGTH[kind]}
    expected_parent_kind = PARENT_KIND[kind]
    if expected_parent_kind is None:
        if parent_code:
            return _("A city has no parent unit.")
        return None
    if not parent_code:
        return _("A %(kind)s needs a parent unit.") % {"kind": kind}
    if parent_kind is not None and parent_kind != expected_parent_kind:
        return _("The parent of a %(kind)s must be a %(parent)s.") % {"kind": kind, "parent": expected_parent_kind}
    if not code.startswith(parent_code):
        return _("Code %(code)s does not start with its parent's code %(parent)s.") % {
            "code": code, "parent": parent_code}
    return None


def boundary_problem(geometry: Any) -> str | None:
    """Why a GeoJSON geometry cannot be a unit boundary, or None if it can."""
    if geometry in (None, ""):
        return None
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return _("A boundary must be a GeoJSON Polygon or MultiPolygon.")
    if _has_open_ring(geometry):
        # shapely closes open rings silently; GeoJSON (RFC 7946) requires them closed.
        return _("The boundary is not closed: each ring must end at its first point.")
    try:
        polygon = shape(geometry)
    except Exception as error:  # shapely raises several types for malformed coordinates
        return _("The boundary's coordinates are malformed: %(error)s") % {"error": error}
    if polygon.is_empty:
        return _("The boundary is empty.")
    if not polygon.is_valid:
        return _("The boundary is not a valid polygon: %(reason)s") % {"reason": explain_validity(polygon)}
    min_x, min_y, max_x, max_y = polygon.bounds
    if not (-180 <= min_x <= max_x <= 180 and -90 <= min_y <= max_y <= 90):
        return _("The boundary's coordinates are outside longitude/latitude range.")
    return None


def _has_open_ring(geometry: dict) -> bool:
    """Does any ring of this Polygon or MultiPolygon end elsewhere than where it starts? Malformed
    coordinates answer False here and are reported by shapely."""
    polygons = [geometry.get("coordinates")] if geometry["type"] == "Polygon" else geometry.get("coordinates")
    try:
        return any(list(ring[0]) != list(ring[-1]) for polygon in polygons for ring in polygon if len(ring))
    except (TypeError, IndexError, KeyError):
        return False
