"""The suggested lead department: the street's own responsibility list first, then what the text of
similar completed orders says (a classifier trained on the platform's history, when confident),
then the category's default. Retrained by a periodic job; measured by ``gongzhi routing_report``."""
from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongzhi.open311.tasks import routing_retrain
from gongzhi.orders import services
from gongzhi.orders.catalogue import (SuggestionSource, category_update, department_suggestion,
                                      street_responsibility_set)
from gongzhi.orders.models import Category
from gongzhi.orders.routing import (Example, classifier_current, classifier_evaluate, classifier_retrain,
                                    classifier_train, held_out_split, order_words, training_examples)

HANDLERS = {"HOUSING": "housing_handler", "URBAN": "urban_handler"}
DUST = ["工地扬尘很大，渣土车没有覆盖", "施工扬尘严重，黄土裸露未覆盖", "渣土运输车辆抛洒，扬尘扰民"]
NOISE = ["工地夜间施工噪音扰民", "晚上十一点还在施工，噪音很大", "夜间打桩噪音，居民无法休息"]


@pytest.fixture(autouse=True)
def small_history_is_enough(settings):
    settings.GONGZHI_ROUTING_MIN_TRAINING_ORDERS = 6


def completed(city, *, text: str, department: str, category: str = "0301", at=None):
    """An order lived through the loop and completed by ``department``."""
    order = services.order_report(actor=city.actor("grid_a1_worker"), title=text[:12], description=text,
                                  category_code=category, channel="grid_patrol", grid_code=city.grid_a1.code,
                                  now=at)
    order = services.order_dispatch(actor=city.actor("street_a_dispatcher"), order=order,
                                    lead_department_code=department, now=at)
    order = services.order_accept(actor=city.actor(HANDLERS[department]), order=order, now=at)
    return services.order_complete(actor=city.actor(HANDLERS[department]), order=order, result="已处理", now=at)


@pytest.fixture
def history(small_city, catalogue):
    """Construction noise goes to housing (the category's default), construction dust to urban management."""
    start = timezone.now() - timedelta(days=30)
    for day, (dust, noise) in enumerate(zip(DUST * 2, NOISE * 2)):
        completed(small_city, text=dust, department="URBAN", at=start + timedelta(days=day, hours=1))
        completed(small_city, text=noise, department="HOUSING", at=start + timedelta(days=day, hours=2))
    return small_city


def noise_category() -> Category:
    return Category.objects.get(code="0301")


def new_order(city, text: str):
    return services.order_report(actor=city.actor("grid_a1_worker"), title=text[:12], description=text,
                                 category_code="0301", channel="grid_patrol", grid_code=city.grid_a1.code)


def test_without_a_model_the_category_default_is_suggested(small_city, catalogue):
    suggestion = department_suggestion(order=new_order(small_city, "工地扬尘"))
    assert (suggestion.department.code, suggestion.source) == ("HOUSING", SuggestionSource.CATEGORY)


def test_the_trained_model_suggests_from_similar_past_orders(history):
    assert classifier_retrain() is not None
    dust = department_suggestion(order=new_order(history, "建国路工地扬尘，渣土没有覆盖"))
    assert (dust.department.code, dust.source) == ("URBAN", SuggestionSource.HISTORY)
    assert dust.probability > 0.6
    noise = department_suggestion(order=new_order(history, "夜里施工噪音太大"))
    assert noise.department.code == "HOUSING"


def test_the_streets_own_responsibility_list_comes_first(history):
    classifier_retrain()
    street_responsibility_set(actor=None, street=history.street_a, category=noise_category(),
                              department=history.housing)
    suggestion = department_suggestion(order=new_order(history, "工地扬尘，渣土没有覆盖"))
    assert (suggestion.department.code, suggestion.source) == ("HOUSING", SuggestionSource.STREET)


def test_an_unsure_model_leaves_the_suggestion_to_the_category(history, settings):
    classifier_retrain()
    settings.GONGZHI_ROUTING_MIN_CONFIDENCE = 0.999
    suggestion = department_suggestion(order=new_order(history, "工地"))
    assert suggestion.source == SuggestionSource.CATEGORY


