import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from live import services
from live.models import LiveSession


def test_two_running_sessions_never_share_a_code(workshop, en_workshop, facilitator):
    journey = workshop.journeys.get()
    LiveSession.objects.create(workshop=workshop, journey=journey, code="ABC234")
    with pytest.raises(IntegrityError), transaction.atomic():
        LiveSession.objects.create(
            workshop=en_workshop, journey=en_workshop.journeys.get(), code="ABC234"
        )


def test_an_ended_sessions_code_can_come_round_again(workshop, en_workshop):
    LiveSession.objects.create(
        workshop=workshop, journey=workshop.journeys.get(), code="ABC234", ended_at=timezone.now()
    )
    again = LiveSession.objects.create(
        workshop=en_workshop, journey=en_workshop.journeys.get(), code="ABC234"
    )
    assert again.is_active


def test_start_draws_a_new_code_when_the_first_is_taken(monkeypatch, workshop, en_workshop):
    LiveSession.objects.create(workshop=workshop, journey=workshop.journeys.get(), code="ABC234")
    drawn = iter(["ABC234", "XYZ789"])
    monkeypatch.setattr(services.codes, "generate_code", lambda: next(drawn))
    session = services.start_session(
        workshop=en_workshop, journey=en_workshop.journeys.get(), by=None
    )
    assert session.code == "XYZ789"
