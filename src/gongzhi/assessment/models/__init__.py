"""The assessment's records: periods with their schemes and results (streets score the departments),
the party-building review, and cadre files. Changes go through assessment/services."""
from gongzhi.assessment.models.cadres import Cadre, CadreHonour, CadrePost, CadrePromotion, PostKind
from gongzhi.assessment.models.periods import (LOWER_IS_BETTER, RATE_METRICS, Appeal, AppealState,
                                               DepartmentResult, Indicator, IndicatorResult, ManualItem,
                                               ManualItemKind, ManualScore, Metric, Period, PeriodKind,
                                               PeriodState, PostedStaff, RuleKind)
from gongzhi.assessment.models.reviews import (CriterionSource, Grade, ReviewCriterion, ReviewEvaluator,
                                               ReviewScore, ReviewSession, ReviewSessionState, ReviewSubject)

__all__ = [
    "Appeal", "AppealState", "Cadre", "CadreHonour", "CadrePost", "CadrePromotion", "CriterionSource",
    "DepartmentResult", "Grade", "Indicator", "IndicatorResult", "LOWER_IS_BETTER", "ManualItem",
    "ManualItemKind", "ManualScore", "Metric", "Period", "PeriodKind", "PeriodState", "PostKind",
           "PostedStaff",
    "RATE_METRICS", "ReviewCriterion", "ReviewEvaluator", "ReviewScore", "ReviewSession",
           "ReviewSessionState",
    "ReviewSubject", "RuleKind",
]
