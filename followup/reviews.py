"""Follow-up reviews: a snapshot of the current state, kept and compared with the last one."""

from django.db.models import Prefetch

from journey.models import Action, ActionStatus, Stage

from . import measures
from .dashboard import feedback_summary
from .models import Feedback, Review
from .services import measure_status, today, with_latest, workshop_measures, workshop_stages

SNAPSHOT_VERSION = 1


def _action(action) -> dict:
    return {
        "id": str(action.pk),
        "what": action.what[:200],
        "owner": action.owner,
        "stage": action.stage.name,
        "due_date": action.due_date.isoformat() if action.due_date else None,
    }


def take_snapshot(workshop) -> dict:
    """Measures against their targets, actions done and late, feedback counts per stage and
    the emotion curve of every journey, as plain JSON data."""
    day = today()
    measure_items = []
    for m in with_latest(workshop_measures(workshop)):
        measure_items.append(
            {
                "id": str(m.pk),
                "stage_id": str(m.stage_id),
                "stage": m.stage.name,
                "name": m.name,
                "unit": m.unit,
                "direction": m.direction,
                "target": measures.number_text(m.target),
                "value": measures.number_text(m.latest_value) or None,
                "period": measures.period_label(m.latest_period, m.period)
                if m.latest_period
                else None,
                "status": measure_status(m),
            }
        )
    actions = list(
        Action.objects.filter(stage__phase__journey__workshop=workshop)
        .select_related("stage")
        .order_by("due_date", "position")
    )
    done = [_action(a) for a in actions if a.status == ActionStatus.DONE]
    late = [
        _action(a)
        for a in actions
        if a.status != ActionStatus.DONE and a.due_date is not None and a.due_date < day
    ]
    stages = list(workshop_stages(workshop))
    summary = feedback_summary(workshop, stages=stages)
    feedback = {
        "total": sum(item.count for item in summary),
        "flagged_open": sum(item.flagged_open for item in summary),
        "flagged_total": Feedback.objects.filter(workshop=workshop, flagged=True).count(),
        "stages": [
            {
                "id": str(item.stage.pk),
                "name": item.stage.name,
                "count": item.count,
                "mean5": item.mean5,
                "nps": item.nps,
            }
            for item in summary
        ],
    }
    emotion = []
    journeys = workshop.journeys.prefetch_related(
        Prefetch("phases__stages", queryset=Stage.objects.order_by("position"))
    )
    for journey in journeys:
        emotion.append(
            {
                "id": str(journey.pk),
                "name": journey.name,
                "stages": [
                    {
                        "id": str(stage.pk),
                        "name": stage.name,
                        "today": stage.experience_today,
                        "target": stage.experience_target,
                    }
                    for phase in journey.phases.all()
                    for stage in phase.stages.all()
                ],
            }
        )
    return {
        "version": SNAPSHOT_VERSION,
        "taken": day.isoformat(),
        "measures": measure_items,
        "actions": {"total": len(actions), "done": done, "late": late},
        "feedback": feedback,
        "emotion": emotion,
    }


def create_review(*, workshop, date, notes, by) -> Review:
    return Review.objects.create(
        workshop=workshop,
        date=date,
        notes=notes,
        snapshot=take_snapshot(workshop),
        created_by=by if by is not None and by.is_authenticated else None,
    )


def previous_review(review):
    """The review before this one (by date, then creation time), or None."""
    return (
        Review.objects.filter(workshop_id=review.workshop_id)
        .exclude(pk=review.pk)
        .filter(date__lte=review.date)
        .exclude(date=review.date, created_at__gt=review.created_at)
        .order_by("-date", "-created_at")
        .first()
    )
