"""Accounts: invitation sign-up, invitation expiry and single use, password-reset limits and the
limit on failed logins over many usernames from one address (password spraying)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from workshops.models import Invitation, WorkshopMember


@pytest.fixture
def invitation(workshop, facilitator):
    return Invitation.objects.create(
        token="t" * 43,
        organisation=workshop.organisation,
        workshop=workshop,
        email="new@example.com",
        role="manager",
        invited_by=facilitator,
    )


def guest(ip="10.9.0.1"):
    return Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en")


def invitation_url(invitation):
    return reverse("workshops:invitation", args=[invitation.token])


def test_sign_up_page_shows_the_address_the_invitation_was_sent_to(invitation):
    response = guest().get(invitation_url(invitation))
    assert response.status_code == 200
    assert "new@example.com" in response.text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("12345678", "This password is too common."),
        ("password", "This password is too common."),
        ("83749261058", "This password is entirely numeric."),
        ("x7#", "This password is too short."),
    ],
)
def test_sign_up_refuses_weak_passwords_with_the_validators_message(invitation, password, message):
    response = guest().post(
        invitation_url(invitation), {"username": "newbie", "password": password}
    )
    assert response.status_code == 422
    assert message in response.text
    assert not get_user_model().objects.filter(username="newbie").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_sign_up_with_a_good_password_joins(invitation):
    response = guest().post(
        invitation_url(invitation), {"username": "newbie", "password": "long-enough-pw"}
    )
    assert response.status_code == 302
    assert WorkshopMember.objects.filter(user__username="newbie").exists()


def test_an_invitation_works_once(invitation):
    guest().post(invitation_url(invitation), {"username": "newbie", "password": "long-enough-pw"})
    again = guest()
    assert again.get(invitation_url(invitation)).status_code == 410
    response = again.post(
        invitation_url(invitation), {"username": "second", "password": "long-enough-pw"}
    )
    assert response.status_code == 410
    assert "This invitation has been used" in response.text
    assert not get_user_model().objects.filter(username="second").exists()


def test_a_logged_in_user_cannot_reuse_an_invitation(invitation, outsider):
    invitation.accepted_at = timezone.now()
    invitation.save()
    client = guest()
    client.force_login(outsider)
    assert client.post(invitation_url(invitation)).status_code == 410
    assert not WorkshopMember.objects.filter(user=outsider).exists()


def test_an_invitation_expires_after_seven_days(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=7, minutes=1)
    )
    response = guest().post(
        invitation_url(invitation), {"username": "newbie", "password": "long-enough-pw"}
    )
    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    assert not get_user_model().objects.filter(username="newbie").exists()


@override_settings(INVITATION_VALID_DAYS=30)
def test_the_expiry_is_a_setting(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    assert guest().get(invitation_url(invitation)).status_code == 200


def reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_password_reset_is_limited_per_address(facilitator):
    # Each request from a different client address: the limit follows the e-mail address.
    statuses = [reset(guest(f"10.8.0.{n}"), "alice@example.com").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3
    response = reset(guest("10.8.0.99"), "alice@example.com")
    assert "Too many password reset requests" in response.text


def test_password_reset_is_limited_per_client_address(db):
    client = guest("10.7.0.1")
    statuses = [reset(client, f"person{n}@example.com").status_code for n in range(11)]
    assert statuses == [302] * 10 + [429]
    # Another address is not affected.
    assert reset(guest("10.7.0.2"), "someone@example.com").status_code == 302


def test_failed_logins_over_many_usernames_from_one_address_are_limited(facilitator):
    client = guest("10.6.0.1")
    for n in range(30):
        response = client.post(reverse("login"), {"username": f"user{n}", "password": "Summer2026"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "alice", "password": "pw-12345"})
    assert response.status_code == 429
    assert "Too many failed logins came from your network" in response.text
    assert "_auth_user_id" not in client.session
    # Someone else, from another address, logs in as usual.
    other = guest("10.6.0.2")
    response = other.post(reverse("login"), {"username": "alice", "password": "pw-12345"})
    assert response.status_code == 302


@override_settings(ACCOUNT_LIMITS={"login_failures_per_ip": 2})
def test_the_spraying_limit_is_a_setting(facilitator):
    client = guest("10.5.0.1")
    for n in range(2):
        client.post(reverse("login"), {"username": f"user{n}", "password": "x"})
    response = client.post(reverse("login"), {"username": "alice", "password": "pw-12345"})
    assert response.status_code == 429
