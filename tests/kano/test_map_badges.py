"""Kano badges on the journey map and the stage worksheet."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from journey.models import Stage
from kano.lanes import kano_badges
from kano.models import ConsensusClassification, Survey
from kano.services import create_factor
from tests.journey.test_journey_map import grow_to, map_queries
from tests.kano.conftest import add_answers
from workshops import registry


@pytest.fixture(autouse=True)
def english():
    # Badge labels are translated; these tests read the English ones.
    with translation.override("en"):
        yield


def test_stage_badge_shows_the_category_of_the_newest_round(workshop, factors, stage):
    speed, invoice = factors
    speed.stages.add(stage)
    old = Survey.objects.create(workshop=workshop, name="Vanha", date=datetime.date(2024, 1, 1))
    new = Survey.objects.create(workshop=workshop, name="Uusi", date=datetime.date(2025, 1, 1))
    add_answers(old, [("a", speed, 1, 3), ("b", speed, 1, 3)])  # attractive then
    add_answers(new, [("a", speed, 2, 5), ("b", speed, 2, 5), ("c", speed, 1, 3)])  # must-be now
    [badge] = kano_badges([stage])[stage.pk]
    assert badge.label == "Nopea toimitus: Must-be"
    assert badge.css == "critical"
    assert "Uusi" in badge.title and "n = 3" in badge.title


def test_consensus_is_used_when_there_is_no_survey_data(workshop, factors, stage):
    factors[1].stages.add(stage)
    ConsensusClassification.objects.create(factor=factors[1], category="A", note="x")
    [badge] = kano_badges([stage])[stage.pk]
    assert badge.label == "Selkeä lasku: Attractive"
    assert badge.css == "good"


def test_unclassified_linked_factor_gets_a_plain_badge(workshop, factors, stage):
    factors[0].stages.add(stage)
    [badge] = kano_badges([stage])[stage.pk]
    assert badge.label == "Nopea toimitus: –"


def test_stages_without_factors_get_no_badges(workshop, stage):
    assert kano_badges([stage]) == {}
    assert kano_badges([]) == {}


def test_worksheet_shows_the_badge(en_client_for, manager, workshop, factors, stage, survey):
    factors[0].stages.add(stage)
    add_answers(survey, [("a", factors[0], 1, 5)])
    response = en_client_for(manager).get(reverse("journey:stage", args=[stage.pk]))
    assert response.status_code == 200
    assert "Nopea toimitus: One-dimensional" in response.text


def test_the_lane_is_registered(db):
    assert registry.map_lanes["kano"].values is kano_badges


def _link_everything(workshop, journey, survey):
    stages = list(Stage.objects.filter(phase__journey=journey))
    factor = workshop.kano_factors.first()
    for i, stage in enumerate(stages):
        name = f"Tekijä {stage.pk.hex[:8]}"
        if workshop.kano_factors.filter(name=name).exists():
            continue  # linked on an earlier call
        extra = create_factor(workshop=workshop, name=name)
        extra.stages.add(stage)
        factor.stages.add(stage)
        add_answers(survey, [(f"r{stage.pk.hex[:8]}", extra, 1 + i % 5, 5 - i % 5)])
    return stages


def test_badges_cost_the_same_queries_for_12_and_60_stages(workshop, survey, factors):
    journey = workshop.journeys.get()
    stages = _link_everything(workshop, journey, survey)
    ConsensusClassification.objects.create(factor=factors[0], category="M")
    with CaptureQueriesContext(connection) as twelve:
        small = kano_badges(stages)
    grow_to(journey, 60)
    stages = _link_everything(workshop, journey, survey)
    with CaptureQueriesContext(connection) as sixty:
        large = kano_badges(stages)
    assert len(small) == 12 and len(large) == 60
    assert len(twelve) == len(sixty) == 3


def test_map_query_count_does_not_grow_with_stages(client_for, facilitator, workshop, survey):
    journey = workshop.journeys.get()
    _link_everything(workshop, journey, survey)
    client = client_for(facilitator)
    twelve, _ = map_queries(client, journey)
    grow_to(journey, 60)
    _link_everything(workshop, journey, survey)
    sixty, _ = map_queries(client, journey)
    assert twelve == sixty


def test_map_shows_kano_badges(en_client_for, facilitator, workshop, factors, stage, survey):
    factors[0].stages.add(stage)
    add_answers(survey, [("a", factors[0], 2, 5)])
    response = en_client_for(facilitator).get(reverse("journey:map", args=[stage.phase.journey_id]))
    assert "Kano categories" in response.text
    assert "Nopea toimitus: Must-be" in response.text
