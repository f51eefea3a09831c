"""A save that cannot get the database's write lock answers 503 with Retry-After, not 500."""

from django.db import OperationalError
from django.urls import reverse

from journey import worksheet
from tests.conftest import HTMX


def test_locked_database_gives_503_with_retry_after_and_message(
    client_for, manager, stage, monkeypatch
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(worksheet.StageFieldForm, "save_if_version_matches", locked)
    client = client_for(manager)
    client.raise_request_exception = False
    response = client.post(
        reverse("journey:stage-field-save", args=[stage.pk, "need"]),
        {"need": "Nopeus", "base_version": worksheet.value_version(stage.need)},
        headers=HTMX,
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Mitään ei tallennettu; yritä hetken kuluttua uudelleen." in response.text


def test_other_database_errors_stay_errors(client_for, manager, stage, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: journey_stage")

    monkeypatch.setattr(worksheet.StageFieldForm, "save_if_version_matches", broken)
    client = client_for(manager)
    client.raise_request_exception = False
    response = client.post(
        reverse("journey:stage-field-save", args=[stage.pk, "need"]),
        {"need": "Nopeus", "base_version": worksheet.value_version(stage.need)},
        headers=HTMX,
    )
    assert response.status_code == 500
