"""Segment suggestions from the newest Kano round: clusters, their profiles, a segment made."""

import datetime

import pytest
from django.urls import reverse

from kano.models import Answer, Respondent, Survey
from kano.services import create_factor
from segments.clustering import distinctive_features, kano_features
from segments.models import Segment
from tests.segments.conftest import in_english


def test_features_are_functional_minus_dysfunctional_scores():
    answers = [
        ("r1", "f1", 1, 3),  # 4 - 0
        ("r1", "f2", 2, 5),  # 2 - 4
        ("r2", "f1", 5, 1),  # -2 - -2
    ]
    respondents, matrix = kano_features(answers, ["f1", "f2"])
    assert respondents == ["r1", "r2"]
    # r2 left f2 unanswered: it gets the mean of the others (-2).
    assert matrix == [[4.0, -2.0], [0.0, -2.0]]


def test_distinctive_features_are_the_largest_differences_first():
    assert distinctive_features([4.0, 0.0, -1.0], [1.0, 0.0, 1.0]) == [(0, 3.0), (2, -2.0)]


@pytest.fixture
def two_groups(workshop):
    """Six respondents find speed attractive and the invoice a must-be, six the other way."""
    speed = create_factor(workshop=workshop, name="Speed")
    invoice = create_factor(workshop=workshop, name="Invoice")
    older = Survey.objects.create(workshop=workshop, name="Old", date=datetime.date(2024, 1, 1))
    newest = Survey.objects.create(workshop=workshop, name="Newest", date=datetime.date(2025, 1, 1))
    respondent = Respondent.objects.create(survey=older, key="o1")
    Answer.objects.create(respondent=respondent, factor=speed, functional=3, dysfunctional=3)
    for number in range(12):
        respondent = Respondent.objects.create(survey=newest, key=f"r{number}")
        first = number < 6
        Answer.objects.create(
            respondent=respondent,
            factor=speed,
            functional=1 if first else 2,
            dysfunctional=3 if first else 5,
        )
        Answer.objects.create(
            respondent=respondent,
            factor=invoice,
            functional=2 if first else 1,
            dysfunctional=5 if first else 3,
        )
    return speed, invoice


def test_two_clearly_different_groups_give_two_clusters(
    client_for, facilitator, workshop, two_groups
):
    response = in_english(client_for(facilitator)).get(
        reverse("segments:suggest", args=[workshop.pk])
    )
    assert response.status_code == 200
    assert response.context["survey"].name == "Newest"
    clusters = response.context["clusters"]
    assert len(clusters) == 2
    assert [c["size"] for c in clusters] == [6, 6]
    # r0 comes first: its cluster finds speed attractive (feature 4 against the mean 1).
    first = clusters[0]["features"]
    assert {f["factor"].name for f in first} == {"Speed", "Invoice"}
    speed = next(f for f in first if f["factor"].name == "Speed")
    assert speed["mean"] == pytest.approx(4.0) and speed["overall"] == pytest.approx(1.0)
    assert "Create segment" in response.text
    assert 'value="Cluster 1"' in response.text and 'value="Cluster 2"' in response.text


def test_create_segment_from_a_cluster(client_for, facilitator, workshop, two_groups):
    client = in_english(client_for(facilitator))
    page = client.get(reverse("segments:suggest", args=[workshop.pk]))
    notes = page.context["clusters"][0]["form"].initial["notes"]
    response = client.post(
        reverse("segments:suggest-create", args=[workshop.pk]),
        {"prefix": "cluster-1", "cluster-1-name": "Speed seekers", "cluster-1-notes": notes},
    )
    segment = Segment.objects.get(workshop=workshop, name="Speed seekers")
    assert response.status_code == 302
    assert response.url == reverse("segments:detail", args=[segment.pk])
    assert "cluster 1, 6 respondents" in segment.notes
    assert segment.experience.count() == 24


def test_without_kano_answers_the_page_says_so(client_for, facilitator, workshop):
    response = in_english(client_for(facilitator)).get(
        reverse("segments:suggest", args=[workshop.pk])
    )
    assert response.status_code == 200
    assert "No Kano survey round has answers yet." in response.text


def test_only_the_facilitator_may_suggest(client_for, manager, viewer, workshop, two_groups):
    url = reverse("segments:suggest", args=[workshop.pk])
    assert client_for(manager).get(url).status_code == 403
    assert client_for(viewer).get(url).status_code == 403
    create = reverse("segments:suggest-create", args=[workshop.pk])
    response = client_for(manager).post(create, {"prefix": "c", "c-name": "X"})
    assert response.status_code == 403
    assert not Segment.objects.filter(workshop=workshop).exists()


def test_list_page_offers_the_suggestion_to_the_facilitator_only(
    client_for, facilitator, manager, workshop
):
    url = reverse("segments:list", args=[workshop.pk])
    suggest = reverse("segments:suggest", args=[workshop.pk])
    assert suggest in client_for(facilitator).get(url).text
    assert suggest not in client_for(manager).get(url).text
