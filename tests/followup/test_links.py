"""Feedback links and QR codes made from a stage's feedback plan."""

from django.urls import reverse

from followup.models import FeedbackLink
from journey.models import FeedbackPlanItem


def test_link_takes_the_question_from_the_feedback_plan(client_for, manager, stage):
    item = FeedbackPlanItem.objects.create(stage=stage, what="Saitko vastauksen samana päivänä?")
    response = client_for(manager).post(
        reverse("followup:link-create", args=[stage.pk]), {"plan_item": item.pk, "scale": 5}
    )
    link = FeedbackLink.objects.get()
    assert response.url == reverse("followup:link", args=[link.pk])
    assert (link.question, link.plan_item, link.scale) == (item.what, item, 5)
    assert len(link.feedback_token) >= 20


def test_without_a_plan_item_the_default_question_is_in_the_workshops_language(
    client_for, manager, stage
):
    client_for(manager).post(reverse("followup:link-create", args=[stage.pk]), {"scale": 10})
    assert FeedbackLink.objects.get().question.startswith("Kuinka todennäköisesti")


def test_link_page_shows_the_address_and_a_qr_code(en_client_for, viewer, stage):
    link = FeedbackLink.objects.create(stage=stage, question="Miten onnistuimme?")
    page = en_client_for(viewer).get(reverse("followup:link", args=[link.pk])).text
    assert f"/f/{link.feedback_token}/" in page
    assert "<svg" in page and 'class="qr"' in page


def test_switching_off_and_on(client_for, manager, stage):
    link = FeedbackLink.objects.create(stage=stage, question="Q")
    toggle = reverse("followup:link-toggle", args=[link.pk])
    client_for(manager).post(toggle)
    link.refresh_from_db()
    assert not link.active
    client_for(manager).post(toggle)
    link.refresh_from_db()
    assert link.active


def test_viewer_cannot_make_or_toggle_links(client_for, viewer, stage):
    link = FeedbackLink.objects.create(stage=stage, question="Q")
    client = client_for(viewer)
    assert client.post(reverse("followup:link-create", args=[stage.pk])).status_code == 403
    assert client.post(reverse("followup:link-toggle", args=[link.pk])).status_code == 403
