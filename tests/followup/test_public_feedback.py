"""The public feedback link: answered on a phone without an account, rate limited."""

import pytest
from django.urls import reverse

from followup import public
from followup.models import Feedback, FeedbackLink
from journey.models import FeedbackPlanItem, Stage


@pytest.fixture
def link(stage):
    Stage.objects.filter(pk=stage.pk).update(gate_stage=True)
    item = FeedbackPlanItem.objects.create(
        stage=stage, whom="Uudet asiakkaat", what="Löysitkö puhelinnumeromme helposti?",
        channel="Tekstiviesti", when="Heti",
    )  # fmt: skip
    return FeedbackLink.objects.create(
        stage=stage, plan_item=item, question=item.what, channel=item.channel
    )


def url(link):
    return reverse("followup:public-feedback", args=[link.feedback_token])


def test_page_shows_the_question_and_rating_buttons(public_client, link):
    response = public_client.get(url(link))
    assert response.status_code == 200
    assert "Löysitkö puhelinnumeromme helposti?" in response.text
    assert response.text.count('type="radio"') == 5
    assert "csrfmiddlewaretoken" in response.text


def test_answer_is_saved_flagged_and_thanked(public_client, link, stage, workshop):
    response = public_client.post(url(link), {"rating": "1", "text": "En löytänyt numeroa"})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.stage, feedback.workshop, feedback.rating, feedback.text) == (
        stage,
        workshop,
        1,
        "En löytänyt numeroa",
    )
    assert (feedback.source, feedback.link, feedback.channel) == ("link", link, "Tekstiviesti")
    assert feedback.flagged  # a low rating on a gate stage
    thanks = public_client.get(response.url)
    assert thanks.status_code == 200
    assert '<html lang="fi">' in thanks.text  # the workshop's language, not the visitor's


def test_rating_is_required(public_client, link):
    response = public_client.post(url(link), {"text": "Ei arvosanaa"})
    assert response.status_code == 422
    assert not Feedback.objects.exists()


def test_wrong_token_is_404(public_client, link):
    response = public_client.get(reverse("followup:public-feedback", args=["wrong-token"]))
    assert response.status_code == 404


def test_switched_off_link_is_404(public_client, link):
    FeedbackLink.objects.filter(pk=link.pk).update(active=False)
    assert public_client.get(url(link)).status_code == 404
    assert public_client.post(url(link), {"rating": "5"}).status_code == 404


def test_answers_from_one_address_are_rate_limited(public_client, link):
    for _ in range(public.POSTS_PER_WINDOW):
        assert public_client.post(url(link), {"rating": "4"}).status_code == 302
    response = public_client.post(url(link), {"rating": "4"})
    assert response.status_code == 429
    assert Feedback.objects.count() == public.POSTS_PER_WINDOW


def test_zero_to_ten_link_has_eleven_buttons(public_client, stage):
    link = FeedbackLink.objects.create(stage=stage, question="Suosittelisitko?", scale=10)
    assert public_client.get(url(link)).text.count('type="radio"') == 11


def test_csrf_is_checked_on_the_public_form(link):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post(url(link), {"rating": "4"}).status_code == 403
