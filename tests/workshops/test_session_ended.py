"""An htmx save after the session ended gets 401, not the login page swapped into the field."""

from django.test import Client
from django.urls import reverse

from journey.models import Stage
from tests.conftest import HTMX
from workshops.autosave import value_version


def test_htmx_save_without_session_gets_401_and_saves_nothing(stage):
    url = reverse("journey:stage-field-save", args=[stage.pk, "expectation"])
    data = {"expectation": "Typed after logout", "base_version": value_version("")}
    response = Client().post(url, data, headers=HTMX)
    assert response.status_code == 401
    assert "<html" not in response.text
    assert "Log in again" in response.text or "Kirjaudu uudelleen" in response.text
    assert Stage.objects.get(pk=stage.pk).expectation == ""


def test_a_page_without_htmx_still_redirects_to_login(stage):
    response = Client().get(reverse("journey:stage", args=[stage.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_csrf_token_is_readable_from_the_cookie_after_a_new_login(manager):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    assert "csrftoken" in client.cookies
