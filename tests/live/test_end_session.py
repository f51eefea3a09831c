import uuid

from django.test import Client
from django.urls import reverse

from live import services
from live.models import ActivityKind, Participant, Rating

from .conftest import HTMX, url


def test_facilitator_ends_the_session_and_lands_on_the_results(live_session, as_facilitator):
    response = as_facilitator.post(reverse("live:end", args=[live_session.pk]))
    assert response.status_code == 302
    assert response.url == reverse("live:results", args=[live_session.pk])
    live_session.refresh_from_db()
    assert live_session.ended_at is not None


def test_ended_code_stops_working_with_a_clear_message(live_session, fresh_cache):
    services.end_session(session=live_session)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("live:join"), {"code": live_session.code}
    )
    assert response.status_code == 409
    assert "This session has ended" in response.text
    assert not Participant.objects.exists()


def test_submit_after_the_end_is_409_session_ended(live_session, phone, stage):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    services.end_session(session=live_session)
    response = phone.post(
        url("participant-rate", live_session),
        {"activity": activity.pk, "stage": stage.pk, "value": 1, "submission_id": uuid.uuid4()},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "This session has ended" in response.text
    assert response["HX-Retarget"] == "#live-activity"
    assert not Rating.objects.exists()


def test_participant_page_and_poll_after_the_end_say_so(live_session, phone):
    services.end_session(session=live_session)
    page = phone.get(url("participant", live_session))
    assert page.status_code == 409 and "This session has ended" in page.text
    poll = phone.get(url("participant-poll", live_session), headers=HTMX)
    assert poll.status_code == 409 and "<html" not in poll.text


def test_ending_closes_the_open_activity(live_session):
    activity = services.start_activity(session=live_session, kind=ActivityKind.DOTS)
    services.end_session(session=live_session)
    activity.refresh_from_db()
    assert activity.closed_at is not None


def test_control_page_of_an_ended_session_leads_to_its_results(live_session, as_facilitator):
    services.end_session(session=live_session)
    response = as_facilitator.get(reverse("live:control", args=[live_session.pk]))
    assert response.status_code == 302
    assert response.url == reverse("live:results", args=[live_session.pk])


def test_no_activity_starts_in_an_ended_session(live_session, as_facilitator):
    services.end_session(session=live_session)
    as_facilitator.post(reverse("live:activity-start", args=[live_session.pk]), {"kind": "rating"})
    assert not live_session.activities.exists()


def test_a_new_session_can_start_after_the_end(live_session, workshop, as_facilitator):
    services.end_session(session=live_session)
    as_facilitator.post(
        reverse("live:start", args=[workshop.pk]), {"journey": live_session.journey_id}
    )
    assert workshop.live_sessions.filter(ended_at__isnull=True).count() == 1
