"""Measures of the follow-up: statuses, figures computed from ratings, periods and trends.

Pure logic, no Django. The method asks that every stage has its measurement, follow-up and
control, and that experiences stay as even as possible from one time to the next; these
functions turn values and rating distributions into what the management team reads each
month. A distribution is a mapping {rating: how many}.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

ON_TARGET = "on_target"
WITHIN_TOLERANCE = "within_tolerance"
OFF_TARGET = "off_target"
NO_DATA = "no_data"
STATUSES = (ON_TARGET, WITHIN_TOLERANCE, OFF_TARGET, NO_DATA)

HIGHER = "higher"
LOWER = "lower"

IMPROVING = "improving"
WORSENING = "worsening"
STEADY = "steady"

WEEK = "week"
MONTH = "month"
QUARTER = "quarter"
PERIODS = (WEEK, MONTH, QUARTER)

Number = int | float | Decimal


def status(value: Number | None, target: Number | None, tolerance: Number, direction: str) -> str:
    """On target, within tolerance, off target or no data.

    With "higher is better" a value at or above the target is on target, a value at most
    `tolerance` below it is within tolerance, anything lower is off target; "lower is better"
    mirrors this. No value (or no target to compare with) is "no data". The tolerance is an
    absolute amount in the measure's unit; a negative tolerance counts as zero.
    """
    if value is None or target is None:
        return NO_DATA
    value, target = Decimal(str(value)), Decimal(str(target))
    tolerance = max(Decimal(str(tolerance or 0)), Decimal(0))
    if direction == LOWER:
        gap = value - target
    elif direction == HIGHER:
        gap = target - value
    else:
        raise ValueError(f"unknown direction {direction!r}")
    if gap <= 0:
        return ON_TARGET
    if gap <= tolerance:
        return WITHIN_TOLERANCE
    return OFF_TARGET


# --- figures from a distribution of ratings ----------------------------------------------------


def distribution(ratings: Iterable[int | None]) -> dict[int, int]:
    """{rating: count} of the given ratings; missing ratings (None) are left out."""
    counts: dict[int, int] = {}
    for rating in ratings:
        if rating is not None:
            counts[rating] = counts.get(rating, 0) + 1
    return counts


def count(dist: Mapping[int, int]) -> int:
    return sum(dist.values())


def mean(dist: Mapping[int, int]) -> float | None:
    """The arithmetic mean rating, or None without ratings."""
    n = count(dist)
    if not n:
        return None
    return sum(rating * k for rating, k in dist.items()) / n


def share_at_or_above(dist: Mapping[int, int], level: int) -> float | None:
    """Percentage (0-100) of ratings at or above `level`, e.g. the "top two boxes" share of
    4 and 5 on a 1-5 scale with level 4. None without ratings."""
    n = count(dist)
    if not n:
        return None
    return 100 * sum(k for rating, k in dist.items() if rating >= level) / n


def nps(dist: Mapping[int, int]) -> float | None:
    """Net Promoter Score of 0-10 ratings: % promoters (9-10) minus % detractors (0-6), from
    -100 to +100 (Reichheld 2003, "The One Number You Need to Grow"). Passives (7-8) count in
    the total only. None without ratings."""
    n = count(dist)
    if not n:
        return None
    promoters = sum(k for rating, k in dist.items() if rating >= 9)
    detractors = sum(k for rating, k in dist.items() if rating <= 6)
    return 100 * (promoters - detractors) / n


def spread(dist: Mapping[int, int]) -> float | None:
    """Consistency of the experience: the population standard deviation of the ratings in one
    period (0 when everybody gave the same rating). None without ratings."""
    n = count(dist)
    if not n:
        return None
    average = mean(dist)
    variance = sum(k * (rating - average) ** 2 for rating, k in dist.items()) / n
    return math.sqrt(variance)


def low_count(dist: Mapping[int, int], threshold: int) -> int:
    """How many ratings are at or below `threshold` (the complaints of a period)."""
    return sum(k for rating, k in dist.items() if rating <= threshold)


# --- trend -------------------------------------------------------------------------------------


def trend(values: Sequence[Number | None], direction: str, threshold: Number = 0) -> str:
    """Improving, worsening or steady over the given periods (oldest first), or no data.

    The least-squares line through the known values gives the change over the window
    (slope × periods spanned); a change no bigger than `threshold` is steady. Whether a rise
    is an improvement depends on the measure's direction. Fewer than two values: no data.
    """
    points = [(i, float(v)) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return NO_DATA
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    slope = sxy / sxx
    change = slope * (points[-1][0] - points[0][0])
    if abs(change) <= float(threshold) + 1e-12:
        return STEADY
    rising = change > 0
    better = rising if direction == HIGHER else not rising
    return IMPROVING if better else WORSENING


# --- periods -----------------------------------------------------------------------------------


def period_start(day: datetime.date, period: str) -> datetime.date:
    """The first day of the period containing `day`: Monday of its ISO week, the first of its
    month, or the first day of its quarter."""
    if period == WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if period == MONTH:
        return day.replace(day=1)
    if period == QUARTER:
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    raise ValueError(f"unknown period {period!r}")


def next_period(start: datetime.date, period: str) -> datetime.date:
    if period == WEEK:
        return start + datetime.timedelta(days=7)
    months = 1 if period == MONTH else 3
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def previous_period(start: datetime.date, period: str) -> datetime.date:
    if period == WEEK:
        return start - datetime.timedelta(days=7)
    months = 1 if period == MONTH else 3
    month = start.month - 1 - months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def period_range(end: datetime.date, period: str, n: int) -> list[datetime.date]:
    """The starts of the `n` periods ending with the one containing `end`, oldest first."""
    starts = [period_start(end, period)]
    while len(starts) < n:
        starts.append(previous_period(starts[-1], period))
    return starts[::-1]


def period_label(start: datetime.date, period: str) -> str:
    """2025-03 for a month, 2025 Q1 for a quarter, 2025-W09 for an ISO week."""
    if period == WEEK:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if period == QUARTER:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s.*)?$")
_WEEK = re.compile(r"^(\d{4})[- ]?w(\d{1,2})$")
_QUARTER = re.compile(r"^(?:(\d{4})[- ]?q([1-4])|q([1-4])[- /]?(\d{4}))$")


def parse_period(text: str, period: str) -> datetime.date | None:
    """A period written in a file, as the start of the measure's period, or None.

    Accepts 2025-03, 3/2025, 03.2025, a date (2025-03-14, 14.3.2025; any day inside the
    period), 2025-W11 and 2025 Q1 / Q1 2025. A week or quarter written for a measure of
    another period kind maps to the period that contains its first day.
    """
    text = " ".join(str(text).strip().lower().split())
    try:
        if match := _ISO_DATE.match(text):
            day = datetime.date(*(int(part) for part in match.groups()))
        elif match := _DOTTED.match(text):
            d, m, y = (int(part) for part in match.groups())
            day = datetime.date(y, m, d)
        elif match := _YEAR_MONTH.match(text):
            day = datetime.date(int(match[1]), int(match[2]), 1)
        elif match := _MONTH_YEAR.match(text):
            day = datetime.date(int(match[2]), int(match[1]), 1)
        elif match := _WEEK.match(text):
            day = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        elif match := _QUARTER.match(text):
            year = int(match[1] or match[4])
            quarter = int(match[2] or match[3])
            day = datetime.date(year, 3 * (quarter - 1) + 1, 1)
        else:
            return None
    except ValueError:
        return None
    return period_start(day, period)


# --- numbers -----------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str) -> Decimal | None:
    """A number as people type it: 1234.5, 1 234,5 or 85 %; None when it is not a number."""
    cleaned = _SPACES.sub("", str(text)).rstrip("%")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


_FIRST_NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)?")


_CLAUSE_END = re.compile(r"[;,]\s|[;\n]")
UNIT_LENGTH = 30  # Measure.unit's max_length


def parse_target(text: str) -> tuple[Decimal | None, str]:
    """The target number and unit of a worksheet's "target value" text: "90 %" gives
    (90, "%"), "150 per month" gives (150, "per month"), "4.5 out of 5" gives
    (4.5, "out of 5"). The unit is the rest of the clause after the number, whole words up to
    the unit's length, so that it keeps its meaning. Without a number: (None, "")."""
    match = _FIRST_NUMBER.search(text or "")
    if match is None:
        return None, ""
    number = parse_number(match.group().replace("−", "-"))
    clause = _CLAUSE_END.split(text[match.end() :], maxsplit=1)[0]
    unit = ""
    for word in clause.split():
        candidate = f"{unit} {word}" if unit else word
        if len(candidate) > UNIT_LENGTH:
            break
        unit = candidate
    return number, unit


def number_text(value: Decimal | Number | None) -> str:
    """A value as a short text: 42, 4.25, -3.5 (no trailing zeros, no exponent)."""
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    text = format(number, "f")
    return "0" if text in ("-0", "") else text


def rounded(value: float | None, digits: int = 1) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(round(value, digits)))
