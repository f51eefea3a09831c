"""Kano results filtered by a segment: respondents whose attribute names the segment."""

import pytest
from django.urls import reverse

from segments.models import Segment
from tests.kano.conftest import add_answers


@pytest.fixture
def answered(survey, factors):
    speed, invoice = factors
    # Members of "Yritys" by Asiakas: r1, r2 (other case) and r3 (a listed value).
    # speed: O, O, A -> one-dimensional for them; everyone: O, O, A, A, A -> attractive.
    add_answers(
        survey,
        [
            ("r1", speed, 1, 5, None, {"Alue": "Etelä", "Asiakas": "Yritys"}),
            ("r1", invoice, 2, 5, None, {}),
            ("r2", speed, 1, 5, None, {"Alue": "Pohjoinen", "Asiakas": "YRITYS"}),
            ("r3", speed, 1, 3, None, {"Alue": "Etelä", "Asiakas": "Business"}),
            ("r4", speed, 1, 3, None, {"Alue": "Pohjoinen", "Asiakas": "Kuluttaja"}),
            ("r5", speed, 1, 3, None, {"Alue": "etelä ", "Asiakas": "Kuluttaja"}),
        ],
    )
    return speed, invoice


def get(client, workshop, **params):
    return client.get(reverse("kano:results", args=[workshop.pk]), params)


def speed_result(response):
    return {row.factor.name: row.result for row in response.context["rows"]}["Nopea toimitus"]


def test_without_segment_every_respondent_counts(en_client_for, viewer, workshop, answered):
    response = get(en_client_for(viewer), workshop)
    assert "n = 5" in response.text
    assert speed_result(response).category == "A"


def test_segment_counts_name_in_any_case_and_listed_values(
    en_client_for, viewer, workshop, answered
):
    segment = Segment.objects.create(
        workshop=workshop, name="yritys", kano_attribute_values="Business, Corporate"
    )
    response = get(
        en_client_for(viewer), workshop, kano_segment=segment.pk, segment_attribute="Asiakas"
    )
    assert response.status_code == 200
    assert "n = 3" in response.text
    assert "Segment yritys (by Asiakas)" in response.text
    speed = speed_result(response)
    assert speed.n == 3
    assert speed.counts["O"] == 2 and speed.counts["A"] == 1
    assert speed.category == "O"


def test_segment_attribute_defaults_to_the_first_attribute(
    en_client_for, viewer, workshop, answered
):
    segment = Segment.objects.create(workshop=workshop, name="Etelä")
    response = get(en_client_for(viewer), workshop, kano_segment=segment.pk)
    assert response.context["segment_attribute"] == "Alue"
    assert "n = 3" in response.text  # r1, r3 and r5 ("etelä " with a space)
    speed = speed_result(response)
    assert speed.counts["O"] == 1 and speed.counts["A"] == 2


def test_segment_without_listed_values_matches_only_its_name(
    en_client_for, viewer, workshop, answered
):
    segment = Segment.objects.create(workshop=workshop, name="Yritys")
    response = get(
        en_client_for(viewer), workshop, kano_segment=segment.pk, segment_attribute="Asiakas"
    )
    assert "n = 2" in response.text
    assert speed_result(response).category == "O"


def test_segment_of_another_workshop_is_ignored(
    en_client_for, viewer, workshop, en_workshop, answered
):
    other = Segment.objects.create(workshop=en_workshop, name="Yritys SECRET")
    response = get(
        en_client_for(viewer), workshop, kano_segment=other.pk, segment_attribute="Asiakas"
    )
    assert response.status_code == 200
    assert "n = 5" in response.text
    assert "SECRET" not in response.text


def test_segment_choices_are_offered_on_the_page(en_client_for, viewer, workshop, answered):
    Segment.objects.create(workshop=workshop, name="Yritys <b>")
    response = get(en_client_for(viewer), workshop)
    assert 'name="kano_segment"' in response.text
    assert "Yritys &lt;b&gt;" in response.text
    assert '<option value="Asiakas"' in response.text
