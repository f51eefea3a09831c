from django.test import Client

from journey.models import Action, Stage
from live import services
from live.models import ActivityKind

from .conftest import HTMX, submission_ids, url


def test_before_any_activity_the_participant_waits(live_session, phone):
    response = phone.get(url("participant", live_session))
    assert response.status_code == 200
    assert "Waiting for the facilitator" in response.text


def test_page_shows_only_the_current_activity_and_nothing_else_of_the_workshop(
    live_session, phone, stage, workshop
):
    Stage.objects.filter(pk=stage.pk).update(expectation="SECRET-EXPECTATION")
    Action.objects.create(stage=stage, what="SECRET-ACTION")
    services.start_activity(session=live_session, kind=ActivityKind.RATING)
    response = phone.get(url("participant", live_session))
    assert stage.name in response.text
    assert "SECRET" not in response.text
    assert workshop.name not in response.text and workshop.client not in response.text
    assert f"/workshops/{workshop.pk}" not in response.text


def test_every_form_render_carries_a_new_submission_id(live_session, phone, stages):
    services.start_activity(session=live_session, kind=ActivityKind.RATING)
    first = submission_ids(phone.get(url("participant", live_session)).text)
    second = submission_ids(phone.get(url("participant", live_session)).text)
    assert len(first) == len(stages)
    assert not set(first) & set(second)


def test_poll_answers_204_while_nothing_changed(live_session, phone):
    page = phone.get(url("participant", live_session)).text
    poll = page.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    assert phone.get(poll, headers=HTMX).status_code == 204


def test_poll_brings_the_new_activity_without_a_reload(live_session, phone, stages):
    page = phone.get(url("participant", live_session)).text
    poll = page.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    services.start_activity(session=live_session, kind=ActivityKind.RATING)
    response = phone.get(poll, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="live-activity"' in response.text and 'hx-swap-oob="true"' in response.text
    assert stages[0].name in response.text


def test_new_timer_alone_leaves_the_activity_area_untouched(live_session, phone):
    activity = services.start_activity(session=live_session, kind=ActivityKind.IDEAS)
    page = phone.get(url("participant", live_session)).text
    poll = page.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    services.set_timer(activity=activity, seconds=120)
    response = phone.get(poll, headers=HTMX)
    assert 'id="live-timer-box" hx-swap-oob="true"' in response.text
    assert 'id="live-activity"' not in response.text  # a half-typed idea survives


def test_without_joining_the_page_is_404_with_a_way_to_join(live_session):
    response = Client().get(url("participant", live_session))
    assert response.status_code == 404
    assert "Join with the code" in response.text
    assert live_session.code not in response.text


def test_question_is_asked_in_the_workshops_language(live_session, phone, en_workshop, join):
    services.start_activity(session=live_session, kind=ActivityKind.RATING)
    assert (
        "Miten asiakas kokee kunkin vaiheen tänään?"
        in phone.get(url("participant", live_session)).text
    )
    en_session = services.start_session(
        workshop=en_workshop, journey=en_workshop.journeys.get(), by=None
    )
    services.start_activity(session=en_session, kind=ActivityKind.RATING)
    english_phone = join(en_session)
    page = english_phone.get(url("participant", en_session)).text
    assert "How does the customer experience each stage today?" in page
