"""The one autosave mechanism: versions, the save decision, "keep mine", and the answers."""

import pytest
from django.urls import reverse

from journey.models import Stage
from journey.worksheet import StageFieldForm
from tests.conftest import HTMX
from workshops import autosave


def test_version_is_a_short_hash_of_the_value_text():
    assert autosave.value_version("abc") == autosave.value_version("abc")
    assert len(autosave.value_version("abc")) == 16
    assert autosave.value_version("abc") != autosave.value_version("abd")


@pytest.mark.parametrize(
    ("a", "b"),
    [(None, ""), (True, "true"), (False, "false"), (3.0, "3"), (2.5, "2.5"), (-3, "-3")],
)
def test_values_with_the_same_text_have_the_same_version(a, b):
    assert autosave.value_text(a) == b
    assert autosave.value_version(a) == autosave.value_version(b)


def test_decide_writes_when_the_stored_value_is_the_one_started_from():
    base = autosave.value_version("old")
    assert autosave.decide("old", "new", base) == autosave.WRITE


def test_decide_refuses_a_save_on_top_of_someone_elses_newer_value():
    base = autosave.value_version("old")
    assert autosave.decide("theirs", "mine", base) == autosave.CONFLICT


def test_decide_is_never_a_conflict_when_both_typed_the_same():
    assert autosave.decide("same", "same", autosave.value_version("old")) == autosave.SAME


def test_decide_with_force_replaces_the_other_value():
    base = autosave.value_version("old")
    assert autosave.decide("theirs", "mine", base, force=True) == autosave.WRITE


def test_a_missing_base_version_counts_as_stale_unless_the_field_was_empty():
    assert autosave.decide("theirs", "mine", "") == autosave.CONFLICT
    assert autosave.decide("", "mine", autosave.value_version("")) == autosave.WRITE


def test_keep_mine_needs_the_version_of_the_value_the_person_was_shown():
    shown = autosave.value_version("theirs")
    assert autosave.keeps_mine({"resolve": "mine", "conflict_version": shown}, "theirs")
    # someone saved yet another value after the conflict was shown: show that one first
    assert not autosave.keeps_mine({"resolve": "mine", "conflict_version": shown}, "third")
    assert not autosave.keeps_mine({"conflict_version": shown}, "theirs")


@pytest.mark.parametrize(
    ("kind", "field_class"),
    [("text", "CharField"), ("line", "CharField"), ("scale", "TypedChoiceField")],
)
def test_form_field_per_kind(kind, field_class):
    model_field = Stage._meta.get_field("expectation" if kind != "scale" else "importance")
    field = autosave.form_field(autosave.Spec(kind, 1, 5), model_field)
    assert type(field).__name__ == field_class
    assert not field.required


def test_conflict_keeps_both_values_and_overwrites_nothing(stage, manager):
    started_from = autosave.value_version(stage.expectation)
    Stage.objects.filter(pk=stage.pk).update(expectation="Theirs")
    form = StageFieldForm(
        stage, "expectation", {"expectation": "Mine", "base_version": started_from}
    )
    assert autosave.status_for(form, by=manager, force=False) == ("conflict", 409)
    assert form.conflict_value == "Theirs"
    assert Stage.objects.get(pk=stage.pk).expectation == "Theirs"


def test_invalid_value_gets_422(stage, manager):
    form = StageFieldForm(stage, "importance", {"importance": "9", "base_version": ""})
    assert autosave.status_for(form, by=manager, force=False) == ("error", 422)


def test_saved_answer_swaps_only_the_fields_state(client_for, manager, stage):
    url = reverse("journey:stage-field-save", args=[stage.pk, "expectation"])
    data = {"expectation": "Uusi", "base_version": autosave.value_version("")}
    response = client_for(manager).post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#field-expectation .autosave-state"
    assert response["HX-Reselect"] == ".autosave-state"


def test_conflict_answer_replaces_the_whole_field_with_keep_mine_and_use_theirs(
    client_for, manager, stage
):
    Stage.objects.filter(pk=stage.pk).update(expectation="Theirs")
    url = reverse("journey:stage-field-save", args=[stage.pk, "expectation"])
    data = {"expectation": "Mine", "base_version": autosave.value_version("")}
    response = client_for(manager).post(url, data, headers=HTMX)
    assert response.status_code == 409
    assert "HX-Retarget" not in response
    assert "Säilytä oma versioni" in response.text
    assert "Käytä toisen käyttäjän versiota" in response.text
    assert "Theirs" in response.text and "Mine" in response.text
