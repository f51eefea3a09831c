"""Size limits of the workshop import, and all-or-nothing with short write transactions."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from journey import exchange as journey_exchange
from journey.models import Touchpoint
from workshops import exchange
from workshops.models import Workshop


def document(touchpoints: int) -> dict:
    stage = {"name": "Tilaus", "touchpoints": [{"description": "Soitto"}] * touchpoints}
    return {
        "schema_version": 1,
        "workshop": {"name": "Tuotu"},
        "journeys": [
            {"name": "Nykytila", "phases": [{"key": "before", "name": "Ennen", "stages": [stage]}]}
        ],
    }


def test_stage_over_the_row_limit_is_refused_naming_the_stage(
    client_for, facilitator, organisation, settings
):
    settings.JOURNEY_LIMITS = {**settings.JOURNEY_LIMITS, "touchpoints": 3}
    upload = SimpleUploadedFile("big.json", json.dumps(document(4)).encode(), "application/json")
    response = client_for(facilitator).post(
        reverse("workshops:import"), {"organisation": organisation.pk, "file": upload}
    )
    assert response.status_code == 422
    assert "journeys.0.phases.0.stages.0.touchpoints: 4 rows, at most 3 per stage" in (
        response.text
    )
    assert not Workshop.all_objects.filter(name="Tuotu").exists()


def test_stage_at_the_limit_is_imported(organisation, settings):
    settings.JOURNEY_LIMITS = {**settings.JOURNEY_LIMITS, "touchpoints": 3}
    workshop = exchange.import_workshop(document(3), organisation=organisation)
    assert Touchpoint.objects.filter(stage__phase__journey__workshop=workshop).count() == 3
    assert Workshop.objects.filter(pk=workshop.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_failure_after_some_batches_leaves_nothing(organisation, monkeypatch):
    monkeypatch.setattr(journey_exchange, "WRITE_BATCH", 2)
    calls = []
    original = journey_exchange._write_in_batches

    def fail_on_actions(model, objects):
        calls.append(model)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        original(model, objects)

    monkeypatch.setattr(journey_exchange, "_write_in_batches", fail_on_actions)
    with pytest.raises(RuntimeError):
        exchange.import_workshop(document(5), organisation=organisation)
    assert not Workshop.all_objects.filter(name="Tuotu").exists()
    assert not Touchpoint.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_workshop_is_hidden_until_its_import_is_written(organisation, monkeypatch):
    seen = []
    original = journey_exchange._write_in_batches

    def look(model, objects):
        seen.append(Workshop.objects.filter(name="Tuotu").exists())
        original(model, objects)

    monkeypatch.setattr(journey_exchange, "_write_in_batches", look)
    exchange.import_workshop(document(2), organisation=organisation)
    assert seen and not any(seen)
    assert Workshop.objects.filter(name="Tuotu").exists()
