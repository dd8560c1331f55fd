"""Which department should lead an order, learnt from the platform's own completed orders.

A naive Bayes over the words of the title and description (cut by jieba), whose prior is how often
each department led orders of the same category (leaning on the city-wide share where a category
has little history): the category says most, the words tell apart the orders of one category that
went to different departments. Word frequencies are counted per major class of the catalogue,
because residents describe one kind of problem (a burst pipe, an icy road) in the same words
whichever department it goes to, and frequencies pooled across classes would credit a department
with the words of the class it mostly handles. A word counts once per order, so that a place named
in both the title and the description does not weigh twice. Small, trained on a city's history in
seconds, and its parameters are plain counts that fit in a JSON file. The trained model lives in
the default file storage, where the photos are (every app server already shares it), and each
process reloads it when the file changes. A periodic job (open311/tasks.py) retrains it;
``gongzhi routing_report`` measures it.

The classifier only suggests: the street's own responsibility list comes first, the category's
default department is the fallback (orders/catalogue.py), and the dispatcher always confirms."""
from __future__ import annotations

import json
import math
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import jieba
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from gongzhi.orders.models import WorkOrder

# Laplace smoothing: a word never seen with a department still leaves it a chance.
SMOOTHING = 1.0
# How many orders' worth of the city-wide department shares a category's own history is mixed
# with: a category seen once does not decide alone, a category seen a hundred times nearly does.
PRIOR_WEIGHT = 1.0
# Words seen in fewer orders than this are dropped from the vocabulary (typos, house numbers).
MIN_WORD_ORDERS = 2
FORMAT_VERSION = 3


def _setting(name: str, default):
    return getattr(settings, name, default)


def model_path() -> str:
    return _setting("GONGZHI_ROUTING_MODEL_PATH", "routing/department-classifier.json")


def order_words(*, title: str, description: str) -> list[str]:
    """The words of an order's title and description: no punctuation, no bare numbers."""
    words = [word.strip().lower() for word in jieba.cut(f"{title}\n{description}")]
    return [word for word in words if word and any(ch.isalnum() for ch in word) and not word.isdigit()]


@dataclass(frozen=True)
class Example:
    words: tuple[str, ...]
    category: str
    # The category's major class: word frequencies are counted within it.
    group: str
    department: str
    reported_at: datetime


@dataclass(frozen=True)
class Evaluation:
    orders: int
    top1: float | None
    top3: float | None

    def as_dict(self) -> dict:
        return {"orders": self.orders, "top1": self.top1, "top3": self.top3}


@dataclass
class DepartmentClassifier:
    # department code → number of training orders it led
    documents: dict[str, int]
    # category code → {department code: orders}
    category_documents: dict[str, dict[str, int]]
    # major class → word → {department code: orders whose text has the word}
    vocabulary: dict[str, dict[str, dict[str, int]]]
    trained_at: str = ""
    held_out: dict = field(default_factory=dict)
    # major class → department → the sum of its words' counts
    _word_totals: dict[str, dict[str, int]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for group, words in self.vocabulary.items():
            totals: dict[str, int] = defaultdict(int)
            for counts in words.values():
                for department, count in counts.items():
                    totals[department] += count
            self._word_totals[group] = dict(totals)

    @property
    def training_orders(self) -> int:
        return sum(self.documents.values())

    def prior(self, category: str) -> dict[str, float]:
        """How likely each department is to lead an order of this category, before reading it."""
        total = self.training_orders
        own = self.category_documents.get(category, {})
        seen = sum(own.values())
        return {department: (own.get(department, 0) + PRIOR_WEIGHT * count / total) / (seen + PRIOR_WEIGHT)
                for department, count in self.documents.items()}

    def rank(self, words: Iterable[str], category: str, group: str) -> list[tuple[str, float]]:
        """Departments by posterior probability, most likely first."""
        if not self.documents:
            return []
        vocabulary = self.vocabulary.get(group, {})
        totals = self._word_totals.get(group, {})
        size = len(vocabulary) or 1
        scores = {department: math.log(share) for department, share in self.prior(category).items()}
        for word in set(words):
            counts = vocabulary.get(word)
            if counts is None:
                continue
            for department in scores:
                seen = counts.get(department, 0) + SMOOTHING
                scores[department] += math.log(seen / (totals.get(department, 0) + SMOOTHING * size))
        best = max(scores.values())
        weights = {department: math.exp(score - best) for department, score in scores.items()}
        norm = sum(weights.values())
        return sorted(((department, weight / norm) for department, weight in weights.items()),
                      key=lambda item: (-item[1], item[0]))

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT_VERSION, "trained_at": self.trained_at, "held_out": self.held_out,
                           "documents": self.documents, "category_documents": self.category_documents,
                           "vocabulary": self.vocabulary}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "DepartmentClassifier | None":
        data = json.loads(text)
        if data.get("format") != FORMAT_VERSION:
            return None
        return cls(documents=data["documents"], category_documents=data["category_documents"],
                   vocabulary=data["vocabulary"], trained_at=data.get("trained_at", ""),
                   held_out=data.get("held_out") or {})


