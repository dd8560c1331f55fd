"""Who may move up a level in a period (a year), and why not.

A worker is eligible for the period when, on 1 January of it:
- they are active and placed, below level 5;
- they have held their level for at least three completed years;
- each of the three years before the period was assessed "competent" or "excellent";
- they hold the credential the next level asks for: level 4 an assistant social worker's at least,
  level 5 a social worker's at least;
- they have not been promoted for this period already.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from gongzhi.workforce.models import (
    CREDENTIAL_RANK,
    AssessmentResult,
    CredentialKind,
    PostHistory,
    Worker,
    WorkerStatus,
)
from gongzhi.workforce.pay import completed_years, highest_credential

YEARS_AT_LEVEL = 3
ASSESSED_YEARS = 3
PASSING_RESULTS = (AssessmentResult.EXCELLENT, AssessmentResult.COMPETENT)
CREDENTIAL_FOR_LEVEL: dict[int, str] = {
    4: CredentialKind.ASSISTANT_SOCIAL_WORKER,
    5: CredentialKind.SOCIAL_WORKER,
}
TOP_LEVEL = 5


@dataclass
class PromotionCheck:
    worker: Worker
    period: int
    eligible: bool = False
    reasons: list[str] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)


def level_since(entries: list[PostHistory]) -> date | None:
    """When the last entry's level began: earlier entries at the same level (a transfer, a new post
    at the same level) do not restart the count."""
    if not entries:
        return None
    since = entries[-1].starts_on
    for entry in reversed(entries):
        if entry.level != entries[-1].level:
            break
        since = entry.starts_on
    return since


def promotion_check(worker: Worker, period: int, *, promoted_periods: Iterable[int] = ()) -> PromotionCheck:
    """Apply the rules to one worker, whose post history, assessments and credentials are prefetched."""
    reference = date(period, 1, 1)
    check = PromotionCheck(worker=worker, period=period)
    entries = sorted(
        (entry for entry in worker.post_history.all() if entry.starts_on <= reference),
        key=lambda entry: (entry.starts_on, entry.pk),
    )
    reasons = check.reasons
    if worker.status != WorkerStatus.ACTIVE:
        reasons.append(_("Not active."))
    if period in set(promoted_periods):
        reasons.append(_("Already promoted for this period."))
    if not entries:
        reasons.append(_("Not placed on a level on 1 January."))
        return check
    level = entries[-1].level
    since = level_since(entries)
    years = completed_years(since, reference)
    results = {assessment.year: assessment.result for assessment in worker.assessments.all()}
    assessed = {year: results.get(year, "") for year in range(period - ASSESSED_YEARS, period)}
    credentials = [(credential.kind, credential.obtained_on) for credential in worker.credentials.all()]
    credential = highest_credential(credentials, reference)
    check.evidence = {
        "level": level,
        "level_since": since.isoformat(),
        "years_at_level": years,
        "assessments": {str(year): result for year, result in assessed.items()},
        "credential": credential,
    }
    if level >= TOP_LEVEL:
        reasons.append(_("Already at the top level."))
    if years < YEARS_AT_LEVEL:
        reasons.append(
            _("%(years)d of %(needed)d years at the level.") % {"years": years, "needed": YEARS_AT_LEVEL}
        )
    for year, result in assessed.items():
        if not result:
            reasons.append(_("No assessment for %(year)d.") % {"year": year})
        elif result not in PASSING_RESULTS:
            reasons.append(
                _("Assessed “%(result)s” in %(year)d.")
                % {"result": AssessmentResult(result).label, "year": year}
            )
    needed = CREDENTIAL_FOR_LEVEL.get(level + 1)
    if needed and (not credential or CREDENTIAL_RANK[credential] < CREDENTIAL_RANK[needed]):
        reasons.append(
            _("Level %(level)d asks for the credential “%(credential)s” or higher.")
            % {"level": level + 1, "credential": CredentialKind(needed).label}
        )
    check.eligible = not reasons
    return check
