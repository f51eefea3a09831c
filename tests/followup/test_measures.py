"""followup.measures: statuses, figures from ratings, trend and periods, without a database."""

import datetime
from decimal import Decimal

import pytest

from followup import measures as m


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50, m.ON_TARGET),  # exactly the target
        (60, m.ON_TARGET),  # above
        (45, m.WITHIN_TOLERANCE),  # 5 below, tolerance 5
        (44.9, m.OFF_TARGET),  # just outside
        (None, m.NO_DATA),
    ],
)
def test_status_when_higher_is_better(value, expected):
    assert m.status(value, 50, 5, m.HIGHER) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (24, m.ON_TARGET),  # e.g. a response time of 24 h, target 24 h
        (12, m.ON_TARGET),
        (30, m.WITHIN_TOLERANCE),  # 6 over, tolerance 6
        (30.5, m.OFF_TARGET),
        (None, m.NO_DATA),
    ],
)
def test_status_when_lower_is_better(value, expected):
    assert m.status(value, 24, 6, m.LOWER) == expected


def test_zero_tolerance_has_no_middle_ground():
    assert m.status(49.99, 50, 0, m.HIGHER) == m.OFF_TARGET
    assert m.status(50, 50, 0, m.HIGHER) == m.ON_TARGET


def test_negative_tolerance_counts_as_zero():
    assert m.status(49, 50, -5, m.HIGHER) == m.OFF_TARGET


def test_decimals_are_compared_exactly():
    assert m.status(Decimal("4.2"), Decimal("4.3"), Decimal("0.1"), m.HIGHER) == (
        m.WITHIN_TOLERANCE
    )


def test_no_target_is_no_data():
    assert m.status(10, None, 0, m.HIGHER) == m.NO_DATA


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        m.status(1, 1, 0, "sideways")


def test_mean_of_a_distribution():
    assert m.mean({5: 2, 4: 1, 1: 1}) == pytest.approx(15 / 4)
    assert m.mean({}) is None


def test_distribution_counts_ratings_and_skips_missing():
    assert m.distribution([5, 4, 5, None, 1]) == {5: 2, 4: 1, 1: 1}


def test_share_at_or_above_a_level_is_a_percentage():
    # "top two boxes": 4 and 5 of 1-5
    assert m.share_at_or_above({5: 3, 4: 1, 3: 2, 1: 2}, 4) == pytest.approx(50.0)
    assert m.share_at_or_above({}, 4) is None


def test_nps_worked_example():
    # 10 answers: 5 promoters (9-10), 3 passives (7-8), 2 detractors (0-6): 50 % - 20 % = 30
    dist = {10: 2, 9: 3, 8: 2, 7: 1, 6: 1, 0: 1}
    assert m.nps(dist) == pytest.approx(30.0)


def test_nps_ranges_from_minus_100_to_100():
    assert m.nps({10: 4}) == 100
    assert m.nps({6: 1, 3: 2}) == -100
    assert m.nps({7: 3, 8: 1}) == 0
    assert m.nps({}) is None


def test_spread_is_the_population_standard_deviation():
    # the textbook example 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and standard deviation 2
    assert m.spread({2: 1, 4: 3, 5: 2, 7: 1, 9: 1}) == pytest.approx(2.0)


def test_spread_is_zero_when_everybody_agrees_and_none_without_ratings():
    assert m.spread({4: 12}) == 0
    assert m.spread({}) is None


def test_low_count_counts_complaints():
    assert m.low_count({1: 2, 2: 1, 3: 5, 5: 1}, 2) == 3


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ([10, 20, 30, 40], m.HIGHER, m.IMPROVING),
        ([10, 20, 30, 40], m.LOWER, m.WORSENING),
        ([40, 30, 20, 10], m.LOWER, m.IMPROVING),
        ([40, 30, None, 10], m.HIGHER, m.WORSENING),
        ([30, 30.1, 29.9, 30], m.HIGHER, m.STEADY),
        ([None, 30, None], m.HIGHER, m.NO_DATA),
        ([], m.HIGHER, m.NO_DATA),
    ],
)
def test_trend_over_the_last_periods(values, direction, expected):
    assert m.trend(values, direction, threshold=1) == expected


