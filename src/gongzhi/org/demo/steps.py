"""The demo loader's steps: each module that brings demo data registers a step here, and
``demo_load`` runs them all in order, in one transaction.

A module registers its steps in its own ``demo`` module (``gongzhi/<module>/demo.py`` or a
``demo/`` package), which the loader imports on its first run, the way Django finds ``admin``
modules. The organisation's steps (the city, then its users) come first; later modules, such as
work-order history, pick an ``order`` after theirs.

Every step must be idempotent: it looks each record up by its natural key (a code, a user name)
and reuses it when present, recording in the context what it created and what it reused.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

ORDER_CITY = 100
ORDER_USERS = 200

class DemoRefused(Exception):
    """The demo would create users with a published password on a production set-up."""


@dataclass
class DemoContext:
    force: bool = False
    # plural name of a kind of record → [created, reused]
    tally: dict[str, list[int]] = field(default_factory=dict)

    def reused(self, model: type[Model], present: bool) -> bool:
        """Count a record of this model as reused (present) or about to be created; says which."""
        counts = self.tally.setdefault(str(model._meta.verbose_name_plural), [0, 0])
        counts[1 if present else 0] += 1
        return present

    @property
    def created_count(self) -> int:
        return sum(created for created, _reused in self.tally.values())

    def summary_lines(self) -> list[str]:
        return [
            _("%(kind)s: %(created)d created, %(reused)d reused") % {"kind": kind, "created": created,
                                                                      "reused": reused}
            for kind, (created, reused) in self.tally.items()
        ]


@dataclass(frozen=True)
class DemoStep:
    name: str
    run: Callable[[DemoContext], None]
    order: int
    # Called before any step writes: returns why the load must not go ahead, or None.
    refusal: Callable[[DemoContext], str | None] | None = None


_steps: dict[str, DemoStep] = {}


def demo_step_register(
    name: str, run: Callable[[DemoContext], None], *, order: int,
    refusal: Callable[[DemoContext], str | None] | None = None,
) -> None:
    """Add a step to the demo loader (registering the same name again replaces it)."""
    _steps[name] = DemoStep(name=name, run=run, order=order, refusal=refusal)


def demo_steps() -> list[DemoStep]:
    autodiscover_modules("demo")
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))


def demo_load(*, force: bool = False) -> DemoContext:
    """Run every registered step in one transaction: a failing step leaves nothing behind.

    Refuses (``DemoRefused``) before writing anything when a step says so, e.g. when the demo users
    would be created with DEBUG off and no ``force``."""
    context = DemoContext(force=force)
    steps = demo_steps()
    for step in steps:
        reason = step.refusal(context) if step.refusal else None
        if reason:
            raise DemoRefused(reason)
    with transaction.atomic():
        for step in steps:
            step.run(context)
    return context
