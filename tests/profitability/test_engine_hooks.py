"""The engine's hooks for the web side: uploads spooled to disk, and settings edited by hand
replacing a stored model's activities and resources."""

import pytest

from profitability.engine import ModelError, analyze, load_files, replace_settings

from .conftest import ACTIVITIES, CUSTOMERS, ORDER_LINES


def model_from(tmp_path):
    path = tmp_path / "lines-upload.tmp"
    path.write_text(ORDER_LINES)
    return load_files(
        {
            "customers": ("asiakkaat.csv", CUSTOMERS.encode()),
            "order_lines": ("tilausrivit.csv", path),
            "activities": ("activities.csv", ACTIVITIES.encode()),
        }
    )


def test_load_files_reads_a_spooled_upload_and_names_it_as_uploaded(tmp_path):
    model = model_from(tmp_path)
    assert model.order_lines.height == 5
    bad = tmp_path / "bad.tmp"
    bad.write_text(ORDER_LINES + "Z,z1,1,1.00,1.00\n")
    with pytest.raises(ModelError) as raised:
        load_files(
            {
                "customers": ("asiakkaat.csv", CUSTOMERS.encode()),
                "order_lines": ("tilausrivit.csv", bad),
                "activities": ("activities.csv", ACTIVITIES.encode()),
            }
        )
    assert [(e.file, e.row, e.column) for e in raised.value.errors] == [
        ("tilausrivit.csv", 7, "customer_id")
    ]


def test_replace_settings_swaps_activities_and_resources(tmp_path):
    model = model_from(tmp_path)
    edited = replace_settings(
        model,
        activities=[
            {"activity": "Order handling", "cost_group": "order", "driver": "orders", "rate": "10"},
            {
                "activity": "Invoicing",
                "cost_group": "order",
                "driver": "orders",
                "resource": "Office",
                "unit_time": 5,
            },
        ],
        resources=[{"resource": "Office", "rate_per_minute": "2"}],
    )
    result = analyze(edited, groups=9)
    # Per order 10.00 + 5 minutes x 2.00: A (2 orders) 40.00, B and C 20.00 each.
    costs = {row["customer_id"]: row["activity_costs_total"] for row in result.customer_rows()}
    assert costs == {"A": 4000, "B": 2000, "C": 2000}
    assert model.activities.height == 4  # the original is left as it was


def test_replace_settings_names_table_row_and_column(tmp_path):
    model = model_from(tmp_path)
    with pytest.raises(ModelError) as raised:
        replace_settings(
            model,
            activities=[
                {"activity": "Order handling", "cost_group": "order", "driver": "orders"},
                {"activity": "Visits", "cost_group": "customer", "driver": "visits", "rate": "1"},
            ],
            resources=[{"resource": "Office", "cost": "10", "practical_capacity": "-5"}],
        )
    assert [(e.file, e.row, e.column) for e in raised.value.errors] == [
        ("resources", 2, "practical_capacity"),
        ("activities", 2, "cost"),
        ("activities", 3, "driver"),
    ]
