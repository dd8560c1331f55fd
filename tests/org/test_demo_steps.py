"""The demo loader's extension point: other modules add steps with ``demo_step_register``; they run
in order, in one transaction, after every step's refusal check has passed."""
from __future__ import annotations

import pytest

from gongzhi.org.demo import steps
from gongzhi.org.demo.steps import DemoContext, DemoRefused, demo_load, demo_step_register
from gongzhi.org.models import Department


@pytest.fixture
def only_test_steps(monkeypatch) -> list[str]:
    """An empty registry: every module's steps are discovered first, then set aside."""
    steps.demo_steps()
    monkeypatch.setattr(steps, "_steps", {})
    return []


def department_step(code: str, ran: list[str]):
    def run(context: DemoContext) -> None:
        ran.append(code)
        if not context.reused(Department, Department.objects.filter(code=code).exists()):
            Department.objects.create(code=code, name=code)

    return run


def test_steps_run_by_order_and_tally_what_they_create(db, only_test_steps):
    ran = only_test_steps
    demo_step_register("late", department_step("LATE", ran), order=300)
    demo_step_register("early", department_step("EARLY", ran), order=100)
    context = demo_load()
    assert ran == ["EARLY", "LATE"]
    assert context.created_count == 2
    assert demo_load().created_count == 0
    assert context.summary_lines() and "2" in context.summary_lines()[0]


def test_registering_a_name_again_replaces_the_step(db, only_test_steps):
    ran = only_test_steps
    demo_step_register("step", department_step("FIRST", ran), order=100)
    demo_step_register("step", department_step("SECOND", ran), order=100)
    demo_load()
    assert ran == ["SECOND"]


def test_a_failing_step_leaves_nothing_behind(db, only_test_steps):
    def fail(context: DemoContext) -> None:
        raise RuntimeError("broken step")

    demo_step_register("creates", department_step("KEPT", only_test_steps), order=100)
    demo_step_register("fails", fail, order=200)
    with pytest.raises(RuntimeError):
        demo_load()
    assert not Department.objects.exists()


def test_a_refusal_stops_the_load_before_any_step_writes(db, only_test_steps):
    demo_step_register("creates", department_step("NEVER", only_test_steps), order=100)
    demo_step_register("refuses", lambda context: None, order=200,
                       refusal=lambda context: None if context.force else "not without force")
    with pytest.raises(DemoRefused, match="not without force"):
        demo_load()
    assert only_test_steps == [] and not Department.objects.exists()
    demo_load(force=True)
    assert Department.objects.filter(code="NEVER").exists()


def test_only_runs_the_named_steps_or_modules(db, only_test_steps):
    ran = only_test_steps
    demo_step_register("alpha.one", department_step("A1", ran), order=100)
    demo_step_register("alpha.two", department_step("A2", ran), order=200)
    demo_step_register("beta.one", department_step("B1", ran), order=150)
    demo_step_register("alphabet", department_step("AB", ran), order=120)
    demo_load(only=["alpha"])
    assert ran == ["A1", "A2"]
    ran.clear()
    demo_load(only=["beta.one", "alpha.two"])
    assert ran == ["B1", "A2"]


def test_only_with_an_unknown_step_is_refused_before_anything_runs(db, only_test_steps):
    demo_step_register("alpha.one", department_step("A1", only_test_steps), order=100)
    with pytest.raises(DemoRefused, match="gamma"):
        demo_load(only=["alpha", "gamma"])
    assert only_test_steps == []


def test_the_organisation_registers_the_city_before_its_users():
    names = [step.name for step in steps.demo_steps()]
    assert names.index("org.city") < names.index("org.users")
