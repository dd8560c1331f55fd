"""The workforce API under /api/v1/workforce/: thin views over the selectors and services.

A record outside the actor's reach answers 404, a role without the permission 403, bad input 400
naming the field (common.rest.errors). Identity numbers and phones are only ever sent masked."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from gongzhi.workforce.api.careers import (
    CourseViewSet,
    MentoringPairViewSet,
    PromotionViewSet,
    SecondmentViewSet,
    StaffingViewSet,
    TrainingSessionViewSet,
)
from gongzhi.workforce.api.pay import MigrationViewSet, PayRunViewSet, PaySlipViewSet, PayTableViewSet
from gongzhi.workforce.api.workers import WorkerViewSet

router = SimpleRouter()
router.register("workforce/workers", WorkerViewSet, basename="workforce-worker")
router.register("workforce/pay-tables", PayTableViewSet, basename="workforce-pay-table")
router.register("workforce/pay-runs", PayRunViewSet, basename="workforce-pay-run")
router.register("workforce/pay-slips", PaySlipViewSet, basename="workforce-pay-slip")
router.register("workforce/migration", MigrationViewSet, basename="workforce-migration")
router.register("workforce/promotions", PromotionViewSet, basename="workforce-promotion")
router.register("workforce/courses", CourseViewSet, basename="workforce-course")
router.register("workforce/training-sessions", TrainingSessionViewSet, basename="workforce-training-session")
router.register("workforce/staffing", StaffingViewSet, basename="workforce-staffing")
router.register("workforce/secondments", SecondmentViewSet, basename="workforce-secondment")
router.register("workforce/mentoring-pairs", MentoringPairViewSet, basename="workforce-mentoring-pair")

api_urlpatterns = router.urls
