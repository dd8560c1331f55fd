"""Writes of the community workforce: one service per business action, each in one transaction,
checking the role and the unit's reach and recording its domain event."""

from gongzhi.workforce.services.cadres import (
    mentoring_pair_create,
    mentoring_pair_end,
    secondment_create,
    secondment_end,
)
from gongzhi.workforce.services.migration import migration_apply, migration_plan
from gongzhi.workforce.services.pay import (
    pay_run_create,
    pay_table_create,
    pay_table_in_force,
    pay_table_update,
)
from gongzhi.workforce.services.promotions import promotion_record
from gongzhi.workforce.services.training import attendance_record, course_create, training_session_create
from gongzhi.workforce.services.workers import (
    CredentialEntry,
    KnownRecords,
    assessment_record,
    assessment_results_record,
    credential_add,
    post_assign,
    worker_create,
    worker_fields_check,
    worker_update,
    workers_create,
)

__all__ = [
    "CredentialEntry",
    "KnownRecords",
    "assessment_record",
    "assessment_results_record",
    "attendance_record",
    "course_create",
    "credential_add",
    "mentoring_pair_create",
    "mentoring_pair_end",
    "migration_apply",
    "migration_plan",
    "pay_run_create",
    "pay_table_create",
    "pay_table_in_force",
    "pay_table_update",
    "post_assign",
    "promotion_record",
    "secondment_create",
    "secondment_end",
    "training_session_create",
    "worker_create",
    "worker_fields_check",
    "worker_update",
    "workers_create",
]
