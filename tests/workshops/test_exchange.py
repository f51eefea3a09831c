import datetime
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from journey.models import Action, FeedbackPlanItem, Stage, Touchpoint
from workshops import exchange
from workshops.models import Workshop


@pytest.fixture
def filled_workshop(workshop, stage):
    Stage.objects.filter(pk=stage.pk).update(
        expectation="Vastaus samana päivänä",
        importance=5,
        gate_stage=True,
        role="prerequisite",
        experience_today=-2,
        experience_target=2,
        metric="Vasteaika",
        notes="ä ö å € \n rivi",
    )
    Touchpoint.objects.create(
        stage=stage,
        channel="phone",
        interaction="people",
        frequency="routine",
        description="Myyjän puhelin",
        rating=-1,
    )
    FeedbackPlanItem.objects.create(
        stage=stage,
        whom="Uudet asiakkaat",
        what="Löysitkö meidät?",
        channel="Sähköposti",
        when="Viikon kuluttua",
    )
    Action.objects.create(
        stage=stage,
        what="Puhelinnumero etusivulle",
        owner="Liisa",
        due_date=datetime.date(2027, 1, 31),
        status="doing",
    )
    return workshop


def test_export_then_import_gives_an_identical_workshop(filled_workshop, organisation):
    first = exchange.export_workshop(filled_workshop)
    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert copy.pk != filled_workshop.pk
    assert exchange.export_workshop(copy) == first
    stage = Stage.objects.get(phase__journey__workshop=copy, expectation__startswith="Vastaus")
    assert stage.touchpoints.get().description == "Myyjän puhelin"
    assert stage.actions.get().due_date == datetime.date(2027, 1, 31)


def test_export_has_the_documented_top_level_shape(filled_workshop):
    data = exchange.export_workshop(filled_workshop)
    assert data["schema_version"] == 1
    assert data["workshop"]["language"] == "fi"
    journey = data["journeys"][0]
    assert [p["key"] for p in journey["phases"]] == ["before", "purchase", "after"]
    stage = journey["phases"][1]["stages"][0]
    assert stage["gate_stage"] is True
    assert stage["touchpoints"][0]["channel"] == "phone"
    assert stage["actions"][0]["due_date"] == "2027-01-31"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"not json at all", "not valid JSON"),
        (b'{"schema_version": 99, "workshop": {"name": "x"}}', "schema_version: unknown schema"),
        (b'{"schema_version": 1}', "workshop: Field required"),
        (
            b'{"schema_version": 1, "workshop": {"name": "x"}, "journeys": [{"name": "j", '
            b'"phases": [{"key": "before", "name": "A", "stages": [{"name": "s", '
            b'"importance": "very"}]}]}]}',
            "journeys.0.phases.0.stages.0.importance",
        ),
        (
            b'{"schema_version": 1, "workshop": {"name": "x"}, "journeys": [{"name": "j", '
            b'"phases": [{"key": "during", "name": "A"}]}]}',
            "journeys.0.phases.0.key",
        ),
    ],
)
def test_wrong_file_names_the_bad_field_and_creates_nothing(raw, expected, organisation):
    before = Workshop.objects.count()
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_workshop(raw, organisation=organisation)
    assert any(expected in message for message in error.value.messages), error.value.messages
    assert Workshop.objects.count() == before


def test_commands_list_export_and_import(filled_workshop, organisation, tmp_path):
    out = StringIO()
    call_command("list_workshops", stdout=out)
    assert f"{filled_workshop.pk}\tKonsultit Oy\tMuovitukku" in out.getvalue()
    target = tmp_path / "w.json"
    call_command("export_workshop", str(filled_workshop.pk), "--format", "json", "-o", str(target))
    out = StringIO()
    call_command("import_workshop", str(target), "--organisation", "konsultit", stdout=out)
    new_id = out.getvalue().strip().splitlines()[-1]
    copy = Workshop.objects.get(pk=new_id)
    assert exchange.export_workshop(copy) == json.loads(target.read_text())


def test_import_command_reports_bad_file(tmp_path, organisation):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "workshop": {"name": ""}}')
    with pytest.raises(CommandError, match="workshop.name"):
        call_command("import_workshop", str(bad), "--organisation", "Konsultit Oy")
    assert not Workshop.objects.filter(name="").exists()


def test_workshop_schema_prints_json_schema():
    out = StringIO()
    call_command("workshop_schema", stdout=out)
    schema = json.loads(out.getvalue())
    assert "journeys" in schema["properties"]
    assert schema["properties"]["schema_version"]["const"] == 1


def test_download_and_upload_in_the_ui(client_for, facilitator, filled_workshop, organisation):
    client = client_for(facilitator)
    response = client.get(reverse("workshops:export-json", args=[filled_workshop.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    upload = SimpleUploadedFile("w.json", response.content, "application/json")
    response = client.post(
        reverse("workshops:import"), {"file": upload, "organisation": organisation.pk}
    )
    assert response.status_code == 302
    assert Workshop.objects.filter(name="Muovitukku").count() == 2


def test_ui_upload_of_bad_file_shows_the_path_and_creates_nothing(
    client_for, facilitator, organisation
):
    upload = SimpleUploadedFile("w.json", b'{"schema_version": 1, "workshop": {"nam": "x"}}')
    response = client_for(facilitator).post(
        reverse("workshops:import"), {"file": upload, "organisation": organisation.pk}
    )
    assert response.status_code == 422
    assert "workshop.name" in response.text
    assert not Workshop.objects.filter(name="x").exists()
