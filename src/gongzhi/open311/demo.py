"""The demo's suggested-department model: trained on the demo history once it is loaded, so the
dispatch pages suggest from past orders from the first start. Training again replaces the model."""
from __future__ import annotations

from gongzhi.org.demo import DemoContext, demo_step_register
from gongzhi.orders.routing import classifier_retrain

ORDER_ROUTING = 900


def demo_routing_train(context: DemoContext) -> None:
    classifier = classifier_retrain()
    tally = context.tally.setdefault("department classifier (orders learnt from)", [0, 0])
    tally[0] += classifier.training_orders if classifier else 0


demo_step_register("open311.routing", demo_routing_train, order=ORDER_ROUTING)
