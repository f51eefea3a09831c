"""Which customer feedback needs an immediate reaction. Pure logic, no Django.

The method: remove dissatisfiers first, and react at once to feedback on must-be factors,
because their absence angers the customer; a critical stage must always be in order, and a
failing gate stage stops the customer from ever reaching the next one. So a low rating given
on a must-be Kano factor, on a critical stage or on a gate stage is flagged, and it stays at
the top of the follow-up dashboard until someone writes down what was done.
"""

from __future__ import annotations

# The highest rating that counts as low, per scale: 1-2 of 1-5, and the NPS detractors 0-6
# of 0-10.
LOW_UP_TO = {5: 2, 10: 6}
SCALES = tuple(LOW_UP_TO)

MUST_BE = "must_be"
CRITICAL_STAGE = "critical_stage"
GATE_STAGE = "gate_stage"


def is_low(rating: int | None, scale: int) -> bool:
    """True for a rating at or below the scale's low limit (<= 2 on 1-5, <= 6 on 0-10)."""
    if rating is None:
        return False
    if scale not in LOW_UP_TO:
        raise ValueError(f"unknown scale {scale!r}")
    return rating <= LOW_UP_TO[scale]


def flag_reasons(
    *,
    rating: int | None,
    scale: int,
    must_be_factor: bool = False,
    critical_stage: bool = False,
    gate_stage: bool = False,
) -> list[str]:
    """Why this feedback is flagged (empty when it is not): a low rating together with a
    must-be factor, a critical stage or a gate stage. A record without a rating is never
    flagged by this rule."""
    if not is_low(rating, scale):
        return []
    reasons = []
    if must_be_factor:
        reasons.append(MUST_BE)
    if critical_stage:
        reasons.append(CRITICAL_STAGE)
    if gate_stage:
        reasons.append(GATE_STAGE)
    return reasons


def should_flag(**kwargs) -> bool:
    """True when `flag_reasons` gives at least one reason (same keyword arguments)."""
    return bool(flag_reasons(**kwargs))
