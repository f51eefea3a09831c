"""Measures computed from the feedback log: mean, share, NPS, complaints and the spread."""

import datetime
from decimal import Decimal

from followup import services
from followup.models import MeasureValue

MARCH = datetime.date(2025, 3, 1)


def give(stage, ratings, *, scale=5, day=datetime.date(2025, 3, 10)):
    for rating in ratings:
        services.create_feedback(stage=stage, date=day, rating=rating, scale=scale)


def value_of(measure, start=MARCH):
    return MeasureValue.objects.get(measure=measure, period_start=start)


def test_mean_rating_per_month_with_its_spread(stage, make_measure):
    measure = make_measure(name="Keskiarvo", source="feedback_mean", target=4)
    give(stage, [5, 4, 3, 4])
    value = value_of(measure)
    assert value.value == Decimal("4")
    assert value.sample_size == 4
    assert value.spread == Decimal("0.707")  # population SD of 5, 4, 3, 4


def test_share_at_or_above_the_level(stage, make_measure):
    measure = make_measure(name="Tyytyväiset", source="feedback_share", source_level=4, target=80)
    give(stage, [5, 4, 2, 1])
    assert value_of(measure).value == Decimal("50")


def test_nps_uses_only_the_0_to_10_ratings(stage, make_measure):
    measure = make_measure(source="feedback_nps", source_scale=10)
    give(stage, [10, 9, 9, 8, 3], scale=10)
    give(stage, [1, 1])  # 1-5 ratings do not count in the NPS
    value = value_of(measure)
    assert value.value == Decimal("40")  # 60 % promoters - 20 % detractors
    assert value.sample_size == 5


def test_complaints_count_low_ratings_on_both_scales(stage, make_measure):
    measure = make_measure(
        name="Valitukset", source="feedback_complaints", direction="lower", target=0
    )
    give(stage, [1, 2, 3, 5])
    give(stage, [6, 7], scale=10)
    assert value_of(measure).value == Decimal("3")


def test_each_period_gets_its_own_value(stage, make_measure):
    measure = make_measure(source="feedback_mean", target=4)
    give(stage, [5, 5], day=datetime.date(2025, 3, 31))
    give(stage, [1], day=datetime.date(2025, 4, 1))
    assert value_of(measure).value == Decimal("5")
    assert value_of(measure, datetime.date(2025, 4, 1)).value == Decimal("1")


def test_quarterly_measure_buckets_by_quarter(stage, make_measure):
    measure = make_measure(source="feedback_mean", period="quarter", target=4)
    give(stage, [4], day=datetime.date(2025, 1, 5))
    give(stage, [2], day=datetime.date(2025, 3, 25))
    assert value_of(measure, datetime.date(2025, 1, 1)).value == Decimal("3")


def test_deleting_feedback_updates_the_value(stage, make_measure):
    measure = make_measure(source="feedback_mean", target=4)
    give(stage, [5])
    services.create_feedback(stage=stage, date=datetime.date(2025, 3, 2), rating=1, scale=5)
    assert value_of(measure).value == Decimal("3")
    services.delete_feedback(feedback=stage.feedback.get(rating=1))
    assert value_of(measure).value == Decimal("5")


def test_other_stages_feedback_does_not_count(stage, make_measure, workshop):
    measure = make_measure(source="feedback_mean", target=4)
    other = workshop.journeys.get().phases.get(key="after").stages.first()
    give(other, [1, 1])
    give(stage, [4])
    assert value_of(measure).value == Decimal("4")


def test_a_new_computed_measure_computes_the_history(stage, make_measure):
    give(stage, [3, 5])
    measure = make_measure(source="feedback_mean", target=4)
    services.refresh_computed([measure])
    assert value_of(measure).value == Decimal("4")
