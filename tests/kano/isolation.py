"""Kano objects in the victim workshop, for tests/workshops/test_isolation.py."""

from kano.models import ConsensusClassification, Respondent, Survey
from kano.respondent_keys import hashed_key
from kano.services import create_factor


def victim_params(*, workshop, stage) -> dict:
    factor = create_factor(workshop=workshop, name="SECRET factor", description="SECRET")
    factor.stages.add(stage)
    survey = Survey.objects.create(workshop=workshop, name="SECRET round", status="open")
    token = "r" * 22  # the respondent's secret, kept by their browser; stored hashed
    Respondent.objects.create(
        survey=survey, key=hashed_key(token), attributes={"Segment": "SECRET"}
    )
    classification = ConsensusClassification.objects.create(
        factor=factor, category="M", note="SECRET note"
    )
    return {
        "factor_id": factor.pk,
        "survey_id": survey.pk,
        "classification_id": classification.pk,
        "survey_token": survey.public_token,
        "respondent_token": token,
    }
