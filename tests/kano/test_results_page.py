"""The results page: figures, charts, filters by round and attribute, drift, priorities."""

import datetime

import pytest
from django.urls import reverse

from kano.models import Survey
from kano.services import create_factor
from tests.kano.conftest import add_answers


@pytest.fixture
def two_rounds(workshop, factors):
    speed, invoice = factors
    spring = Survey.objects.create(
        workshop=workshop, name="Kevät", date=datetime.date(2025, 3, 1), status="closed"
    )
    autumn = Survey.objects.create(
        workshop=workshop, name="Syksy", date=datetime.date(2025, 9, 1), status="open"
    )
    # Spring: speed attractive (1,3), invoice must-be (2,5).
    add_answers(
        spring,
        [
            ("s1", speed, 1, 3, 5, {"Segment": "Yritys"}),
            ("s1", invoice, 2, 5, 9, {"Segment": "Yritys"}),
            ("s2", speed, 1, 4, None, {"Segment": "Kuluttaja"}),
            ("s2", invoice, 2, 5, None, {"Segment": "Kuluttaja"}),
        ],
    )
    # Autumn: speed one-dimensional for businesses (1,5), attractive for consumers (1,3),
    # invoice must-be.
    add_answers(
        autumn,
        [
            ("a1", speed, 1, 5, 8, {"Segment": "Yritys"}),
            ("a1", invoice, 2, 5, 9, {"Segment": "Yritys"}),
            ("a2", speed, 1, 5, 6, {"Segment": "Yritys"}),
            ("a2", invoice, 2, 5, 7, {"Segment": "Yritys"}),
            ("a3", speed, 1, 3, 2, {"Segment": "Kuluttaja"}),
            ("a3", invoice, 3, 3, 1, {"Segment": "Kuluttaja"}),
        ],
    )
    return spring, autumn


def get(client, workshop, **params):
    return client.get(reverse("kano:results", args=[workshop.pk]), params)


def test_latest_round_is_shown_with_every_figure(en_client_for, viewer, workshop, two_rounds):
    response = get(en_client_for(viewer), workshop)
    assert response.status_code == 200
    assert "Syksy" in response.text
    assert "n = 3" in response.text
    rows = {row.factor.name: row.result for row in response.context["rows"]}
    speed = rows["Nopea toimitus"]
    assert speed.n == 3
    assert speed.counts["O"] == 2 and speed.counts["A"] == 1
    assert speed.category == "O"
    assert speed.importance_mean == pytest.approx(16 / 3)
    for heading in (
        "Category strength",
        "Total strength",
        "Fong",
        "Better",
        "Worse",
        "Functional mean ± SD",
        "Dysfunctional mean ± SD",
        "Importance",
    ):
        assert heading in response.text
    # Better of speed = (A+O)/(A+O+M+I) = 3/3; Worse = -(O+M)/3
    assert '<td class="num">1.00</td><td class="num">-0.67</td>' in response.text
    assert response.text.count("<svg") >= 3  # scatter, bars, continuous


def test_filter_by_attribute_value(en_client_for, viewer, workshop, two_rounds):
    response = get(en_client_for(viewer), workshop, segment='["Segment", "Kuluttaja"]')
    assert "n = 1" in response.text
    rows = {row.factor.name: row.result for row in response.context["rows"]}
    assert rows["Nopea toimitus"].category == "A"
    assert rows["Selkeä lasku"].category == "I"
    assert "Segment: Kuluttaja" in response.text


def test_filter_by_round_and_drift_against_the_previous_round(
    en_client_for, viewer, workshop, two_rounds
):
    spring, autumn = two_rounds
    response = get(en_client_for(viewer), workshop, survey=str(spring.pk))
    assert "Kevät" in response.context["survey"].name
    assert response.context["previous"] is None
    response = get(en_client_for(viewer), workshop, survey=str(autumn.pk))
    drift = {d["factor"].name: d for d in response.context["drift"]}
    assert drift["Nopea toimitus"]["text"] == "Attractive → One-dimensional"
    assert drift["Selkeä lasku"]["text"] == "unchanged"
    assert "Drift since Kevät (03/01/2025)" in response.text


def test_priorities_put_must_be_first(en_client_for, viewer, workshop, two_rounds):
    response = get(en_client_for(viewer), workshop)
    ranked = [(p["factor"].name, p["category"]) for p in response.context["priorities"]]
    assert ranked == [("Selkeä lasku", "M"), ("Nopea toimitus", "O")]
    assert "Fix first" in response.text


def test_unknown_filter_values_fall_back_to_everything(en_client_for, viewer, workshop, two_rounds):
    response = get(en_client_for(viewer), workshop, survey="not-a-uuid", segment="{bad json")
    assert response.status_code == 200
    assert response.context["survey"].name == "Syksy"
    assert "n = 3" in response.text


def test_no_answers_yet_says_so(en_client_for, viewer, workshop, factors):
    response = get(en_client_for(viewer), workshop)
    assert response.status_code == 200
    assert "No survey answers yet." in response.text


def test_consensus_is_shown_apart_from_survey_results(
    en_client_for, viewer, workshop, two_rounds, factors
):
    from kano.models import ConsensusClassification

    ConsensusClassification.objects.create(factor=factors[0], category="M", note="Tiimin näkemys")
    response = get(en_client_for(viewer), workshop)
    assert "Team consensus (kept apart from survey results)" in response.text
    assert "Tiimin näkemys" in response.text
    rows = {row.factor.name: row.result for row in response.context["rows"]}
    assert rows["Nopea toimitus"].category == "O"  # the survey figure is not overridden


def test_factor_names_are_escaped_in_the_page_and_the_svgs(en_client_for, viewer, workshop, survey):
    evil = create_factor(workshop=workshop, name="<script>alert(1)</script> & $x$")
    add_answers(survey, [("r1", evil, 1, 5), ("r2", evil, 2, 5)])
    response = get(en_client_for(viewer), workshop)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    for svg in response.context["charts"].values():
        assert "<script>" not in svg
        assert "&lt;script&gt;" in svg


def test_other_organisation_gets_404_and_post_is_405(
    en_client_for, outsider, facilitator, workshop
):
    url = reverse("kano:results", args=[workshop.pk])
    assert en_client_for(outsider).get(url).status_code == 404
    assert en_client_for(facilitator).post(url).status_code == 405
