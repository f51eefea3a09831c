"""kano.analysis checked against examples computed by hand (the computation is in comments)."""

import math

import numpy as np
import pytest
from pydantic import ValidationError

from kano.analysis import (
    EVALUATION_TABLE,
    AnswerPair,
    FactorResult,
    analyze,
    analyze_arrays,
    analyze_by_attribute,
    categorize,
    compare_rounds,
    continuous,
    fong_test,
    priorities,
)

# One (functional, dysfunctional) answer pair per category, read off the evaluation table.
CELL = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def make_pairs(factor="F", importance=None, attributes=None, **counts):
    """counts["A"] pairs that categorise as A, and so on, respondents r0, r1, ..."""
    pairs = []
    for category, count in counts.items():
        functional, dysfunctional = CELL[category]
        for _ in range(count):
            pairs.append(
                AnswerPair(
                    respondent=f"r{len(pairs)}",
                    factor=factor,
                    functional=functional,
                    dysfunctional=dysfunctional,
                    importance=importance,
                    attributes=attributes or {},
                )
            )
    return pairs


def result_for(threshold=0.06, **counts) -> FactorResult:
    [result] = analyze(make_pairs(**counts), threshold=threshold)
    return result


# The table of the Kano issue, written out cell by cell: (functional, dysfunctional, category).
TABLE_CELLS = [
    (1, 1, "Q"), (1, 2, "A"), (1, 3, "A"), (1, 4, "A"), (1, 5, "O"),
    (2, 1, "R"), (2, 2, "I"), (2, 3, "I"), (2, 4, "I"), (2, 5, "M"),
    (3, 1, "R"), (3, 2, "I"), (3, 3, "I"), (3, 4, "I"), (3, 5, "M"),
    (4, 1, "R"), (4, 2, "I"), (4, 3, "I"), (4, 4, "I"), (4, 5, "M"),
    (5, 1, "R"), (5, 2, "R"), (5, 3, "R"), (5, 4, "R"), (5, 5, "Q"),
]  # fmt: skip


@pytest.mark.parametrize(("functional", "dysfunctional", "expected"), TABLE_CELLS)
def test_evaluation_table_cell(functional, dysfunctional, expected):
    assert categorize(functional, dysfunctional) == expected
    assert EVALUATION_TABLE[functional - 1][dysfunctional - 1] == expected
    [result] = analyze(
        [AnswerPair(respondent="r", factor="F", functional=functional, dysfunctional=dysfunctional)]
    )
    assert result.counts[expected] == 1
    assert result.n == 1


@pytest.mark.parametrize(("functional", "dysfunctional"), [(0, 3), (3, 6), (6, 1)])
def test_categorize_rejects_answers_outside_1_to_5(functional, dysfunctional):
    with pytest.raises(ValueError, match="1..5"):
        categorize(functional, dysfunctional)


@pytest.mark.parametrize(
    ("field", "value"), [("functional", 0), ("dysfunctional", 6), ("importance", 10)]
)
def test_answer_pair_rejects_values_out_of_range(field, value):
    values = {"respondent": "r", "factor": "F", "functional": 1, "dysfunctional": 5}
    with pytest.raises(ValidationError):
        AnswerPair(**{**values, field: value})


