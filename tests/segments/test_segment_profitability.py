"""Profitability customers mapped to segments: the segment column first, then the rules."""

import pytest
from django.urls import reverse

from profitability.models import CustomerResult
from segments import services
from segments.models import Segment
from tests.segments.conftest import in_english


def test_import_keeps_the_customers_files_other_columns_as_attributes(model):
    attributes = dict(
        CustomerResult.objects.filter(model=model).values_list("customer_id", "attributes")
    )
    assert attributes == {
        "A": {"industry": "Food", "employees": "120"},
        "B": {"industry": "Metal", "employees": "1 200"},
        "C": {"industry": "food", "employees": "5"},
    }


def test_column_first_then_rules_in_segment_order_then_unassigned(workshop, model, food, retail):
    table = services.segment_profitability(workshop)
    rows = {row["segment"].name: row for row in table["rows"]}
    # A: its column names no segment, its industry is food. C: "retail" names Retail, even
    # though its industry is food too. B: neither, so unassigned.
    assert rows["Food makers"]["customers"] == 1
    assert rows["Food makers"]["revenue"] == 150000
    assert rows["Food makers"]["gross_margin"] == 95000
    assert rows["Food makers"]["profit"] == 30000
    assert rows["Retail"]["customers"] == 1 and rows["Retail"]["profit"] == -15000
    assert table["unassigned"]["customers"] == 1 and table["unassigned"]["profit"] == -10000
    assert rows["Food makers"]["share_of_customer_profit"] == pytest.approx(300 / 50)
    assert rows["Food makers"]["share_of_company_result"] == pytest.approx(300 / -350)


def test_rules_on_built_in_figures_in_euros(workshop, model, food):
    Segment.objects.filter(pk=food.pk).update(
        customer_rules=[
            {"conditions": [{"attribute": "revenue", "operator": ">=", "value": "300"}]}
        ]
    )
    table = services.segment_profitability(workshop)
    assert table["by_key"][str(food.pk)]["customers"] == 2  # A (1500 €) and B (300 €)


def test_measured_profitability_of_a_segment_uses_the_rules(workshop, model, food):
    measured = services.measured_profitability(food)
    assert measured["customers"] == 1 and measured["revenue"] == 150000
    assert measured["company_result"] == -35000


def test_without_a_model_there_is_no_table(workshop, food):
    assert services.segment_profitability(workshop) is None
    assert services.measured_profitability(food) is None


def test_page_shows_each_segment_with_its_whale_curve(client_for, viewer, workshop, model):
    Segment.objects.filter(name="Retail").update(name="Retail <b>& co</b>")
    Segment.objects.filter(name="Retail <b>& co</b>").update(
        customer_rules=[
            {"conditions": [{"attribute": "industry", "operator": "=", "value": "metal"}]}
        ]
    )
    response = in_english(client_for(viewer)).get(
        reverse("segments:profitability", args=[workshop.pk])
    )
    assert response.status_code == 200
    assert 'id="segment-profitability"' in response.text
    assert "Retail &lt;b&gt;&amp; co&lt;/b&gt;" in response.text
    assert "<b>& co</b>" not in response.text
    assert "Unassigned" in response.text
    # Renamed, Retail no longer matches C's column: C's industry puts it in Food makers,
    # Retail's rule takes B, and nobody is unassigned.
    assert response.text.count("<svg") == 2
    assert "No customers." in response.text
    assert "€1,700" in response.text  # Food makers: A and C


def test_page_without_a_model_says_so(client_for, viewer, workshop):
    response = in_english(client_for(viewer)).get(
        reverse("segments:profitability", args=[workshop.pk])
    )
    assert response.status_code == 200
    assert 'id="no-profitability"' in response.text


def test_segment_page_shows_its_figures_and_whale_curve(client_for, viewer, food, model):
    response = in_english(client_for(viewer)).get(reverse("segments:detail", args=[food.pk]))
    assert response.status_code == 200
    assert 'id="measured-profitability"' in response.text
    assert response.context["measured"]["customers"] == 1
    assert response.context["segment_curve_svg"].startswith("<svg")
    assert reverse("segments:profitability", args=[food.workshop_id]) in response.text
