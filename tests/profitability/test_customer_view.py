"""Drill-down to one customer's cost breakdown, and the customer list."""

import html

from django.urls import reverse

from ..conftest import HTMX


def url(customer):
    return reverse("profitability:customer", args=[customer.pk])


def breakdown_rows(page: str) -> list[list[str]]:
    import re

    table = page[
        page.index('id="breakdown"') : page.index("</tbody>", page.index('id="breakdown"'))
    ]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [
        [html.unescape(cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in rows[1:]
    ]


def test_shows_cost_per_activity_with_driver_and_quantity(pm, facilitator, en_client_for):
    alpha = pm.customers.get(customer_id="A")
    response = en_client_for(facilitator).get(url(alpha))
    assert response.status_code == 200
    assert breakdown_rows(response.text) == [
        ["Order handling", "Order costs", "orders", "2.00", "€200.00"],
        ["Warehousing", "Product costs", "quantity", "25.00", "€375.00"],
        ["Marketing", "Overheads", "revenue", "1,500.00", "€75.00"],
    ]
    page = html.unescape(response.text)
    assert 'id="customer-profit">€300.00<' in page
    assert "− Product costs" in page and "€375.00" in page
    assert "rank 1 of 3" in page


def test_viewer_can_drill_down(pm, viewer, en_client_for):
    beta = pm.customers.get(customer_id="B")
    response = en_client_for(viewer).get(url(beta))
    assert response.status_code == 200
    assert 'id="customer-profit">-€100.00<' in response.text


def test_post_is_not_allowed(pm, facilitator, en_client_for):
    alpha = pm.customers.get(customer_id="A")
    assert en_client_for(facilitator).post(url(alpha)).status_code == 405


def test_customer_list_filters_by_group_and_search(pm, facilitator, en_client_for):
    list_url = reverse("profitability:customers", args=[pm.pk])
    client = en_client_for(facilitator)
    page = client.get(list_url, {"group": "3"}).text
    assert "Gamma Ky" in page and "Alpha Oy" not in page
    fragment = client.get(list_url, {"q": "beta"}, headers=HTMX)
    assert "<html" not in fragment.text
    assert "Beta Ab" in fragment.text and "Gamma Ky" not in fragment.text
