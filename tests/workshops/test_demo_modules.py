"""After `loaddemo`, every module of both demo workshops shows real content: a profitability
model with stored order lines (settings and what-if work), follow-up values and feedback, and a
finished live session with the room's results."""

import html
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from workshops.models import Workshop

DEMO = {
    # language: (a customer of the model, an activity, a measure, a feedback text, an idea)
    "en": (
        "household",
        "Installation work",
        "Installations finished on the agreed day",
        "The team arrived on time",
        "Book the first annual service",
    ),
    "fi": (
        "Konepaja Virtanen Oy",
        "Leikkaus mittoihin",
        "Toimitukset luvattuna päivänä",
        "Levyt tulivat luvattuna päivänä",
        "Materiaalitodistus aina lähetteen mukana",
    ),
}


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddemo", "--with-login", stdout=StringIO())
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(get_user_model().objects.get(username="demo"))
    return client, {w.language: w for w in Workshop.objects.filter(organisation__slug="demo")}


def page(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, (name, response.status_code)
    return html.unescape(response.text)


@pytest.mark.parametrize("language", ["en", "fi"])
def test_every_module_of_the_demo_shows_real_content(demo, language):
    client, workshops = demo
    workshop = workshops[language]
    customer, activity, measure, feedback, idea = DEMO[language]

    pm = workshop.profitability_models.get()
    assert pm.has_order_lines
    assert customer in page(client, "profitability:results", pm.pk)
    settings_page = page(client, "profitability:settings", pm.pk)
    assert activity in settings_page and "no order lines stored" not in settings_page
    what_if = page(client, "profitability:what-if", pm.pk, run="1", price_change_pct="2")
    assert "Company result changes by" in what_if

    dashboard = page(client, "followup:dashboard", workshop.pk)
    assert measure in dashboard
    assert feedback in page(client, "followup:feedback", workshop.pk)
    assert measure in page(client, "followup:grid", workshop.pk)

    session = workshop.live_sessions.get()
    assert session.ended_at is not None
    results = page(client, "live:results", session.pk)
    assert idea in results and "6 participants" in results

    assert "Northlight Consulting" in page(client, "workshops:dashboard", workshop.pk)


def test_the_demo_facilitator_has_a_full_name(demo):
    user = get_user_model().objects.get(username="demo")
    assert user.get_full_name() == "Kaisa Lehtonen"
