"""The `followup` section of the workshop JSON export: a lossless round trip."""

import datetime
import json

import pytest
from django.utils import timezone

from followup.models import Feedback, FeedbackLink, Measure, Review
from followup.reviews import create_review
from followup.services import react
from journey.models import Action, Touchpoint
from kano.services import create_factor
from workshops import exchange


def fill(workshop, stage, manager):
    touchpoint = Touchpoint.objects.create(stage=stage, channel="phone", description="Puhelin")
    Action.objects.create(stage=stage, what="Numero etusivulle", status="done")
    factor = create_factor(workshop=workshop, name="Puhelimeen vastataan")
    measure = Measure.objects.create(
        stage=stage, name="NPS", unit="", target=50, tolerance=10, period="month", owner="Liisa"
    )
    measure.values.create(period_start=datetime.date(2025, 1, 1), value="42.5")
    measure.values.create(period_start=datetime.date(2025, 2, 1), value="47")
    computed = Measure.objects.create(
        stage=stage, name="Keskiarvo", target=4, source="feedback_share", source_level=4
    )
    computed.values.create(
        period_start=datetime.date(2025, 2, 1), value=80, sample_size=5, spread="0.894"
    )
    link = FeedbackLink.objects.create(
        stage=stage, touchpoint=touchpoint, question="Löysitkö meidät?", channel="SMS", active=False
    )
    flagged = Feedback.objects.create(
        workshop=workshop, stage=stage, touchpoint=touchpoint, rating=1, text="ä ö € \n rivi",
        tags=["soitto", "odotus"], kano_factor=factor, flagged=True, link=link, source="link",
        date=datetime.date(2025, 2, 3), customer="Yritys", channel="SMS",
    )  # fmt: skip
    react(feedback=flagged, note="Soitettiin takaisin", by=manager)
    Feedback.objects.create(workshop=workshop, stage=stage, rating=9, scale=10, source="import")
    create_review(workshop=workshop, date=datetime.date(2025, 2, 28), notes="Eka", by=manager)


def test_export_then_import_gives_identical_followup_data(workshop, stage, manager, organisation):
    fill(workshop, stage, manager)
    first = exchange.export_workshop(workshop)
    section = first["followup"]
    assert [m["name"] for m in section["measures"]] == ["NPS", "Keskiarvo"]
    assert section["measures"][0]["values"][0] == {
        "period_start": "2025-01-01", "value": "42.5", "sample_size": None, "spread": None,
    }  # fmt: skip
    assert len(section["feedback"]) == 2 and len(section["reviews"]) == 1
    assert "feedback_token" not in json.dumps(section)

    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert exchange.export_workshop(copy) == first

    item = Feedback.objects.get(workshop=copy, flagged=True)
    assert item.stage.phase.journey.workshop == copy
    assert item.kano_factor.workshop == copy
    assert item.touchpoint.stage == item.stage
    assert item.link.stage == item.stage
    assert item.reaction_note == "Soitettiin takaisin" and item.reacted_at is not None
    new_link = FeedbackLink.objects.get(stage__phase__journey__workshop=copy)
    assert new_link.feedback_token != FeedbackLink.objects.get(stage=stage).feedback_token


def test_review_snapshot_ids_point_to_the_copys_objects(workshop, stage, manager, organisation):
    fill(workshop, stage, manager)
    copy = exchange.import_workshop(
        json.dumps(exchange.export_workshop(workshop)), organisation=organisation
    )
    snapshot = Review.objects.get(workshop=copy).snapshot
    measure_ids = {str(pk) for pk in Measure.objects.filter(
        stage__phase__journey__workshop=copy).values_list("pk", flat=True)}  # fmt: skip
    assert {m["id"] for m in snapshot["measures"]} == measure_ids
    done = Action.objects.get(stage__phase__journey__workshop=copy, status="done")
    assert snapshot["actions"]["done"][0]["id"] == str(done.pk)


def test_a_workshop_without_followup_data_round_trips(workshop, organisation):
    first = exchange.export_workshop(workshop)
    assert first["followup"] == {"measures": [], "links": [], "feedback": [], "reviews": []}
    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert exchange.export_workshop(copy) == first


def test_a_reference_to_a_missing_stage_is_refused_and_nothing_is_created(
    workshop, stage, manager, organisation
):
    fill(workshop, stage, manager)
    data = exchange.export_workshop(workshop)
    data["followup"]["measures"][0]["stage"]["stage"] = 99
    before = Feedback.objects.count()
    with pytest.raises(exchange.ExchangeError, match=r"followup\.measures\.0\.stage"):
        exchange.import_workshop(json.dumps(data), organisation=organisation, name="Kopio")
    assert Feedback.objects.count() == before
    assert not organisation.workshops.filter(name="Kopio").exists()


def test_timestamps_survive(workshop, stage, manager, organisation):
    fill(workshop, stage, manager)
    moment = timezone.now() - datetime.timedelta(days=3)
    Feedback.objects.update(created_at=moment)
    copy = exchange.import_workshop(
        json.dumps(exchange.export_workshop(workshop)), organisation=organisation
    )
    assert set(Feedback.objects.filter(workshop=copy).values_list("created_at", flat=True)) == {
        moment
    }
