import pytest
from pydantic import ValidationError

from segments.scoring import (
    Criterion,
    ExperienceCell,
    Score,
    SegmentRef,
    cube_value,
    experience_summary,
    rank_segments,
    weighted_total,
)


def test_weighted_total_is_the_weighted_mean_of_the_scores():
    # (2*5 + 1*2 + 3*4) / (2 + 1 + 3) = 24 / 6 = 4
    assert weighted_total([(2, 5), (1, 2), (3, 4)]) == pytest.approx(4.0)


def test_unscored_criteria_are_left_out_not_counted_as_zero():
    # only the two scored criteria count: (2*5 + 1*2) / 3 = 4
    assert weighted_total([(2, 5), (1, 2), (3, None)]) == pytest.approx(4.0)


def test_zero_weight_leaves_a_criterion_out():
    assert weighted_total([(0, 1), (1, 4)]) == pytest.approx(4.0)


def test_nothing_scored_gives_no_total():
    assert weighted_total([(1, None), (2, None)]) is None
    assert weighted_total([(0, 5)]) is None
    assert weighted_total([]) is None


def _criteria(*weights):
    return [Criterion(id=f"c{i}", name=f"C{i}", weight=w) for i, w in enumerate(weights)]


def _scores(segment_id, *values, measured=()):
    return [
        Score(segment_id=segment_id, criterion_id=f"c{i}", score=v, measured=i in measured)
        for i, v in enumerate(values)
    ]


def test_ranking_orders_by_weighted_total_most_valuable_first():
    segments = [SegmentRef(id="a", name="Alpha"), SegmentRef(id="b", name="Beta")]
    criteria = _criteria(3, 1)
    scores = _scores("a", 2, 5) + _scores("b", 4, 1)  # a: 11/4 = 2.75, b: 13/4 = 3.25
    ranked = rank_segments(segments, criteria, scores)
    assert [(r.name, r.total, r.rank) for r in ranked] == [("Beta", 3.25, 1), ("Alpha", 2.75, 2)]
    assert ranked[0].scored == 2 and ranked[0].criteria == 2


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    segments = [
        SegmentRef(id="z", name="Zeta"),
        SegmentRef(id="a", name="alpha"),
        SegmentRef(id="m", name="Mu"),
    ]
    criteria = _criteria(1, 1)
    scores = _scores("z", 4, 4) + _scores("a", 5, 3) + _scores("m", 3, 3)
    ranked = rank_segments(segments, criteria, scores)
    # ties are listed by name, case-insensitively
    assert [(r.name, r.rank) for r in ranked] == [("alpha", 1), ("Zeta", 1), ("Mu", 3)]


def test_totals_equal_up_to_float_noise_tie():
    segments = [SegmentRef(id="a", name="A"), SegmentRef(id="b", name="B")]
    criteria = _criteria(0.1, 0.2, 0.3, 0.7)
    values = (1, 1, 2, 1)
    # The same scores summed in the other order differ in the last bit of a float
    # (1.2307692307692308 against 1.2307692307692306); that is still a tie.
    scores = _scores("a", *values) + list(reversed(_scores("b", *values)))
    ranked = rank_segments(segments, criteria, scores)
    assert ranked[0].total != ranked[1].total
    assert [r.rank for r in ranked] == [1, 1]


def test_segments_without_scores_come_last_without_a_rank():
    segments = [SegmentRef(id="n", name="New"), SegmentRef(id="o", name="Old")]
    ranked = rank_segments(segments, _criteria(1), _scores("o", 2))
    assert [(r.name, r.rank, r.total) for r in ranked] == [("Old", 1, 2.0), ("New", None, None)]


def test_measured_scores_are_counted():
    segments = [SegmentRef(id="a", name="A")]
    ranked = rank_segments(segments, _criteria(1, 1), _scores("a", 3, 4, measured=(1,)))
    assert ranked[0].measured == 1


def test_scores_of_unknown_criteria_are_ignored():
    segments = [SegmentRef(id="a", name="A")]
    scores = _scores("a", 2) + [Score(segment_id="a", criterion_id="gone", score=5)]
    assert rank_segments(segments, _criteria(1), scores)[0].total == 2.0


def test_scores_outside_one_to_five_are_refused():
    with pytest.raises(ValidationError):
        Score(segment_id="a", criterion_id="c", score=6)
    with pytest.raises(ValidationError):
        Criterion(id="c", name="C", weight=-1)


def test_value_cube_is_volume_times_efficiency_times_duration():
    assert cube_value(5, 4, 3) == 60
    assert cube_value(1, 1, 1) == 1
    assert cube_value(5, None, 3) is None


def test_experience_summary_adds_gains_and_sacrifices_per_moment():
    cells = [
        ExperienceCell(kind="gain", dimension="functional", moment="before", strength=3),
        ExperienceCell(kind="gain", dimension="emotional", moment="before", strength=2),
        ExperienceCell(kind="sacrifice", dimension="economic", moment="before", strength=-2),
        ExperienceCell(kind="sacrifice", dimension="social", moment="after", strength=-3),
        ExperienceCell(kind="gain", dimension="social", moment="after", strength=None),
    ]
    summary = {m.moment: m for m in experience_summary(cells)}
    assert [m.moment for m in experience_summary(cells)] == ["before", "transaction", "after"]
    assert (summary["before"].gains, summary["before"].sacrifices, summary["before"].net) == (
        5,
        -2,
        3,
    )
    assert summary["before"].rated == 3
    assert (summary["transaction"].net, summary["transaction"].rated) == (0, 0)
    assert (summary["after"].gains, summary["after"].net, summary["after"].rated) == (0, -3, 1)


def test_experience_strength_must_be_within_minus_three_and_three():
    with pytest.raises(ValidationError):
        ExperienceCell(kind="gain", dimension="social", moment="after", strength=4)


def test_measured_scores_place_segments_between_lowest_and_highest():
    from segments.scoring import measured_scores

    values = {"a": 100.0, "b": 50.0, "c": 0.0, "d": None, "e": 62.5, "f": 12.5}
    # 1 + 4 * share: e 3.5 rounds up to 4, f 1.5 rounds up to 2.
    assert measured_scores(values) == {"a": 5, "b": 3, "c": 1, "d": None, "e": 4, "f": 2}


def test_measured_scores_of_equal_values_or_one_segment_are_the_middle():
    from segments.scoring import measured_scores

    assert measured_scores({"a": 7.0, "b": 7.0}) == {"a": 3, "b": 3}
    assert measured_scores({"a": -5.0, "b": None}) == {"a": 3, "b": None}
    assert measured_scores({"a": None}) == {"a": None}
    assert measured_scores({}) == {}