def test_the_work_order_api_offers_the_suggestion_to_the_dispatcher(history, api_client_for):
    classifier_retrain()
    order = new_order(history, "工地扬尘，渣土没有覆盖")
    detail = api_client_for(history.users["street_a_dispatcher"]).get(f"/api/v1/work-orders/{order.number}/")
    assert detail.status_code == 200
    assert detail.json()["suggested_department"]["code"] == "URBAN"


def test_orders_before_a_change_of_the_default_department_do_not_teach(history):
    before = len(training_examples())
    category_update(actor=None, category=noise_category(), changes={"default_department_code": "URBAN"})
    assert before == 12 and training_examples() == []
    completed(history, text="新规定后的工地扬尘", department="URBAN")
    assert len(training_examples()) == 1


def test_held_out_orders_are_the_newest():
    now = timezone.now()
    examples = [Example(words=("w",), category="0101", group="01", department="D",
                        reported_at=now + timedelta(days=n)) for n in range(10)]
    older, newest = held_out_split(examples, 0.2)
    assert older == examples[:8] and newest == examples[8:]
    with pytest.raises(ValueError):
        held_out_split(examples, 1.5)


def example(words, department, category="0101"):
    return Example(words=tuple(words), category=category, group=category[:2], department=department,
                   reported_at=timezone.now())


def test_top_three_counts_the_right_department_among_the_first_three():
    training = [example(["a", "x"], "A"), example(["a", "x"], "A"), example(["b", "x"], "B"),
                example(["c", "x"], "C"), example(["d", "x"], "D")]
    classifier = classifier_train(training)
    evaluation = classifier_evaluate(classifier, [example(["a"], "A"), example(["a"], "B")])
    assert evaluation.top1 == 0.5 and evaluation.top3 == 1.0
    assert order_words(title="噪音", description="夜间 123 施工！") == ["噪音", "夜间", "施工"]


def test_the_category_weighs_most_and_the_words_tell_its_orders_apart():
    training = ([example(["路面", "管道", "破裂"], "WATER", "0402")] * 6
                + [example(["路面", "积雪", "结冰"], "URBAN", "0407")] * 6
                + [example(["积雪", "清扫"], "URBAN", "0101")] * 20)
    classifier = classifier_train(training)
    # Words both departments see: the category decides, though the other department is busier.
    assert classifier.rank(["路面"], "0402", "04")[0][0] == "WATER"
    assert classifier.rank(["路面"], "0407", "04")[0][0] == "URBAN"
    # An icy road filed as a burst pipe: the words outweigh the category.
    assert classifier.rank(["积雪", "结冰"], "0402", "04")[0][0] == "URBAN"
    # Words counted in another major class do not speak for this one.
    assert "清扫" not in classifier.vocabulary["04"] and "清扫" in classifier.vocabulary["01"]


def test_routing_report_prints_held_out_accuracy(history):
    out = StringIO()
    call_command("routing_report", "--held-out", "0.25", stdout=out)
    text = out.getvalue()
    assert "Completed orders with a lead department: 12" in text
    assert "judged on the newest 3" in text
    top1 = float(text.split("Top-1 accuracy: ")[1].split(" %")[0])
    top3 = float(text.split("Top-3 accuracy: ")[1].split(" %")[0])
    assert top1 == 100.0 and top3 == 100.0
    assert "no trained model yet" in text


def test_routing_report_refuses_an_empty_history_and_a_bad_share(small_city, catalogue):
    with pytest.raises(CommandError):
        call_command("routing_report", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("routing_report", "--held-out", "1", stdout=StringIO())


def test_the_periodic_job_retrains_and_saves(history):
    assert classifier_current() is None
    assert routing_retrain.call_local() == 12
    model = classifier_current()
    assert model.training_orders == 12 and set(model.documents) == {"HOUSING", "URBAN"}
    assert model.held_out["orders"] == 2  # the newest fifth of 12, rounded


def test_too_little_history_keeps_the_old_model(small_city, catalogue):
    completed(small_city, text="扬尘", department="URBAN")
    assert routing_retrain.call_local() == 0 and classifier_current() is None
