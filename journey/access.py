"""Journey objects for the current user: found only through the user's workshops."""

from django.http import Http404

from workshops.access import check_role, workshop_role, workshops_for_user

from .models import Journey, Phase, Stage


def _attach_role(request, workshop, edit, facilitate):
    workshop.user_role = workshop_role(request.user, workshop)
    if workshop.user_role is None:
        raise Http404
    check_role(workshop, edit=edit, facilitate=facilitate)


def get_journey_for_user(request, journey_id, *, edit=False, facilitate=False) -> Journey:
    journey = (
        Journey.objects.select_related("workshop__organisation")
        .filter(workshop__in=workshops_for_user(request.user), pk=journey_id)
        .first()
    )
    if journey is None:
        raise Http404
    _attach_role(request, journey.workshop, edit, facilitate)
    return journey


def get_phase_for_user(request, phase_id, *, edit=False, facilitate=False) -> Phase:
    phase = (
        Phase.objects.select_related("journey__workshop__organisation")
        .filter(journey__workshop__in=workshops_for_user(request.user), pk=phase_id)
        .first()
    )
    if phase is None:
        raise Http404
    _attach_role(request, phase.journey.workshop, edit, facilitate)
    return phase


def get_stage_for_user(request, stage_id, *, edit=False, facilitate=False) -> Stage:
    stage = (
        Stage.objects.select_related("phase__journey__workshop__organisation")
        .filter(phase__journey__workshop__in=workshops_for_user(request.user), pk=stage_id)
        .first()
    )
    if stage is None:
        raise Http404
    _attach_role(request, stage.phase.journey.workshop, edit, facilitate)
    return stage


def get_row_for_user(request, model, row_id, *, edit=False):
    row = (
        model.objects.select_related("stage__phase__journey__workshop__organisation")
        .filter(stage__phase__journey__workshop__in=workshops_for_user(request.user), pk=row_id)
        .first()
    )
    if row is None:
        raise Http404
    _attach_role(request, row.stage.phase.journey.workshop, edit, False)
    return row
