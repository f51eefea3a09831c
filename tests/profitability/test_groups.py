"""Ranking by profit, equal-size profitability groups, their behaviour and suggested actions.

Seven customers, no cost but picking at 1.00 per order line:

    customer  orders  lines  revenue  cogs    profit (gross margin - lines x 1.00)
    C2        2       3      700.00   0       697.00   rank 1
    C6        1       1      600.00   0       599.00   rank 2
    C3        1       1      300.00   0       299.00   rank 3
    C1        1       1      100.00   0       99.00    rank 4
    C7        1       1      50.00    0       49.00    rank 5
    C4        1       1      20.00    20.00   -1.00    rank 6
    C5        1       1      100.00   150.00  -51.00   rank 7

Company result: 1870.00 - 170.00 - 9.00 = 1691.00.
"""

import pytest

from profitability.engine import analyze, load_tables, suggested_actions

LINES = [
    ("C1", "o1", 100, 0),
    ("C2", "o2", 300, 0),
    ("C2", "o2", 200, 0),
    ("C2", "o3", 200, 0),
    ("C3", "o4", 300, 0),
    ("C4", "o5", 20, 20),
    ("C5", "o6", 100, 150),
    ("C6", "o7", 600, 0),
    ("C7", "o8", 50, 0),
]


def seven_customers(picking_rate: str = "1.00"):
    return load_tables(
        {
            "customers": [{"customer_id": f"C{i}", "name": f"Customer {i}"} for i in range(1, 8)],
            "order_lines": [
                {"customer_id": c, "order_id": o, "quantity": 1, "revenue": r, "cogs": g}
                for c, o, r, g in LINES
            ],
            "activities": [
                {
                    "activity": "Picking",
                    "cost_group": "product",
                    "driver": "order_lines",
                    "rate": picking_rate,
                },
            ],
        }
    )


def test_customers_are_ranked_by_profit_best_first():
    result = analyze(seven_customers(), groups=3)
    assert result.customers.get_column("customer_id").to_list() == [
        "C2",
        "C6",
        "C3",
        "C1",
        "C7",
        "C4",
        "C5",
    ]
    assert result.customers.get_column("rank").to_list() == [1, 2, 3, 4, 5, 6, 7]
    assert result.customers.get_column("profit").to_list() == [
        69700,
        59900,
        29900,
        9900,
        4900,
        -100,
        -5100,
    ]


def test_seven_customers_in_three_groups_of_three_two_and_two():
    # Customer at rank r of 7 is in group floor((r - 1) x 3 / 7) + 1.
    result = analyze(seven_customers(), groups=3)
    assert result.customers.get_column("group").to_list() == [1, 1, 1, 2, 2, 3, 3]
    assert result.groups.get_column("customers").to_list() == [3, 2, 2]


def test_group_figures_by_hand():
    result = analyze(seven_customers(), groups=3)
    best = result.groups.row(0, named=True)
    # Group 1 = C2, C6, C3: revenue 1600.00, 5 lines, profit 1600.00 - 5.00 = 1595.00.
    assert best["revenue"] == 160000
    assert best["cost_to_serve"] == 500
    assert best["profit"] == 159500
    assert best["share_of_company_result"] == pytest.approx(1595 / 1691)
    # 4 orders for 3 customers; 5 lines in 4 orders; 1600.00 / 4 orders = 400.00 per order.
    assert best["orders_per_customer"] == pytest.approx(4 / 3)
    assert best["lines_per_order"] == pytest.approx(5 / 4)
    assert best["average_order_size"] == 40000
    assert best["cost_to_serve_per_customer"] == 167  # 5.00 / 3 rounded to the cent
    worst = result.groups.row(2, named=True)
    # Group 3 = C4, C5: profit -1.00 - 51.00 = -52.00, both lose money.
    assert (worst["profit"], worst["loss_makers"]) == (-5200, 2)
    assert result.totals.company_result == 169100


def test_equal_profits_rank_by_customer_id():
    result = analyze(
        load_tables(
            {
                "customers": [{"customer_id": c, "name": c} for c in ("B", "A", "C")],
                "order_lines": [
                    {"customer_id": c, "order_id": c, "quantity": 1, "revenue": 10, "cogs": 0}
                    for c in ("B", "A", "C")
                ],
                "activities": [
                    {"activity": "X", "cost_group": "order", "driver": "orders", "cost": "3.00"}
                ],
            }
        ),
        groups=2,
    )
    assert result.customers.get_column("customer_id").to_list() == ["A", "B", "C"]


def test_fewer_customers_than_groups_gives_one_group_each_with_a_warning():
    model = seven_customers()
    result = analyze(model, groups=10)
    assert result.group_count == 7
    assert result.customers.get_column("group").to_list() == [1, 2, 3, 4, 5, 6, 7]
    assert "only 7 customers: 7 groups instead of 10" in result.warnings


def test_actions_follow_group_position_in_four_bands():
    assert suggested_actions([100] * 10) == [
        "protect",
        "protect",
        "protect",
        "adapt_processes",
        "adapt_processes",
        "adapt_processes",
        "teach_to_buy",
        "teach_to_buy",
        "price_for_profit",
        "price_for_profit",
    ]
    assert suggested_actions([100] * 16).count("protect") == 4


def test_a_losing_group_in_the_upper_bands_is_taught_to_buy():
    actions = suggested_actions([500, 300, 200, 100, -10, -20, -30, -40, -50])
    assert actions[:5] == ["protect", "protect", "protect", "adapt_processes", "teach_to_buy"]
    assert actions[-2:] == ["price_for_profit", "price_for_profit"]


def test_groups_carry_their_action():
    result = analyze(seven_customers(), groups=4)
    # 4 groups of 2, 2, 2, 1 customers, one group per band: group 4 is C5 alone.
    assert result.groups.get_column("action").to_list() == [
        "protect",
        "adapt_processes",
        "teach_to_buy",
        "price_for_profit",
    ]
