"""The customer feedback log: by hand, per stage, reactions to flags."""

import datetime

import pytest
from django.urls import reverse

from followup.models import Feedback
from journey.models import Stage
from kano.models import ConsensusClassification
from kano.services import create_factor
from workshops.models import Change

HTMX = {"HX-Request": "true"}


@pytest.fixture
def gate_stage(stage):
    Stage.objects.filter(pk=stage.pk).update(gate_stage=True)
    stage.refresh_from_db()
    return stage


def add(client, workshop, stage, **fields):
    data = {"date": "2025-03-10", "stage": stage.pk, "scale": 5, "rating": 4, "text": ""}
    data.update(fields)
    return client.post(reverse("followup:feedback-add", args=[workshop.pk]), data)


def test_feedback_by_hand_is_saved(client_for, manager, workshop, stage):
    response = add(
        client_for(manager), workshop, stage, text="Hyvä palvelu", tags="nopea, ystävällinen"
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.stage, feedback.rating, feedback.text) == (stage, 4, "Hyvä palvelu")
    assert feedback.tags == ["nopea", "ystävällinen"]
    assert feedback.workshop == workshop
    assert not feedback.flagged


def test_low_rating_on_a_gate_stage_is_flagged(client_for, manager, workshop, gate_stage):
    add(client_for(manager), workshop, gate_stage, rating=1, text="Numeroa ei löytynyt")
    assert Feedback.objects.get().flagged


def test_low_rating_on_a_critical_stage_is_flagged(client_for, manager, workshop, stage):
    Stage.objects.filter(pk=stage.pk).update(criticality="critical")
    add(client_for(manager), workshop, stage, scale=10, rating=5)
    assert Feedback.objects.get().flagged


def test_low_rating_on_a_must_be_kano_factor_is_flagged(client_for, manager, workshop, stage):
    factor = create_factor(workshop=workshop, name="Puhelimeen vastataan")
    ConsensusClassification.objects.create(factor=factor, category="M")
    add(client_for(manager), workshop, stage, rating=2, kano_factor=factor.pk)
    assert Feedback.objects.get().flagged


def test_low_rating_on_an_attractive_factor_is_not_flagged(client_for, manager, workshop, stage):
    factor = create_factor(workshop=workshop, name="Yllätyslahja")
    ConsensusClassification.objects.create(factor=factor, category="A")
    add(client_for(manager), workshop, stage, rating=1, kano_factor=factor.pk)
    assert not Feedback.objects.get().flagged


def test_rating_off_the_scale_gets_422(en_client_for, manager, workshop, stage):
    response = add(en_client_for(manager), workshop, stage, rating=9)
    assert response.status_code == 422
    assert "The rating must be from 1 to 5" in response.text
    assert not Feedback.objects.exists()


def test_viewer_gets_403(client_for, viewer, workshop, stage):
    assert add(client_for(viewer), workshop, stage).status_code == 403


def test_other_organisation_gets_404(client_for, outsider, workshop, stage):
    assert add(client_for(outsider), workshop, stage).status_code == 404


def flagged(workshop, stage, text="Kukaan ei vastannut"):
    return Feedback.objects.create(
        workshop=workshop, stage=stage, rating=1, text=text, flagged=True
    )


def test_dashboard_shows_flagged_feedback_at_the_top_until_reacted(
    en_client_for, manager, workshop, stage
):
    item = flagged(workshop, stage)
    client = en_client_for(manager)
    url = reverse("followup:dashboard", args=[workshop.pk])
    page = client.get(url).text
    assert page.index("Kukaan ei vastannut") < page.index('id="h-measures"')
    response = client.post(
        reverse("followup:feedback-react", args=[item.pk]),
        {"note": "Soitettiin asiakkaalle takaisin"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Reaction recorded" in response.text
    item.refresh_from_db()
    assert (item.reaction_note, item.reacted_by) == ("Soitettiin asiakkaalle takaisin", manager)
    assert Change.objects.filter(target_id=item.pk, field="reaction_note").exists()
    assert "Kukaan ei vastannut" not in client.get(url).text


def test_reaction_needs_a_note(client_for, manager, workshop, stage):
    item = flagged(workshop, stage)
    url = reverse("followup:feedback-react", args=[item.pk])
    response = client_for(manager).post(url, {"note": ""}, headers=HTMX)
    assert response.status_code == 422
    item.refresh_from_db()
    assert item.reacted_at is None


def test_viewer_cannot_react(client_for, viewer, workshop, stage):
    item = flagged(workshop, stage)
    url = reverse("followup:feedback-react", args=[item.pk])
    assert client_for(viewer).post(url, {"note": "x"}).status_code == 403


def test_stage_page_shows_count_mean_nps_tags_and_search(en_client_for, viewer, workshop, stage):
    for rating, text, tags in ((5, "Nopea vastaus", ["nopea"]), (3, "Hidas lasku", ["lasku"]),
                               (4, "Nopea toimitus", ["nopea"])):  # fmt: skip
        Feedback.objects.create(workshop=workshop, stage=stage, rating=rating, text=text, tags=tags)
    Feedback.objects.create(workshop=workshop, stage=stage, rating=10, scale=10)
    client = en_client_for(viewer)
    url = reverse("followup:stage-feedback", args=[stage.pk])
    page = client.get(url).text
    assert "<dt>Feedback</dt><dd>4</dd>" in page
    assert "<dt>Mean (1-5)</dt><dd>4.0</dd>" in page
    assert "<dt>NPS</dt><dd>100</dd>" in page
    assert "nopea (2)" in page
    assert "<svg" in page
    found = client.get(url, {"q": "hidas"}).text
    assert "Hidas lasku" in found and "Nopea vastaus" not in found
    tagged = client.get(url, {"tag": "nopea"}).text
    assert "Nopea toimitus" in tagged and "Hidas lasku" not in tagged


def test_feedback_list_filters_flagged(en_client_for, manager, workshop, stage):
    flagged(workshop, stage, "Liputettu palaute")
    Feedback.objects.create(workshop=workshop, stage=stage, rating=5, text="Tavallinen palaute")
    url = reverse("followup:feedback", args=[workshop.pk])
    page = en_client_for(manager).get(url, {"flagged": "1"}).text
    assert "Liputettu palaute" in page and "Tavallinen palaute" not in page


def test_only_a_facilitator_deletes_feedback(client_for, facilitator, manager, workshop, stage):
    item = Feedback.objects.create(
        workshop=workshop, stage=stage, rating=5, date=datetime.date(2025, 3, 1)
    )
    url = reverse("followup:feedback-delete", args=[item.pk])
    assert client_for(manager).post(url).status_code == 403
    assert client_for(facilitator).post(url).status_code == 302
    assert not Feedback.objects.exists()