def classifier_train(examples: Sequence[Example]) -> DepartmentClassifier:
    documents: Counter[str] = Counter()
    category_documents: dict[str, Counter[str]] = defaultdict(Counter)
    vocabulary: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    orders_with_word: Counter[tuple[str, str]] = Counter()
    for example in examples:
        documents[example.department] += 1
        category_documents[example.category][example.department] += 1
        for word in set(example.words):
            vocabulary[example.group][word][example.department] += 1
            orders_with_word[example.group, word] += 1
    kept = {group: {word: dict(counts) for word, counts in words.items()
                    if orders_with_word[group, word] >= MIN_WORD_ORDERS}
            for group, words in vocabulary.items()}
    by_category = {code: dict(counts) for code, counts in category_documents.items()}
    return DepartmentClassifier(documents=dict(documents), category_documents=by_category, vocabulary=kept,
                                trained_at=timezone.now().isoformat())


def classifier_evaluate(classifier: DepartmentClassifier, examples: Sequence[Example]) -> Evaluation:
    if not examples:
        return Evaluation(orders=0, top1=None, top3=None)
    top1 = top3 = 0
    for example in examples:
        ranked = [department for department, _share in
                  classifier.rank(example.words, example.category, example.group)[:3]]
        top1 += bool(ranked) and ranked[0] == example.department
        top3 += example.department in ranked
    return Evaluation(orders=len(examples), top1=top1 / len(examples), top3=top3 / len(examples))


def _category_default_changes() -> dict[str, datetime]:
    """When each category's default department last changed: orders before that were routed by a
    responsibility list that no longer holds, and must not teach the classifier."""
    from gongzhi.common.models import DomainEvent

    changes: dict[str, datetime] = {}
    for event in DomainEvent.objects.filter(action="category.update").only("object_id", "before", "after",
                                                                           "occurred_at"):
        before, after = event.before or {}, event.after or {}
        if before.get("default_department_id") != after.get("default_department_id"):
            if event.object_id not in changes or changes[event.object_id] < event.occurred_at:
                changes[event.object_id] = event.occurred_at
    return changes


def training_examples() -> list[Example]:
    """Completed orders with a lead department, oldest first, as features and the department that
    finally completed them (after any returns or arbitration)."""
    changes = _category_default_changes()
    rows = (WorkOrder.objects.filter(completed_at__isnull=False, lead_department__isnull=False)
            .order_by("reported_at", "id")
            .values_list("title", "description", "category_id", "category__code", "category__parent__code",
                         "lead_department__code", "reported_at"))
    examples = []
    for title, description, category_id, category_code, group, department, reported_at in rows.iterator(2000):
        changed = changes.get(str(category_id))
        if changed is not None and reported_at < changed:
            continue
        words = order_words(title=title, description=description)
        examples.append(Example(words=tuple(words), category=category_code, group=group or category_code,
                                department=department, reported_at=reported_at))
    return examples


