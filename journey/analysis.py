"""Pure journey analysis: the gap list. No Django, no ORM."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StagePoint:
    key: str
    name: str
    phase: str
    importance: int | None
    today: int | None
    target: int | None


@dataclass(frozen=True)
class Gap:
    stage: StagePoint
    gap: int
    score: int


def gap_list(stages: list[StagePoint]) -> list[Gap]:
    """Stages ranked by importance x (target - today), largest first (reverse strategy).

    Stages without today, target or importance are left out: a gap needs all three.
    Ties keep the journey's order so the list reads along the process.
    """
    gaps = []
    for stage in stages:
        if stage.today is None or stage.target is None or stage.importance is None:
            continue
        gap = stage.target - stage.today
        gaps.append(Gap(stage, gap, stage.importance * gap))
    return sorted(gaps, key=lambda g: -g.score)
