"""Helpers for the registry import/export tests: a workbook built row by row, and a snapshot of
every registry record that any difference in any stored field changes."""
from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db import models
from openpyxl import Workbook

from gongzhi.common.models import DomainEvent
from gongzhi.org.models import (
    Compound,
    Department,
    JointCommitteeSeat,
    Liaison,
    PartyOrganisation,
    Unit,
    User,
)
from gongzhi.org.registry.sheets import SHEETS_BY_NAME

# Every user of the small city, one per role (and one without any), for permission tests.
SMALL_CITY_USERS = ["city_admin", "city_leader", "street_a_dispatcher", "street_a_leader",
                    "community_a1_worker", "grid_a1_worker", "housing_handler", "housing_leader",
                    "urban_liaison", "nobody"]
REGISTRY_MODELS = (Unit, Compound, Department, Liaison, PartyOrganisation, JointCommitteeSeat)
# When a record was made in this database is not part of the registry it describes.
NOT_REGISTRY_DATA = {"id", "created_at", "updated_at"}


def workbook_bytes(sheets: dict[str, list[dict[str, Any]]], *,
                   header: dict[str, list[str]] | None = None) -> bytes:
    """A workbook with these sheets: machine names on row 1, a label row, then the rows from row 3."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        columns = (header or {}).get(name) or SHEETS_BY_NAME[name].column_names
        worksheet = workbook.create_sheet(name)
        worksheet.append(columns)
        worksheet.append([f"label of {column}" for column in columns])
        for row in rows:
            assert set(row) <= set(columns), set(row) - set(columns)
            worksheet.append([row.get(column) for column in columns])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _natural(value: Any) -> Any:
    if isinstance(value, User):
        return value.username
    if isinstance(value, models.Model):
        return value.code
    return value


def registry_snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every stored field of every registry record, references by natural key (code, user name),
    fields found from the models themselves so that a field added later is compared too."""
    snapshot = {}
    for model in REGISTRY_MODELS:
        fields = [field for field in model._meta.concrete_fields if field.name not in NOT_REGISTRY_DATA]
        records = [{field.name: _natural(getattr(record, field.name)) for field in fields}
                   for record in model.objects.all()]
        snapshot[model._meta.model_name] = sorted(records, key=repr)
    return snapshot


def database_state() -> tuple[dict, int]:
    """The registry and the number of domain events: an import that fails leaves both as they were."""
    return registry_snapshot(), DomainEvent.objects.count()


def as_admin_staff(client, user: User):
    """The test client signed in as this user, made admin staff (their role decides the rest)."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    return client
