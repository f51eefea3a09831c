from django.urls import reverse

from journey.models import Stage
from journey.worksheet import value_version
from tests.conftest import HTMX
from workshops.models import Change


def save_url(stage, name):
    return reverse("journey:stage-field-save", args=[stage.pk, name])


def post(client, stage, name, value, base=None, **extra):
    current = getattr(Stage.objects.get(pk=stage.pk), name)
    data = {name: value, "base_version": base if base is not None else value_version(current)}
    data.update(extra)
    return client.post(save_url(stage, name), data, headers=HTMX)


def test_saves_expectation_and_shows_saved(client_for, manager, stage):
    response = post(client_for(manager), stage, "expectation", "Vastaus tunnissa")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Tallennettu" in response.text
    stage.refresh_from_db()
    assert stage.expectation == "Vastaus tunnissa"
    # Only the status swaps in, so typing goes on undisturbed.
    assert response["HX-Retarget"] == "#field-expectation .autosave-state"


def test_change_is_kept_in_history_with_who_and_values(client_for, manager, stage):
    post(client_for(manager), stage, "target_level", "Ensimmäinen versio")
    post(client_for(manager), stage, "target_level", "Toinen versio")
    changes = Change.objects.filter(stage_id=stage.pk, field="target_level").order_by("id")
    assert [(c.old_value, c.new_value, c.user.username) for c in changes] == [
        ("", "Ensimmäinen versio", "bob"),
        ("Ensimmäinen versio", "Toinen versio", "bob"),
    ]


def test_importance_out_of_range_gets_422_next_to_field_and_saves_nothing(
    client_for, manager, stage
):
    response = post(client_for(manager), stage, "importance", "9")
    assert response.status_code == 422
    assert 'id="field-importance"' in response.text
    assert "error" in response.text
    stage.refresh_from_db()
    assert stage.importance is None


def test_experience_scale_accepts_minus_three(client_for, manager, stage):
    assert post(client_for(manager), stage, "experience_today", "-3").status_code == 200
    stage.refresh_from_db()
    assert stage.experience_today == -3


def test_stale_version_gets_409_and_keeps_both_texts(client_for, manager, facilitator, stage):
    original = value_version("")
    assert (
        post(
            client_for(facilitator), stage, "expectation", "Alicen teksti", base=original
        ).status_code
        == 200
    )
    response = post(client_for(manager), stage, "expectation", "Bobin teksti", base=original)
    assert response.status_code == 409
    assert "Alicen teksti" in response.text  # theirs, shown
    assert "Bobin teksti" in response.text  # mine, still in the field
    stage.refresh_from_db()
    assert stage.expectation == "Alicen teksti"


def test_conflict_resolved_by_keeping_mine(client_for, manager, facilitator, stage):
    original = value_version("")
    post(client_for(facilitator), stage, "expectation", "Alicen teksti", base=original)
    response = post(
        client_for(manager),
        stage,
        "expectation",
        "Bobin teksti",
        base=original,
        resolve="mine",
        conflict_version=value_version("Alicen teksti"),
    )
    assert response.status_code == 200
    stage.refresh_from_db()
    assert stage.expectation == "Bobin teksti"


def test_keep_mine_with_an_outdated_conflict_version_conflicts_again(
    client_for, manager, facilitator, stage
):
    original = value_version("")
    post(client_for(facilitator), stage, "expectation", "A1", base=original)
    post(client_for(facilitator), stage, "expectation", "A2")
    response = post(
        client_for(manager),
        stage,
        "expectation",
        "B",
        base=original,
        resolve="mine",
        conflict_version=value_version("A1"),
    )
    assert response.status_code == 409
    stage.refresh_from_db()
    assert stage.expectation == "A2"


def test_editing_different_fields_at_once_does_not_conflict(
    client_for, manager, facilitator, stage
):
    assert post(client_for(facilitator), stage, "need", "Tarve").status_code == 200
    assert (
        post(
            client_for(manager), stage, "expectation", "Odotus", base=value_version("")
        ).status_code
        == 200
    )
    stage.refresh_from_db()
    assert (stage.need, stage.expectation) == ("Tarve", "Odotus")


def test_viewer_gets_403(client_for, viewer, stage):
    assert post(client_for(viewer), stage, "expectation", "x").status_code == 403


def test_other_organisation_gets_404(client_for, outsider, stage):
    assert post(client_for(outsider), stage, "expectation", "x").status_code == 404


def test_unknown_field_gets_404(client_for, manager, stage):
    response = client_for(manager).post(save_url(stage, "phase"), {"phase": "x"}, headers=HTMX)
    assert response.status_code == 404


def test_get_is_405(client_for, manager, stage):
    assert client_for(manager).get(save_url(stage, "expectation")).status_code == 405


def test_restore_old_value_from_history(client_for, manager, stage):
    client = client_for(manager)
    post(client, stage, "need", "Vanha")
    post(client, stage, "need", "Uusi")
    change = Change.objects.filter(stage_id=stage.pk, field="need").order_by("id").last()
    response = client.post(reverse("journey:change-restore", args=[change.pk]))
    assert response.status_code == 302
    stage.refresh_from_db()
    assert stage.need == "Vanha"
    page = client.get(reverse("journey:history", args=[stage.pk]))
    assert "Vanha" in page.text and "Uusi" in page.text
