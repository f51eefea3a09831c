"""The "measures" lane of the journey map (and badges on the stage worksheet)."""

from django.utils.translation import gettext as _

from workshops.registry import Badge

from . import measures
from .dashboard import STATUS_CSS, status_labels
from .models import Measure
from .services import measure_status, with_latest


def badge_for(measure) -> Badge:
    """ "NPS 42 / 50": the latest value against the target, coloured by the status."""
    state = measure_status(measure)
    value = measures.number_text(measure.latest_value) or "–"
    unit = f" {measure.unit}" if measure.unit else ""
    label = f"{measure.name} {value} / {measures.number_text(measure.target)}{unit}"
    title = status_labels()[state]
    if measure.latest_period is not None:
        title += ", " + _("latest period %(period)s") % {
            "period": measures.period_label(measure.latest_period, measure.period)
        }
    return Badge(label=label, css=STATUS_CSS[state], title=title)


def measure_badges(stages: list) -> dict:
    """{stage id: [Badge per measure]}; one query however many stages and values."""
    stage_ids = [stage.pk for stage in stages]
    if not stage_ids:
        return {}
    badges: dict = {}
    for measure in with_latest(Measure.objects.filter(stage_id__in=stage_ids)).order_by(
        "position", "created_at"
    ):
        badges.setdefault(measure.stage_id, []).append(badge_for(measure))
    return badges
