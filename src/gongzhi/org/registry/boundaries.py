"""Unit boundaries as GeoJSON: exported as a FeatureCollection with each unit's code, name and
kind in its properties, imported from one that sets boundaries by code.

An import checks every feature first and reports each problem as (file, feature index counted
from 0 as in the file's ``features`` array, ``properties.<name>`` or ``geometry``, message); with
any problem nothing is changed. A feature whose geometry is null clears the unit's boundary."""
from __future__ import annotations

import json
from typing import Any, BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongzhi.common.access.actor import Actor
from gongzhi.common.access.resolver import permission_require
from gongzhi.common.access.roles import Permission
from gongzhi.org import selectors, services
from gongzhi.org.models import Unit
from gongzhi.org.registry.problems import UNCHANGED, UPDATED, ImportRejected, ImportSummary, Problem
from gongzhi.org.validation import boundary_problem

CONTENT_TYPE = "application/geo+json"
PROBLEM_HEADERS = (gettext_lazy("file"), gettext_lazy("feature"), gettext_lazy("field"),
                   gettext_lazy("problem"))


def boundaries_export(*, actor: Actor | None) -> dict[str, Any]:
    """The boundaries of every unit that has one, as a GeoJSON FeatureCollection."""
    if actor is None:
        units = Unit.objects.all()
    else:
        permission_require(actor, Permission.REGISTRY_TRANSFER)
        units = selectors.units_visible_to(actor)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": unit.code, "name": unit.name, "kind": unit.kind},
             "geometry": unit.boundary}
            for unit in units.filter(boundary__isnull=False).order_by("code")
        ],
    }


def boundaries_export_bytes(*, actor: Actor | None) -> bytes:
    return json.dumps(boundaries_export(actor=actor), ensure_ascii=False, indent=1).encode()


def boundaries_import(*, actor: Actor | None, file: BinaryIO | bytes, file_name: str = "boundaries.geojson"
                      ) -> ImportSummary:
    """Set the boundaries the FeatureCollection gives, by unit code, through ``unit_update``.
    Raises ``ImportRejected`` with every problem found, having changed nothing, when any feature fails."""
    if actor is not None:
        permission_require(actor, Permission.REGISTRY_TRANSFER)
    problems: list[Problem] = []
    summary = ImportSummary([file_name])
    with transaction.atomic():
        boundaries = _checked_boundaries(file, file_name, problems)
        if problems:
            raise ImportRejected(problems)
        for unit, geometry in boundaries:
            if unit.boundary == geometry:
                summary.add(file_name, UNCHANGED)
                continue
            services.unit_update(actor=actor, unit=unit, changes={"boundary": geometry})
            summary.add(file_name, UPDATED)
    return summary


def _checked_boundaries(file: BinaryIO | bytes, file_name: str,
                        problems: list[Problem]) -> list[tuple[Unit, Any]]:
    def problem(index: int | None, field: str | None, message: str) -> None:
        problems.append(Problem(file_name, index, field, message))

    try:
        collection = json.loads(file if isinstance(file, bytes) else file.read())
    except (UnicodeDecodeError, ValueError) as error:
        problem(None, None, _("This is not a JSON file: %(error)s") % {"error": error})
        return []
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection" \
            or not isinstance(collection.get("features"), list):
        problem(None, "type", _("The file must hold a GeoJSON FeatureCollection."))
        return []
    features = collection["features"]
    codes = [_feature_code(feature) for feature in features]
    units = Unit.objects.in_bulk([code for code in codes if code], field_name="code")
    first_index: dict[str, int] = {}
    boundaries = []
    for index, (feature, code) in enumerate(zip(features, codes, strict=True)):
        before = len(problems)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problem(index, "type", _("Each feature must be a GeoJSON Feature."))
            continue
        if not code:
            problem(index, "properties.code", _("The unit's code is required."))
        elif code in first_index:
            problem(index, "properties.code", _("%(code)s already appears in feature %(index)d.") % {
                "code": code, "index": first_index[code]})
        elif code not in units:
            problem(index, "properties.code", _("No unit has the code %(code)s.") % {"code": code})
        else:
            first_index[code] = index
            kind = feature["properties"].get("kind")
            if kind not in (None, "", units[code].kind):
                problem(index, "properties.kind", _("%(code)s is a %(kind)s, not a %(given)s.") % {
                    "code": code, "kind": units[code].kind, "given": kind})
        if "geometry" not in feature:
            problem(index, "geometry", _("The feature has no geometry (null clears a boundary)."))
        else:
            geometry_problem = boundary_problem(feature["geometry"])
            if geometry_problem:
                problem(index, "geometry", geometry_problem)
        if len(problems) == before:
            boundaries.append((units[code], feature["geometry"] or None))
    return boundaries


def _feature_code(feature: Any) -> str:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    code = properties.get("code") if isinstance(properties, dict) else None
    if isinstance(code, bool) or code is None:
        return ""
    return str(code).strip()
