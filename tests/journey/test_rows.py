from django.urls import reverse

from journey.forms import ActionForm, TouchpointForm
from journey.models import Action, Touchpoint
from tests.conftest import HTMX
from workshops.autosave import row_version


def test_add_edit_and_delete_a_touchpoint_inline(client_for, manager, stage):
    client = client_for(manager)
    response = client.post(
        reverse("journey:row-add", args=[stage.pk, "touchpoints"]),
        {
            "channel": "phone",
            "interaction": "people",
            "frequency": "routine",
            "description": "Myyjän puhelin",
            "rating": "-1",
        },
        headers=HTMX,
    )
    assert response.status_code == 200 and "Myyjän puhelin" in response.text
    row = Touchpoint.objects.get(stage=stage)
    response = client.post(
        reverse("journey:row-save", args=["touchpoints", row.pk]),
        {
            "channel": "website",
            "interaction": "systems",
            "frequency": "routine",
            "description": "Verkkosivu",
            "rating": "2",
            "base_version": row_version(row, TouchpointForm.Meta.fields),
        },
        headers=HTMX,
    )
    row.refresh_from_db()
    assert (row.channel, row.description, row.rating) == ("website", "Verkkosivu", 2)
    client.post(reverse("journey:row-delete", args=["touchpoints", row.pk]), headers=HTMX)
    assert not Touchpoint.objects.filter(stage=stage).exists()


def test_stale_row_version_gets_409_and_shows_their_values(client_for, manager, facilitator, stage):
    action = Action.objects.create(stage=stage, what="Alkuperäinen", owner="Liisa")
    started_from = row_version(action, ActionForm.Meta.fields)
    data = {"what": "Alicen muutos", "owner": "Liisa", "status": "todo"}
    data["base_version"] = started_from
    client_for(facilitator).post(
        reverse("journey:row-save", args=["actions", action.pk]), data, headers=HTMX
    )
    response = client_for(manager).post(
        reverse("journey:row-save", args=["actions", action.pk]),
        {**data, "what": "Bobin muutos"},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Alicen muutos" in response.text and "Bobin muutos" in response.text
    action.refresh_from_db()
    assert action.what == "Alicen muutos"


def test_fresh_row_version_saves(client_for, manager, stage):
    action = Action.objects.create(stage=stage, what="Alkuperäinen", owner="Liisa")
    data = {"what": "Uusi", "owner": "Liisa", "status": "todo"}
    data["base_version"] = row_version(action, ActionForm.Meta.fields)
    response = client_for(manager).post(
        reverse("journey:row-save", args=["actions", action.pk]), data, headers=HTMX
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.what == "Uusi"


def test_action_without_text_is_refused_next_to_the_field(client_for, manager, stage):
    response = client_for(manager).post(
        reverse("journey:row-add", args=[stage.pk, "actions"]),
        {"what": "", "status": "todo"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert not Action.objects.filter(stage=stage).exists()


def test_viewer_cannot_add_rows(client_for, viewer, stage):
    response = client_for(viewer).post(
        reverse("journey:row-add", args=[stage.pk, "actions"]), {"what": "x"}, headers=HTMX
    )
    assert response.status_code == 403


def test_unknown_row_kind_is_404(client_for, manager, stage):
    response = client_for(manager).post(
        reverse("journey:row-add", args=[stage.pk, "secrets"]), {}, headers=HTMX
    )
    assert response.status_code == 404
