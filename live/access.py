"""Live objects for the current user (facilitator side) or the current participant (phones).

Facilitator side: found only through the user's workshops (other organisation: 404, too low
a role: 403), like journey.access. Participant side: the participant is the one whose token
is in the cookie AND who joined the session named in the URL; anything else is 404, so a
participant of session A learns nothing about session B.
"""

from django.http import Http404

from workshops.access import attach_role, workshops_for_user

from .models import Activity, Idea, LiveSession, Participant
from .services import hash_token

COOKIE_NAME = "arvopolku_live"
COOKIE_PATH = "/live/"
COOKIE_MAX_AGE = 12 * 60 * 60  # a workshop day


def get_session_for_user(request, live_session_id, *, facilitate=False) -> LiveSession:
    session = (
        LiveSession.objects.select_related("workshop__organisation", "journey", "current_activity")
        .filter(workshop__in=workshops_for_user(request.user), pk=live_session_id)
        .first()
    )
    if session is None:
        raise Http404
    attach_role(request, session.workshop, facilitate=facilitate)
    return session


def get_activity_for_user(request, live_activity_id, *, facilitate=False) -> Activity:
    activity = (
        Activity.objects.select_related("session__workshop__organisation", "session__journey")
        .filter(session__workshop__in=workshops_for_user(request.user), pk=live_activity_id)
        .first()
    )
    if activity is None:
        raise Http404
    attach_role(request, activity.session.workshop, facilitate=facilitate)
    return activity


def get_idea_for_user(request, live_idea_id, *, facilitate=False) -> Idea:
    idea = (
        Idea.objects.select_related(
            "stage", "activity__session__workshop__organisation", "activity__session__journey"
        )
        .filter(activity__session__workshop__in=workshops_for_user(request.user), pk=live_idea_id)
        .first()
    )
    if idea is None:
        raise Http404
    attach_role(request, idea.activity.session.workshop, facilitate=facilitate)
    return idea


def find_participant(request, live_session_id) -> Participant | None:
    """The participant of this session whose token is in the cookie, or None."""
    token = request.COOKIES.get(COOKIE_NAME, "")
    if not token or len(token) > 200:
        return None
    return (
        # The session and its current activity: all a submit needs (stages are found by the
        # journey's id; the workshop's language is read only when a page is drawn).
        Participant.objects.select_related("session__current_activity")
        .filter(token_hash=hash_token(token), session_id=live_session_id)
        .first()
    )


def set_participant_cookie(response, token: str, *, secure: bool):
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=COOKIE_MAX_AGE,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=secure,
    )
