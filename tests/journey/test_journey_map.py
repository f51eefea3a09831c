from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journey import services
from journey.models import Stage, Touchpoint


def grow_to(journey, total):
    phases = list(journey.phases.all())
    count = Stage.objects.filter(phase__journey=journey).count()
    while count < total:
        stage = services.add_stage(phase=phases[count % 3], name=f"Vaihe {count}")
        Touchpoint.objects.create(stage=stage, description=f"tp {count}")
        count += 1


def map_queries(client, journey):
    """Queries of a map view with the chart already cached (the first view draws it)."""
    client.get(reverse("journey:map", args=[journey.pk]))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("journey:map", args=[journey.pk]))
    assert response.status_code == 200
    return len(captured), response


def test_map_runs_the_same_number_of_queries_for_12_and_60_stages(
    client_for, facilitator, workshop
):
    journey = workshop.journeys.get()
    client = client_for(facilitator)
    twelve, _ = map_queries(client, journey)
    grow_to(journey, 60)
    sixty, response = map_queries(client, journey)
    assert Stage.objects.filter(phase__journey=journey).count() == 60
    assert "Vaihe 59" in response.text
    assert twelve == sixty


def test_map_shows_every_stage_grouped_by_phase_with_curve(client_for, facilitator, workshop):
    journey = workshop.journeys.get()
    Stage.objects.filter(phase__journey=journey, name="Yhteydenotto").update(
        experience_today=-2, experience_target=2, importance=5, gate_stage=True
    )
    html = client_for(facilitator).get(reverse("journey:map", args=[journey.pk])).text
    for phase in ("Ennen hankintaa", "Hankinta", "Hankinnan jälkeen"):
        assert phase in html
    for stage in Stage.objects.filter(phase__journey=journey):
        assert stage.name in html
    assert "<svg" in html
    # gap list: importance 5 x (2 - -2) = 20
    assert ">20<" in html


def test_hidden_lane_is_not_shown(client_for, facilitator, workshop):
    journey = workshop.journeys.get()
    Stage.objects.filter(phase__journey=journey).update(
        expectation="ODOTUS-TEKSTI", customer_feels="TUNNE-TEKSTI"
    )
    client = client_for(facilitator)
    url = reverse("journey:map", args=[journey.pk])
    assert "ODOTUS-TEKSTI" in client.get(url).text
    hidden = client.get(url, {"hide": "expectation"}).text
    assert "ODOTUS-TEKSTI" not in hidden
    assert "TUNNE-TEKSTI" in hidden
