"""Follow-up reviews: a snapshot when taken, compared with the previous one."""

import datetime

from django.urls import reverse

from followup.models import Feedback, Review
from followup.reviews import take_snapshot
from followup.services import today
from journey.models import Action, Stage

from .conftest import set_value


def test_snapshot_keeps_measures_actions_feedback_and_the_emotion_curve(
    workshop, stage, measure, this_month
):
    set_value(measure, this_month, 30)
    Action.objects.create(stage=stage, what="Myöhässä", due_date=today() - datetime.timedelta(1))
    Action.objects.create(stage=stage, what="Tehty", status="done")
    Feedback.objects.create(workshop=workshop, stage=stage, rating=2, flagged=True)
    Stage.objects.filter(pk=stage.pk).update(experience_today=-2)
    data = take_snapshot(workshop)
    (m,) = data["measures"]
    assert (m["name"], m["value"], m["target"], m["status"]) == ("NPS", "30", "50", "off_target")
    assert [a["what"] for a in data["actions"]["late"]] == ["Myöhässä"]
    assert [a["what"] for a in data["actions"]["done"]] == ["Tehty"]
    assert data["feedback"]["total"] == 1 and data["feedback"]["flagged_open"] == 1
    stages = data["emotion"][0]["stages"]
    assert len(stages) == 12
    assert {s["name"]: s["today"] for s in stages}[stage.name] == -2


def test_review_page_compares_with_the_previous_review(
    en_client_for, manager, workshop, stage, measure, this_month
):
    client = en_client_for(manager)
    set_value(measure, this_month, 30)
    Stage.objects.filter(pk=stage.pk).update(experience_today=-2)
    url = reverse("followup:reviews", args=[workshop.pk])
    client.post(url, {"date": "2025-01-31", "notes": "Ensimmäinen katsaus"})
    set_value(measure, this_month, 55)
    Stage.objects.filter(pk=stage.pk).update(experience_today=1)
    Action.objects.create(stage=stage, what="Numero etusivulle", status="done")
    Feedback.objects.create(workshop=workshop, stage=stage, rating=4)
    response = client.post(url, {"date": "2025-02-28", "notes": "Toinen"})
    second = Review.objects.get(notes="Toinen")
    assert response.url == reverse("followup:review", args=[second.pk])
    page = client.get(response.url).text
    assert "Compared with the review of 01/31/2025" in page
    assert '<span class="badge good">Better</span>' in page
    assert "30 · Off target" in page and "55 · On target" in page
    assert "Numero etusivulle" in page  # done since the previous review
    assert "1 new, 1 in all" in page
    assert page.count("<svg") >= 1  # the emotion curve then and now


def test_first_review_has_nothing_to_compare(en_client_for, manager, workshop):
    client = en_client_for(manager)
    response = client.post(reverse("followup:reviews", args=[workshop.pk]), {"date": "2025-01-31"})
    assert "nothing to compare with yet" in client.get(response.url).text


def test_viewer_reads_but_cannot_take_a_review(client_for, viewer, workshop):
    client = client_for(viewer)
    url = reverse("followup:reviews", args=[workshop.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"date": "2025-01-31"}).status_code == 403
    assert not Review.objects.exists()
