"""What the assessment's selectors share: one record of a scoped list, or 404."""
from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet

from gongzhi.common.exceptions import RecordNotFound

Record = TypeVar("Record", bound=Model)


def record_in(records: QuerySet[Record], pk: int | str) -> Record:
    """The record with this id among those the actor sees; missing or out of reach alike answer 404."""
    try:
        record = records.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        record = None
    if record is None:
        raise RecordNotFound()
    return record
