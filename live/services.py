"""Writes of live sessions: the facilitator's controls and the participants' submits.

A participant submit runs in one transaction that first locks the participant's row
(SELECT ... FOR UPDATE on PostgreSQL; SQLite has no row locks, but there every transaction
starts with BEGIN IMMEDIATE, see config/settings.py, which takes the database's write lock).
So one person's requests are applied one after another, and "how many dots are left" cannot
be read by two requests at once.
"""

import hashlib
import secrets
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from journey.models import Action, Stage, Touchpoint
from workshops import autosave, ratelimit
from workshops.history import record_change
from workshops.language import method_language

from . import codes, method, tally
from .models import (
    Activity,
    DotVote,
    Idea,
    LiveSession,
    Participant,
    Rating,
    Submission,
)
from .results import journey_stages

SAVED = "saved"
DUPLICATE = "duplicate"  # the same submission id again: applied once, nothing changed now
NO_DOTS = "no_dots"
NOTHING = "nothing"  # e.g. taking back a dot from a target that has none
RATE_LIMITED = "rate_limited"


def submits_per_minute() -> int:
    return getattr(settings, "LIVE_SUBMITS_PER_MINUTE", 120)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- the facilitator ------------------------------------------------------------------------


def active_session(workshop) -> LiveSession | None:
    return workshop.live_sessions.filter(ended_at__isnull=True).first()


def start_session(*, workshop, journey, by) -> LiveSession:
    """A running session of the workshop, with a fresh join code; a workshop runs one at a time,
    so starting again returns the running one."""
    running = active_session(workshop)
    if running is not None:
        return running
    for _attempt in range(20):
        try:
            with transaction.atomic():
                return LiveSession.objects.create(
                    workshop=workshop, journey=journey, started_by=by, code=codes.generate_code()
                )
        except IntegrityError:  # the code is in use by another running session: draw again
            continue
    raise RuntimeError("no free join code")


@transaction.atomic
def end_session(*, session: LiveSession):
    now = timezone.now()
    Activity.objects.filter(session=session, closed_at__isnull=True).update(closed_at=now)
    session.ended_at = now
    session.save(update_fields=["ended_at"])


@transaction.atomic
def start_activity(
    *,
    session: LiveSession,
    kind: str,
    dots_per_participant: int = 5,
    dot_target: str = "stages",
    timer_seconds: int | None = None,
    kano_factors=(),
) -> Activity:
    """The new current activity; the previous one closes (one activity at a time)."""
    now = timezone.now()
    Activity.objects.filter(session=session, closed_at__isnull=True).update(closed_at=now)
    activity = Activity.objects.create(
        session=session,
        kind=kind,
        dots_per_participant=dots_per_participant,
        dot_target=dot_target,
        timer_ends_at=now + timedelta(seconds=timer_seconds) if timer_seconds else None,
        opened_at=now,
    )
    if kano_factors:
        activity.kano_factors.set(kano_factors)
    session.current_activity = activity
    session.save(update_fields=["current_activity"])
    return activity


def close_activity(*, activity: Activity):
    if activity.closed_at is None:
        activity.closed_at = timezone.now()
        activity.save(update_fields=["closed_at"])


def set_timer(*, activity: Activity, seconds: int | None):
    activity.timer_ends_at = timezone.now() + timedelta(seconds=seconds) if seconds else None
    activity.save(update_fields=["timer_ends_at"])


def set_results_hidden(*, session: LiveSession, hidden: bool):
    session.results_hidden = hidden
    session.save(update_fields=["results_hidden"])


def review_idea(*, idea: Idea, decision: str):
    idea.approved = decision == "approve"
    idea.rejected = decision == "reject"
    idea.save(update_fields=["approved", "rejected"])


