"""Kano analysis: answer pairs in, one `FactorResult` per factor out.

Pure logic, no Django (an import-linter contract forbids it). The results page, the
`kano_analyze` command and the PDF report all call `analyze`.

Sources of the rules, cited again on each function:

- Kano, N., Seraku, N., Takahashi, F., Tsuji, S. (1984). Attractive quality and must-be quality.
  Hinshitsu 14(2). The questionnaire and the evaluation table.
- Berger, C. et al. (1993). Kano's methods for understanding customer-defined quality.
  Center for Quality Management Journal 2(4). Better/Worse (customer satisfaction
  coefficients) and the M > O > A > I evaluation rule; in the same issue, DuMouchel's
  continuous analysis (functional and dysfunctional scores).
- Lee, M. C., Newcomb, J. F. (1997). Applying the Kano methodology to meet customer
  requirements: NASA's microgravity science program. Quality Management Journal 4(3).
  Category strength and total strength.
- Fong, D. (1996). Using the self-stated importance questionnaire to interpret Kano
  questionnaire results. Center for Quality Management Journal 5(3). Significance of the
  difference between the two most frequent categories.

Shares, strengths, Better and Worse are fractions of 1, never percentages.

The hot path is `analyze_arrays`: the 25 cells of the evaluation table are counted per factor
with one `numpy.bincount`, and every figure is derived from those 25 counts, so 400,000 answer
pairs cost one pass over numpy arrays, not one pydantic validation per pair.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

Answer = Annotated[int, Field(ge=1, le=5)]
"""1 I like it, 2 I expect it, 3 I am neutral, 4 I can live with it, 5 I dislike it."""

Importance = Annotated[int, Field(ge=1, le=9)]
"""Self-stated importance of a factor, 1 (not at all) .. 9 (extremely)."""

Category = Literal["A", "O", "M", "I", "R", "Q"]
"""Attractive, One-dimensional, Must-be, Indifferent, Reverse, Questionable."""

AdviceKey = Literal["fix_first", "improve", "delight", "cut_cost", "remove", "clarify_question"]

ANSWERS: dict[int, str] = {
    1: "I like it",
    2: "I expect it",
    3: "I am neutral",
    4: "I can live with it",
    5: "I dislike it",
}

CATEGORIES: tuple[Category, ...] = ("A", "O", "M", "I", "R", "Q")
# Tie-break order of the mode (the issue: M, O, A, I, R, Q).
MODE_ORDER: tuple[Category, ...] = ("M", "O", "A", "I", "R", "Q")
# Categories that take part in category strength, the M>O>A>I rule and Fong's test.
RANKED: tuple[Category, ...] = ("M", "O", "A", "I", "R")
MOAI: tuple[Category, ...] = ("M", "O", "A", "I")

CATEGORY_NAMES: dict[str, str] = {
    "A": "attractive",
    "O": "one_dimensional",
    "M": "must_be",
    "I": "indifferent",
    "R": "reverse",
    "Q": "questionable",
}

DEFAULT_THRESHOLD = 0.06

# Rows: functional answer 1..5, columns: dysfunctional answer 1..5 (Kano et al. 1984).
EVALUATION_TABLE: tuple[tuple[Category, ...], ...] = (
    ("Q", "A", "A", "A", "O"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "I", "I", "I", "M"),
    ("R", "R", "R", "R", "Q"),
)

# DuMouchel's continuous scores for answers 1..5 (Berger et al. 1993, section IVb).
FUNCTIONAL_SCORES: tuple[int, ...] = (4, 2, 0, -1, -2)
DYSFUNCTIONAL_SCORES: tuple[int, ...] = (-2, -1, 0, 2, 4)

# For each category, a 0/1 mask over the 25 cells (row-major: (functional-1)*5 + dysfunctional-1).
_CELL_MASK = np.array(
    [
        [1 if cell == category else 0 for row in EVALUATION_TABLE for cell in row]
        for category in CATEGORIES
    ],
    dtype=np.int64,
).T  # shape (25, 6)


class AnswerPair(BaseModel):
    """One respondent's functional and dysfunctional answer about one factor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    respondent: str = Field(min_length=1)
    factor: str = Field(min_length=1)
    functional: Answer
    dysfunctional: Answer
    importance: Importance | None = None
    attributes: dict[str, str] = Field(default_factory=dict)


class FongResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    difference: float
    threshold: float
    significant: bool


class ContinuousResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    functional_mean: float
    functional_sd: float
    dysfunctional_mean: float
    dysfunctional_sd: float


class FactorResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    factor: str
    n: int
    counts: dict[str, int]
    shares: dict[str, float]
    category: Category
    category_moai: Category
    category_aom: Category
    category_strength: float
    total_strength: float
    better: float
    worse: float
    fong: FongResult
    continuous: ContinuousResult
    importance_mean: float | None


class Drift(BaseModel):
    """How a factor's category moved between two survey rounds."""

    model_config = ConfigDict(frozen=True)

    factor: str
    before: Category | None
    after: Category | None
    changed: bool
    # "unchanged", "new", "dropped" or "<before>_to_<after>" with CATEGORY_NAMES,
    # e.g. "attractive_to_one_dimensional"; a key for the UI to translate.
    direction: str


class Priority(BaseModel):
    model_config = ConfigDict(frozen=True)

    factor: str
    category: Category
    rank: int
    advice_key: AdviceKey


def categorize(functional: int, dysfunctional: int) -> Category:
    """Category of one answer pair by Kano's evaluation table (Kano et al. 1984).

    Rows are the functional answer, columns the dysfunctional answer, both 1..5
    (1 I like it .. 5 I dislike it); see `EVALUATION_TABLE`. Raises ValueError outside 1..5.
    """
    if not (1 <= functional <= 5 and 1 <= dysfunctional <= 5):
        raise ValueError(f"answers must be 1..5, got {functional}, {dysfunctional}")
    return EVALUATION_TABLE[functional - 1][dysfunctional - 1]


def analyze(
    pairs: Iterable[AnswerPair], *, threshold: float = DEFAULT_THRESHOLD
) -> list[FactorResult]:
    """Every Kano figure per factor, factors in the order they are first seen.

    The rules (each documented on the helper that computes it):
    category by the evaluation table (Kano et al. 1984); counts and shares of n; the mode
    (ties M, O, A, I, R, Q); category strength and total strength (Lee & Newcomb 1997); the
    M>O>A>I rule with `threshold` (Berger et al. 1993); the (A+O+M) rule; Fong's test
    (Fong 1996); Better and Worse (Berger et al. 1993); DuMouchel's continuous analysis
    (Berger et al. 1993); the mean self-stated importance.

    The pairs are already validated `AnswerPair`s, so they are only copied into numpy arrays
    here and handed to `analyze_arrays`. One pair per respondent and factor is the caller's
    business (`kano.parsing` refuses duplicates).
    """
    codes: dict[str, int] = {}
    factor_codes: list[int] = []
    functional: list[int] = []
    dysfunctional: list[int] = []
    importance: list[int] = []
    for pair in pairs:
        code = codes.get(pair.factor)
        if code is None:
            code = codes[pair.factor] = len(codes)
        factor_codes.append(code)
        functional.append(pair.functional)
        dysfunctional.append(pair.dysfunctional)
        importance.append(pair.importance or 0)
    return analyze_arrays(
        np.array(factor_codes, dtype=np.int64),
        np.array(functional, dtype=np.int64),
        np.array(dysfunctional, dtype=np.int64),
        np.array(importance, dtype=np.int64),
        list(codes),
        threshold=threshold,
    )


