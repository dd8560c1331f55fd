"""Where the pay migration (工资套改) places a worker: the post they hold, and a level from their
years of service, one level higher for a social-work qualification (social worker or above).

    years of service   0-2   3-5   6-9   10-14   15+
    level               1     2     3      4      5
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongzhi.workforce.models import CREDENTIAL_RANK, CredentialKind, Worker
from gongzhi.workforce.pay import (
    PayBreakdown,
    PayTableTerms,
    completed_years,
    highest_credential,
    pay_compute,
)

# (years of service at least, level), highest first.
LEVEL_BY_YEARS: tuple[tuple[int, int], ...] = ((15, 5), (10, 4), (6, 3), (3, 2), (0, 1))
EXTRA_LEVEL_CREDENTIAL_RANK = CREDENTIAL_RANK[CredentialKind.SOCIAL_WORKER]


def placement_level(*, years_of_service: int, credential_kind: str) -> int:
    level = next(level for years, level in LEVEL_BY_YEARS if years_of_service >= years)
    if credential_kind and CREDENTIAL_RANK[credential_kind] >= EXTRA_LEVEL_CREDENTIAL_RANK:
        level += 1
    return min(level, 5)


@dataclass(frozen=True)
class Placement:
    worker: Worker
    level: int
    pay: PayBreakdown


def placements_compute(workers: Iterable[Worker], *, on: date, terms: PayTableTerms) -> list[Placement]:
    """The placement and new pay of each worker (credentials prefetched) on the migration day."""
    placements = []
    for worker in workers:
        credentials = [(credential.kind, credential.obtained_on) for credential in worker.credentials.all()]
        level = placement_level(
            years_of_service=completed_years(worker.hire_date, on),
            credential_kind=highest_credential(credentials, on),
        )
        pay = pay_compute(
            terms=terms,
            post_category=worker.post_category,
            level=level,
            hire_date=worker.hire_date,
            credentials=credentials,
            on=on,
        )
        placements.append(Placement(worker=worker, level=level, pay=pay))
    return placements
