from django.test import Client
from django.urls import reverse

from live.access import COOKIE_NAME
from live.models import Participant
from live.services import hash_token

from .conftest import url


def test_join_page_is_public_and_prefills_the_code_from_the_qr_link(live_session):
    response = Client().get(reverse("live:join") + f"?code={live_session.code.lower()}")
    assert response.status_code == 200
    assert f'value="{live_session.code}"' in response.text
    assert 'for="id_code"' in response.text and 'for="id_nickname"' in response.text


def test_short_join_address_leads_to_the_form_keeping_the_code(live_session):
    response = Client().get(f"/join/?code={live_session.code}")
    assert response.status_code == 302
    assert response.url == reverse("live:join") + f"?code={live_session.code}"


def test_joining_sets_a_private_cookie_and_lands_on_the_participant_page(live_session):
    client = Client()
    typed = " " + live_session.code.lower()[:3] + "-" + live_session.code.lower()[3:]
    response = client.post(reverse("live:join"), {"code": typed, "nickname": "Maija"})
    assert response.status_code == 302
    assert response.url == url("participant", live_session)
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/live/"
    token = cookie.value
    assert len(token) >= 43  # 32 random bytes, url-safe base64: 256 bits
    participant = Participant.objects.get(session=live_session)
    assert participant.nickname == "Maija"
    assert participant.token_hash == hash_token(token) and token not in participant.token_hash
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Maija" in page.text


def test_nickname_is_optional(live_session, join):
    client = join(live_session, "")
    assert client.participant.nickname == ""


def test_each_participant_gets_a_different_token(live_session):
    tokens = set()
    for _ in range(3):
        response = Client().post(reverse("live:join"), {"code": live_session.code})
        tokens.add(response.cookies[COOKIE_NAME].value)
    assert len(tokens) == 3
    assert Participant.objects.filter(session=live_session).count() == 3


def test_joining_again_in_the_same_browser_keeps_the_same_participant(live_session, join):
    client = join(live_session, "Maija")
    response = client.post(reverse("live:join"), {"code": live_session.code, "nickname": "x"})
    assert response.status_code == 302
    assert Participant.objects.filter(session=live_session).count() == 1


def test_wrong_code_is_a_clear_message(live_session, fresh_cache):
    wrong = "ZZZ999" if live_session.code != "ZZZ999" else "YYY888"
    response = Client().post(reverse("live:join"), {"code": wrong})
    assert response.status_code == 422
    assert "No live session has this code" in response.text
    assert COOKIE_NAME not in response.cookies


def test_code_with_wrong_characters_is_explained(live_session, fresh_cache):
    response = Client().post(reverse("live:join"), {"code": "AB0"})
    assert response.status_code == 422
    assert "six letters and digits" in response.text


def test_join_form_needs_csrf(live_session):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("live:join"), {"code": live_session.code})
    assert response.status_code == 403
    assert not Participant.objects.exists()
