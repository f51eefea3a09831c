"""A participant sees only the session they joined: the token of session A opens nothing of
session B, not even to read."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from live import services
from live.access import COOKIE_NAME
from live.models import ActivityKind, DotVote, Idea, Rating

PARTICIPANT_URLS = [
    "participant",
    "participant-poll",
    "participant-approved",
    "participant-rate",
    "participant-dots",
    "participant-idea",
    "participant-answer",
]


@pytest.fixture
def session_b(en_workshop, facilitator):
    session = services.start_session(
        workshop=en_workshop, journey=en_workshop.journeys.get(), by=facilitator
    )
    services.start_activity(session=session, kind=ActivityKind.IDEAS)
    return session


@pytest.mark.parametrize("name", PARTICIPANT_URLS)
def test_token_of_session_a_opens_nothing_of_session_b(name, phone, session_b):
    activity = session_b.current_activity
    stage = session_b.journey.phases.first().stages.first()
    Idea.objects.create(activity=activity, stage=stage, text="SECRET-B", approved=True)
    url = reverse(f"live:{name}", args=[session_b.pk])
    data = {"activity": activity.pk, "stage": stage.pk, "value": 1, "text": "x",
            "target": stage.pk, "op": "add", "submission_id": uuid.uuid4()}  # fmt: skip
    for response in (
        phone.get(url),
        phone.post(url, data),
        phone.get(url, headers={"HX-Request": "true"}),
    ):
        assert response.status_code in (404, 405)
        assert b"SECRET" not in response.content
        assert session_b.code.encode() not in response.content
    assert not Rating.objects.exists() and not DotVote.objects.exists()
    assert Idea.objects.count() == 1


def test_a_forged_or_missing_token_is_404(live_session):
    client = Client()
    assert client.get(reverse("live:participant", args=[live_session.pk])).status_code == 404
    client.cookies[COOKIE_NAME] = "forged-" + "x" * 40
    assert client.get(reverse("live:participant", args=[live_session.pk])).status_code == 404


def test_a_signed_in_facilitator_is_not_a_participant(live_session, as_facilitator):
    response = as_facilitator.get(reverse("live:participant", args=[live_session.pk]))
    assert response.status_code == 404


def test_unknown_session_id_is_404(phone):
    response = phone.get(reverse("live:participant", args=[uuid.uuid4()]))
    assert response.status_code == 404
