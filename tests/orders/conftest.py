"""Work-order fixtures: the seeded catalogue and a way to bring an order into any state through
the services (never by writing fields), so tests start from states the loop can really reach."""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.orders import services
from gongzhi.orders.catalogue import catalogue_seed
from gongzhi.orders.models import Category, WorkOrder

SHANGHAI = ZoneInfo("Asia/Shanghai")


def png(name: str = "photo.png", size: tuple[int, int] = (32, 24)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalogue(small_city) -> dict[str, Category]:
    catalogue_seed()
    return {c.code: c for c in Category.objects.all()}


class OrderBuilder:
    """Walks an order through the loop to the wanted state, as the roles of small_city would."""

    def __init__(self, city):
        self.city = city

    def reported(self, **overrides) -> WorkOrder:
        fields = dict(title="工地夜间施工噪音", description="建国路一号工地夜间施工，影响居民休息。", category_code="0301",
                      channel="grid_patrol", grid_code=self.city.grid_a1.code)
        fields.update(overrides)
        return services.order_report(actor=self.city.actor("grid_a1_worker"), **fields)

    def dispatched(self, **overrides) -> WorkOrder:
        order = self.reported(**overrides)
        return services.order_dispatch(actor=self.city.actor("street_a_dispatcher"), order=order,
                                       lead_department_code="HOUSING")

    def in_progress(self, **overrides) -> WorkOrder:
        order = self.dispatched(**overrides)
        return services.order_accept(actor=self.city.actor("housing_handler"), order=order)

    def handled(self, **overrides) -> WorkOrder:
        order = self.in_progress(**overrides)
        return services.order_complete(actor=self.city.actor("housing_handler"), order=order,
                                       result="已责令工地停止夜间施工。")

    def closed(self, **overrides) -> WorkOrder:
        order = self.handled(**overrides)
        return services.order_verify(actor=self.city.actor("street_a_dispatcher"), order=order)

    def rejected(self, **overrides) -> WorkOrder:
        order = self.reported(**overrides)
        return services.order_reject(actor=self.city.actor("street_a_dispatcher"), order=order,
                                     reason="not_a_problem", comment="现场核实无此问题")

    def cancelled(self, **overrides) -> WorkOrder:
        order = self.reported(**overrides)
        return services.order_cancel(actor=self.city.actor("grid_a1_worker"), order=order, reason="误报")

    def in_state(self, state: str, **overrides) -> WorkOrder:
        return getattr(self, state)(**overrides)


@pytest.fixture
def orders(small_city, catalogue) -> OrderBuilder:
    return OrderBuilder(small_city)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)
