import pytest
from django.urls import reverse

from live import services
from live.models import ActivityKind

from .conftest import url


@pytest.fixture
def rating(live_session):
    return services.start_activity(session=live_session, kind=ActivityKind.RATING)


def test_facilitator_starts_a_timer_shown_on_every_screen(
    live_session, rating, phone, as_facilitator
):
    response = as_facilitator.post(reverse("live:timer", args=[live_session.pk]), {"minutes": 3})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.timer_ends_at is not None
    screens = [
        phone.get(url("participant", live_session)).text,
        as_facilitator.get(reverse("live:presenter", args=[live_session.pk])).text,
        as_facilitator.get(reverse("live:control", args=[live_session.pk])).text,
    ]
    for html in screens:
        assert 'class="live-timer' in html
        assert 'data-seconds="17' in html or 'data-seconds="180"' in html


def test_zero_minutes_stops_the_timer(live_session, rating, as_facilitator):
    services.set_timer(activity=rating, seconds=60)
    as_facilitator.post(reverse("live:timer", args=[live_session.pk]), {"minutes": 0})
    rating.refresh_from_db()
    assert rating.timer_ends_at is None


def test_timer_activity_needs_its_length(live_session, as_facilitator):
    response = as_facilitator.post(
        reverse("live:activity-start", args=[live_session.pk]), {"kind": "timer"}
    )
    assert response.status_code == 422
    assert "needs its length" in response.text


def test_timer_activity_counts_down_on_the_phone(live_session, phone, as_facilitator):
    as_facilitator.post(
        reverse("live:activity-start", args=[live_session.pk]),
        {"kind": "timer", "timer_minutes": 5},
    )
    page = phone.get(url("participant", live_session)).text
    assert "Aikaa keskustelulle" in page  # the method's prompt, in the workshop's language
    assert 'data-seconds="29' in page or 'data-seconds="300"' in page


def test_the_timer_runs_with_an_activity(live_session, as_facilitator):
    response = as_facilitator.post(reverse("live:timer", args=[live_session.pk]), {"minutes": 3})
    assert response.status_code == 302
    page = as_facilitator.get(response.url).text
    assert "Start an activity first" in page