def test_worked_example_gives_every_figure():
    # A=3, O=5, M=8, I=2, R=1, Q=1, n = 20.
    pairs = make_pairs(A=3, O=5, M=8, I=2, R=1, Q=1)
    # Importance from the first four respondents only: (9 + 7 + 8 + 6) / 4 = 7.5.
    pairs[:4] = [
        pair.model_copy(update={"importance": importance})
        for pair, importance in zip(pairs[:4], (9, 7, 8, 6), strict=True)
    ]
    [result] = analyze(pairs)

    assert result.factor == "F"
    assert result.n == 20
    assert result.counts == {"A": 3, "O": 5, "M": 8, "I": 2, "R": 1, "Q": 1}
    # shares: 3/20, 5/20, 8/20, 2/20, 1/20, 1/20
    assert result.shares == pytest.approx(
        {"A": 0.15, "O": 0.25, "M": 0.40, "I": 0.10, "R": 0.05, "Q": 0.05}
    )
    assert result.category == "M"
    # Two most frequent of A, O, M, I, R: M (8) and O (5): (8 - 5) / 20 = 0.15.
    assert result.category_strength == pytest.approx(0.15)
    # (3 + 5 + 8) / 20 = 0.8
    assert result.total_strength == pytest.approx(0.8)
    # 0.15 >= 0.06, so the mode M.
    assert result.category_moai == "M"
    # A+O+M = 16 > I+R+Q = 4, largest of A, O, M is M.
    assert result.category_aom == "M"
    # Fong on a=8, b=5, n=20: 1.65 * sqrt(13 * 27 / 40) = 1.65 * sqrt(8.775) = 4.8877...;
    # |8 - 5| = 3 < 4.8877: not significant.
    assert result.fong.difference == 3.0
    assert result.fong.threshold == pytest.approx(4.887733, abs=1e-6)
    assert result.fong.significant is False
    # Better = (3 + 5) / (3 + 5 + 8 + 2) = 8/18 = 0.4444; Worse = -(5 + 8) / 18 = -0.7222.
    assert result.better == pytest.approx(0.444444, abs=1e-6)
    assert result.worse == pytest.approx(-0.722222, abs=1e-6)
    # Functional answers: 1 for A, O, Q (9 x score 4), 2 for M (8 x 2), 3 for I (2 x 0),
    # 5 for R (1 x -2). Sum 36 + 16 + 0 - 2 = 50, mean 2.5.
    # Squares 144 + 32 + 0 + 4 = 180; variance (180 - 20 * 2.5^2) / 19 = 55/19; sd 1.70139.
    assert result.continuous.functional_mean == pytest.approx(2.5)
    assert result.continuous.functional_sd == pytest.approx(1.701393, abs=1e-6)
    # Dysfunctional answers: 3 for A and I (5 x 0), 5 for O and M (13 x 4), 1 for R and Q
    # (2 x -2). Sum 52 - 4 = 48, mean 2.4. Squares 13 * 16 + 2 * 4 = 216;
    # variance (216 - 20 * 2.4^2) / 19 = 100.8 / 19 = 5.30526; sd 2.303316.
    assert result.continuous.dysfunctional_mean == pytest.approx(2.4)
    assert result.continuous.dysfunctional_sd == pytest.approx(2.303316, abs=1e-6)
    assert result.importance_mean == pytest.approx(7.5)


def test_importance_mean_is_none_without_importance():
    assert result_for(A=2).importance_mean is None


def test_counts_and_shares_list_every_category_even_when_zero():
    result = result_for(I=4)
    assert result.counts == {"A": 0, "O": 0, "M": 0, "I": 4, "R": 0, "Q": 0}
    assert result.shares == {"A": 0.0, "O": 0.0, "M": 0.0, "I": 1.0, "R": 0.0, "Q": 0.0}


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"M": 4, "O": 4, "A": 1}, "M"),
        ({"O": 4, "A": 4, "M": 1}, "O"),
        ({"A": 3, "I": 3}, "A"),
        ({"I": 2, "R": 2}, "I"),
        ({"R": 3, "Q": 3}, "R"),
        ({"Q": 5, "A": 4}, "Q"),
    ],
)
def test_mode_breaks_ties_in_the_order_m_o_a_i_r_q(counts, expected):
    assert result_for(**counts).category == expected


def test_moai_rule_picks_the_higher_impact_category_below_the_threshold():
    # A=6, M=5, I=4, R=3, Q=2, n=20. Mode A. Strength (6 - 5) / 20 = 0.05 < 0.06:
    # of the two most frequent (A, M) the first in M, O, A, I is M.
    result = result_for(A=6, M=5, I=4, R=3, Q=2)
    assert result.category == "A"
    assert result.category_strength == pytest.approx(0.05)
    assert result.category_moai == "M"


def test_moai_rule_keeps_the_mode_at_exactly_the_threshold():
    # A=12, M=9, O=8, I=8, R=7, Q=6, n=50. Strength (12 - 9) / 50 = 0.06, not below 0.06.
    result = result_for(A=12, M=9, O=8, I=8, R=7, Q=6)
    assert result.category_strength == 0.06
    assert result.category_moai == "A"


