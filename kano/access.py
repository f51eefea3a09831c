"""Kano objects for the current user: found only through the user's workshops.

Another organisation's factor, survey or classification is never found (404); a role too
low for the action gets 403 (see workshops.access).
"""

from django.http import Http404

from workshops.access import attach_role, workshops_for_user

from .models import ConsensusClassification, Factor, Survey


def get_factor_for_user(request, factor_id, *, edit=False, facilitate=False) -> Factor:
    factor = (
        Factor.objects.select_related("workshop__organisation")
        .filter(workshop__in=workshops_for_user(request.user), pk=factor_id)
        .first()
    )
    if factor is None:
        raise Http404
    attach_role(request, factor.workshop, edit=edit, facilitate=facilitate)
    return factor


def get_survey_for_user(request, survey_id, *, edit=False, facilitate=False) -> Survey:
    survey = (
        Survey.objects.select_related("workshop__organisation")
        .filter(workshop__in=workshops_for_user(request.user), pk=survey_id)
        .first()
    )
    if survey is None:
        raise Http404
    attach_role(request, survey.workshop, edit=edit, facilitate=facilitate)
    return survey


def get_classification_for_user(
    request, classification_id, *, edit=False, facilitate=False
) -> ConsensusClassification:
    classification = (
        ConsensusClassification.objects.select_related("factor__workshop__organisation")
        .filter(factor__workshop__in=workshops_for_user(request.user), pk=classification_id)
        .first()
    )
    if classification is None:
        raise Http404
    attach_role(request, classification.factor.workshop, edit=edit, facilitate=facilitate)
    return classification
