"""Customer value to the company: weighted scores, the ranking, the value cube and the value
experience summary. Pure functions with pydantic in and out; no Django.

The method (DOMAIN.md section 3) scores each segment 1-5 on criteria such as volume, margin,
loyalty, strategic value and risk, and weights the criteria by what matters to this company.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# Totals closer than this are the same total: 3.4 and 3.4000000000000004 tie.
_TIE_DECIMALS = 9


class Criterion(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    name: str
    weight: float = Field(ge=0)


class Score(BaseModel):
    model_config = ConfigDict(frozen=True)
    segment_id: str
    criterion_id: str
    score: int | None = Field(None, ge=1, le=5)
    measured: bool = False


class SegmentRef(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    name: str


class RankedSegment(BaseModel):
    segment_id: str
    name: str
    total: float | None  # weighted mean on the 1-5 scale; None when nothing weighted is scored
    rank: int | None  # 1 is the most valuable; equal totals share a rank
    scored: int  # criteria with a score and a weight above zero
    criteria: int  # criteria with a weight above zero
    measured: int  # scores that come from data rather than estimates


def weighted_total(pairs: list[tuple[float, int | None]]) -> float | None:
    """The weighted mean of (weight, score) pairs over the scored criteria.

    Rule: total = sum(weight * score) / sum(weight of the scored criteria). A criterion left
    unscored does not pull the total down, it is left out, so the total stays on the 1-5
    scale; a weight of zero leaves a criterion out. None if nothing weighted is scored.
    Risk is scored the same way as every other criterion, higher = better for us, so
    5 means low risk.
    """
    scored = [(weight, score) for weight, score in pairs if score is not None and weight > 0]
    weights = sum(weight for weight, _ in scored)
    if not scored or weights <= 0:
        return None
    return sum(weight * score for weight, score in scored) / weights


def rank_segments(
    segments: list[SegmentRef], criteria: list[Criterion], scores: list[Score]
) -> list[RankedSegment]:
    """Every segment with its weighted total and rank, the most valuable first.

    Equal totals share a rank and the next rank skips ("1, 1, 3": standard competition ranking);
    within a tie and among unranked segments the order is by name. Segments with no weighted
    score come last with no rank.
    """
    weights = {criterion.id: criterion.weight for criterion in criteria}
    by_segment: dict[str, list[Score]] = {}
    for score in scores:
        if score.criterion_id in weights:
            by_segment.setdefault(score.segment_id, []).append(score)
    weighted = sum(1 for weight in weights.values() if weight > 0)
    rows = []
    for segment in segments:
        own = by_segment.get(segment.id, [])
        total = weighted_total([(weights[s.criterion_id], s.score) for s in own])
        rows.append(
            RankedSegment(
                segment_id=segment.id,
                name=segment.name,
                total=total,
                rank=None,
                scored=sum(1 for s in own if s.score is not None and weights[s.criterion_id] > 0),
                criteria=weighted,
                measured=sum(1 for s in own if s.score is not None and s.measured),
            )
        )
    rows.sort(
        key=lambda row: (
            row.total is None,
            -round(row.total, _TIE_DECIMALS) if row.total is not None else 0,
            row.name.casefold(),
            row.segment_id,
        )
    )
    previous = None
    for position, row in enumerate(rows, start=1):
        if row.total is None:
            break
        key = round(row.total, _TIE_DECIMALS)
        row.rank = previous[1] if previous and previous[0] == key else position
        previous = (key, row.rank)
    return rows


def measured_scores(values: dict[str, float | None]) -> dict[str, int | None]:
    """1-5 scores from a measured figure per segment (revenue, margin %, profit).

    Rule: the segments with data are placed on a straight line from the lowest (1) to the
    highest (5) value, rounded half up: score = 1 + 4 * (value - lowest) / (highest - lowest).
    The scores compare the workshop's segments with each other, as the ranking does; when
    only one segment has data, or all have the same value, each gets the middle score 3. A
    segment without data (None) gets None.
    """
    given = {key: value for key, value in values.items() if value is not None}
    if not given:
        return dict.fromkeys(values)
    low, high = min(given.values()), max(given.values())
    result: dict[str, int | None] = dict.fromkeys(values)
    for key, value in given.items():
        if high - low <= 1e-12:
            result[key] = 3
        else:
            result[key] = int(1 + 4 * (value - low) / (high - low) + 0.5 + 1e-9)
    return result


def cube_value(volume: int | None, efficiency: int | None, duration: int | None) -> int | None:
    """The value cube's size: volume x efficiency (margin after the costs of serving) x
    duration, each 1-5, so 1..125. None until all three sides are given."""
    if volume is None or efficiency is None or duration is None:
        return None
    return volume * efficiency * duration


# --- value experience ------------------------------------------------------------------------

Kind = Literal["gain", "sacrifice"]
Dimension = Literal["functional", "economic", "emotional", "social"]
Moment = Literal["before", "transaction", "after"]
MOMENTS: tuple[Moment, ...] = ("before", "transaction", "after")


class ExperienceCell(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: Kind
    dimension: Dimension
    moment: Moment
    strength: int | None = Field(None, ge=-3, le=3)


class MomentSummary(BaseModel):
    moment: Moment
    gains: int  # sum of the gains' strengths
    sacrifices: int  # sum of the sacrifices' strengths (a heavy sacrifice is -3)
    net: int  # gains + sacrifices: the value experience at this moment
    rated: int  # cells with a strength


def experience_summary(cells: list[ExperienceCell]) -> list[MomentSummary]:
    """Gains against sacrifices per moment (before purchase, transaction, after purchase).

    Strength is the cell's effect on the value experience, -3..+3: a strongly felt gain is +3,
    a heavy sacrifice -3. The net is their sum; a positive net means the customer feels they
    get more than they give up at that moment. Unrated cells count for nothing.
    """
    result = []
    for moment in MOMENTS:
        rated = [c for c in cells if c.moment == moment and c.strength is not None]
        gains = sum(c.strength for c in rated if c.kind == "gain")
        sacrifices = sum(c.strength for c in rated if c.kind == "sacrifice")
        result.append(
            MomentSummary(
                moment=moment,
                gains=gains,
                sacrifices=sacrifices,
                net=gains + sacrifices,
                rated=len(rated),
            )
        )
    return result
