"""The arithmetic of the assessment (assessment/scoring.py), case by case: each rule, the parts that
leave out what does not apply, the total with one part missing, shared ranks and the grades."""
from __future__ import annotations

from decimal import Decimal

import pytest

from gongzhi.assessment.scoring import (Weighted, grade_of, linear_score, mean, percentage, ranks,
                                        threshold_score, total_score, weighted_mean)

D = Decimal


@pytest.mark.parametrize("value,zero_at,full_at,score", [
    ("75", "60", "100", "37.50"), ("60", "60", "100", "0.00"), ("100", "60", "100", "100.00"),
    ("40", "60", "100", "0.00"), ("120", "60", "100", "100.00"),
    # Lower is better: 0 scores 100, 20 scores 0.
    ("5", "20", "0", "75.00"), ("25", "20", "0", "0.00"), ("66.67", "50", "100", "33.34"),
])
def test_linear(value, zero_at, full_at, score):
    assert linear_score(D(value), zero_at=D(zero_at), full_at=D(full_at)) == D(score)


STEPS = [(95, 100), (80, 80), (60, 60)]


@pytest.mark.parametrize("value,score", [("99", "100"), ("95", "100"), ("94.99", "80"), ("60", "60"),
                                         ("59.9", "0")])
def test_thresholds_where_higher_is_better(value, score):
    assert threshold_score(D(value), steps=STEPS, lower_is_better=False) == D(score)


@pytest.mark.parametrize("value,score", [("0", "100"), ("1", "60"), ("2", "60"), ("3", "0")])
def test_thresholds_where_lower_is_better(value, score):
    assert threshold_score(D(value), steps=[(0, 100), (2, 60)], lower_is_better=True) == D(score)


def test_weighted_mean_leaves_out_what_does_not_apply():
    assert weighted_mean([Weighted(D(30), D(100)), Weighted(D(10), D(50)), Weighted(D(15),
                                                                                    None)]) == D("87.50")
    assert weighted_mean([Weighted(D(30), None)]) is None
    assert mean([D(78), D(85), None]) == D("81.50")
    assert mean([]) is None


def test_percentages():
    assert percentage(2, 3) == D("66.67")
    assert percentage(1, 0) is None


def test_the_total_with_one_part_missing_is_the_other():
    assert total_score(automatic=D("35.25"), streets=D(80), street_share=D(20)) == D("44.20")
    assert total_score(automatic=None, streets=D(80), street_share=D(20)) == D(80)
    assert total_score(automatic=D("35.25"), streets=None, street_share=D(20)) == D("35.25")
    assert total_score(automatic=None, streets=None, street_share=D(20)) is None
    assert total_score(automatic=D(50), streets=D(100), street_share=D(0)) == D(50)


def test_equal_totals_share_a_rank_and_no_total_has_none():
    assert ranks({"a": D(90), "b": D(85), "c": D(90), "d": None, "e": D(70)}) == {
        "a": 1, "c": 1, "b": 3, "e": 4, "d": None}


@pytest.mark.parametrize("score,grade", [("95", "excellent"), ("90", "excellent"), ("89.99", "good"),
                                         ("80", "good"), ("60", "average"), ("59.99", "poor"), (None, "")])
def test_grades(score, grade):
    value = None if score is None else D(score)
    assert grade_of(value, excellent_from=D(90), good_from=D(80), average_from=D(60)) == grade
