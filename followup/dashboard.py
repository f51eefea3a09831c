"""What the follow-up dashboard, the workshop tile and the report read: measures with their
status and trend, feedback per stage, open flags and late actions. Every function runs a
fixed number of queries however many stages, measures or feedback records there are."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from journey.models import Action, ActionStatus

from . import measures
from .models import NO_RATING, OPEN_FLAGS, Feedback, FeedbackTally, MeasureValue
from .services import measure_status, today, with_latest, workshop_measures, workshop_stages

SPARK_PERIODS = 12
FLAGGED_SHOWN = 20


def status_labels() -> dict[str, str]:
    return {
        measures.ON_TARGET: _("On target"),
        measures.WITHIN_TOLERANCE: _("Within tolerance"),
        measures.OFF_TARGET: _("Off target"),
        measures.NO_DATA: _("No data"),
    }


def trend_labels() -> dict[str, str]:
    return {
        measures.IMPROVING: _("Improving"),
        measures.WORSENING: _("Worsening"),
        measures.STEADY: _("Steady"),
        measures.NO_DATA: "–",
    }


STATUS_CSS = {
    measures.ON_TARGET: "good",
    measures.WITHIN_TOLERANCE: "gate",
    measures.OFF_TARGET: "critical",
    measures.NO_DATA: "",
}


@dataclass
class MeasureRow:
    measure: object
    status: str
    status_label: str
    css: str
    series: list = field(default_factory=list)  # values of the last periods, oldest first
    labels: list = field(default_factory=list)
    trend: str = measures.NO_DATA
    trend_label: str = ""
    spread: object = None
    sample_size: int | None = None
    sparkline: str = ""

    @property
    def latest_text(self):
        return measures.number_text(self.measure.latest_value)

    @property
    def latest_label(self):
        if self.measure.latest_period is None:
            return ""
        return measures.period_label(self.measure.latest_period, self.measure.period)


def trend_threshold(measure) -> float:
    """Half the tolerance, or 2 % of the target without a tolerance: smaller changes over the
    window are steady, not a trend."""
    if measure.tolerance:
        return float(measure.tolerance) / 2
    return abs(float(measure.target)) * 0.02


def measure_rows(workshop, *, periods: int = SPARK_PERIODS, with_charts: bool = True):
    """Every measure of the workshop with status, last periods, trend and spread: two
    queries (measures with their latest value; the values of the window) plus one cache
    read for all sparklines."""
    measure_list = list(with_latest(workshop_measures(workshop)))
    end = today()
    windows = {
        kind: measures.period_range(end, kind, periods) for kind in {m.period for m in measure_list}
    }
    condition = Q(pk__isnull=True)  # never true; keeps the query when there is no window
    for kind, starts in windows.items():
        condition |= Q(measure__period=kind, period_start__gte=starts[0])
    values = defaultdict(dict)
    # Filtered by the workshop, not by a list of ids, so an empty workshop runs it too.
    in_window = MeasureValue.objects.filter(
        condition, measure__stage__phase__journey__workshop=workshop
    )
    for measure_id, start, value, spread, n in in_window.values_list(
        "measure_id", "period_start", "value", "spread", "sample_size"
    ):
        values[measure_id][start] = (value, spread, n)
    labels = status_labels()
    trends = trend_labels()
    rows = []
    for measure in measure_list:
        starts = windows[measure.period]
        found = values[measure.pk]
        series = [found[s][0] if s in found else None for s in starts]
        state = measure_status(measure)
        latest = found.get(measure.latest_period)
        direction = measures.trend(series, measure.direction, trend_threshold(measure))
        rows.append(
            MeasureRow(
                measure=measure,
                status=state,
                status_label=labels[state],
                css=STATUS_CSS[state],
                series=series,
                labels=[measures.period_label(s, measure.period) for s in starts],
                trend=direction,
                trend_label=trends[direction],
                spread=latest[1] if latest is not None else None,
                sample_size=latest[2] if latest is not None else None,
            )
        )
    if with_charts:
        from . import charts  # matplotlib loads only when sparklines are drawn

        svgs = charts.sparklines(
            [
                {
                    "values": [None if v is None else float(v) for v in row.series],
                    "target": float(row.measure.target),
                    "status": row.status,
                }
                for row in rows
            ]
        )
        for row, svg in zip(rows, svgs, strict=True):
            row.sparkline = svg
    return rows


@dataclass
class StageFeedback:
    stage: object
    count: int = 0
    by_scale: dict = field(default_factory=dict)  # scale -> {rating: n}
    flagged_open: int = 0

    @property
    def five(self):
        return self.by_scale.get(5, {})

    @property
    def ten(self):
        return self.by_scale.get(10, {})

    @property
    def mean5(self):
        value = measures.mean(self.five)
        return None if value is None else round(value, 2)

    @property
    def mean10(self):
        value = measures.mean(self.ten)
        return None if value is None else round(value, 1)

    @property
    def nps(self):
        value = measures.nps(self.ten)
        return None if value is None else round(value)

    @property
    def spread5(self):
        value = measures.spread(self.five)
        return None if value is None else round(value, 2)

    @property
    def distribution5(self):
        total = measures.count(self.five) or 1
        return [(r, self.five.get(r, 0), round(100 * self.five.get(r, 0) / total)) for r in
                range(1, 6)]  # fmt: skip

    @property
    def distribution10(self):
        total = measures.count(self.ten) or 1
        return [(r, self.ten.get(r, 0), round(100 * self.ten.get(r, 0) / total)) for r in
                range(0, 11)]  # fmt: skip


def feedback_summary(workshop, *, stages=None) -> list[StageFeedback]:
    """Count, distribution per scale, mean, NPS and open flags per stage with feedback, in
    stage order: two queries (the stages; their tallies)."""
    stage_list = list(stages if stages is not None else workshop_stages(workshop))
    summary = {stage.pk: StageFeedback(stage=stage) for stage in stage_list}
    tallies = FeedbackTally.objects.filter(
        stage__phase__journey__workshop=workshop, count__gt=0
    ).values_list("stage_id", "scale", "rating", "count")
    for stage_id, scale, rating, n in tallies:
        item = summary.get(stage_id)
        if item is None:
            continue
        if rating == OPEN_FLAGS:
            item.flagged_open = n
            continue
        item.count += n
        if rating != NO_RATING:
            item.by_scale.setdefault(scale, {})[rating] = n
    return [item for item in summary.values() if item.count]


def _pending(workshop):
    # Ordered like the partial index of open flags, so the database reads only that index.
    return Feedback.objects.filter(
        workshop=workshop, flagged=True, reacted_at__isnull=True
    ).order_by("-date", "-created_at")


def open_flag_total(workshop) -> int:
    """How many flagged records wait for a reaction, from the stages' tallies."""
    total = FeedbackTally.objects.filter(
        stage__phase__journey__workshop=workshop, rating=OPEN_FLAGS
    ).aggregate(n=Sum("count"))["n"]
    return total or 0


def open_flags(workshop):
    """The newest flagged records nobody has reacted to yet, and how many there are."""
    items = list(
        _pending(workshop).select_related("stage__phase__journey", "kano_factor", "touchpoint")[
            :FLAGGED_SHOWN
        ]
    )
    return items, open_flag_total(workshop)


def overdue_actions(workshop, limit=10):
    late = Action.objects.filter(
        stage__phase__journey__workshop=workshop, due_date__lt=today()
    ).exclude(status=ActionStatus.DONE)
    items = list(late.select_related("stage__phase__journey").order_by("due_date")[:limit])
    return items, late.count()


def tile_context(request, workshop):
    measure_list = list(with_latest(workshop_measures(workshop)))
    off = [m for m in measure_list if measure_status(m) == measures.OFF_TARGET]
    late = (
        Action.objects.filter(stage__phase__journey__workshop=workshop, due_date__lt=today())
        .exclude(status=ActionStatus.DONE)
        .count()
    )
    return {
        "flagged": open_flag_total(workshop),
        "measures": len(measure_list),
        "off_target": off[:5],
        "off_target_count": len(off),
        "overdue": late,
    }
