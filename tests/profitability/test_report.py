"""The report chapter, the dashboard tile and the export tables."""

import html

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from profitability.report import chapter_context, profitability_tables
from workshops import registry
from workshops.exports.tables import table_csv


def test_report_chapter_has_totals_groups_charts_and_actions(pm, workshop):
    with translation.override("en"):
        context = chapter_context(workshop, {})
        page = html.unescape(
            render_to_string(registry.report_chapters["profitability"].template, context)
        )
    assert "Customer profit €50.00 − unused capacity €150.00 − unallocated €250.00" in page
    assert page.count("<svg") == 3  # whale curve, group bars, matrix
    assert "Pidä näistä asiakkaista erityisen hyvää huolta" in page
    assert "Warehousing" in page and "New business" in page


def test_report_chapter_without_a_model(workshop):
    with translation.override("en"):
        page = render_to_string("profitability/report_chapter.html", chapter_context(workshop, {}))
    assert "No profitability model yet." in page


def test_export_tables_give_euros_per_customer_and_group(pm, workshop):
    customers, groups = profitability_tables(workshop)
    assert customers.key == "profitability_customers" and len(customers.rows) == 3
    money = {c.key for c in customers.columns if c.kind == "money"}
    assert {"revenue", "profit", "cost_to_serve"} <= money
    first = next(iter(customers.rows))
    assert (first["customer_id"], str(first["profit"])) == ("A", "300.00")
    assert "300.00" in table_csv(customers).decode()
    assert [str(row["profit"]) for row in groups.rows] == ["300.00", "-100.00", "-150.00"]
    assert "profitability" in registry.export_tables


def test_dashboard_tile_shows_the_latest_model(pm, workshop, viewer, en_client_for):
    page = en_client_for(viewer).get(reverse("workshops:dashboard", args=[workshop.pk])).text
    assert "Customer profitability" in page
    assert reverse("profitability:results", args=[pm.pk]) in page
    assert "-€350" in page
    assert reverse("profitability:upload", args=[workshop.pk]) not in page  # viewer


def test_report_page_lists_the_tables_without_loading_every_customer(
    pm, workshop, facilitator, en_client_for
):
    response = en_client_for(facilitator).get(reverse("workshops:report", args=[workshop.pk]))
    assert response.status_code == 200
    assert "Customer profitability" in response.text
