"""Fixtures for live sessions: a running session of the cast's workshop, and phones (test
clients) that join it with the code, as participants do."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from live import services
from live.access import COOKIE_NAME
from live.models import Participant


@pytest.fixture(autouse=True)
def english_pages(settings):
    # These tests read the participants' messages in English; a phone without a language
    # preference gets the site default, Finnish, in production.
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def fresh_cache(db):
    # Rate-limit counters live in the shared (database) cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def journey(workshop):
    return workshop.journeys.get()


@pytest.fixture
def stages(journey):
    return services.journey_stages(journey)


@pytest.fixture
def live_session(workshop, journey, facilitator, fresh_cache):
    return services.start_session(workshop=workshop, journey=journey, by=facilitator)


@pytest.fixture
def join(fresh_cache):
    """join(session, nickname="") -> a Client holding that participant's cookie."""

    def make(session, nickname="", client=None, ip="10.0.0.1"):
        client = client or Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en")
        response = client.post(reverse("live:join"), {"code": session.code, "nickname": nickname})
        assert response.status_code == 302, response.content[:500]
        assert COOKIE_NAME in response.cookies
        client.participant = Participant.objects.filter(session=session).order_by("-joined_at")[0]
        return client

    return make


@pytest.fixture
def as_facilitator(client_for, facilitator):
    """The facilitator's browser, in English (the UI is Finnish by default)."""
    client = client_for(facilitator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def phone(live_session, join):
    return join(live_session, "Maija")


def sid() -> str:
    return str(uuid.uuid4())


def url(name, session):
    return reverse(f"live:{name}", args=[session.pk])


def submission_ids(html: str) -> list[str]:
    return re.findall(r'name="submission_id" value="([0-9a-f-]{36})"', html)


HTMX = {"HX-Request": "true"}
