"""The `kano` section of the workshop JSON: export -> import -> export is identical."""

import datetime
import json

import pytest

from journey.models import Stage
from kano.models import ConsensusClassification, Factor, Respondent, Survey
from tests.kano.conftest import add_answers
from workshops import exchange


@pytest.fixture
def kano_workshop(workshop, factors, facilitator):
    journey = workshop.journeys.get()
    contact = Stage.objects.get(phase__journey=journey, name="Yhteydenotto")
    delivery = Stage.objects.get(phase__journey=journey, name="Toimitus ja maksu")
    factors[0].stages.add(contact, delivery)
    factors[1].stages.add(delivery)
    Factor.objects.filter(pk=factors[1].pk).update(
        description="Lasku ilman yllätyksiä", functional_question="Muokattu kysymys?"
    )
    spring = Survey.objects.create(
        workshop=workshop,
        name="Kevät",
        date=datetime.date(2025, 3, 1),
        status="closed",
        ask_importance=True,
        attribute_questions=[{"name": "Segmentti", "options": ["Yritys", "Kuluttaja"]}],
    )
    add_answers(
        spring,
        [
            ("r1", factors[0], 1, 4, 7, {"Segmentti": "Yritys"}),
            ("r1", factors[1], 2, 5, None, {"Segmentti": "Yritys"}),
            ("r2", factors[0], 5, 5, 3, {}),
        ],
    )
    Survey.objects.create(workshop=workshop, name="Syksy", date=datetime.date(2025, 9, 1))
    ConsensusClassification.objects.create(
        factor=factors[1],
        category="M",
        note="Sovittu työpajassa",
        by=facilitator,
        by_name="alice",
        date=datetime.date(2025, 4, 2),
    )
    return workshop


def test_export_then_import_then_export_is_identical(kano_workshop, organisation):
    first = exchange.export_workshop(kano_workshop)
    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert exchange.export_workshop(copy) == first
    # and the copy is a real one: new objects, relinked to the copy's own stages
    factor = Factor.objects.get(workshop=copy, name="Nopea toimitus")
    assert sorted(s.name for s in factor.stages.all()) == ["Toimitus ja maksu", "Yhteydenotto"]
    assert all(s.phase.journey.workshop_id == copy.pk for s in factor.stages.all())
    assert Respondent.objects.filter(survey__workshop=copy).count() == 2
    original, imported = (
        Survey.objects.get(workshop=kano_workshop, name="Kevät"),
        Survey.objects.get(workshop=copy, name="Kevät"),
    )
    assert imported.public_token != original.public_token  # links are not copied


def test_export_has_the_documented_shape(kano_workshop):
    data = exchange.export_workshop(kano_workshop)["kano"]
    assert [f["name"] for f in data["factors"]] == ["Nopea toimitus", "Selkeä lasku"]
    # Yhteydenotto is stage 1 of phase 1 (purchase) of journey 0; delivery is stage 3.
    assert data["factors"][0]["stages"] == [
        {"journey": 0, "phase": 1, "stage": 1},
        {"journey": 0, "phase": 1, "stage": 3},
    ]
    spring = data["surveys"][0]
    assert spring["name"] == "Kevät" and spring["status"] == "closed"
    assert spring["respondents"][0]["answers"][0] == {
        "factor": 0,
        "functional": 1,
        "dysfunctional": 4,
        "importance": 7,
    }
    assert data["consensus"][0]["by"] == "alice"
    assert "public_token" not in json.dumps(data)


def test_a_reference_to_a_missing_stage_imports_nothing(kano_workshop, organisation):
    data = exchange.export_workshop(kano_workshop)
    data["kano"]["factors"][0]["stages"] = [{"journey": 0, "phase": 2, "stage": 99}]
    before = Factor.objects.count()
    with pytest.raises(exchange.ExchangeError, match="kano.factors.0.stages.0"):
        exchange.import_workshop(json.dumps(data), organisation=organisation)
    assert Factor.objects.count() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda k: k["surveys"][0]["respondents"][0]["answers"].append(
                {"factor": 5, "functional": 1, "dysfunctional": 1}
            ),
            "factor 5 does not exist",
        ),
        (
            lambda k: k["surveys"][0]["respondents"][0]["answers"].append(
                {"factor": 0, "functional": 1, "dysfunctional": 1}
            ),
            "answered twice",
        ),
        (lambda k: k["factors"].append({"name": "NOPEA toimitus"}), "same name"),
        (lambda k: k["consensus"][0].update(category="X"), "consensus.0.category"),
        (
            lambda k: k["surveys"][0]["respondents"][0]["answers"][0].update(functional=6),
            "functional",
        ),
    ],
)
def test_bad_kano_section_is_refused_before_anything_is_written(
    kano_workshop, organisation, change, message
):
    data = exchange.export_workshop(kano_workshop)
    change(data["kano"])
    count = Factor.objects.count()
    with pytest.raises(exchange.ExchangeError, match=message):
        exchange.import_workshop(json.dumps(data), organisation=organisation)
    assert Factor.objects.count() == count


def test_a_file_without_kano_imports_an_empty_section(workshop, organisation):
    data = exchange.export_workshop(workshop)
    del data["kano"]
    copy = exchange.import_workshop(json.dumps(data), organisation=organisation)
    assert not Factor.objects.filter(workshop=copy).exists()
