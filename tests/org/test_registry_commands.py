"""The registry's management commands: files in and out, problems printed as a table, a failed
import exits non-zero (CommandError) having written nothing."""
from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongzhi.org.models import Unit
from tests.org.registry_helpers import database_state, workbook_bytes


@pytest.fixture(autouse=True)
def english_output(settings):
    """Commands speak LANGUAGE_CODE (zh-Hans for the city); these assertions read the English source."""
    settings.LANGUAGE_CODE = "en"


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_then_import_in_update_mode_reports_every_row_unchanged(small_city, tmp_path):
    path = tmp_path / "registry.xlsx"
    out, _ = run("registry_export", str(path))
    assert path.stat().st_size > 0 and str(path) in out
    before = database_state()
    out, _ = run("registry_import", str(path), "--update")
    assert "units: 0 created, 0 updated, 8 unchanged" in out
    assert database_state() == before


def test_import_prints_each_problem_and_fails(small_city, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_bytes({"units": [
        {"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301"},
        {"code": "652301004", "name": "", "kind": "street", "parent_code": "652301"},
        {"code": "652301005001", "name": "社区", "kind": "community", "parent_code": "652301005"},
    ]}))
    before = database_state()
    err = StringIO()
    with pytest.raises(CommandError, match="2"):
        call_command("registry_import", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].split() == ["sheet", "row", "column", "problem"]
    assert lines[2].split()[:3] == ["units", "4", "name"]
    assert lines[3].split()[:3] == ["units", "5", "parent_code"]
    assert database_state() == before


def test_import_creates_rows_and_says_how_many(small_city, tmp_path):
    path = tmp_path / "new.xlsx"
    path.write_bytes(workbook_bytes({"units": [
        {"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301"}]}))
    out, _ = run("registry_import", str(path))
    assert "units: 1 created, 0 updated, 0 unchanged" in out
    assert Unit.objects.get(code="652301003").name == "宁边路街道"


def test_import_of_a_missing_file_fails(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("registry_import", str(tmp_path / "nothing.xlsx"))


def test_boundaries_export_and_import(small_city, tmp_path):
    path = tmp_path / "boundaries.geojson"
    run("boundaries_export", str(path))
    exported = json.loads(path.read_text())
    assert len(exported["features"]) == 2
    exported["features"][0]["properties"].update(code="652301001", kind="street")
    path.write_text(json.dumps(exported))
    out, _ = run("boundaries_import", str(path))
    assert "boundaries.geojson: 0 created, 1 updated, 1 unchanged" in out
    assert Unit.objects.get(code="652301001").boundary == small_city.grid_a1.boundary


def test_boundaries_import_prints_each_problem_and_fails(small_city, tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "652301099"}, "geometry": None}]}))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("boundaries_import", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].split() == ["file", "feature", "field", "problem"]
    assert lines[2].split()[:3] == ["bad.geojson", "0", "properties.code"]
