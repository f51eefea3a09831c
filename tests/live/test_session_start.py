import pytest
from django.urls import reverse

from live.codes import ALPHABET
from live.models import LiveSession


def start_url(workshop):
    return reverse("live:start", args=[workshop.pk])


def test_facilitator_starts_a_session_with_a_six_character_code(client_for, facilitator, workshop):
    journey = workshop.journeys.get()
    response = client_for(facilitator).post(start_url(workshop), {"journey": journey.pk})
    session = LiveSession.objects.get(workshop=workshop)
    assert response.status_code == 302
    assert response.url == reverse("live:control", args=[session.pk])
    assert len(session.code) == 6 and set(session.code) <= set(ALPHABET)
    assert session.journey == journey and session.started_by == facilitator
    assert session.ended_at is None


def test_control_page_shows_code_join_link_and_qr(client_for, facilitator, live_session):
    response = client_for(facilitator).get(reverse("live:control", args=[live_session.pk]))
    assert response.status_code == 200
    assert live_session.code in response.text
    assert f"/join/?code={live_session.code}" in response.text
    assert "<svg" in response.text and 'class="segno"' in response.text


def test_starting_again_returns_the_running_session(
    client_for, facilitator, workshop, live_session
):
    response = client_for(facilitator).post(
        start_url(workshop), {"journey": live_session.journey_id}
    )
    assert response.url == reverse("live:control", args=[live_session.pk])
    assert LiveSession.objects.filter(workshop=workshop).count() == 1


@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_only_a_facilitator_starts_a_session(request, client_for, workshop, who):
    user = request.getfixturevalue(who)
    response = client_for(user).post(start_url(workshop), {"journey": workshop.journeys.get().pk})
    assert response.status_code == 403
    assert not LiveSession.objects.exists()


def test_other_organisation_gets_404(client_for, outsider, workshop):
    response = client_for(outsider).post(
        start_url(workshop), {"journey": workshop.journeys.get().pk}
    )
    assert response.status_code == 404


def test_journey_of_another_workshop_is_refused(client_for, facilitator, workshop, outsider):
    other_journey = outsider.memberships.get().organisation.workshops.get().journeys.get()
    client_for(facilitator).post(start_url(workshop), {"journey": other_journey.pk})
    assert not LiveSession.objects.exists()


def test_get_is_not_allowed(client_for, facilitator, workshop):
    assert client_for(facilitator).get(start_url(workshop)).status_code == 405


@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_only_a_facilitator_sees_the_control_page(request, client_for, live_session, who):
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse("live:control", args=[live_session.pk]))
    assert response.status_code == 403
