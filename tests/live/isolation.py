"""Victim objects for the project-wide isolation walk (tests/workshops/test_isolation.py):
a live session of the victim workshop with an activity, a participant and an idea whose text
is SECRET."""

from live import services
from live.models import ActivityKind, Idea


def victim_params(*, workshop, stage) -> dict:
    journey = stage.phase.journey
    session = services.start_session(workshop=workshop, journey=journey, by=None)
    activity = services.start_activity(session=session, kind=ActivityKind.IDEAS)
    participant, _token = services.join(session=session, nickname="SECRET-NICK")
    idea = Idea.objects.create(
        activity=activity,
        participant=participant,
        stage=stage,
        text="SECRET-IDEA",
        nickname="SECRET-NICK",
        approved=True,
    )
    return {
        "live_session_id": session.pk,
        "live_activity_id": activity.pk,
        "live_idea_id": idea.pk,
    }
