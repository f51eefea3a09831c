"""What-if: rate overrides, a driver scale, a price change and a minimum order size,
compared with the base case. Nothing is saved."""

import html

from django.urls import reverse

from profitability.models import CustomerResult

from ..conftest import HTMX


def url(pm):
    return reverse("profitability:what-if", args=[pm.pk])


def rate_field(response, label_start):
    form = response.context["form"]
    for key, name in form.rate_fields:
        if name == label_start:
            return key
    raise AssertionError(f"no rate field for {label_start}")


def test_form_offers_a_rate_per_activity(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(url(pm))
    assert response.status_code == 200
    assert "Order handling (€ per order)" in response.text
    assert "per orders" not in response.text
    assert "New business" not in response.text  # unallocated: no driver to give a rate
    assert 'name="price_change_pct"' in response.text


def test_rate_labels_name_the_driver_in_finnish(pm, viewer, client_for):
    response = client_for(viewer).get(url(pm))
    assert "Order handling (€ / tilaus)" in response.text
    assert "Warehousing (€ / myyty kappale)" in response.text


def test_lower_rate_shows_the_company_result_delta(pm, viewer, en_client_for):
    client = en_client_for(viewer)
    key = rate_field(client.get(url(pm)), "Order handling")
    response = client.get(url(pm), {"run": "1", key: "50"}, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    page = html.unescape(response.text)
    # 4 orders at 50.00 instead of 400.00 in all: the result improves by 200.00.
    assert "Company result changes by €200.00." in page
    assert "0 customers change group." in page
    assert "<svg" in response.text and "Base case" in response.text


def test_price_cut_moves_customers_between_groups(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(url(pm), {"run": "1", "price_change_pct": "-50"})
    page = html.unescape(response.text)
    # Revenue halves (-1,000.00); Alpha falls from group 1 to 3, Beta and Gamma move up.
    assert "Company result changes by -€1,000.00." in page
    assert "3 customers change group." in page
    assert 'id="group-moves"' in page


def test_minimum_order_size_merges_small_orders(pm, viewer, en_client_for):
    # Alpha's two orders (1,000.00 and 500.00) are both under 2,000.00 and merge into one:
    # 3 orders share the 400.00 of order handling: Alpha carries 133.34 (the odd cent goes to
    # the first customer) instead of 200.00, Beta and Gamma 133.33 instead of 100.00; the
    # company result stays.
    response = en_client_for(viewer).get(url(pm), {"run": "1", "min_order_size": "2000"})
    page = html.unescape(response.text)
    assert response.status_code == 200
    assert "Company result changes by €0.00." in page
    gains = page[page.index('id="gains-heading"') : page.index('id="losses-heading"')]
    assert "Alpha Oy" in gains and "€66.66" in gains


def test_driver_scale_needs_its_factor(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(url(pm), {"run": "1", "scale_driver": "orders"})
    assert response.status_code == 422
    assert "Choose a driver and its scale together." in response.text


def test_nothing_filled_in_asks_for_a_change(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(url(pm), {"run": "1"})
    assert response.status_code == 422
    assert "Change at least one figure." in response.text


def test_what_if_saves_nothing(pm, viewer, en_client_for):
    before = list(CustomerResult.objects.values_list("customer_id", "profit", "group"))
    en_client_for(viewer).get(url(pm), {"run": "1", "price_change_pct": "-50"})
    assert list(CustomerResult.objects.values_list("customer_id", "profit", "group")) == before


def test_post_is_not_allowed(pm, facilitator, en_client_for):
    assert en_client_for(facilitator).post(url(pm)).status_code == 405
