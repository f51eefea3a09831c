"""Per-segment profitability tied to the workshop's segments, both ways."""

import pytest
from django.urls import reverse

from segments.models import Segment
from tests.profitability.conftest import make_model


@pytest.fixture
def retail(workshop):
    return Segment.objects.create(workshop=workshop, name="Retail")


def test_results_link_each_segment_row_to_the_segment_of_the_same_name(
    en_client_for, viewer, workshop, pm, retail
):
    response = en_client_for(viewer).get(reverse("profitability:results", args=[pm.pk]))
    assert response.status_code == 200
    links = {link["name"]: link["segment"] for link in response.context["segment_links"]}
    assert links == {"wholesale": None, "retail": retail}
    assert reverse("segments:detail", args=[retail.pk]) in response.text
    assert "no workshop segment of this name" in response.text


def test_segment_page_shows_measured_profitability_of_the_newest_model(
    en_client_for, viewer, workshop, facilitator, retail
):
    everyone_retail = "customer_id,name,segment\nA,Alpha,retail\nB,Beta,RETAIL\nC,Gamma,retail\n"
    make_model(workshop, facilitator, customers=everyone_retail)
    make_model(workshop, facilitator)  # newest: retail is B (300 €) and C (200 €)
    response = en_client_for(viewer).get(reverse("segments:detail", args=[retail.pk]))
    assert response.status_code == 200
    measured = response.context["measured"]
    assert measured["customers"] == 2
    assert measured["revenue"] == 50000  # cents: 300 € + 200 €
    # retail loses 250 €; the company result is -350 € (customer profit 50 € minus unused
    # capacity 150 € and unallocated 250 €).
    assert measured["profit"] == -25000
    assert measured["company_result"] == -35000
    assert measured["share_of_company_result"] == pytest.approx(25000 / 35000)
    assert 'id="measured-profitability"' in response.text
    assert "measured" in response.text
    assert "€500" in response.text


def test_segment_page_without_matching_row_shows_no_measured_figures(
    en_client_for, viewer, workshop, pm
):
    other = Segment.objects.create(workshop=workshop, name="Export")
    response = en_client_for(viewer).get(reverse("segments:detail", args=[other.pk]))
    assert response.context["measured"] is None
    assert 'id="measured-profitability"' not in response.text
