import uuid

from django.test import Client, override_settings
from django.urls import reverse

from live import services
from live.models import ActivityKind, Participant, Rating

from .conftest import HTMX, url


def attempt(code, ip="10.0.0.9", client=None):
    client = client or Client(REMOTE_ADDR=ip)
    return client.post(reverse("live:join"), {"code": code})


def test_ten_wrong_codes_a_minute_then_even_the_right_code_waits(live_session):
    wrong = "ZZZ999" if live_session.code != "ZZZ999" else "YYY888"
    for _ in range(10):
        assert attempt(wrong).status_code == 422
    response = attempt(live_session.code)
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert not Participant.objects.exists()


def test_wrong_codes_from_one_address_do_not_block_another(live_session):
    wrong = "ZZZ999" if live_session.code != "ZZZ999" else "YYY888"
    for _ in range(10):
        attempt(wrong, ip="10.0.0.9")
    assert attempt(live_session.code, ip="10.0.0.10").status_code == 302


def test_a_room_behind_one_address_can_all_join(live_session):
    # The venue's Wi-Fi: thirty phones, one public address.
    for _ in range(30):
        assert attempt(live_session.code, ip="192.0.2.1").status_code == 302
    assert Participant.objects.filter(session=live_session).count() == 30


@override_settings(LIVE_JOIN_LIMITS={"joins_per_code": 3})
def test_joins_per_code_are_limited(live_session):
    for n in range(3):
        assert attempt(live_session.code, ip=f"10.1.0.{n}").status_code == 302
    response = attempt(live_session.code, ip="10.1.0.99")
    assert response.status_code == 429
    assert "Many people are joining" in response.text


@override_settings(LIVE_JOIN_LIMITS={"attempts_per_ip": 4})
def test_attempts_per_address_are_limited(live_session):
    for _ in range(4):
        attempt(live_session.code, ip="10.2.0.1")
    assert attempt(live_session.code, ip="10.2.0.1").status_code == 429


@override_settings(LIVE_SUBMITS_PER_MINUTE=3)
def test_participant_submits_are_limited_modestly(live_session, phone, stages):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    statuses = []
    for stage in stages[:4]:
        response = phone.post(
            url("participant-rate", live_session),
            {"activity": activity.pk, "stage": stage.pk, "value": 1,
             "submission_id": uuid.uuid4()},
            headers=HTMX,
        )  # fmt: skip
        statuses.append(response.status_code)
    assert statuses == [200, 200, 200, 429]
    assert Rating.objects.count() == 3
