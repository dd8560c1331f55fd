"""Only roles holding registry.transfer (city administrators) may export or import the registry."""
from __future__ import annotations

import json

import pytest

from gongzhi.common.exceptions import ActionNotPermitted
from gongzhi.org.models import Unit
from gongzhi.org.registry.boundaries import boundaries_export, boundaries_import
from gongzhi.org.registry.excel_export import registry_workbook_export
from gongzhi.org.registry.excel_import import registry_workbook_import
from tests.org.registry_helpers import SMALL_CITY_USERS, database_state, workbook_bytes

USERS = SMALL_CITY_USERS
NEW_STREET = {"units": [{"code": "652301003", "name": "宁边路街道", "kind": "street", "parent_code": "652301"}]}


@pytest.mark.parametrize("user", USERS)
def test_registry_transfer_permissions(small_city, user):
    actor = small_city.actor(user)
    allowed = user == "city_admin"
    if allowed:
        assert registry_workbook_export(actor=actor)
        assert boundaries_export(actor=actor)["features"]
        registry_workbook_import(actor=actor, file=workbook_bytes(NEW_STREET))
        assert Unit.objects.filter(code="652301003").exists()
        return
    before = database_state()
    geojson = json.dumps({"type": "FeatureCollection", "features": []}).encode()
    for attempt in (lambda: registry_workbook_export(actor=actor), lambda: boundaries_export(actor=actor),
                    lambda: registry_workbook_import(actor=actor, file=workbook_bytes(NEW_STREET)),
                    lambda: boundaries_import(actor=actor, file=geojson)):
        with pytest.raises(ActionNotPermitted):
            attempt()
    assert database_state() == before
