"""Writes that span several journey rows."""

from django.db import transaction
from django.db.models import Max

from workshops.language import method_language

from . import method
from .models import Action, FeedbackPlanItem, Journey, Phase, Stage, Touchpoint

ROW_MODELS = {"touchpoints": Touchpoint, "feedback_plan": FeedbackPlanItem, "actions": Action}
STAGE_COPY_EXCLUDE = {"id", "phase", "assigned_managers", "updated_at"}


@transaction.atomic
def create_journey_from_template(*, workshop, name: str = "", kind: str = "today") -> Journey:
    """The method's three phases and twelve stages, in the workshop's language."""
    language = method_language(workshop)
    position = (workshop.journeys.aggregate(m=Max("position"))["m"] or 0) + 1
    journey = Journey.objects.create(
        workshop=workshop,
        kind=kind,
        position=position,
        name=name or method.journey_name(language),
    )
    phases = {
        key: Phase.objects.create(
            journey=journey, key=key, position=i, name=method.phase_name(key, language)
        )
        for i, key in enumerate(method.PHASE_KEYS)
    }
    Stage.objects.bulk_create(
        Stage(phase=phases[key], name=stage_name, guidance=guidance, position=i)
        for i, (key, stage_name, guidance) in enumerate(method.default_stages(language))
    )
    return journey


@transaction.atomic
def copy_journey(*, journey: Journey, name: str, kind: str, workshop=None) -> Journey:
    """A full copy (phases, stages, worksheet, rows): 'today' becomes the start of 'ideal'."""
    target_workshop = workshop or journey.workshop
    position = (target_workshop.journeys.aggregate(m=Max("position"))["m"] or 0) + 1
    new = Journey.objects.create(
        workshop=target_workshop, name=name, kind=kind, segment=journey.segment, position=position
    )
    for phase in journey.phases.prefetch_related(
        "stages__touchpoints", "stages__feedback_plan", "stages__actions"
    ):
        new_phase = Phase.objects.create(
            journey=new, key=phase.key, name=phase.name, position=phase.position
        )
        for stage in phase.stages.all():
            values = {
                f.name: getattr(stage, f.name)
                for f in Stage._meta.concrete_fields
                if f.name not in STAGE_COPY_EXCLUDE
            }
            new_stage = Stage.objects.create(phase=new_phase, **values)
            for relation, model in ROW_MODELS.items():
                model.objects.bulk_create(
                    model(
                        stage=new_stage,
                        position=row.position,
                        **{f: getattr(row, f) for f in model.ROW_FIELDS},
                    )
                    for row in getattr(stage, relation).all()
                )
    return new


@transaction.atomic
def add_stage(*, phase: Phase, name: str) -> Stage:
    position = (phase.stages.aggregate(m=Max("position"))["m"] or 0) + 1
    return Stage.objects.create(phase=phase, name=name, position=position)


@transaction.atomic
def reorder_stages(*, journey: Journey, order: list[tuple[str, str]]):
    """Apply a new order: a list of (stage id, phase id). A stage may move to another phase.
    Stages not named keep their place after the named ones."""
    phases = {str(p.pk): p for p in journey.phases.all()}
    stages = {str(s.pk): s for s in Stage.objects.filter(phase__journey=journey)}
    counters = dict.fromkeys(phases, 0)
    for stage_id, phase_id in order:
        stage = stages.get(stage_id)
        if stage is None or phase_id not in phases:
            raise ValueError("unknown stage or phase")
        stage.phase = phases[phase_id]
        stage.position = counters[phase_id]
        counters[phase_id] += 1
    Stage.objects.bulk_update([stages[s] for s, _ in order], ["phase", "position"])


@transaction.atomic
def move_stage(*, stage: Stage, step: int):
    """Move one place up (-1) or down (+1) within the journey, crossing phase borders."""
    journey = stage.phase.journey
    ordered = list(
        Stage.objects.filter(phase__journey=journey)
        .order_by("phase__position", "position")
        .values_list("pk", "phase_id")
    )
    ids = [str(pk) for pk, _ in ordered]
    i = ids.index(str(stage.pk))
    j = i + step
    if not 0 <= j < len(ids):
        return
    order = [(str(pk), str(phase)) for pk, phase in ordered]
    (a_id, a_phase), (b_id, b_phase) = order[i], order[j]
    if a_phase != b_phase:
        # Crossing a phase border moves the stage into the neighbouring phase.
        order[i] = (a_id, b_phase)
    else:
        order[i], order[j] = (b_id, b_phase), (a_id, a_phase)
    reorder_stages(journey=journey, order=order)