def analyze_arrays(
    factor_codes: np.ndarray,
    functional: np.ndarray,
    dysfunctional: np.ndarray,
    importance: np.ndarray | None,
    factor_names: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[FactorResult]:
    """`analyze` on parallel numpy arrays, one element per answer pair.

    `factor_codes[i]` indexes `factor_names`; `functional` and `dysfunctional` hold answers
    1..5; `importance` holds 1..9 or 0 for "not given" (or is None when nobody gave it).
    Results follow `factor_names`; a factor without any pair is left out, because no figure
    can be computed for it. Same rules and sources as `analyze`. Raises ValueError on arrays
    of different lengths or values out of range.
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold is a fraction of 1, got {threshold}")
    factor_codes = np.asarray(factor_codes, dtype=np.int64)
    functional = np.asarray(functional, dtype=np.int64)
    dysfunctional = np.asarray(dysfunctional, dtype=np.int64)
    size = len(factor_codes)
    if len(functional) != size or len(dysfunctional) != size:
        raise ValueError("factor_codes, functional and dysfunctional differ in length")
    n_factors = len(factor_names)
    if size:
        if factor_codes.min() < 0 or factor_codes.max() >= n_factors:
            raise ValueError("factor code outside factor_names")
        for name, answers in (("functional", functional), ("dysfunctional", dysfunctional)):
            if answers.min() < 1 or answers.max() > 5:
                raise ValueError(f"{name} answers must be 1..5")

    cells = np.bincount(
        factor_codes * 25 + (functional - 1) * 5 + (dysfunctional - 1),
        minlength=n_factors * 25,
    ).reshape(n_factors, 25)
    category_counts = cells @ _CELL_MASK  # (n_factors, 6) in CATEGORIES order
    functional_counts = cells.reshape(n_factors, 5, 5).sum(axis=2)
    dysfunctional_counts = cells.reshape(n_factors, 5, 5).sum(axis=1)

    importance_sum = np.zeros(n_factors, dtype=np.int64)
    importance_n = np.zeros(n_factors, dtype=np.int64)
    if importance is not None and size:
        importance = np.asarray(importance, dtype=np.int64)
        if len(importance) != size:
            raise ValueError("importance differs in length from factor_codes")
        if importance.min() < 0 or importance.max() > 9:
            raise ValueError("importance must be 1..9, or 0 when not given")
        given = importance > 0
        importance_sum = np.bincount(factor_codes[given], importance[given], n_factors)
        importance_n = np.bincount(factor_codes[given], minlength=n_factors)

    results = []
    for code, name in enumerate(factor_names):
        counts = dict(zip(CATEGORIES, (int(c) for c in category_counts[code]), strict=True))
        n = sum(counts.values())
        if n == 0:
            continue
        imp_n = int(importance_n[code])
        results.append(
            _factor_result(
                name,
                counts,
                functional_counts=[int(c) for c in functional_counts[code]],
                dysfunctional_counts=[int(c) for c in dysfunctional_counts[code]],
                importance_mean=float(importance_sum[code]) / imp_n if imp_n else None,
                threshold=threshold,
            )
        )
    return results


def _factor_result(
    factor: str,
    counts: dict[str, int],
    *,
    functional_counts: list[int],
    dysfunctional_counts: list[int],
    importance_mean: float | None,
    threshold: float,
) -> FactorResult:
    n = sum(counts.values())
    first, second = two_most_frequent(counts)
    strength = category_strength(counts)
    return FactorResult(
        factor=factor,
        n=n,
        counts=counts,
        shares={c: counts[c] / n for c in CATEGORIES},
        category=mode_category(counts),
        category_moai=moai_category(counts, threshold=threshold),
        category_aom=aom_category(counts),
        category_strength=strength,
        total_strength=total_strength(counts),
        better=better(counts),
        worse=worse(counts),
        fong=fong_test(counts[first], counts[second], n),
        continuous=_continuous_from_counts(functional_counts, dysfunctional_counts),
        importance_mean=importance_mean,
    )


def mode_category(counts: dict[str, int]) -> Category:
    """The most frequent of A, O, M, I, R, Q; ties go to the first in M, O, A, I, R, Q.

    The mode ("maximum frequency") is Kano's own evaluation (Kano et al. 1984; Berger et al.
    1993). The tie order puts the category with the greatest product impact first.
    """
    return max(MODE_ORDER, key=lambda c: (counts[c], -MODE_ORDER.index(c)))


def two_most_frequent(counts: dict[str, int]) -> tuple[Category, Category]:
    """The two most frequent of A, O, M, I, R (Q is left out), ties in the order M, O, A, I, R.

    Used by category strength (Lee & Newcomb 1997), the M>O>A>I rule (Berger et al. 1993) and
    Fong's test (Fong 1996).
    """
    ranked = sorted(RANKED, key=lambda c: (-counts[c], RANKED.index(c)))
    return ranked[0], ranked[1]


def category_strength(counts: dict[str, int]) -> float:
    """Share of the most frequent minus share of the second most frequent of A, O, M, I, R.

    Shares are of n, all pairs including Q (Lee & Newcomb 1997). 0.0 when n is 0.
    """
    n = sum(counts[c] for c in CATEGORIES)
    if n == 0:
        return 0.0
    first, second = two_most_frequent(counts)
    return (counts[first] - counts[second]) / n


def total_strength(counts: dict[str, int]) -> float:
    """(A + O + M) / n: how many respondents care about the factor at all.

    Lee & Newcomb 1997. 0.0 when n is 0.
    """
    n = sum(counts[c] for c in CATEGORIES)
    return (counts["A"] + counts["O"] + counts["M"]) / n if n else 0.0


def moai_category(counts: dict[str, int], *, threshold: float = DEFAULT_THRESHOLD) -> Category:
    """The M > O > A > I rule (Berger et al. 1993).

    If category strength is below `threshold` (default 0.06, "6 points"), the first of
    M, O, A, I among the two most frequent of A, O, M, I, R wins: when the answers are split,
    the category with the greater impact on the product is chosen. At or above the threshold
    the mode wins. Only categories that were answered at least once count as "most
    frequent"; if neither of them is M, O, A or I (only R, or nothing but Q, was answered),
    the rule has nothing to say and the mode is returned.
    """
    if category_strength(counts) >= threshold:
        return mode_category(counts)
    leaders = [c for c in two_most_frequent(counts) if counts[c] > 0]
    for candidate in MOAI:
        if candidate in leaders:
            return candidate
    return mode_category(counts)


def aom_category(counts: dict[str, int]) -> Category:
    """The (A+O+M) rule: if A + O + M > I + R + Q, the largest of A, O, M, else of I, R, Q.

    Ties inside a group go to the first of M, O, A, and of I, R, Q. A rule common in the Kano
    literature to separate factors that matter from factors that do not (Berger et al. 1993
    discuss the A/O/M versus I/R/Q split; the statement here follows the Kano issue).
    """
    if counts["A"] + counts["O"] + counts["M"] > counts["I"] + counts["R"] + counts["Q"]:
        group: tuple[Category, ...] = ("M", "O", "A")
    else:
        group = ("I", "R", "Q")
    return max(group, key=lambda c: (counts[c], -group.index(c)))


def fong_test(a: int, b: int, n: int) -> FongResult:
    """Fong's test on the counts a, b of the two most frequent categories among n answers.

    threshold = 1.65 * sqrt((a + b) * (2n - a - b) / (2n)); the difference |a - b| is
    significant when it reaches the threshold and not significant when |a - b| < threshold
    (Fong 1996; 1.65 is the one-sided 5 % normal quantile). When a and b are both 0 (nothing
    but Q answers) there is no difference to test and the result is not significant.
    """
    difference = float(abs(a - b))
    threshold = 1.65 * math.sqrt((a + b) * (2 * n - a - b) / (2 * n)) if n else 0.0
    significant = (a + b) > 0 and difference >= threshold
    return FongResult(difference=difference, threshold=threshold, significant=significant)


def better(counts: dict[str, int]) -> float:
    """Better (satisfaction coefficient) = (A + O) / (A + O + M + I), 0.0 when that is 0.

    Berger et al. 1993 (Timko's customer satisfaction coefficient). R and Q are left out.
    """
    denominator = counts["A"] + counts["O"] + counts["M"] + counts["I"]
    return (counts["A"] + counts["O"]) / denominator if denominator else 0.0


def worse(counts: dict[str, int]) -> float:
    """Worse (dissatisfaction coefficient) = -(O + M) / (A + O + M + I), 0.0 when that is 0.

    Berger et al. 1993; negative so that a bigger dissatisfaction reads as a lower number.
    """
    denominator = counts["A"] + counts["O"] + counts["M"] + counts["I"]
    return -(counts["O"] + counts["M"]) / denominator if denominator else 0.0


def continuous(pairs: Iterable[tuple[int, int]]) -> ContinuousResult:
    """DuMouchel's continuous analysis of (functional, dysfunctional) answers.

    Answers 1..5 score 4, 2, 0, -1, -2 on the functional side and -2, -1, 0, 2, 4 on the
    dysfunctional side (DuMouchel in Berger et al. 1993). Every pair counts, also R and Q.
    Means, and sample standard deviations (ddof = 1, the n - 1 divisor, because the
    respondents are a sample of the customers); 0.0 when fewer than two pairs.
    """
    functional_counts = [0] * 5
    dysfunctional_counts = [0] * 5
    for f, d in pairs:
        categorize(f, d)  # validates the range
        functional_counts[f - 1] += 1
        dysfunctional_counts[d - 1] += 1
    return _continuous_from_counts(functional_counts, dysfunctional_counts)


def _continuous_from_counts(
    functional_counts: Sequence[int], dysfunctional_counts: Sequence[int]
) -> ContinuousResult:
    f_mean, f_sd = _mean_sd(functional_counts, FUNCTIONAL_SCORES)
    d_mean, d_sd = _mean_sd(dysfunctional_counts, DYSFUNCTIONAL_SCORES)
    return ContinuousResult(
        functional_mean=f_mean,
        functional_sd=f_sd,
        dysfunctional_mean=d_mean,
        dysfunctional_sd=d_sd,
    )


def _mean_sd(answer_counts: Sequence[int], scores: Sequence[int]) -> tuple[float, float]:
    # Integer sums keep the variance exact: (n*sum(x^2) - sum(x)^2) / (n*(n-1)).
    n = sum(answer_counts)
    if n == 0:
        return 0.0, 0.0
    total = sum(c * s for c, s in zip(answer_counts, scores, strict=True))
    squares = sum(c * s * s for c, s in zip(answer_counts, scores, strict=True))
    mean = total / n
    if n < 2:
        return mean, 0.0
    return mean, math.sqrt((n * squares - total * total) / (n * (n - 1)))


def analyze_by_attribute(
    pairs: Iterable[AnswerPair], attribute: str, *, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, list[FactorResult]]:
    """`analyze` once per value of a respondent attribute (segment, role, customer group).

    Lets the results page compare segments (the Kano issue: every figure per respondent
    attribute). Keys follow the order in which the values are first seen. Pairs without the
    attribute, or with a blank value, belong to no group and are left out. Same rules and
    sources as `analyze`.
    """
    groups: dict[str, list[AnswerPair]] = {}
    for pair in pairs:
        value = pair.attributes.get(attribute, "").strip()
        if value:
            groups.setdefault(value, []).append(pair)
    return {value: analyze(group, threshold=threshold) for value, group in groups.items()}


CategoryField = Literal["category", "category_moai", "category_aom"]


def compare_rounds(
    previous: list[FactorResult],
    current: list[FactorResult],
    *,
    field: CategoryField = "category",
) -> list[Drift]:
    """Category drift of each factor from the previous survey round to the current one.

    Kano categories move over time: yesterday's attractive factor is today's one-dimensional
    and tomorrow's must-be (Kano et al. 1984; DOMAIN.md section 2). Factors are matched by
    name and listed in the current round's order, then factors that only the previous round
    had ("dropped"). `field` picks which category to compare (the mode by default).
    """
    before = {result.factor: getattr(result, field) for result in previous}
    after = {result.factor: getattr(result, field) for result in current}
    drifts = []
    for factor, now in after.items():
        was = before.get(factor)
        if was is None:
            direction = "new"
        elif was == now:
            direction = "unchanged"
        else:
            direction = f"{CATEGORY_NAMES[was]}_to_{CATEGORY_NAMES[now]}"
        drifts.append(
            Drift(factor=factor, before=was, after=now, changed=was != now, direction=direction)
        )
    for factor, was in before.items():
        if factor not in after:
            drifts.append(
                Drift(factor=factor, before=was, after=None, changed=True, direction="dropped")
            )
    return drifts


_ADVICE: dict[str, AdviceKey] = {
    "M": "fix_first",
    "O": "improve",
    "A": "delight",
    "I": "cut_cost",
    "R": "remove",
    "Q": "clarify_question",
}
_PRIORITY_ORDER: tuple[Category, ...] = ("M", "O", "A", "I", "R", "Q")


def priorities(
    results: Iterable[FactorResult], *, field: CategoryField = "category"
) -> list[Priority]:
    """Factors in the method's order of work, ranked 1, 2, 3, ...

    Remove dissatisfiers first: must-be, then one-dimensional, then attractive (Kano et al.
    1984; Berger et al. 1993; DOMAIN.md section 2). Within must-be and one-dimensional the
    larger |Worse| comes first (the bigger dissatisfaction when missing), then the larger
    Better; within attractive the larger Better first, then |Worse|. Then indifferent factors
    ("cut_cost": candidates for cost cutting), reverse factors ("remove") and questionable
    ones ("clarify_question": the question was probably misunderstood), each in input order.
    `field` picks the category rule (the mode by default).
    """

    def key(result: FactorResult) -> tuple[int, float, float]:
        category = getattr(result, field)
        order = _PRIORITY_ORDER.index(category)
        if category in ("M", "O"):
            return order, -abs(result.worse), -result.better
        if category == "A":
            return order, -result.better, -abs(result.worse)
        return order, 0.0, 0.0

    ordered = sorted(results, key=key)  # stable: equal keys keep the input order
    return [
        Priority(
            factor=result.factor,
            category=getattr(result, field),
            rank=rank,
            advice_key=_ADVICE[getattr(result, field)],
        )
        for rank, result in enumerate(ordered, start=1)
    ]
