"""The whale curve: peak, crossing of 100 %, loss-makers, amount mode, thinning."""

import numpy as np
import pytest

from profitability.engine import whale_curve


def test_peak_crossing_and_loss_makers_by_hand():
    # Ranked profits 300, 100, 0, -50, -150 (euros); total 200.
    # Cumulative 0, 300, 400, 400, 350, 200 -> shares 0, 1.5, 2.0, 2.0, 1.75, 1.0.
    curve = whale_curve(np.array([0, -5000, 30000, -15000, 10000]))
    assert curve.mode == "share"
    assert curve.points == [
        (0.0, 0.0),
        (0.2, 1.5),
        (0.4, 2.0),
        (0.6, 2.0),
        (0.8, 1.75),
        (1.0, 1.0),
    ]
    # The best 40 % of customers give 200 % of the profit (the first top of the plateau).
    assert (curve.peak_share_of_profit, curve.peak_at_share_of_customers) == (2.0, 0.4)
    assert (curve.peak_profit, curve.peak_customers) == (40000, 2)
    # The best customer alone already gives all 200.00: the curve passes 100 % at 20 %.
    assert curve.crosses_100_at_share_of_customers == 0.2
    assert (curve.loss_makers, curve.loss_makers_share_of_customers) == (2, 0.4)
    assert curve.loss_makers_profit == -20000
    assert curve.total_profit == 20000


def test_zero_or_negative_total_gives_amounts_instead_of_shares():
    # Ranked 100, -300: total -200; cumulative 0, 100, -200 euros.
    curve = whale_curve(np.array([-30000, 10000]))
    assert curve.mode == "amount"
    assert curve.points == [(0.0, 0.0), (0.5, 100.0), (1.0, -200.0)]
    assert curve.peak_share_of_profit is None
    assert curve.crosses_100_at_share_of_customers is None
    assert (curve.peak_profit, curve.peak_at_share_of_customers) == (10000, 0.5)
    assert curve.to_json()["total_profit"] == "-200.00"
    assert whale_curve(np.array([5000, -5000])).mode == "amount"


def test_all_profitable_peaks_at_the_end():
    curve = whale_curve(np.array([100, 200, 300]))
    assert curve.peak_share_of_profit == 1.0
    assert curve.peak_at_share_of_customers == 1.0
    assert curve.crosses_100_at_share_of_customers == 1.0
    assert curve.loss_makers == 0


def test_large_curve_is_thinned_but_keeps_peak_crossing_and_end():
    rng = np.random.default_rng(3)
    profits = np.round(rng.normal(1000, 20000, 50_000)).astype(np.int64)
    curve = whale_curve(profits)
    assert len(curve.points) <= 500
    ranked = np.sort(profits)[::-1]
    cumulative = np.cumsum(ranked)
    peak = int(np.argmax(cumulative)) + 1
    assert curve.peak_customers == peak
    assert curve.peak_share_of_profit == pytest.approx(cumulative.max() / cumulative[-1], abs=1e-6)
    xs = [x for x, _ in curve.points]
    assert xs == sorted(xs)
    assert round(peak / 50_000, 6) in xs
    assert curve.crosses_100_at_share_of_customers in xs
    assert curve.points[0] == (0.0, 0.0)
    assert curve.points[-1] == (1.0, 1.0)
