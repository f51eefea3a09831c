"""The "measures" lane of the journey map: latest value against target, coloured by status,
in a fixed number of queries however many stages."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.lanes import measure_badges
from journey import services as journey_services
from journey.models import Stage
from workshops import registry

from .conftest import set_value


def grow_to(journey, total, make_measure):
    phases = list(journey.phases.all())
    count = Stage.objects.filter(phase__journey=journey).count()
    while count < total:
        stage = journey_services.add_stage(phase=phases[count % 3], name=f"Vaihe {count}")
        measure = make_measure(target_stage=stage, name=f"Mittari {count}")
        set_value(measure, datetime.date(2025, 1, 1), 40)
        set_value(measure, datetime.date(2025, 2, 1), count)
        count += 1


def test_badge_shows_latest_value_against_target_coloured_by_status(
    stage, make_measure, last_month, this_month
):
    on = make_measure(name="NPS", target=50, tolerance=10)
    set_value(on, last_month, 20)
    set_value(on, this_month, 55)
    near = make_measure(name="Vasteaika", unit="h", direction="lower", target=24, tolerance=6)
    set_value(near, this_month, 28)
    off = make_measure(name="Osuus", target=90, tolerance=5)
    set_value(off, this_month, 70)
    empty = make_measure(name="Uusi", target=3)
    badges = measure_badges([stage])[stage.pk]
    assert [(b.label, b.css) for b in badges] == [
        ("NPS 55 / 50", "good"),
        ("Vasteaika 28 / 24 h", "gate"),
        ("Osuus 70 / 90", "critical"),
        ("Uusi – / 3", ""),
    ]
    assert empty.pk  # no value: no colour


def test_lane_is_registered_for_the_map_and_the_worksheet(stage, measure, this_month):
    set_value(measure, this_month, 42)
    lanes = dict((lane.key, values) for lane, values in registry.lane_values([stage]))
    assert lanes["measures"][stage.pk][0].label == "NPS 42 / 50"


def test_lane_runs_one_query_for_12_and_60_stages(
    workshop, make_measure, django_assert_num_queries
):
    journey = workshop.journeys.get()
    grow_to(journey, 12, make_measure)
    stages = list(Stage.objects.filter(phase__journey=journey))
    with django_assert_num_queries(1):
        assert len(measure_badges(stages)) == 0  # the template's stages have no measures
    grow_to(journey, 60, make_measure)
    stages = list(Stage.objects.filter(phase__journey=journey))
    with django_assert_num_queries(1):
        badges = measure_badges(stages)
    assert len(badges) == 48


def map_queries(client, journey):
    client.get(reverse("journey:map", args=[journey.pk]))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("journey:map", args=[journey.pk]))
    assert response.status_code == 200
    return len(captured), response


def test_map_with_the_measures_lane_costs_the_same_for_12_and_60_stages(
    client_for, facilitator, workshop, stage, make_measure, this_month
):
    journey = workshop.journeys.get()
    set_value(make_measure(), this_month, 42)
    client = client_for(facilitator)
    twelve, response = map_queries(client, journey)
    assert "NPS 42 / 50" in response.text
    grow_to(journey, 60, make_measure)
    sixty, response = map_queries(client, journey)
    assert "Mittari 59 59 / 50" in response.text
    assert twelve == sixty