def test_moai_rule_applies_just_above_the_strength_with_a_custom_threshold():
    # Same counts, threshold 0.0601 > 0.06: the two most frequent are A and M, M wins.
    result = result_for(threshold=0.0601, A=12, M=9, O=8, I=8, R=7, Q=6)
    assert result.category_moai == "M"


def test_moai_rule_with_two_tied_leaders_takes_the_first_of_m_o_a_i():
    # A=5, I=5, n=10: strength 0; top two A and I; A comes before I in M, O, A, I.
    result = result_for(I=5, A=5)
    assert result.category_strength == 0.0
    assert result.category_moai == "A"


def test_moai_rule_skips_reverse_among_the_two_most_frequent():
    # R=4, A=3, Q=13, n=20. Mode Q. Strength (4 - 3) / 20 = 0.05 < 0.06; top two R and A;
    # R is not in M, O, A, I, so A.
    result = result_for(R=4, A=3, Q=13)
    assert result.category == "Q"
    assert result.category_moai == "A"


def test_moai_rule_falls_back_to_the_mode_when_only_reverse_was_answered():
    # R=1, Q=99: strength 1/100 = 0.01 < 0.06, but the only answered category of A, O, M,
    # I, R is R, which is not in M, O, A, I: the rule has nothing to say, the mode Q stands.
    result = result_for(R=1, Q=99)
    assert result.category_moai == "Q"


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # A+O+M = 3+2+2 = 7 > I+R+Q = 5+1 = 6: largest of A, O, M is A (the mode is I).
        ({"A": 3, "O": 2, "M": 2, "I": 5, "R": 1}, "A"),
        # 3 = 3 is not greater: largest of I, R, Q is I.
        ({"A": 3, "I": 3}, "I"),
        # M and O tie at 3 in the A, O, M group: M first.
        ({"M": 3, "O": 3, "A": 1, "I": 2}, "M"),
        # O and A tie at 3: O first.
        ({"O": 3, "A": 3, "I": 1}, "O"),
        # 1 < 6: R and Q tie at 3 in the I, R, Q group: R first.
        ({"A": 1, "R": 3, "Q": 3}, "R"),
        # Nothing but Q: 0 > 2 is false, largest of I, R, Q is Q.
        ({"Q": 2}, "Q"),
    ],
)
def test_aom_rule(counts, expected):
    assert result_for(**counts).category_aom == expected


def test_fong_significant_difference():
    # a=30, b=10, n=50: 1.65 * sqrt(40 * 60 / 100) = 1.65 * sqrt(24) = 8.0833; 20 >= 8.0833.
    fong = fong_test(30, 10, 50)
    assert fong.difference == 20.0
    assert fong.threshold == pytest.approx(8.083316, abs=1e-6)
    assert fong.significant is True


def test_fong_not_significant_difference():
    # a=12, b=9, n=50: 1.65 * sqrt(21 * 79 / 100) = 1.65 * sqrt(16.59) = 6.7206; 3 < 6.7206.
    fong = fong_test(12, 9, 50)
    assert fong.threshold == pytest.approx(6.720586, abs=1e-6)
    assert fong.significant is False


def test_fong_difference_equal_to_the_threshold_is_significant():
    # a=1633, b=1567, n=3200: 1.65 * sqrt(3200 * 3200 / 6400) = 1.65 * 40 = 66 = |a - b|.
    assert fong_test(1633, 1567, 3200).significant is True
    # a=1632, b=1568: |a - b| = 64 < 66.
    assert fong_test(1632, 1568, 3200).significant is False


def test_fong_in_analyze_uses_the_two_most_frequent():
    # M=30, O=10, A=5, Q=5, n=50: a=30, b=10 as in test_fong_significant_difference.
    result = result_for(M=30, O=10, A=5, Q=5)
    assert result.fong.difference == 20.0
    assert result.fong.threshold == pytest.approx(8.083316, abs=1e-6)
    assert result.fong.significant is True


def test_only_questionable_answers_give_zeros_and_no_significance():
    result = result_for(Q=3)
    assert result.category == "Q"
    assert result.category_strength == 0.0
    assert result.total_strength == 0.0
    assert result.better == 0.0
    assert result.worse == 0.0
    assert result.fong.significant is False
    assert result.fong.threshold == 0.0


