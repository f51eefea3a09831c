"""What the room said: read queries shared by the presenter view, the results page and the
report chapter. A fixed number of queries per activity, however many stages or people."""

import hashlib
import json
from typing import TYPE_CHECKING

from django.db.models import Count, Sum
from django.utils import timezone

from journey.models import Action, Stage

from . import hooks, tally
from .models import Activity, ActivityKind, DotTarget, DotVote, Idea, KanoAnswer, Rating

if TYPE_CHECKING:  # matplotlib loads only when a curve is drawn
    from workshops.charts import DrawLater


def stamp(*parts) -> str:
    """A short fingerprint of what a polling screen shows: equal stamps, nothing to redraw."""
    return hashlib.sha1(json.dumps(parts, default=str).encode()).hexdigest()[:12]


def timer(activity) -> dict | None:
    """Seconds left on the activity's timer, as the server sees it (phones' clocks differ)."""
    if activity is None or activity.timer_ends_at is None:
        return None
    seconds = max(0, int((activity.timer_ends_at - timezone.now()).total_seconds()))
    return {"seconds": seconds, "text": f"{seconds // 60}:{seconds % 60:02d}"}


def journey_stages(journey) -> list[Stage]:
    return list(
        Stage.objects.filter(phase__journey=journey)
        .select_related("phase")
        .order_by("phase__position", "position")
    )


def stage_names(journey_id) -> list[Stage]:
    """The journey's stages in order, with only what a phone shows: id and name."""
    return list(
        Stage.objects.filter(phase__journey=journey_id)
        .order_by("phase__position", "position")
        .only("id", "name")
    )


def room_ratings(activity: Activity) -> dict:
    """{stage_id: RoomRating}"""
    rows = (
        Rating.objects.filter(activity=activity)
        .values("stage")
        .annotate(n=Count("id"), total=Sum("value"))
        .order_by()
    )
    return {r["stage"]: tally.RoomRating(r["n"], r["total"]) for r in rows}


def dot_totals(activity: Activity) -> dict:
    """{stage_id or action_id: dots}"""
    field = "action" if activity.dot_target == DotTarget.ACTIONS else "stage"
    rows = (
        DotVote.objects.filter(activity=activity).values(field).annotate(n=Sum("count")).order_by()
    )
    return {r[field]: r["n"] for r in rows}


def journey_actions(stages) -> list[Action]:
    return list(
        Action.objects.filter(stage__in=stages)
        .select_related("stage__phase")
        .order_by("stage__phase__position", "stage__position", "position")
    )


def responders(activity: Activity) -> int:
    """How many people have answered the activity so far."""
    if activity.kind == ActivityKind.RATING:
        model = Rating
    elif activity.kind == ActivityKind.DOTS:
        model = DotVote
    elif activity.kind == ActivityKind.IDEAS:
        model = Idea
    elif activity.kind == ActivityKind.KANO:
        model = KanoAnswer
    else:
        return 0
    return (
        model.objects.filter(activity=activity, participant__isnull=False)
        .values("participant")
        .distinct()
        .count()
    )


def activity_results(activity: Activity, stages: list) -> dict:
    """The results of one activity, ready for a template.

    rating: rows of (stage, RoomRating), count of ratings; dots: rows of (label, stage, dots,
    rank) most first, total; ideas: approved ideas, pending count."""
    data = {"activity": activity, "kind": activity.kind}
    if activity.kind == ActivityKind.RATING:
        ratings = room_ratings(activity)
        data["rating_rows"] = [
            (stage, ratings.get(stage.pk, tally.RoomRating())) for stage in stages
        ]
        data["rating_count"] = sum(r.count for r in ratings.values())
    elif activity.kind == ActivityKind.DOTS:
        totals = dot_totals(activity)
        if activity.dot_target == DotTarget.ACTIONS:
            targets = {a.pk: a for a in journey_actions(stages)}
        else:
            targets = {s.pk: s for s in stages}
        rows = []
        for priority in tally.priorities(totals.items()):
            target = targets.get(priority.key)
            if target is None:
                continue
            stage = target.stage if activity.dot_target == DotTarget.ACTIONS else target
            rows.append({"target": target, "stage": stage, "dots": priority.dots,
                         "rank": priority.rank})  # fmt: skip
        top = rows[0]["dots"] if rows else 0
        for row in rows:
            row["share"] = round(100 * row["dots"] / top) if top else 0
        data["dot_rows"] = rows
        data["dot_total"] = sum(totals.values())
    elif activity.kind == ActivityKind.IDEAS:
        ideas = list(Idea.objects.filter(activity=activity).select_related("stage"))
        data["approved_ideas"] = [i for i in ideas if i.approved]
        data["pending_count"] = sum(1 for i in ideas if i.is_pending)
        data["idea_count"] = len(ideas)
    return data


def session_priorities(session, stages) -> dict:
    """Dots of every dot vote of the session added up: the stage and action priorities."""
    by_stage, by_action = {}, {}
    rows = (
        DotVote.objects.filter(activity__session=session)
        .values("stage", "action")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for r in rows:
        if r["stage"]:
            by_stage[r["stage"]] = by_stage.get(r["stage"], 0) + r["n"]
        else:
            by_action[r["action"]] = by_action.get(r["action"], 0) + r["n"]
    stage_map = {s.pk: s for s in stages}
    action_map = {a.pk: a for a in journey_actions(stages)} if by_action else {}
    return {
        "stages": [
            (stage_map[p.key], p.dots, p.rank)
            for p in tally.priorities(by_stage.items())
            if p.key in stage_map
        ],
        "actions": [
            (action_map[p.key], p.dots, p.rank)
            for p in tally.priorities(by_action.items())
            if p.key in action_map
        ],
    }


def session_results(session, *, later: "DrawLater | None" = None) -> dict:
    stages = journey_stages(session.journey)
    sections = []
    for activity in session.activities.all():
        activity.session = session
        handler = hooks.activity_handlers.get(activity.kind)
        if handler is not None and handler.results_template:
            data = {"activity": activity, "kind": activity.kind, "handler": handler}
            sections.append(data | handler.context(activity, None))
            continue
        if activity.kind not in (ActivityKind.RATING, ActivityKind.DOTS, ActivityKind.IDEAS):
            continue
        data = activity_results(activity, stages)
        if activity.kind == ActivityKind.RATING:
            rows = data["rating_rows"]
            from . import charts  # matplotlib loads only when a curve is drawn

            data["curve_svg"] = charts.room_curve_svg(
                [s.name for s, _r in rows],
                [r.average for _s, r in rows],
                later=later,
            )
        sections.append(data)
    return {
        "sections": sections,
        "priorities": session_priorities(session, stages),
        "participant_count": session.participants.count(),
    }
