"""The analysis as the command prints it (JSON and table), segments and drill-down."""

import json
import re

import polars as pl

from profitability.engine import format_table

from .test_allocation import analyze_model

ACTIVITIES = (
    "Order handling,order,orders,400.00,,,,,\n"
    "Warehousing,product,quantity,600.00,40,,,,\n"
    "Marketing,overhead,revenue,100.00,,,,,\n"
    "New business,overhead,,250.00,,,,,yes\n"
)
MONEY = re.compile(r"^-?\d+\.\d\d$")


def full(tmp_path):
    # Customers carry 400.00 + 450.00 + 100.00 = 950.00: A 200 + 375 + 75 = 650.00,
    # B 100 + 45 + 15 = 160.00, C 100 + 30 + 10 = 140.00. Profits: A 950 - 650 = 300.00,
    # B 60 - 160 = -100.00, C -10 - 140 = -150.00; customer profit 50.00;
    # company result 50.00 - 150.00 unused - 250.00 unallocated = -350.00.
    return analyze_model(tmp_path, ACTIVITIES)


def test_json_has_the_command_shape(tmp_path):
    data = full(tmp_path).to_json_dict()
    assert list(data)[:6] == [
        "customers",
        "unused_capacity",
        "unallocated",
        "totals",
        "whale_curve",
        "groups",
    ]
    first = data["customers"][0]
    for key in (
        "customer_id",
        "revenue",
        "cogs",
        "gross_margin",
        "costs",
        "activity_costs",
        "profit",
        "group",
    ):
        assert key in first
    assert first["costs"] == {
        "product": "375.00",
        "order": "200.00",
        "customer": "0.00",
        "overhead": "75.00",
    }
    assert first["activity_costs"] == {
        "Order handling": "200.00",
        "Warehousing": "375.00",
        "Marketing": "75.00",
    }
    assert (first["customer_id"], first["profit"], first["group"]) == ("A", "300.00", 1)
    assert data["unused_capacity"][0]["resource"] == "Warehousing"
    assert data["unused_capacity"][0]["cost"] == "150.00"
    assert data["unallocated"] == [
        {"activity": "New business", "cost": "250.00", "reason": "not caused by customers"}
    ]
    assert data["totals"] == {
        "customers": 3,
        "revenue": "2000.00",
        "cogs": "1000.00",
        "gross_margin": "1000.00",
        "activity_costs": "950.00",
        "customer_profit": "50.00",
        "unused_capacity": "150.00",
        "unallocated": "250.00",
        "total_costs": "1350.00",
        "company_result": "-350.00",
    }
    # Ranked 300, -100, -150: cumulative 300, 200, 50 of 50 -> 6.0, 4.0, 1.0.
    whale = data["whale_curve"]
    assert whale["points"] == [[0.0, 0.0], [0.333333, 6.0], [0.666667, 4.0], [1.0, 1.0]]
    assert (whale["peak_share_of_profit"], whale["peak_at_share_of_customers"]) == (6.0, 0.333333)
    assert [group["profit"] for group in data["groups"]] == ["300.00", "-100.00", "-150.00"]
    json.dumps(data, allow_nan=False)


def test_every_amount_in_the_json_is_decimal_text_with_cents(tmp_path):
    data = full(tmp_path).to_json_dict()
    for customer in data["customers"]:
        amounts = [customer[key] for key in ("revenue", "cogs", "gross_margin", "profit")]
        amounts += [*customer["costs"].values(), *customer["activity_costs"].values()]
        assert all(MONEY.match(amount) for amount in amounts)
    for group in data["groups"]:
        assert all(MONEY.match(group[key]) for key in ("revenue", "profit", "cost_to_serve"))
    assert all(MONEY.match(value) for key, value in data["totals"].items() if key != "customers")


def test_table_shows_totals_groups_whale_and_customers(tmp_path):
    text = format_table(full(tmp_path))
    assert re.search(r"Company result\s+-350\.00", text)
    assert re.search(r"Unallocated\s+250\.00", text)
    assert "The best 33.3 % of customers give 600.0 % of customer profit" in text
    assert "Loss-makers: 2 customers (66.7 %), -250.00 EUR." in text
    assert re.search(r"^1\s+A\s+Alpha\s+1500\.00\s+950\.00\s+650\.00\s+300\.00\s+1$", text, re.M)


def test_segments_are_summarised_when_customers_have_one(tmp_path):
    customers = "customer_id,name,segment\nA,Alpha,wholesale\nB,Beta,retail\nC,Gamma,retail\n"
    result = analyze_model(tmp_path, ACTIVITIES, customers=customers)
    segments = {row["segment"]: row for row in result.segments.iter_rows(named=True)}
    # retail = B + C: revenue 500.00, profit -100.00 - 150.00 = -250.00, both lose money.
    assert (segments["retail"]["revenue"], segments["retail"]["profit"]) == (50000, -25000)
    assert segments["retail"]["loss_makers"] == 2
    assert segments["retail"]["profit_pct"] == -50.0
    assert segments["wholesale"]["profit"] == 30000
    assert result.to_json_dict()["customers"][0]["segment"] == "wholesale"


def test_customer_drill_down_lists_drivers_and_costs(tmp_path):
    breakdown = full(tmp_path).customer("A")["breakdown"]
    assert breakdown == [
        {
            "activity": "Order handling",
            "cost_group": "order",
            "driver": "orders",
            "quantity": 2.0,
            "cost": 20000,
        },
        {
            "activity": "Warehousing",
            "cost_group": "product",
            "driver": "quantity",
            "quantity": 25.0,
            "cost": 37500,
        },
        {
            "activity": "Marketing",
            "cost_group": "overhead",
            "driver": "revenue",
            "quantity": 1500.0,
            "cost": 7500,
        },
    ]


def test_customer_rows_are_ready_for_storage(tmp_path):
    rows = full(tmp_path).customer_rows()
    assert [row["customer_id"] for row in rows] == ["A", "B", "C"]
    assert rows[1]["profit"] == -10000
    assert rows[1]["activity_costs"] == {
        "Order handling": 10000,
        "Warehousing": 4500,
        "Marketing": 1500,
    }
    assert rows[1]["group"] == 2


def test_cost_to_serve_and_margin_quadrants(tmp_path):
    # Company averages: cost to serve 950 / 2000 = 47.5 %, margin 50 / 2000 = 2.5 %.
    # A: 650 / 1500 = 43.3 % cost, 20 % margin -> passive; B 53.3 %, -33 % -> aggressive.
    customers = full(tmp_path).customers
    quadrants = dict(customers.select("customer_id", "quadrant").iter_rows())
    assert quadrants == {"A": "passive", "B": "aggressive", "C": "aggressive"}
    assert customers.schema["activity_costs"] == pl.Struct(
        {"Order handling": pl.Int64, "Warehousing": pl.Int64, "Marketing": pl.Int64}
    )


def test_fast_json_text_is_the_same_document(tmp_path):
    result = full(tmp_path)
    assert json.loads(result.to_json()) == result.to_json_dict()


def test_model_whose_costs_are_all_unallocated(tmp_path):
    result = analyze_model(tmp_path, "New business,overhead,,250.00,,,,,yes\n")
    data = json.loads(result.to_json())
    assert [customer["activity_costs"] for customer in data["customers"]] == [{}, {}, {}]
    # Gross margin 1000.00 is all customer profit; the company result is 750.00.
    assert (data["totals"]["customer_profit"], data["totals"]["company_result"]) == (
        "1000.00",
        "750.00",
    )