def test_better_and_worse_leave_out_reverse_and_questionable():
    # A=2, O=1, M=1, I=4 (denominator 8), R=5, Q=5 ignored.
    # Better = (2 + 1) / 8 = 0.375; Worse = -(1 + 1) / 8 = -0.25.
    result = result_for(A=2, O=1, M=1, I=4, R=5, Q=5)
    assert result.better == 0.375
    assert result.worse == -0.25


def test_better_and_worse_are_zero_without_a_o_m_i():
    result = result_for(R=2, Q=1)
    assert (result.better, result.worse) == (0.0, 0.0)


def test_continuous_means_and_sample_standard_deviations():
    # Pairs (1,5), (2,5), (5,1). Functional scores 4, 2, -2: mean 4/3;
    # variance ((8/3)^2 + (2/3)^2 + (10/3)^2) / 2 = (64 + 4 + 100) / 18 = 9.3333; sd 3.05505.
    # Dysfunctional scores 4, 4, -2: mean 2; variance (4 + 4 + 16) / 2 = 12; sd 3.46410.
    result = continuous([(1, 5), (2, 5), (5, 1)])
    assert result.functional_mean == pytest.approx(1.333333, abs=1e-6)
    assert result.functional_sd == pytest.approx(3.055050, abs=1e-6)
    assert result.dysfunctional_mean == 2.0
    assert result.dysfunctional_sd == pytest.approx(3.464102, abs=1e-6)


def test_continuous_scores_of_every_answer():
    # Answers 1..5 once each on both sides: functional 4, 2, 0, -1, -2 (mean 0.6);
    # dysfunctional -2, -1, 0, 2, 4 (mean 0.6). Squares 16+4+0+1+4 = 25 both;
    # variance (25 - 5 * 0.36) / 4 = 5.8; sd 2.408319.
    result = continuous([(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)])
    assert result.functional_mean == pytest.approx(0.6)
    assert result.dysfunctional_mean == pytest.approx(0.6)
    assert result.functional_sd == pytest.approx(math.sqrt(5.8))
    assert result.dysfunctional_sd == pytest.approx(math.sqrt(5.8))


def test_continuous_sd_is_zero_for_a_single_answer():
    result = continuous([(2, 5)])
    assert (result.functional_mean, result.functional_sd) == (2.0, 0.0)
    assert (result.dysfunctional_mean, result.dysfunctional_sd) == (4.0, 0.0)


def test_analyze_keeps_factor_first_seen_order_and_counts_per_factor():
    pairs = [
        AnswerPair(respondent="r1", factor="Speed", functional=1, dysfunctional=5),
        AnswerPair(respondent="r1", factor="Price", functional=2, dysfunctional=5),
        AnswerPair(respondent="r2", factor="Speed", functional=1, dysfunctional=3),
        AnswerPair(respondent="r2", factor="Price", functional=2, dysfunctional=5),
        AnswerPair(respondent="r3", factor="Colour", functional=3, dysfunctional=3),
    ]
    results = analyze(pairs)
    assert [r.factor for r in results] == ["Speed", "Price", "Colour"]
    assert [r.n for r in results] == [2, 2, 1]
    assert results[0].counts["O"] == 1 and results[0].counts["A"] == 1
    assert results[1].category == "M"
    assert results[2].category == "I"


def test_analyze_of_nothing_is_empty():
    assert analyze([]) == []


def test_analyze_rejects_a_threshold_given_in_percent():
    with pytest.raises(ValueError, match="fraction"):
        analyze(make_pairs(A=1), threshold=6)


def test_analyze_arrays_matches_analyze_and_leaves_out_unanswered_factors():
    pairs = make_pairs(factor="X", A=3, M=2, importance=4) + make_pairs(factor="Y", I=2, O=1)
    codes = np.array([0 if p.factor == "X" else 2 for p in pairs])
    functional = np.array([p.functional for p in pairs])
    dysfunctional = np.array([p.dysfunctional for p in pairs])
    importance = np.array([p.importance or 0 for p in pairs])
    results = analyze_arrays(codes, functional, dysfunctional, importance, ["X", "unused", "Y"])
    assert [r.factor for r in results] == ["X", "Y"]
    assert results == analyze(pairs)
    assert results[0].importance_mean == 4.0
    assert results[1].importance_mean is None


