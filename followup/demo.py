"""The demo workshops' follow-up: a year of monthly values for a few measures and recent
customer feedback, from ``demo_data/<language>.json``. Dates count back from today, so the
demo never looks stale; the data go through the exchange format's own schema and loader."""

import datetime
import json
from pathlib import Path

from django.utils import timezone

from .exchange import FeedbackData, FollowupData, MeasureData, StageRef, ValueData, load_followup
from .measures import period_start

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"


def _months_back(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the `count` months before this one, oldest first."""
    months, day = [], period_start(today, "month")
    for _ in range(count):
        day = period_start(day - datetime.timedelta(days=1), "month")
        months.append(day)
    return months[::-1]


def _stage(ref: list[int]) -> StageRef:
    journey, phase, stage = ref
    return StageRef(journey=journey, phase=phase, stage=stage)


def demo_followup(raw: dict, today: datetime.date) -> FollowupData:
    now = timezone.now()
    measures = []
    for item in raw["measures"]:
        values = item.pop("values")
        sample = item.pop("sample_size", None)
        months = _months_back(today, len(values))
        measures.append(
            MeasureData(
                **{**item, "stage": _stage(item["stage"])},
                values=[
                    ValueData(period_start=month, value=value, sample_size=sample)
                    for month, value in zip(months, values, strict=True)
                ],
            )
        )
    feedback = []
    for item in raw["feedback"]:
        days_ago = item.pop("days_ago")
        reacted_days_ago = item.pop("reacted_days_ago", None)
        feedback.append(
            FeedbackData(
                **{**item, "stage": _stage(item["stage"])},
                date=today - datetime.timedelta(days=days_ago),
                created_at=now - datetime.timedelta(days=days_ago),
                reacted_at=None
                if reacted_days_ago is None
                else now - datetime.timedelta(days=reacted_days_ago),
            )
        )
    return FollowupData(measures=measures, feedback=feedback)


def load_demo(*, workshop, by) -> None:
    path = DEMO_DATA / f"{workshop.language}.json"
    if not path.exists():
        return
    raw = json.loads(path.read_text(encoding="utf-8"))
    load_followup(workshop, demo_followup(raw, timezone.localdate()), by)
