"""The one language rule: method content in the workshop's language, the rest in the UI's."""

from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation

from workshops.language import in_method_language, method_language, ui_language


def test_method_language_is_the_workshops():
    assert method_language(SimpleNamespace(language="fi")) == "fi"
    assert method_language(SimpleNamespace(language="en")) == "en"
    assert method_language("fi-FI") == "fi"


def test_method_language_falls_back_to_english():
    assert method_language(SimpleNamespace(language="sv")) == "en"
    assert method_language(SimpleNamespace(language="")) == "en"


def test_ui_language_is_the_active_language_or_the_requests():
    with translation.override("en"):
        assert ui_language() == "en"
        assert ui_language(SimpleNamespace(LANGUAGE_CODE="fi")) == "fi"
    with translation.override("fi"):
        assert ui_language() == "fi"


def test_in_method_language_renders_in_the_workshops_language():
    with translation.override("en"), in_method_language(SimpleNamespace(language="fi")):
        assert translation.gettext("Next stage") == "Seuraava vaihe"


def test_english_screen_shows_a_finnish_workshops_method_texts_in_finnish(
    client_for, facilitator, stage
):
    client = client_for(facilitator)
    response = client.get(reverse("journey:stage", args=[stage.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mitä asiakas tässä vaiheessa tekee tai joutuu tekemään?" in html  # the method's prompt
    assert "Next stage" in html  # the screen around it
    assert "Seuraava vaihe" not in html
