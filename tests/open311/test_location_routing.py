"""Routing by place: a point lands in its grid (and so its community and street) through the
cached STRtree, many points at once through one query; the index follows boundary edits; a point
on the edge two grids share belongs to the lower code; an address is matched to compounds."""
from __future__ import annotations

from django.utils import timezone

from gongzhi.common.geo import grid_code_at, grid_codes_at, grid_index
from gongzhi.open311.selectors import compound_matching_address, compound_suggestions
from gongzhi.org.models import Unit
from gongzhi.org.services import compound_create
from tests.api_support import registry_records
from tests.conftest import _square
from tests.factories import UnitFactory


def test_a_point_inside_a_grid_and_one_outside_all(small_city):
    assert grid_code_at(latitude=44.015, longitude=87.305) == small_city.grid_a1.code
    assert grid_code_at(latitude=44.015, longitude=87.325) == small_city.grid_b1.code
    assert grid_code_at(latitude=44.015, longitude=87.315) is None  # between the two grids
    assert grid_code_at(latitude=10.0, longitude=10.0) is None


def test_many_points_are_routed_at_once_as_one_by_one(small_city):
    points = [(44.015, 87.305), (44.015, 87.325), (44.015, 87.315), (44.011, 87.301), (45.0, 87.3)]
    assert grid_codes_at(points) == [grid_code_at(latitude=lat, longitude=lng) for lat, lng in points]
    assert grid_codes_at(points) == [small_city.grid_a1.code, small_city.grid_b1.code, None,
                                     small_city.grid_a1.code, None]
    assert grid_codes_at([]) == []


def test_a_point_on_a_shared_edge_belongs_to_the_lower_code(small_city):
    # Grid a2 (a higher code) is created first and touches grid a1 along longitude 87.31.
    UnitFactory(code="652301001002001", name="建国路第二社区一网格", kind="grid", parent=small_city.community_a2,
                boundary=_square(87.31, 44.01))
    assert grid_code_at(latitude=44.015, longitude=87.31) == small_city.grid_a1.code
    assert grid_code_at(latitude=44.015, longitude=87.3101) == "652301001002001"


def test_the_index_is_rebuilt_when_a_boundary_changes(small_city):
    before = grid_index()
    assert grid_index() is before, "unchanged boundaries reuse the built tree"
    small_city.grid_a1.boundary = _square(87.40, 44.01)
    small_city.grid_a1.save()
    assert grid_code_at(latitude=44.015, longitude=87.305) is None
    assert grid_code_at(latitude=44.015, longitude=87.405) == small_city.grid_a1.code
    small_city.grid_b1.is_active = False
    small_city.grid_b1.save()
    assert grid_code_at(latitude=44.015, longitude=87.325) is None


def test_an_address_suggests_compounds_by_words_and_likeness(small_city):
    records = registry_records(small_city)
    compound_create(actor=None, code="C-A3", name="幸福小区东区", households=50,
                    community_code=small_city.community_a1.code)
    suggestions = compound_suggestions("幸福小区东区3号楼")
    assert suggestions[0].compound.code == "C-A3"
    assert {suggestion.compound.code for suggestion in suggestions} >= {"C-A3", records["compound_a1"].code}
    # A typo leaves no word in common; the characters still find it.
    assert compound_suggestions("幸服小区")[0].compound == records["compound_a1"]
    assert compound_suggestions("小区") == [], "a kind of place is not a place"
    assert compound_suggestions("") == []


def test_an_address_routes_only_when_it_names_exactly_one_compound(small_city):
    records = registry_records(small_city)
    assert compound_matching_address("南湖小区5号楼2单元") == records["compound_b1"]
    assert compound_matching_address("南湖附近") is None, "a likeness only suggests"
    compound_create(actor=None, code="C-B2", name="南湖小区", households=20,
                    community_code=small_city.community_a2.code)
    assert compound_matching_address("南湖小区5号楼") is None, "two compounds of that name: ambiguous"


def test_another_process_edit_is_noticed_within_the_refresh_interval(small_city, settings):
    """An edit this process did not make sends it no signal: it is found by the version check,
    which runs at most every GONGZHI_GEO_REFRESH_SECONDS."""
    assert grid_code_at(latitude=44.015, longitude=87.305) == small_city.grid_a1.code
    # What another process's save looks like from here: new rows, no signal in this process.
    Unit.objects.filter(pk=small_city.grid_a1.pk).update(boundary=_square(87.40, 44.01),
                                                         updated_at=timezone.now())
    settings.GONGZHI_GEO_REFRESH_SECONDS = 3600
    assert grid_code_at(latitude=44.015, longitude=87.305) == small_city.grid_a1.code, "not checked yet"
    settings.GONGZHI_GEO_REFRESH_SECONDS = 0
    assert grid_code_at(latitude=44.015, longitude=87.305) is None
    assert grid_code_at(latitude=44.015, longitude=87.405) == small_city.grid_a1.code
