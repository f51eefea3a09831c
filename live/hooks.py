"""Activity kinds added to live sessions beside the built-in ones (the Kano round).

live.kano_round registers the Kano round from live's AppConfig.ready() when the Kano app is
installed; only live.kano_round imports kano/.
A registered kind appears in the facilitator's "start an activity" choices, its templates are
included on the participant and presenter screens, and participant answers post to
`live:participant-answer`, which calls `submit` for the current, open activity only; `submit`
writes through `live.services.run_extra_submit`, so answers count once per submission id.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActivityHandler:
    kind: str  # a value of live.models.ActivityKind, e.g. "kano"
    participant_template: str  # context: participant, activity, submission_id + context()
    presenter_template: str  # context: session, activity, results_visible + context()
    context: Callable[[Any, Any], dict]  # (activity, participant or None) -> extra context
    submit: Callable[[Any, Any, Any], Any]  # (request, participant, activity) -> HttpResponse
    # On the results page and report chapter; context: data (activity, kind + context()).
    results_template: str = ""


activity_handlers: dict[str, ActivityHandler] = {}


def register_activity_handler(handler: ActivityHandler):
    activity_handlers[handler.kind] = handler
