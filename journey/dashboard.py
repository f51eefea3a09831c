"""The journey tile of the workshop dashboard: completion per journey, phase and stage."""

from django.db.models import Prefetch

from .forms import JourneyForm
from .models import Stage
from .worksheet import completion


def journey_tile_context(request, workshop):
    journeys = workshop.journeys.prefetch_related(
        Prefetch("phases__stages", queryset=Stage.objects.order_by("position"))
    )
    rows = []
    for journey in journeys:
        phases = []
        all_values = []
        for phase in journey.phases.all():
            stages = [(stage, completion(stage)) for stage in phase.stages.all()]
            values = [value for _, value in stages]
            all_values += values
            phases.append(
                {
                    "phase": phase,
                    "stages": stages,
                    "completion": sum(values) / len(values) if values else 0,
                }
            )
        rows.append(
            {
                "journey": journey,
                "phases": phases,
                "completion": sum(all_values) / len(all_values) if all_values else 0,
            }
        )
    return {"journey_rows": rows, "journey_form": JourneyForm(workshop)}
