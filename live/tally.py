"""The room's results: averages of ratings, their rounding, and priorities from dot votes.

Pure module (no Django): the presenter view, the results page, the report chapter and the
"fill experience today" step all count the same way.
"""

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

SCALE = range(-3, 4)  # the method's experience scale, -3..+3


@dataclass(frozen=True)
class RoomRating:
    """Ratings of one stage by the room: how many people rated it and the sum of values."""

    count: int = 0
    total: int = 0

    @property
    def average(self) -> float | None:
        return self.total / self.count if self.count else None


def round_experience(average: float) -> int:
    """A room average as a value of the -3..+3 scale: half away from zero (1.5 -> 2,
    -1.5 -> -2), never outside the scale. Python's round() would take 2.5 to 2."""
    value = math.floor(abs(average) + 0.5) * (1 if average >= 0 else -1)
    return max(SCALE.start, min(SCALE.stop - 1, value))


@dataclass(frozen=True)
class Priority:
    key: Hashable
    dots: int
    rank: int


def priorities(totals: Iterable[tuple[Hashable, int]]) -> list[Priority]:
    """Targets by dots, most first; equal totals share a rank (1, 2, 2, 4). Targets with no
    dots are left out: nobody chose them."""
    ordered = sorted(((k, n) for k, n in totals if n > 0), key=lambda kv: -kv[1])
    result = []
    for position, (key, dots) in enumerate(ordered, start=1):
        rank = result[-1].rank if result and result[-1].dots == dots else position
        result.append(Priority(key, dots, rank))
    return result


def dots_left(allowed: int, spent: int) -> int:
    return max(0, allowed - spent)
