"""The live tile of the workshop dashboard and the "live" chapter of the report."""

from django.db.models import Count

from .forms import StartSessionForm
from .results import session_results


def live_tile_context(request, workshop):
    sessions = list(workshop.live_sessions.annotate(people=Count("participants"))[:10])
    return {
        "active_session": next((s for s in sessions if s.ended_at is None), None),
        "past_sessions": [s for s in sessions if s.ended_at is not None],
        "start_form": StartSessionForm(workshop),
    }


def live_report_context(workshop, options) -> dict:
    sessions = workshop.live_sessions.select_related("journey").order_by("started_at")
    return {
        "workshop": workshop,
        "live_sessions": [
            {"session": s} | session_results(s, later=(options or {}).get("later"))
            for s in sessions
        ],
    }