def _next_position(model, stage):
    return (model.objects.filter(stage=stage).aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def adopt_idea(*, idea: Idea, target: str, by):
    """An approved idea becomes a touchpoint or an action of its stage; the author's nickname
    stays in the text. Adopting twice returns the row made the first time."""
    idea = Idea.objects.select_for_update().select_related("stage__phase__journey").get(pk=idea.pk)
    existing = idea.touchpoint if target == "touchpoint" else idea.action
    if existing is not None:
        return existing
    workshop = idea.stage.phase.journey.workshop
    text = idea.text
    if idea.nickname:
        template = method.prompts(method_language(workshop))["idea_by"]
        text = template.format(idea=idea.text, nickname=idea.nickname)
    if target == "touchpoint":
        row = Touchpoint.objects.create(
            stage=idea.stage, description=text, position=_next_position(Touchpoint, idea.stage)
        )
        idea.touchpoint = row
        field = "description"
    else:
        row = Action.objects.create(
            stage=idea.stage, what=text, position=_next_position(Action, idea.stage)
        )
        idea.action = row
        field = "what"
    idea.save(update_fields=["touchpoint", "action"])
    record_change(
        workshop_id=workshop.pk,
        stage_id=idea.stage_id,
        target=row,
        field=field,
        old="",
        new=text,
        by=by,
    )
    return row


def ratings_preview(activity: Activity) -> list[dict]:
    """What "fill experience today" would write: each rated stage's rounded room average
    beside its current value."""
    rows = {r["stage"]: tally.RoomRating(r["n"], r["total"]) for r in _rating_rows(activity)}
    preview = []
    for stage in journey_stages(activity.session.journey):
        room = rows.get(stage.pk)
        if room is None:
            continue
        preview.append(
            {
                "stage": stage,
                "room": room,
                "new": tally.round_experience(room.average),
                "old": stage.experience_today,
            }
        )
    return preview


def preview_version(preview: list[dict]) -> str:
    """The version the facilitator confirms (workshops/autosave.py scheme): each stage's value
    now and the value to write. A stage edited on its worksheet meanwhile makes it stale, so
    the room's averages never silently overwrite what someone just typed."""
    text = ";".join(
        f"{row['stage'].pk}={autosave.value_text(row['old'])}>{row['new']}" for row in preview
    )
    return autosave.value_version(text)


def _rating_rows(activity):
    return (
        Rating.objects.filter(activity=activity)
        .values("stage")
        .annotate(n=Count("id"), total=Sum("value"))
        .order_by()
    )


@transaction.atomic
def apply_ratings(*, activity: Activity, version: str, by) -> list[dict] | None:
    """Fill each rated stage's "experience today" with the room's rounded average, but only if
    the preview the facilitator confirmed is still what would be written; None otherwise."""
    preview = ratings_preview(activity)
    if preview_version(preview) != version:
        return None
    workshop_id = activity.session.workshop_id
    for row in preview:
        stage = row["stage"]
        if stage.experience_today == row["new"]:
            continue
        Stage.objects.filter(pk=stage.pk).update(experience_today=row["new"])
        record_change(
            workshop_id=workshop_id,
            stage_id=stage.pk,
            target=stage,
            field="experience_today",
            old="" if row["old"] is None else str(row["old"]),
            new=str(row["new"]),
            by=by,
        )
    return preview


# --- participants ---------------------------------------------------------------------------


def join(*, session: LiveSession, nickname: str) -> tuple[Participant, str]:
    """A new participant and their token (at least 128 bits; only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    participant = Participant.objects.create(
        session=session, token_hash=hash_token(token), nickname=nickname.strip()
    )
    return participant, token


def _submit(
    *,
    participant: Participant,
    activity: Activity,
    submission_id: uuid.UUID,
    apply: Callable[[], str],
    reapply: bool = False,
) -> str:
    """Run `apply` once per submission id, with the participant's row locked.

    `reapply` is for writes that set a value (a rating): a repeated id writes the value again,
    which changes nothing unless the person changed their answer meanwhile in the same form.
    """
    try:
        with transaction.atomic():
            if connection.features.has_select_for_update:
                Participant.objects.select_for_update().only("pk").get(pk=participant.pk)
            # else SQLite: BEGIN IMMEDIATE has already taken the write lock.
            seen = Submission.objects.filter(
                participant=participant, submission_id=submission_id
            ).exists()
            if seen and not reapply:
                return DUPLICATE
            # A repeated submission is not counted again: a retry after a lost answer is free.
            if not seen and not ratelimit.hit(
                f"live:submit:{participant.pk}", submits_per_minute(), 60
            ):
                return RATE_LIMITED
            outcome = apply()
            if outcome in (SAVED, NOTHING) and not seen:
                Submission.objects.create(
                    participant=participant, submission_id=submission_id, activity=activity
                )
            return outcome
    except IntegrityError:
        # Only reachable if the lock was bypassed: the unique submission id still holds.
        return DUPLICATE


def rate(*, participant, activity, stage, value: int, submission_id) -> str:
    def apply():
        # The participant's lock is held: nobody else writes this row meanwhile.
        mine = Rating.objects.filter(activity=activity, participant=participant, stage=stage)
        if not mine.update(value=value, updated_at=timezone.now()):
            Rating.objects.create(
                activity=activity, participant=participant, stage=stage, value=value
            )
        return SAVED

    return _submit(
        participant=participant,
        activity=activity,
        submission_id=submission_id,
        apply=apply,
        reapply=True,
    )


def dots_spent(participant, activity) -> int:
    return (
        DotVote.objects.filter(activity=activity, participant=participant).aggregate(
            n=Sum("count")
        )["n"]
        or 0
    )


def change_dots(*, participant, activity, stage=None, action=None, delta: int, submission_id):
    """Put one dot on a target (delta 1) or take one back (delta -1); never more than the
    activity's N in total for one participant, whatever arrives at the same time."""
    target = {"stage": stage} if stage is not None else {"action": action}

    def apply():
        if delta > 0 and dots_spent(participant, activity) + delta > activity.dots_per_participant:
            return NO_DOTS
        row = DotVote.objects.filter(activity=activity, participant=participant, **target).first()
        if row is None:
            if delta <= 0:
                return NOTHING
            DotVote.objects.create(
                activity=activity, participant=participant, count=delta, **target
            )
        elif row.count + delta <= 0:
            row.delete()
        else:
            row.count += delta
            row.save(update_fields=["count"])
        return SAVED

    return _submit(
        participant=participant, activity=activity, submission_id=submission_id, apply=apply
    )


def post_idea(*, participant, activity, stage, text: str, submission_id) -> str:
    def apply():
        Idea.objects.create(
            activity=activity,
            participant=participant,
            stage=stage,
            text=text,
            nickname=participant.nickname,
        )
        return SAVED

    return _submit(
        participant=participant, activity=activity, submission_id=submission_id, apply=apply
    )


def run_extra_submit(
    *, participant, activity, submission_id, apply: Callable[[], str], reapply: bool = False
) -> str:
    """For activity kinds added through live.hooks: the same once-only, locked submit
    (`reapply` as in `_submit`, for answers that set a value)."""
    return _submit(
        participant=participant,
        activity=activity,
        submission_id=submission_id,
        apply=apply,
        reapply=reapply,
    )
