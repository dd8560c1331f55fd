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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Model
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

ORDER_CITY = 100
ORDER_USERS = 200

class DemoRefused(Exception):
    """The load must not go ahead: a step refused (users with a published password on a production
    set-up) or the caller named a step that does not exist."""


@dataclass
class DemoContext:
    force: bool = False
    # plural name of a kind of record → [created, reused]
    tally: dict[str, list[int]] = field(default_factory=dict)

    def count(self, model: type[Model], *, created: int = 0, reused: int = 0) -> None:
        counts = self.tally.setdefault(str(model._meta.verbose_name_plural), [0, 0])
        counts[0] += created
        counts[1] += reused

    def reused(self, model: type[Model], present: bool) -> bool:
        """Count a record of this model as reused (present) or about to be created; says which."""
        self.count(model, created=int(not present), reused=int(present))
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


def _named(step: DemoStep, prefix: str) -> bool:
    return step.name == prefix or step.name.startswith(f"{prefix}.")


def demo_steps(only: Sequence[str] = ()) -> list[DemoStep]:
    """The registered steps in order; with ``only``, those named by one of its entries: a whole
    name (``org.city``) or a module's prefix (``org``)."""
    autodiscover_modules("demo")
    for prefix in only:
        if not any(_named(step, prefix) for step in _steps.values()):
            raise DemoRefused(_("No demo step is named “%(name)s”. The steps are: %(names)s.") % {
                "name": prefix, "names": ", ".join(sorted(_steps))})
    chosen = [step for step in _steps.values() if not only or any(_named(step, prefix) for prefix in only)]
    return sorted(chosen, key=lambda step: (step.order, step.name))


def demo_load(*, force: bool = False, only: Sequence[str] = ()) -> DemoContext:
    """Run the registered steps (all, or those named in ``only``) in one transaction: a failing
    step leaves nothing behind.

    Refuses (``DemoRefused``) before writing anything when a step says so, e.g. when the demo users
    would be created with DEBUG off and no ``force``."""
    context = DemoContext(force=force)
    steps = demo_steps(only)
    for step in steps:
        reason = step.refusal(context) if step.refusal else None
        if reason:
            raise DemoRefused(reason)
    with transaction.atomic():
        for step in steps:
            step.run(context)
    return context
