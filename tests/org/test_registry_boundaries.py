"""Boundaries as GeoJSON: exported with code, name and kind; imported by code, each bad feature
reported as (file, feature index, field) with nothing applied."""
from __future__ import annotations

import json

import pytest

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import Unit
from gongzhi.org.registry.boundaries import boundaries_export, boundaries_import
from gongzhi.org.registry.problems import ImportRejected
from tests.org.registry_helpers import database_state

SQUARE = {"type": "Polygon", "coordinates": [[[87.30, 44.00], [87.34, 44.00], [87.34, 44.03], [87.30, 44.03],
                                              [87.30, 44.00]]]}


def feature(code, geometry=SQUARE, **properties):
    return {"type": "Feature", "properties": {"code": code, **properties}, "geometry": geometry}


def collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_export_lists_every_unit_with_a_boundary(small_city):
    exported = boundaries_export(actor=None)
    assert exported["type"] == "FeatureCollection"
    assert [f["properties"] for f in exported["features"]] == [
        {"code": "652301001001001", "name": "建国路第一社区一网格", "kind": "grid"},
        {"code": "652301002001001", "name": "北京南路第一社区一网格", "kind": "grid"},
    ]
    assert exported["features"][0]["geometry"] == small_city.grid_a1.boundary


def test_import_sets_boundaries_by_code_through_the_unit_service(small_city):
    summary = boundaries_import(actor=None, file=collection(
        feature("652301001", kind="street"), feature("652301001001001", small_city.grid_a1.boundary)))
    assert Unit.objects.get(code="652301001").boundary == SQUARE
    assert summary.counts["boundaries.geojson"]["updated"] == 1
    assert summary.counts["boundaries.geojson"]["unchanged"] == 1
    event = DomainEvent.objects.get(action="unit.update")
    assert event.unit_code == "652301001" and event.after == {"boundary": SQUARE}


def test_a_null_geometry_clears_the_boundary(small_city):
    boundaries_import(actor=None, file=collection(feature("652301001001001", None)))
    assert Unit.objects.get(code="652301001001001").boundary is None


SELF_INTERSECTING = {"type": "Polygon", "coordinates": [[[87.30, 44.00], [87.34, 44.03], [87.34, 44.00],
                                                         [87.30, 44.03], [87.30, 44.00]]]}
UNCLOSED = {"type": "Polygon",
            "coordinates": [[[87.30, 44.00], [87.34, 44.00], [87.34, 44.03], [87.30, 44.03]]]}
OUT_OF_RANGE = {"type": "Polygon", "coordinates": [[[187.30, 44.00], [187.34, 44.00], [187.34, 44.03],
                                                    [187.30, 44.00]]]}
CASES = {
    "self-intersecting polygon": (feature("652301001", SELF_INTERSECTING), "geometry"),
    "unclosed ring": (feature("652301001", UNCLOSED), "geometry"),
    "not a polygon": (feature("652301001", {"type": "Point", "coordinates": [87.3, 44.0]}), "geometry"),
    "coordinates out of range": (feature("652301001", OUT_OF_RANGE), "geometry"),
    "malformed coordinates": (feature("652301001", {"type": "Polygon", "coordinates": [["a"]]}), "geometry"),
    "missing geometry": ({"type": "Feature", "properties": {"code": "652301001"}}, "geometry"),
    "unknown code": (feature("652301099"), "properties.code"),
    "missing code": (feature(""), "properties.code"),
    "code repeated in the file": (feature("652301001001001"), "properties.code"),
    "kind that is not the unit's": (feature("652301001", kind="community"), "properties.kind"),
    "not a Feature": ({"type": "Polygon", "coordinates": []}, "type"),
}


@pytest.mark.parametrize("bad_feature, field", CASES.values(), ids=CASES.keys())
def test_bad_feature_is_reported_at_its_place_and_nothing_is_applied(small_city, bad_feature, field):
    before = database_state()
    content = collection(feature("652301001001001"), feature("652301002"), bad_feature)
    with pytest.raises(ImportRejected) as rejected:
        boundaries_import(actor=None, file=content, file_name="grids.geojson")
    assert [problem.place for problem in rejected.value.problems] == [("grids.geojson", 2, field)]
    assert database_state() == before


@pytest.mark.parametrize("content", [b"{not json", json.dumps({"type": "Feature"}).encode(), b"\xff\xfe"],
                         ids=["not JSON", "not a FeatureCollection", "not text"])
def test_a_file_that_is_not_a_feature_collection_is_reported(small_city, content):
    with pytest.raises(ImportRejected) as rejected:
        boundaries_import(actor=None, file=content, file_name="x.geojson")
    assert len(rejected.value.problems) == 1
    assert rejected.value.problems[0].place[:2] == ("x.geojson", None)