def held_out_split(examples: Sequence[Example], share: float) -> tuple[list[Example], list[Example]]:
    """The newest ``share`` of the orders are held out: the model is judged on orders that came
    after everything it learnt from, as it will be used."""
    if not 0 < share < 1:
        raise ValueError("The held-out share must be between 0 and 1.")
    cut = len(examples) - max(1, round(len(examples) * share)) if len(examples) > 1 else len(examples)
    return list(examples[:cut]), list(examples[cut:])


def category_default_evaluate(examples: Sequence[Example]) -> Evaluation:
    """The baseline: how often the category's default department was the one that led."""
    from gongzhi.orders.models import Category

    defaults = dict(Category.objects.values_list("code", "default_department__code"))
    if not examples:
        return Evaluation(orders=0, top1=None, top3=None)
    hits = sum(defaults.get(example.category) == example.department for example in examples)
    return Evaluation(orders=len(examples), top1=hits / len(examples), top3=None)


# ---------------------------------------------------------------- the saved model


_lock = threading.Lock()
_loaded: tuple[tuple, DepartmentClassifier | None] | None = None


def _file_version(path: str) -> tuple | None:
    if not default_storage.exists(path):
        return None
    try:
        return (default_storage.get_modified_time(path), default_storage.size(path))
    except NotImplementedError:
        # A storage that cannot say when a file changed: read it every time (still correct).
        return (object(),)


def classifier_save(classifier: DepartmentClassifier) -> None:
    path = model_path()
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(classifier.to_json().encode("utf-8")))


def classifier_current() -> DepartmentClassifier | None:
    """The saved model, read once per process and again whenever the file changes."""
    global _loaded
    path = model_path()
    # The storage's location is part of the key: tests (and set-ups) may point it elsewhere.
    version = (getattr(default_storage, "location", ""), path, _file_version(path))
    loaded = _loaded
    if loaded is not None and loaded[0] == version:
        return loaded[1]
    with _lock:
        if _loaded is not None and _loaded[0] == version:
            return _loaded[1]
        classifier = None
        if version[2] is not None:
            with default_storage.open(path, "rb") as handle:
                classifier = DepartmentClassifier.from_json(handle.read().decode("utf-8"))
        _loaded = (version, classifier)
        return classifier


def classifier_retrain(*, held_out_share: float = 0.2) -> DepartmentClassifier | None:
    """Judge a model trained on the older orders against the newest ones, then train on all of them
    and save that model with the judgement. Returns None (and keeps the old model) when there are
    too few completed orders to learn from."""
    examples = training_examples()
    if len(examples) < min_training_orders():
        return None
    older, newest = held_out_split(examples, held_out_share)
    evaluation = classifier_evaluate(classifier_train(older), newest)
    classifier = classifier_train(examples)
    classifier.held_out = evaluation.as_dict()
    classifier_save(classifier)
    return classifier


def min_training_orders() -> int:
    return int(_setting("GONGZHI_ROUTING_MIN_TRAINING_ORDERS", 50))


def min_confidence() -> float:
    return float(_setting("GONGZHI_ROUTING_MIN_CONFIDENCE", 0.6))


@dataclass(frozen=True)
class Prediction:
    department_code: str
    probability: float


def department_predict(*, order: WorkOrder) -> Prediction | None:
    """The department the saved model is confident about for this order, or None."""
    classifier = classifier_current()
    if classifier is None or classifier.training_orders < min_training_orders():
        return None
    words = order_words(title=order.title, description=order.description)
    category = order.category
    group = category.parent.code if category.parent_id else category.code
    ranked = classifier.rank(words, category.code, group)
    if not ranked or ranked[0][1] < min_confidence():
        return None
    return Prediction(department_code=ranked[0][0], probability=ranked[0][1])
