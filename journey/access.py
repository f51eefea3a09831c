"""Journey objects for the current user: found by id, then checked against the user's role in
their workshop (one query). Another organisation's object answers 404."""

from workshops.access import attach_role

from .models import Journey, Phase, Stage


def get_journey_for_user(request, journey_id, *, edit=False, facilitate=False) -> Journey:
    journey = Journey.objects.select_related("workshop__organisation").filter(pk=journey_id).first()
    attach_role(request, journey and journey.workshop, edit=edit, facilitate=facilitate)
    return journey


def get_phase_for_user(request, phase_id, *, edit=False, facilitate=False) -> Phase:
    phase = (
        Phase.objects.select_related("journey__workshop__organisation").filter(pk=phase_id).first()
    )
    attach_role(request, phase and phase.journey.workshop, edit=edit, facilitate=facilitate)
    return phase


def get_stage_for_user(request, stage_id, *, edit=False, facilitate=False) -> Stage:
    stage = (
        Stage.objects.select_related("phase__journey__workshop__organisation")
        .filter(pk=stage_id)
        .first()
    )
    attach_role(request, stage and stage.phase.journey.workshop, edit=edit, facilitate=facilitate)
    return stage


def get_row_for_user(request, model, row_id, *, edit=False):
    row = (
        model.objects.select_related("stage__phase__journey__workshop__organisation")
        .filter(pk=row_id)
        .first()
    )
    attach_role(request, row and row.stage.phase.journey.workshop, edit=edit)
    return row
