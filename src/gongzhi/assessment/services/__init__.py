"""The assessment's actions: one function per business action, each in one transaction, checking
the actor's permission and recording an event. ``actor=None`` is the platform itself."""
from gongzhi.assessment.services.appeals import appeal_decide, appeal_file
from gongzhi.assessment.services.cadres import cadre_create, cadre_honour_add, cadre_promote
from gongzhi.assessment.services.common import PeriodLocked
from gongzhi.assessment.services.lifecycle import (period_compute, period_lock, period_start_review,
                                                   period_start_scoring)
from gongzhi.assessment.services.reviews import (review_criterion_add, review_evaluator_add,
                                                 review_scores_record,
                                                 review_session_close, review_session_create,
                                                 review_session_start_scoring, review_subject_add)
from gongzhi.assessment.services.schemes import (indicator_add, indicator_remove, indicator_update,
                                                 manual_item_add, manual_item_remove, manual_item_update,
                                                 period_create, period_update)
from gongzhi.assessment.services.scores import manual_scores_record, posted_staff_create, posted_staff_end

__all__ = [
    "PeriodLocked", "appeal_decide", "appeal_file", "cadre_create", "cadre_honour_add", "cadre_promote",
    "indicator_add", "indicator_remove", "indicator_update", "manual_item_add", "manual_item_remove",
    "manual_item_update", "manual_scores_record", "period_compute", "period_create", "period_lock",
    "period_start_review", "period_start_scoring", "period_update", "posted_staff_create", "posted_staff_end",
    "review_criterion_add", "review_evaluator_add", "review_scores_record", "review_session_close",
    "review_session_create", "review_session_start_scoring", "review_subject_add",
]
