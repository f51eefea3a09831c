"""The whale curve: cumulative customer profit against share of customers, best first."""

from __future__ import annotations

import numpy as np

from .results import WhaleCurve

MAX_POINTS = 500


def whale_curve(profits: np.ndarray, max_points: int = MAX_POINTS) -> WhaleCurve:
    """The curve of customer profits (cents, any order) ranked best first.

    Kaplan & Cooper's whale curve: the rule of thumb is that 20 % of customers bring 180 %
    of profit and the rest eat 80 %. Its peak ("the best X % of customers give Y % of the
    profit") is the largest cumulative profit; ``crosses_100_at_share_of_customers`` is the
    smallest share of customers that already gives all of the total profit. Curves of more
    than ``max_points`` customers keep evenly spaced points plus the peak, the crossing and
    the end, which is enough to draw them.
    """
    ranked = np.sort(np.asarray(profits, dtype=np.int64))[::-1]
    count = len(ranked)
    cumulative = np.concatenate([[0], np.cumsum(ranked)])
    total = int(cumulative[-1])
    peak_index = int(np.argmax(cumulative))
    peak_profit = int(cumulative[peak_index])
    losers = ranked < 0
    share_mode = total > 0
    crossing = int(np.argmax(cumulative >= total)) if share_mode else None

    if count + 1 <= max_points:
        indices = np.arange(count + 1)
    else:
        indices = np.unique(np.round(np.linspace(0, count, max_points - 3)).astype(np.int64))
        extra = [peak_index, count] + ([crossing] if crossing is not None else [])
        indices = np.unique(np.concatenate([indices, extra]))
    xs = np.round(indices / count, 6)
    if share_mode:
        ys = np.round(cumulative[indices] / total, 6)
    else:
        ys = np.round(cumulative[indices] / 100, 2)
    return WhaleCurve(
        mode="share" if share_mode else "amount",
        points=list(zip(xs.tolist(), ys.tolist(), strict=True)),
        peak_share_of_profit=round(peak_profit / total, 6) if share_mode else None,
        peak_at_share_of_customers=round(peak_index / count, 6),
        peak_customers=peak_index,
        crosses_100_at_share_of_customers=round(crossing / count, 6) if share_mode else None,
        loss_makers=int(losers.sum()),
        loss_makers_share_of_customers=round(float(losers.mean()), 6),
        total_profit=total,
        peak_profit=peak_profit,
        loss_makers_profit=int(ranked[losers].sum()),
    )
