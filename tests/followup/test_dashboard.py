"""The follow-up dashboard and the workshop tile: flags first, measures, late actions; the
same number of queries with no data as with many measures and feedback records."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup.measures import period_range
from followup.models import Feedback
from followup.services import today
from journey.models import Action, Stage

from .conftest import set_value


def fill(workshop, make_measure, per_stage=2):
    months = period_range(today(), "month", 14)
    for stage in Stage.objects.filter(phase__journey__workshop=workshop):
        for n in range(per_stage):
            measure = make_measure(target_stage=stage, name=f"{stage.name} {n}")
            for i, month in enumerate(months):
                set_value(measure, month, 30 + i)
        Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True, text="x")
        Feedback.objects.create(workshop=workshop, stage=stage, rating=9, scale=10)
        Action.objects.create(stage=stage, what="late", due_date=today() - datetime.timedelta(1))


def queries(client, url):
    client.get(url)  # the first view draws and caches the charts
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_dashboard_costs_the_same_empty_and_full(client_for, facilitator, workshop, make_measure):
    client = client_for(facilitator)
    url = reverse("followup:dashboard", args=[workshop.pk])
    empty, _ = queries(client, url)
    fill(workshop, make_measure)
    full, response = queries(client, url)
    assert response.text.count('class="sparkline"') == 24
    assert empty == full


def test_workshop_dashboard_tile_costs_the_same_empty_and_full(
    client_for, facilitator, workshop, make_measure
):
    client = client_for(facilitator)
    url = reverse("workshops:dashboard", args=[workshop.pk])
    empty, _ = queries(client, url)
    fill(workshop, make_measure)
    full, _ = queries(client, url)
    assert empty == full


def test_tile_shows_flags_off_target_measures_and_overdue_actions(
    en_client_for, manager, workshop, stage, make_measure, this_month
):
    off = make_measure(name="Vastausaste", target=90, tolerance=5)
    set_value(off, this_month, 60)
    Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True)
    Action.objects.create(stage=stage, what="late", due_date=today() - datetime.timedelta(1))
    page = en_client_for(manager).get(reverse("workshops:dashboard", args=[workshop.pk])).text
    tile = page[page.index('id="tile-followup"') :]
    assert "1 flagged feedback waits for a reaction" in tile
    assert "<strong>1</strong> / 1 measures off target" in tile
    assert "Vastausaste" in tile
    assert "<strong>1</strong> overdue action<" in tile


def test_dashboard_lists_measures_with_status_trend_and_spread(
    en_client_for, viewer, workshop, stage, make_measure
):
    measure = make_measure(name="Keskiarvo", source="feedback_mean", target=4, tolerance=0.5)
    for rating in (5, 3):
        Feedback.objects.create(workshop=workshop, stage=stage, rating=rating, date=today())
    from followup.services import refresh_computed

    refresh_computed([measure])
    page = en_client_for(viewer).get(reverse("followup:dashboard", args=[workshop.pk])).text
    assert "Keskiarvo" in page
    assert '<span class="badge good">On target</span>' in page
    assert "n = 2" in page  # the spread of the latest period and its ratings
    assert "1.00" in page


def test_viewer_sees_flags_without_the_reaction_form(en_client_for, viewer, workshop, stage):
    Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True, text="Huono")
    page = en_client_for(viewer).get(reverse("followup:dashboard", args=[workshop.pk])).text
    assert "Huono" in page
    assert "Mark as handled" not in page
