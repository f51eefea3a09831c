import uuid

import pytest
from django.urls import reverse

from journey.models import Action, Touchpoint
from live import services
from live.models import ActivityKind, Idea

from .conftest import HTMX, url


@pytest.fixture
def ideas(live_session):
    return services.start_activity(session=live_session, kind=ActivityKind.IDEAS)


def send(phone, session, activity, stage, text, submission_id=None):
    return phone.post(
        url("participant-idea", session),
        {
            "activity": activity.pk,
            "stage": stage.pk,
            "text": text,
            "submission_id": submission_id or uuid.uuid4(),
        },
        headers=HTMX,
    )


def test_idea_is_saved_with_the_nickname_and_waits_for_approval(live_session, phone, ideas, stage):
    response = send(phone, live_session, ideas, stage, "Answer the phone at once")
    assert response.status_code == 200
    assert "Sent." in response.text and "Waiting" in response.text
    idea = Idea.objects.get()
    assert (idea.text, idea.nickname, idea.stage, idea.approved) == (
        "Answer the phone at once",
        "Maija",
        stage,
        False,
    )


def test_double_submit_makes_one_idea(live_session, phone, ideas, stage):
    same = uuid.uuid4()
    send(phone, live_session, ideas, stage, "Same idea", same)
    send(phone, live_session, ideas, stage, "Same idea", same)
    assert Idea.objects.count() == 1


def test_empty_idea_keeps_the_form_with_an_error(live_session, phone, ideas, stage):
    response = send(phone, live_session, ideas, stage, "  ")
    assert response.status_code == 422
    assert not Idea.objects.exists()


def test_too_long_idea_is_refused_and_the_text_is_kept(live_session, phone, ideas, stage):
    response = send(phone, live_session, ideas, stage, "x" * 301)
    assert response.status_code == 422
    assert "x" * 301 in response.text


def test_pending_idea_is_not_shown_to_others(live_session, phone, join, ideas, stage):
    send(phone, live_session, ideas, stage, "Not yet approved")
    other = join(live_session, "Pekka")
    assert "Not yet approved" not in other.get(url("participant", live_session)).text


def test_facilitator_approves_and_everyone_sees_it(
    live_session, phone, join, ideas, stage, as_facilitator
):
    send(phone, live_session, ideas, stage, "Approved one")
    idea = Idea.objects.get()
    response = as_facilitator.post(
        reverse("live:idea-review", args=[idea.pk]), {"decision": "approve"}, headers=HTMX
    )
    assert response.status_code == 200 and "<html" not in response.text
    other = join(live_session, "Pekka")
    page = other.get(url("participant", live_session)).text
    assert "Approved one" in page and "Maija" in page


def test_approved_ideas_stay_hidden_from_participants_while_results_are_hidden(
    live_session, phone, join, ideas, stage
):
    services.set_results_hidden(session=live_session, hidden=True)
    send(phone, live_session, ideas, stage, "Hidden for now")
    services.review_idea(idea=Idea.objects.get(), decision="approve")
    other = join(live_session, "Pekka")
    assert "Hidden for now" not in other.get(url("participant", live_session)).text


def test_approved_list_polls_with_204_until_it_changes(live_session, phone, ideas, stage):
    page = phone.get(url("participant", live_session)).text
    approved_url = page.split('id="live-approved" hx-get="')[1].split('"')[0]
    assert phone.get(approved_url, headers=HTMX).status_code == 204
    send(phone, live_session, ideas, stage, "New on the list")
    services.review_idea(idea=Idea.objects.get(), decision="approve")
    response = phone.get(approved_url, headers=HTMX)
    assert response.status_code == 200 and "New on the list" in response.text


def test_rejected_idea_is_not_shown(live_session, phone, ideas, stage, as_facilitator):
    send(phone, live_session, ideas, stage, "Off topic")
    idea = Idea.objects.get()
    as_facilitator.post(reverse("live:idea-review", args=[idea.pk]), {"decision": "reject"})
    idea.refresh_from_db()
    assert idea.rejected and not idea.approved
    page = as_facilitator.get(reverse("live:presenter", args=[live_session.pk])).text
    assert "Off topic" not in page


def test_approved_idea_becomes_a_touchpoint_keeping_the_nickname(
    live_session, phone, ideas, stage, as_facilitator
):
    send(phone, live_session, ideas, stage, "Text message when the driver leaves")
    idea = Idea.objects.get()
    services.review_idea(idea=idea, decision="approve")
    response = as_facilitator.post(
        reverse("live:idea-adopt", args=[idea.pk]), {"target": "touchpoint"}
    )
    assert response.status_code == 302
    touchpoint = Touchpoint.objects.get(stage=stage)
    assert "Text message when the driver leaves" in touchpoint.description
    assert "Maija" in touchpoint.description
    idea.refresh_from_db()
    assert idea.touchpoint == touchpoint
    # adopting twice makes no second row
    as_facilitator.post(reverse("live:idea-adopt", args=[idea.pk]), {"target": "touchpoint"})
    assert Touchpoint.objects.filter(stage=stage).count() == 1


def test_approved_idea_becomes_an_action(live_session, phone, ideas, stage, as_facilitator):
    send(phone, live_session, ideas, stage, "Train the drivers")
    idea = Idea.objects.get()
    services.review_idea(idea=idea, decision="approve")
    as_facilitator.post(reverse("live:idea-adopt", args=[idea.pk]), {"target": "action"})
    action = Action.objects.get(stage=stage)
    assert action.what.startswith("Train the drivers") and "Maija" in action.what
    assert stage.pk == Idea.objects.get().action.stage_id


def test_pending_idea_cannot_be_adopted(live_session, phone, ideas, stage, as_facilitator):
    send(phone, live_session, ideas, stage, "Not approved")
    idea = Idea.objects.get()
    as_facilitator.post(reverse("live:idea-adopt", args=[idea.pk]), {"target": "action"})
    assert not Action.objects.exists()


@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_only_the_facilitator_reviews_ideas(
    request, client_for, live_session, phone, ideas, stage, who
):
    send(phone, live_session, ideas, stage, "Idea")
    idea = Idea.objects.get()
    client = client_for(request.getfixturevalue(who))
    review = client.post(reverse("live:idea-review", args=[idea.pk]), {"decision": "approve"})
    adopt = client.post(reverse("live:idea-adopt", args=[idea.pk]), {"target": "action"})
    assert (review.status_code, adopt.status_code) == (403, 403)
    assert not Idea.objects.get().approved