def test_analyze_arrays_rejects_answers_out_of_range():
    with pytest.raises(ValueError, match="functional answers must be 1..5"):
        analyze_arrays(np.array([0]), np.array([6]), np.array([1]), None, ["F"])


def test_analyze_by_attribute_groups_respondents_by_value():
    business = make_pairs(M=3, A=1, attributes={"segment": "Business"})
    consumer = make_pairs(A=3, I=1, attributes={"segment": "Consumer"})
    unknown = make_pairs(Q=5)  # no segment: in no group
    groups = analyze_by_attribute(consumer + business + unknown, "segment")
    assert list(groups) == ["Consumer", "Business"]
    [consumer_result] = groups["Consumer"]
    [business_result] = groups["Business"]
    assert consumer_result.n == 4 and consumer_result.category == "A"
    assert business_result.n == 4 and business_result.category == "M"
    # Business: Worse = -(0 + 3) / 4 = -0.75; Consumer: Better = 3 / 4 = 0.75.
    assert business_result.worse == -0.75
    assert consumer_result.better == 0.75


def test_analyze_by_unknown_attribute_is_empty():
    assert analyze_by_attribute(make_pairs(A=2, attributes={"segment": "x"}), "role") == {}


def test_compare_rounds_shows_drift_new_and_dropped_factors():
    previous = analyze(
        make_pairs(factor="Speed", A=5, O=1)
        + make_pairs(factor="Price", M=4)
        + make_pairs(factor="Fax", I=3)
    )
    current = analyze(
        make_pairs(factor="Speed", O=5, A=2)
        + make_pairs(factor="Price", M=6)
        + make_pairs(factor="Chat", A=2)
    )
    drifts = {d.factor: d for d in compare_rounds(previous, current)}
    assert [d.factor for d in compare_rounds(previous, current)] == [
        "Speed",
        "Price",
        "Chat",
        "Fax",
    ]
    assert drifts["Speed"].before == "A" and drifts["Speed"].after == "O"
    assert drifts["Speed"].changed is True
    assert drifts["Speed"].direction == "attractive_to_one_dimensional"
    assert drifts["Price"].changed is False and drifts["Price"].direction == "unchanged"
    assert drifts["Chat"].before is None and drifts["Chat"].direction == "new"
    assert drifts["Fax"].after is None and drifts["Fax"].direction == "dropped"


def test_compare_rounds_can_compare_the_moai_category():
    # Round 1: A=6, M=5, I=4, R=3, Q=2: mode A, M>O>A>I gives M (see above). Round 2: M=5.
    previous = analyze(make_pairs(factor="F", A=6, M=5, I=4, R=3, Q=2))
    current = analyze(make_pairs(factor="F", M=5))
    [by_mode] = compare_rounds(previous, current)
    [by_moai] = compare_rounds(previous, current, field="category_moai")
    assert by_mode.direction == "attractive_to_must_be"
    assert by_moai.direction == "unchanged"


def test_priorities_follow_the_method_order():
    results = analyze(
        make_pairs(factor="Colour", I=4)
        + make_pairs(factor="Gift", A=4, M=1)  # Better 4/5 = 0.8
        + make_pairs(factor="Surprise", A=3)  # Better 3/3 = 1.0
        + make_pairs(factor="Speed", O=4)
        + make_pairs(factor="Jingle", R=3)
        + make_pairs(factor="Odd", Q=2)
        + make_pairs(factor="Invoice", M=3, I=2)  # Worse -3/5 = -0.6
        + make_pairs(factor="Safety", M=4)  # Worse -4/4 = -1.0
    )
    ordered = priorities(results)
    assert [(p.rank, p.factor, p.category, p.advice_key) for p in ordered] == [
        (1, "Safety", "M", "fix_first"),
        (2, "Invoice", "M", "fix_first"),
        (3, "Speed", "O", "improve"),
        (4, "Surprise", "A", "delight"),
        (5, "Gift", "A", "delight"),
        (6, "Colour", "I", "cut_cost"),
        (7, "Jingle", "R", "remove"),
        (8, "Odd", "Q", "clarify_question"),
    ]
