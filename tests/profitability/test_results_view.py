"""The results page: totals and the reconciliation, groups, customers, unused capacity,
unallocated costs, segments and the SVG charts; access; escaping."""

import html

from django.urls import reverse

from ..conftest import HTMX
from .conftest import ACTIVITIES, CUSTOMERS, make_model

NBSP = "\u00a0"


def url(pm):
    return reverse("profitability:results", args=[pm.pk])


def test_shows_totals_reconciliation_and_tables(pm, facilitator, en_client_for):
    response = en_client_for(facilitator).get(url(pm))
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert "Customer profit €50.00 − unused capacity €150.00 − unallocated €250.00" in page
    assert 'id="company-result">-€350.00<' in page
    assert "Warehousing" in page and "€150.00" in page  # unused capacity of the capacity pool
    assert "New business" in page and "not caused by customers" in page
    assert f"The best 33{NBSP}% of customers give 600{NBSP}% of the customer profit." in page
    assert f"2 customers (67{NBSP}%) lose money: -€250.00 in total." in page
    # Group 1 is Alpha alone: 300.00 of a company result of -350.00.
    assert f"-85.7{NBSP}%" in page
    assert "Suojele ja lisää arvoa" in page  # the method's label, in the workshop's language
    assert reverse("profitability:customer", args=[pm.customers.get(customer_id="A").pk]) in page


def test_segments_are_shown_when_the_customers_file_has_them(pm, facilitator, en_client_for):
    page = html.unescape(en_client_for(facilitator).get(url(pm)).text)
    assert "Profitability per segment" in page
    segment_table = page[page.index('id="segment-table"') :]
    assert "retail" in segment_table and "-€250.00" in segment_table
    assert "wholesale" in segment_table


def test_no_segment_section_without_a_segment_column(workshop, facilitator, en_client_for):
    customers = "customer_id,name\nA,Alpha\nB,Beta\nC,Gamma\n"
    pm = make_model(workshop, facilitator, customers=customers)
    page = en_client_for(facilitator).get(url(pm)).text
    assert "Profitability per segment" not in page


def test_draws_the_four_charts(pm, facilitator, en_client_for):
    page = en_client_for(facilitator).get(url(pm)).text
    assert page.count("<svg") == 4
    assert "Share of customers, most profitable first" in page
    assert f"The best 33{NBSP}% of customers give 600{NBSP}% of profit" in html.unescape(page)
    assert "100 % of customer profit" in page
    assert "Purchase volume (revenue, €)" in page
    assert "Carriage trade" in page and "Bargain basement" in page
    assert "Profitability group (1 = most profitable)" in page


def test_whale_curve_shows_amounts_when_customers_lose_money_in_total(
    workshop, facilitator, en_client_for
):
    activities = ACTIVITIES.replace(
        "Order handling,order,orders,400.00", "Handling,order,orders,2000.00"
    )
    pm = make_model(workshop, facilitator, activities=activities)
    assert pm.whale_curve["mode"] == "amount"
    page = html.unescape(en_client_for(facilitator).get(url(pm)).text)
    assert "The customers together make -€1,550.00, so shares of the profit mean nothing" in page
    assert "Cumulative customer profit (€)" in page
    assert "100 % of customer profit" not in page


def test_money_is_written_the_finnish_way_in_finnish(pm, facilitator, client_for):
    page = client_for(facilitator).get(url(pm)).text
    assert f'id="company-result">-350,00{NBSP}€<' in page
    assert f"300,00{NBSP}€" in page


def test_customer_names_are_escaped_in_the_page_and_the_charts(
    workshop, facilitator, en_client_for
):
    customers = CUSTOMERS.replace("Alpha Oy", "<script>alert(1)</script>")
    pm = make_model(workshop, facilitator, customers=customers)
    page = en_client_for(facilitator).get(url(pm)).text
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    matrix = page[page.index('id="matrix-heading"') :]
    matrix = matrix[: matrix.index("</svg>")]
    assert "&lt;script&gt;alert(1)" in matrix


def test_viewer_reads_without_edit_controls(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(url(pm))
    assert response.status_code == 200
    assert "<textarea" not in response.text
    assert "Upload a new model" not in response.text


def test_post_is_not_allowed(pm, facilitator, en_client_for):
    assert en_client_for(facilitator).post(url(pm), headers=HTMX).status_code == 405


def test_model_list_links_the_models(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(reverse("profitability:list", args=[pm.workshop_id]))
    assert response.status_code == 200
    assert url(pm) in response.text
    assert "-€350" in response.text
