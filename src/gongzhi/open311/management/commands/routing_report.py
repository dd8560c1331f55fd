"""``gongzhi routing_report``: how well the suggested lead department would have done. The newest
orders are held out; a model trained on the older ones suggests a department for each, and the
report counts how often the department that finally completed the order came first (top-1) or
among the first three (top-3), next to what the category's default department alone achieves."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gongzhi.orders.routing import (category_default_evaluate, classifier_current, classifier_evaluate,
                                    classifier_retrain, classifier_train, held_out_split, training_examples)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


class Command(BaseCommand):
    help = "Print the department classifier's top-1 and top-3 accuracy on held-out orders."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--held-out", type=float, default=0.2, dest="held_out",
                            help="Share of the newest completed orders held out for judging (default 0.2).")
        parser.add_argument("--save", action="store_true",
                            help="Then train on all completed orders and save the model the dispatch "
                                 "pages use.")

    def handle(self, *args, held_out: float, save: bool, **options) -> None:
        if not 0 < held_out < 1:
            raise CommandError("--held-out must be between 0 and 1.")
        examples = training_examples()
        if len(examples) < 2:
            raise CommandError(f"Only {len(examples)} completed orders with a lead department: "
                               "nothing to judge yet.")
        older, newest = held_out_split(examples, held_out)
        evaluation = classifier_evaluate(classifier_train(older), newest)
        baseline = category_default_evaluate(newest)
        self.stdout.write(f"Completed orders with a lead department: {len(examples)}")
        self.stdout.write(f"Trained on the older {len(older)}, judged on the newest {len(newest)} "
                          f"(from {newest[0].reported_at:%Y-%m-%d}).")
        self.stdout.write(f"Top-1 accuracy: {_percent(evaluation.top1)}")
        self.stdout.write(f"Top-3 accuracy: {_percent(evaluation.top3)}")
        self.stdout.write(f"Category default alone (top-1): {_percent(baseline.top1)}")
        if save:
            saved = classifier_retrain(held_out_share=held_out)
            if saved is None:
                self.stdout.write("Not saved: too few completed orders to suggest from yet.")
            else:
                self.stdout.write(f"Saved: trained on {saved.training_orders} orders.")
        current = classifier_current()
        if current is None:
            self.stdout.write("The dispatch pages use no trained model yet (they suggest by category).")
        else:
            top1, top3 = _percent(current.held_out.get("top1")), _percent(current.held_out.get("top3"))
            self.stdout.write(f"The dispatch pages use the model trained {current.trained_at} on "
                              f"{current.training_orders} orders (held-out top-1 {top1}, top-3 {top3}).")
