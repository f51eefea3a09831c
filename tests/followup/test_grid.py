"""The measures grid: periods as columns, measures as rows, every cell saves on its own."""

import datetime
from decimal import Decimal

from django.urls import reverse

from followup.models import MeasureValue
from followup.services import cell_version
from workshops.models import Change

from .conftest import set_value

HTMX = {"HX-Request": "true"}


def save_url(measure, start):
    return reverse("followup:cell-save", args=[measure.pk, start.isoformat()])


def test_grid_shows_measures_by_period_with_their_values(
    en_client_for, manager, workshop, measure, make_measure, this_month
):
    set_value(measure, this_month, 42)
    make_measure(name="Neljännesvuosi", period="quarter")
    response = en_client_for(manager).get(reverse("followup:grid", args=[workshop.pk]))
    assert response.status_code == 200
    assert 'value="42"' in response.text
    assert "Neljännesvuosi" not in response.text  # another period kind, another tab
    label = f"{this_month.year}-{this_month.month:02d}"
    assert f'<label class="visually-hidden" for="in-cell-{measure.pk.hex}' in response.text
    assert label in response.text


def test_typed_value_is_saved_and_shows_saved(client_for, manager, measure, this_month):
    response = client_for(manager).post(
        save_url(measure, this_month),
        {"value": "4,5", "base_version": cell_version(None)},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "✓" in response.text
    assert MeasureValue.objects.get(measure=measure, period_start=this_month).value == Decimal(
        "4.5"
    )
    change = Change.objects.get(target_id=measure.pk)
    assert (change.old_value, change.new_value, change.user) == ("", "4.5", manager)


def test_empty_value_clears_the_cell(client_for, manager, measure, this_month):
    set_value(measure, this_month, 42)
    response = client_for(manager).post(
        save_url(measure, this_month),
        {"value": "", "base_version": cell_version(Decimal("42"))},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert not MeasureValue.objects.filter(measure=measure).exists()


def test_stale_version_gets_409_and_keeps_both_values(en_client_for, manager, measure, this_month):
    set_value(measure, this_month, 40)  # someone else saved 40 after this person loaded ""
    response = en_client_for(manager).post(
        save_url(measure, this_month),
        {"value": "45", "base_version": cell_version(None)},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Someone else saved this value" in response.text
    assert 'value="45"' in response.text  # what the person typed
    assert "<strong>40</strong>" in response.text  # the other value
    assert MeasureValue.objects.get(measure=measure).value == Decimal("40")


def test_keep_mine_after_a_conflict_replaces_the_other_value(
    client_for, manager, measure, this_month
):
    set_value(measure, this_month, 40)
    response = client_for(manager).post(
        save_url(measure, this_month),
        {
            "value": "45",
            "base_version": cell_version(None),
            "resolve": "mine",
            "conflict_version": cell_version(Decimal("40")),
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert MeasureValue.objects.get(measure=measure).value == Decimal("45")


def test_not_a_number_gets_422_and_saves_nothing(client_for, manager, measure, this_month):
    response = client_for(manager).post(
        save_url(measure, this_month), {"value": "lots", "base_version": ""}, headers=HTMX
    )
    assert response.status_code == 422
    assert 'value="lots"' in response.text
    assert not MeasureValue.objects.exists()


def test_computed_measure_cannot_be_typed(client_for, manager, make_measure, this_month):
    computed = make_measure(source="feedback_mean", target=4)
    response = client_for(manager).post(
        save_url(computed, this_month), {"value": "4", "base_version": ""}, headers=HTMX
    )
    assert response.status_code == 422
    assert not MeasureValue.objects.exists()


def test_a_date_that_does_not_start_a_period_is_404(client_for, manager, measure):
    url = save_url(measure, datetime.date(2025, 3, 15))
    assert client_for(manager).post(url, {"value": "1"}).status_code == 404


def test_viewer_gets_403(client_for, viewer, measure, this_month):
    response = client_for(viewer).post(save_url(measure, this_month), {"value": "1"})
    assert response.status_code == 403
    assert not MeasureValue.objects.exists()


def test_other_organisation_gets_404(client_for, outsider, measure, this_month):
    response = client_for(outsider).post(save_url(measure, this_month), {"value": "1"})
    assert response.status_code == 404


def test_get_is_405(client_for, manager, measure, this_month):
    assert client_for(manager).get(save_url(measure, this_month)).status_code == 405


def test_without_htmx_the_save_returns_to_the_grid(client_for, manager, measure, this_month):
    response = client_for(manager).post(
        save_url(measure, this_month), {"value": "7", "base_version": cell_version(None)}
    )
    assert response.status_code == 302
    assert reverse("followup:grid", args=[measure.stage.phase.journey.workshop_id]) in response.url


def test_use_their_value_reloads_the_cell(client_for, manager, measure, this_month):
    set_value(measure, this_month, 40)
    url = reverse("followup:cell", args=[measure.pk, this_month.isoformat()])
    response = client_for(manager).get(url, headers=HTMX)
    assert response.status_code == 200
    assert 'value="40"' in response.text
