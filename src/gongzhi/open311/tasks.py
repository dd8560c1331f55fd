"""Periodic job (huey): retrain the suggested-department classifier on the completed orders, every
night when the offices are closed. Safe to run twice: the newer model simply replaces the other."""
from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from gongzhi.orders.routing import classifier_retrain

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="3", minute="17"))
@lock_task("open311-routing-retrain")
def routing_retrain() -> int:
    classifier = classifier_retrain()
    if classifier is None:
        logger.info("routing retrain: too few completed orders, model unchanged")
        return 0
    logger.info("routing retrain: %d orders, held-out top-1 %s, top-3 %s", classifier.training_orders,
                classifier.held_out.get("top1"), classifier.held_out.get("top3"))
    return classifier.training_orders
