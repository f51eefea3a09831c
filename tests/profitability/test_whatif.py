"""What-if: rates, driver volumes, prices and a minimum order size, compared with the base."""

from decimal import Decimal

import polars as pl
import pytest

from profitability.engine import analyze, apply_what_if, compare, load_tables

from .test_groups import seven_customers


def small_orders_model():
    """A: orders of 95.00 (o1, 3 March), 10.00 (o2, 5 March), 95.00 (o3, 1 March) and
    500.00 (o4); B: four orders of 50.00; order handling 10.00 per order."""
    rows = [
        ("A", "o1", 95, "2024-03-03"),
        ("A", "o2", 10, "2024-03-05"),
        ("A", "o3", 95, "2024-03-01"),
        ("A", "o4", 500, "2024-03-02"),
        ("B", "b1", 50, "2024-01-01"),
        ("B", "b2", 50, "2024-01-02"),
        ("B", "b3", 50, "2024-01-03"),
        ("B", "b4", 50, "2024-01-04"),
    ]
    return load_tables(
        {
            "customers": [{"customer_id": "A", "name": "A"}, {"customer_id": "B", "name": "B"}],
            "order_lines": [
                {"customer_id": c, "order_id": o, "quantity": 1, "revenue": r, "cogs": 0, "date": d}
                for c, o, r, d in rows
            ],
            "activities": [
                {
                    "activity": "Order handling",
                    "cost_group": "order",
                    "driver": "orders",
                    "rate": "10.00",
                }
            ],
        }
    )


def test_rate_override_of_an_activity():
    # Picking 1.00 -> 4.00 per line: 9 lines cost 27.00 more.
    base = seven_customers()
    changed = apply_what_if(base, rate_overrides={"Picking": Decimal("4.00")})
    assert analyze(changed, groups=3).totals.activity_costs == 3600
    assert base.activities.get_column("rate").to_list() == ["1.00"]  # the base is untouched


def test_rate_override_of_a_resource_keeps_its_capacity():
    model = load_tables(
        {
            "customers": [{"customer_id": "A", "name": "A"}],
            "order_lines": [
                {"customer_id": "A", "order_id": "1", "quantity": 1, "revenue": 100, "cogs": 0}
            ],
            "activities": [
                {
                    "activity": "Entry",
                    "cost_group": "order",
                    "driver": "orders",
                    "resource": "Desk",
                    "unit_time": 30,
                }
            ],
            "resources": [{"resource": "Desk", "cost": "60.00", "practical_capacity": 60}],
        }
    )
    # Desk at 2.00 per minute instead of 1.00: 30 minutes = 60.00; 30 unused = 60.00.
    result = analyze(apply_what_if(model, rate_overrides={"Desk": "2.00"}), groups=2)
    assert result.totals.activity_costs == 6000
    assert result.unused_capacity[0].cost == 6000


def test_driver_scale_changes_the_cost_driven_by_it():
    # Half as many picked lines at 1.00: 4.50 instead of 9.00.
    changed = apply_what_if(seven_customers(), driver_scale={"order_lines": 0.5})
    assert analyze(changed, groups=3).totals.activity_costs == 450
    assert changed.driver_scale == {"order_lines": 0.5}


def test_price_change_rounds_each_line_half_away_from_zero():
    model = load_tables(
        {
            "customers": [{"customer_id": "A", "name": "A"}],
            "order_lines": [
                {"customer_id": "A", "order_id": "1", "quantity": 1, "revenue": r, "cogs": 0}
                for r in ("100.00", "0.05", "-0.05")
            ],
            "activities": [
                {"activity": "X", "cost_group": "order", "driver": "orders", "cost": "1.00"}
            ],
        }
    )
    # +10 %: 110.00; 0.055 -> 0.06; -0.055 -> -0.06.
    changed = apply_what_if(model, price_change_pct=10)
    assert changed.order_lines.get_column("revenue").to_list() == [11000, 6, -6]
    assert model.order_lines.get_column("revenue").to_list() == [10000, 5, -5]


def test_min_order_size_merges_small_orders_in_date_order():
    # A's small orders by date: o3 95.00 (running total before it 0), o1 95.00 (95),
    # o2 10.00 (190); cut every 100.00: o3 + o1 form merged order 0, o2 merged order 1.
    # o4 (500.00) stays. B: 0, 50, 100, 150 -> b1 + b2, b3 + b4.
    changed = apply_what_if(small_orders_model(), min_order_size=100)
    orders = dict(
        changed.order_lines.select("order_id")
        .with_columns(original=small_orders_model().order_lines.get_column("order_id"))
        .select("original", "order_id")
        .iter_rows()
    )
    assert orders["o3"] == orders["o1"] != orders["o2"]
    assert orders["o4"] == "o4"
    assert orders["b1"] == orders["b2"] != orders["b3"] == orders["b4"]
    totals = changed.customer_totals
    assert totals.get_column("orders").to_list() == [3, 2]
    assert totals.get_column("order_lines").to_list() == [4, 4]
    # Order handling: 5 orders x 10.00 instead of 8 x 10.00.
    assert analyze(changed, groups=2).totals.activity_costs == 5000


def test_compare_reports_result_change_group_moves_and_whale_peaks():
    base = analyze(seven_customers(), groups=3)
    # Picking at 300.00 per line: C2 (3 lines) 700 - 900 = -200.00 falls to rank 4 behind
    # C1 (100 - 300 = -200.00, equal profit, lower id); C1 rises to group 1, C2 drops to 2.
    what_if = analyze(apply_what_if(seven_customers(), rate_overrides={"Picking": 300}), groups=3)
    comparison = compare(base, what_if)
    assert comparison.company_result_delta == -9 * 29900
    assert comparison.customers_changing_group == 2
    assert comparison.group_moves.rows() == [(1, 2, 1), (2, 1, 1)]
    moved = comparison.customers.filter(pl.col("group_before") != pl.col("group_after"))
    assert sorted(moved.get_column("customer_id").to_list()) == ["C1", "C2"]
    # Base curve: cumulative 697, 1296, 1595, 1694, 1743, 1742, 1691 -> peak 1743 / 1691 at 5/7.
    assert comparison.whale_before["peak_share_of_profit"] == pytest.approx(1743 / 1691, abs=1e-6)
    assert comparison.whale_before["peak_at_share_of_customers"] == pytest.approx(5 / 7, abs=1e-6)
    assert comparison.whale_after["mode"] == "amount"
    data = comparison.to_json_dict()
    assert data["company_result_delta"] == "-2691.00"
    assert data["totals"]["activity_costs"] == {
        "before": "9.00",
        "after": "2700.00",
        "change": "2691.00",
    }


def test_unknown_names_are_refused():
    with pytest.raises(ValueError, match="no activity or resource is called 'Packing'"):
        apply_what_if(seven_customers(), rate_overrides={"Packing": 1})
    with pytest.raises(ValueError, match="unknown drivers: visits"):
        apply_what_if(seven_customers(), driver_scale={"visits": 2})
