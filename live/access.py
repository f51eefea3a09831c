"""The current participant of a live session (phones); the facilitator side fetches through
workshops.access.get_for_user like every other view.

The participant is the one whose token is in the cookie AND who joined the session named in
the URL; anything else is 404, so a participant of session A learns nothing about session B.
"""

from .models import Participant
from .services import hash_token

COOKIE_NAME = "arvopolku_live"
COOKIE_PATH = "/live/"
COOKIE_MAX_AGE = 12 * 60 * 60  # a workshop day


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
