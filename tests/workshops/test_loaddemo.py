from io import StringIO

from django.core.management import call_command
from django.test import Client

from journey.models import Action, Stage, Touchpoint
from workshops.models import Workshop


def test_loaddemo_creates_two_filled_workshops_and_the_demo_login(db):
    call_command("loaddemo", stdout=StringIO())
    workshops = Workshop.objects.filter(organisation__slug="demo")
    assert sorted(workshops.values_list("language", flat=True)) == ["en", "fi"]
    today_stages = Stage.objects.filter(
        phase__journey__workshop__in=workshops, phase__journey__kind="today"
    )
    assert today_stages.count() == 24
    assert not today_stages.filter(expectation="").exists()
    assert not today_stages.filter(experience_today__isnull=True).exists()
    for stage in today_stages:
        assert Touchpoint.objects.filter(stage=stage).exists(), stage.name
        assert Action.objects.filter(stage=stage).exists(), stage.name
    client = Client()
    response = client.post("/accounts/login/", {"username": "demo", "password": "demo"})
    assert response.status_code == 302
    assert "Muovitukku" in client.get("/").text


def test_loaddemo_twice_does_not_duplicate(db):
    call_command("loaddemo", stdout=StringIO())
    call_command("loaddemo", stdout=StringIO())
    assert Workshop.objects.filter(organisation__slug="demo").count() == 2
