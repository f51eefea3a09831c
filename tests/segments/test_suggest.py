"""Segment suggestions from the newest Kano round: clusters, their profiles, a segment made."""

import datetime

import numpy as np
import pytest
from django.urls import reverse

from kano.models import Answer, Respondent, Survey
from kano.services import create_factor
from segments.clustering import (
    distinctive_factors,
    distinctive_features,
    kano_features,
    suggest_clusters,
)
from segments.models import Segment
from tests.segments.conftest import in_english


def test_features_are_the_functional_and_the_dysfunctional_score_of_each_factor():
    answers = [
        ("r1", "f1", 1, 3),  # 4, 0
        ("r1", "f2", 2, 5),  # 2, 4
        ("r2", "f1", 5, 1),  # -2, -2
    ]
    respondents, matrix = kano_features(answers, ["f1", "f2"])
    assert respondents == ["r1", "r2"]
    # r2 left f2 unanswered: it gets the mean of the others (2, 4).
    assert matrix == [[4.0, 0.0, 2.0, 4.0], [-2.0, -2.0, 2.0, 4.0]]


def test_one_dimensional_and_indifferent_answers_are_different_features():
    # Like it / dislike it (O) and neutral / neutral (I): both have functional minus
    # dysfunctional 0, so only both scores together tell them apart.
    _respondents, matrix = kano_features([("o", "f", 1, 5), ("i", "f", 3, 3)], ["f"])
    assert matrix == [[4.0, 4.0], [0.0, 0.0]]


def test_one_dimensional_and_indifferent_groups_are_recovered_exactly():
    """A seeded dataset: 20 respondents answer the three factors mostly one-dimensionally
    (like it if present, dislike it if absent), 20 mostly indifferently; some answers stray."""
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(11)
    factors = ["f1", "f2", "f3"]
    answers, truth = [], []
    for number in range(40):
        group = number % 2  # interleaved, so the order gives nothing away
        truth.append(group)
        for factor in factors:
            if group == 0:
                functional = int(rng.choice([1, 1, 1, 2]))
                dysfunctional = int(rng.choice([5, 5, 5, 4]))
            else:
                functional = int(rng.choice([3, 3, 3, 2, 4]))
                dysfunctional = int(rng.choice([3, 3, 3, 2, 4]))
            answers.append((f"r{number}", factor, functional, dysfunctional))
    respondents, matrix = kano_features(answers, factors)
    # The old feature, functional minus dysfunctional, is about 0 for both groups.
    differences = [[row[2 * i] - row[2 * i + 1] for i in range(len(factors))] for row in matrix]
    means = [
        np.mean([d for d, g in zip(differences, truth, strict=True) if g == k]) for k in (0, 1)
    ]
    assert abs(means[0] - means[1]) < 0.5
    suggestion = suggest_clusters(matrix, seed=0)
    assert suggestion.k == 2
    assert adjusted_rand_score(truth, suggestion.labels) == 1.0


def test_distinctive_factors_join_the_two_features_of_a_factor():
    # factor 0 differs by 1 (dysfunctional), factor 1 by 3 (functional)
    assert distinctive_factors([0.0, 1.0, 3.0, 0.0], [0.0, 0.0, 0.0, 0.0]) == [(1, 3.0), (0, 1.0)]


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
    # r0 comes first: its cluster finds speed attractive and the invoice a must-be; among
    # all respondents both are a tie of A and M, which goes to M (M, O, A, I, R, Q).
    profile = {c["factor"].name: c for c in clusters[0]["categories"]}
    assert profile["Speed"]["category"] == "A" and profile["Speed"]["overall_category"] == "M"
    assert profile["Invoice"]["category"] == "M" and not profile["Invoice"]["differs"]
    second = {c["factor"].name: c["category"] for c in clusters[1]["categories"]}
    assert second == {"Speed": "M", "Invoice": "A"}
    first = clusters[0]["features"]
    assert {f["factor"].name for f in first} == {"Speed", "Invoice"}
    speed = next(f for f in first if f["factor"].name == "Speed")
    # like it (4) / neutral (0) in the cluster; all: (4 + 2) / 2 and (0 + 4) / 2
    assert speed["functional"] == pytest.approx(4.0) and speed["dysfunctional"] == 0
    assert speed["overall_functional"] == pytest.approx(3.0)
    assert speed["overall_dysfunctional"] == pytest.approx(2.0)
    assert "Attractive" in response.text and "Must-be" in response.text
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
    assert "Speed: Attractive (all respondents: Must-be)" in segment.notes
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
