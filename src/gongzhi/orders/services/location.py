"""Where an order is: from a compound, a grid, a community, a street or a coordinate, fill in
every level above it. The deepest level found becomes the order's unit code (its scope)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongzhi.common.geo import grid_code_at
from gongzhi.org.models import Compound, Unit


@dataclass
class Location:
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    compound: Compound | None = None
    grid: Unit | None = None
    community: Unit | None = None
    street: Unit | None = None

    @property
    def unit_code(self) -> str:
        deepest = self.grid or self.community or self.street
        return deepest.code if deepest else ""


def _coordinate(value: Any, field: str, limit: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Must be a number.")}) from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise ValidationError({field: _("Must be between -%(n)d and %(n)d.") % {"n": limit}})
    return number.quantize(Decimal("0.000001"))


def _unit(code: str | None, kind: str, field: str) -> Unit | None:
    if not code:
        return None
    unit = Unit.objects.filter(code=str(code), kind=kind).select_related("parent__parent").first()
    if unit is None:
        raise ValidationError({field: _("No %(kind)s has the code %(code)s.") % {"kind": kind, "code": code}})
    return unit


def location_resolve(
    *, latitude: Any = None, longitude: Any = None, address: str = "", compound_code: str | None = None,
    grid_code: str | None = None, community_code: str | None = None, street_code: str | None = None,
) -> Location:
    from gongzhi.orders.services.common import text_require

    location = Location(address=text_require(address, field="address", max_length=200, required=False))
    location.latitude = _coordinate(latitude, "latitude", 90)
    location.longitude = _coordinate(longitude, "longitude", 180)
    if (location.latitude is None) != (location.longitude is None):
        raise ValidationError({"longitude" if location.longitude is None else "latitude":
                               _("Give both latitude and longitude, or neither.")})
    if compound_code:
        location.compound = Compound.objects.select_related("community", "grid").filter(code=compound_code).first()
        if location.compound is None:
            raise ValidationError({"compound_code": _("No compound has the code %(code)s.") % {"code": compound_code}})
    grid = _unit(grid_code, "grid", "grid_code")
    community = _unit(community_code, "community", "community_code")
    street = _unit(street_code, "street", "street_code")
    if grid is None and location.compound is not None:
        grid = location.compound.grid
        community = community or location.compound.community
    if grid is None and location.latitude is not None:
        code = grid_code_at(latitude=float(location.latitude), longitude=float(location.longitude))
        grid = Unit.objects.filter(code=code).first() if code else None
    if grid is not None:
        if community is not None and grid.parent_id != community.pk:
            raise ValidationError({"grid_code": _("The grid is not in the given community.")})
        community = grid.parent
    if community is not None:
        if street is not None and community.parent_id != street.pk:
            raise ValidationError({"community_code": _("The community is not in the given street.")})
        street = community.parent
    location.grid, location.community, location.street = grid, community, street
    if not (location.street or location.address or location.latitude is not None):
        raise ValidationError({"location": _("Say where the problem is: a place on the map, an address or a unit.")})
    return location