def test_period_start_of_week_month_and_quarter():
    day = datetime.date(2025, 5, 15)  # a Thursday
    assert m.period_start(day, m.WEEK) == datetime.date(2025, 5, 12)
    assert m.period_start(day, m.MONTH) == datetime.date(2025, 5, 1)
    assert m.period_start(day, m.QUARTER) == datetime.date(2025, 4, 1)


def test_period_range_ends_with_the_current_period_across_a_year():
    starts = m.period_range(datetime.date(2025, 2, 10), m.MONTH, 4)
    assert starts == [datetime.date(2024, 11, 1), datetime.date(2024, 12, 1),
                      datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)]  # fmt: skip
    assert m.next_period(datetime.date(2024, 10, 1), m.QUARTER) == datetime.date(2025, 1, 1)
    assert m.previous_period(datetime.date(2025, 1, 1), m.QUARTER) == datetime.date(2024, 10, 1)


def test_period_labels():
    assert m.period_label(datetime.date(2025, 3, 1), m.MONTH) == "2025-03"
    assert m.period_label(datetime.date(2025, 4, 1), m.QUARTER) == "2025 Q2"
    assert m.period_label(datetime.date(2024, 12, 30), m.WEEK) == "2025-W01"


@pytest.mark.parametrize(
    ("text", "period", "expected"),
    [
        ("2025-03", m.MONTH, datetime.date(2025, 3, 1)),
        ("3/2025", m.MONTH, datetime.date(2025, 3, 1)),
        ("03.2025", m.MONTH, datetime.date(2025, 3, 1)),
        ("2025-03-14", m.MONTH, datetime.date(2025, 3, 1)),
        ("14.3.2025", m.MONTH, datetime.date(2025, 3, 1)),
        ("2025-03-01 00:00:00", m.MONTH, datetime.date(2025, 3, 1)),
        ("2025 Q2", m.QUARTER, datetime.date(2025, 4, 1)),
        ("Q2 2025", m.QUARTER, datetime.date(2025, 4, 1)),
        ("2025-05-20", m.QUARTER, datetime.date(2025, 4, 1)),
        ("2025-W11", m.WEEK, datetime.date(2025, 3, 10)),
        ("2025-03-14", m.WEEK, datetime.date(2025, 3, 10)),
        ("maaliskuu", m.MONTH, None),
        ("2025-13", m.MONTH, None),
        ("", m.MONTH, None),
    ],
)
def test_parse_period(text, period, expected):
    assert m.parse_period(text, period) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", Decimal("42")),
        ("4,5", Decimal("4.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234.5", Decimal("1234.5")),
        ("85 %", Decimal("85")),
        ("-3", Decimal("-3")),
        ("abc", None),
        ("", None),
        ("NaN", None),
    ],
)
def test_parse_number(text, expected):
    assert m.parse_number(text) == expected


def test_parse_target_reads_the_worksheet_target_text():
    assert m.parse_target("90 %") == (Decimal("90"), "%")
    assert m.parse_target("vastaus 24 h sisällä") == (Decimal("24"), "h sisällä")
    assert m.parse_target("NPS yli 40") == (Decimal("40"), "")
    assert m.parse_target("nopea") == (None, "")


def test_number_text_has_no_trailing_zeros_or_exponent():
    assert m.number_text(Decimal("42.0000")) == "42"
    assert m.number_text(Decimal("4.2500")) == "4.25"
    assert m.number_text(Decimal("1E+2")) == "100"
    assert m.number_text(None) == ""


def test_parse_target_keeps_the_whole_unit_text():
    assert m.parse_target("150 per month") == (Decimal("150"), "per month")
    assert m.parse_target("Average 4.50 out of 5") == (Decimal("4.50"), "out of 5")
    assert m.parse_target("Tarjous 24 tunnissa, hyväksymisaste 45 %") == (
        Decimal("24"),
        "tunnissa",
    )
    # longer than the unit field: whole words only
    assert m.parse_target("150 per month in the heating season") == (
        Decimal("150"),
        "per month in the heating",
    )
