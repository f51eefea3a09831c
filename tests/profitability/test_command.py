"""profitability_analyze: JSON or a table on stdout; every problem on stderr and status 1.
No test here has database access, so the command provably works without one."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import ACTIVITIES, MODEL_FILES, ORDER_LINES


def write_model(folder, **changes):
    for name, text in {**MODEL_FILES, **changes}.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("profitability_analyze", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_has_the_issue_shape_with_decimal_amounts(tmp_path):
    out, err = run(write_model(tmp_path), "--format", "json")
    data = json.loads(out)
    assert err == ""
    first = data["customers"][0]
    assert (first["customer_id"], first["profit"], first["group"]) == ("A", "300.00", 1)
    assert first["costs"] == {
        "product": "375.00",
        "order": "200.00",
        "customer": "0.00",
        "overhead": "75.00",
    }
    assert first["activity_costs"]["Warehousing"] == "375.00"
    assert data["unused_capacity"][0]["cost"] == "150.00"
    assert data["unallocated"] == [
        {"activity": "New business", "cost": "250.00", "reason": "not caused by customers"}
    ]
    totals = data["totals"]
    assert (totals["customer_profit"], totals["company_result"]) == ("50.00", "-350.00")
    assert data["whale_curve"]["peak_share_of_profit"] == 6.0
    assert len(data["groups"]) == 3


def test_table_format(tmp_path):
    out, _ = run(write_model(tmp_path), "--format", "table", "--groups", "9")
    assert "Company result" in out and "-350.00" in out
    assert "Profitability groups (3, best first)" in out


def test_bad_input_prints_every_problem_and_exits_with_1(tmp_path):
    folder = write_model(
        tmp_path,
        order_lines=ORDER_LINES + "Z,z1,1,10.00,5.00\n",
        activities=ACTIVITIES + "Visits,customer,visits,10.00,,,,,\n",
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("profitability_analyze", str(folder), stdout=out, stderr=err)
    assert exit_.value.code == 1
    assert out.getvalue() == ""
    lines = err.getvalue().splitlines()
    assert lines == [
        "order_lines.csv, row 7, column customer_id: unknown customer (not in the customers "
        "file) (value 'Z')",
        "activities.csv, row 6, column driver: no file provides this driver (order_lines "
        "columns or customer_drivers) (value 'visits')",
    ]


def test_missing_folder_exits_with_1(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        run(tmp_path / "nowhere")
    assert exit_.value.code == 1


def test_group_count_outside_9_to_16_is_refused(tmp_path):
    with pytest.raises(CommandError):
        run(write_model(tmp_path), "--groups", "30")
