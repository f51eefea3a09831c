"""Every bad input gives a ModelError naming file, spreadsheet row (header = 1) and column."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from profitability.engine import ModelError, analyze_folder, load_files, load_folder

GOOD = {
    "customers.csv": "customer_id,name\nA,Alpha\nB,Beta\n",
    "order_lines.csv": (
        "customer_id,order_id,quantity,revenue,cogs,weight\n"
        "A,1,2,100.00,50.00,1.5\n"
        "B,2,1,80.00,60.00,0.5\n"
    ),
    "activities.csv": (
        "activity,cost_group,driver,cost,capacity,rate,resource,unit_time,unallocated\n"
        "Order handling,order,orders,20.00,,,,,\n"
        "Shipping,order,weight,10.00,,,,,\n"
    ),
}


def errors_for(tmp_path: Path, **changes: str | bytes) -> list[tuple]:
    """Write GOOD with ``changes`` (file name with _ for ., e.g. order_lines_csv) and load it."""
    files = dict(GOOD)
    for key, content in changes.items():
        name = key.replace("_csv", ".csv").replace("_xlsx", ".xlsx")
        if name.endswith(".xlsx"):
            files.pop(name.replace(".xlsx", ".csv"), None)
        files[name] = content
    for name, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        (tmp_path / name).write_bytes(data)
    with pytest.raises(ModelError) as raised:
        load_folder(tmp_path)
    return [(e.file, e.row, e.column, e.message) for e in raised.value.errors]


def test_good_model_loads(tmp_path):
    for name, text in GOOD.items():
        (tmp_path / name).write_text(text)
    assert load_folder(tmp_path).order_lines.height == 2


def test_unknown_customer_in_order_lines(tmp_path):
    lines = GOOD["order_lines.csv"] + "Z,3,1,10.00,5.00,1\n"
    assert errors_for(tmp_path, order_lines_csv=lines) == [
        ("order_lines.csv", 4, "customer_id", "unknown customer (not in the customers file)")
    ]


def test_missing_column(tmp_path):
    lines = "customer_id,order_id,quantity,revenue\nA,1,2,100.00\n"
    assert errors_for(tmp_path, order_lines_csv=lines) == [
        ("order_lines.csv", 1, "cogs", "the required column cogs is missing")
    ]


def test_text_in_a_number_column(tmp_path):
    lines = GOOD["order_lines.csv"] + "A,3,1,ten euros,5.00,1\n"
    errors = errors_for(tmp_path, order_lines_csv=lines)
    assert errors == [("order_lines.csv", 4, "revenue", "not a number")]


def test_text_in_an_extra_column_used_as_a_driver(tmp_path):
    lines = GOOD["order_lines.csv"] + "A,3,1,10.00,5.00,heavy\n"
    assert errors_for(tmp_path, order_lines_csv=lines) == [
        ("order_lines.csv", 4, "weight", "not a number (driver weight)")
    ]


def test_text_in_a_finnish_number_column_names_the_header_as_written(tmp_path):
    lines = "asiakasnumero;tilaus;määrä;myynti;ostohinta\nA;1;2;100;50\nB;2;yksi;80;60\n"
    activities = "activity,cost_group,driver,cost\nOrder handling,order,orders,20.00\n"
    assert errors_for(tmp_path, order_lines_csv=lines, activities_csv=activities) == [
        ("order_lines.csv", 3, "määrä", "not a number")
    ]


def test_negative_capacity(tmp_path):
    activities = (
        "activity,cost_group,driver,cost,capacity\n"
        "Order handling,order,orders,20.00,10\n"
        "Warehousing,product,quantity,500.00,-100\n"
    )
    assert errors_for(tmp_path, activities_csv=activities) == [
        ("activities.csv", 3, "capacity", "must not be negative")
    ]


def test_negative_practical_capacity_of_a_resource(tmp_path):
    activities = "activity,cost_group,driver,resource,unit_time\nEntry,order,orders,Desk,5\n"
    resources = "resource,cost,practical_capacity\nDesk,100.00,-60\n"
    assert errors_for(tmp_path, activities_csv=activities, resources_csv=resources) == [
        ("resources.csv", 2, "practical_capacity", "must not be negative")
    ]


def test_driver_no_file_provides(tmp_path):
    activities = "activity,cost_group,driver,cost\nSales visits,customer,visits,500.00\n"
    errors = errors_for(tmp_path, activities_csv=activities)
    assert errors == [
        (
            "activities.csv",
            2,
            "driver",
            "no file provides this driver (order_lines columns or customer_drivers)",
        )
    ]


def test_empty_file(tmp_path):
    assert errors_for(tmp_path, customers_csv="") == [
        ("customers.csv", None, None, "the file is empty")
    ]


def test_header_without_rows(tmp_path):
    assert errors_for(tmp_path, activities_csv="activity,cost_group,driver,cost\n") == [
        ("activities.csv", 2, None, "the file has a header but no data rows")
    ]


def test_zip_bomb_xlsx_is_refused_before_openpyxl_opens_it(tmp_path, monkeypatch):
    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_open)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 12_000_000)
    [error] = errors_for(tmp_path, customers_xlsx=buffer.getvalue())
    assert error[:3] == ("customers.xlsx", None, None)
    assert "refused as a zip bomb" in error[3]
    assert "expands" in error[3]


def test_file_that_is_not_xlsx(tmp_path):
    assert errors_for(tmp_path, customers_xlsx=b"customer_id,name\n") == [
        ("customers.xlsx", None, None, "the file is not a valid XLSX file")
    ]


def test_unknown_cost_group(tmp_path):
    activities = "activity,cost_group,driver,cost\nOrder handling,logistics,orders,20.00\n"
    assert errors_for(tmp_path, activities_csv=activities) == [
        (
            "activities.csv",
            2,
            "cost_group",
            "unknown cost group; use product, order, customer, overhead",
        )
    ]


def test_activity_with_none_of_cost_rate_resource_or_unallocated(tmp_path):
    activities = "activity,cost_group,driver,cost,rate\nOrder handling,order,orders,,\n"
    assert errors_for(tmp_path, activities_csv=activities) == [
        (
            "activities.csv",
            2,
            "cost",
            "the activity has none of cost, rate, resource or unallocated = yes",
        )
    ]


def test_unknown_resource(tmp_path):
    activities = "activity,cost_group,driver,resource,unit_time\nEntry,order,orders,Desk,5\n"
    assert errors_for(tmp_path, activities_csv=activities) == [
        ("activities.csv", 2, "resource", "unknown resource (not in the resources file)")
    ]


def test_resource_cost_without_practical_capacity(tmp_path):
    activities = "activity,cost_group,driver,resource,unit_time\nEntry,order,orders,Desk,5\n"
    resources = "resource,cost\nDesk,100.00\n"
    assert errors_for(tmp_path, activities_csv=activities, resources_csv=resources) == [
        (
            "resources.csv",
            2,
            "practical_capacity",
            "a resource with a cost needs its practical capacity in minutes",
        )
    ]


def test_duplicate_customer(tmp_path):
    customers = "customer_id,name\nA,Alpha\nB,Beta\nA,Alpha again\n"
    errors = errors_for(tmp_path, customers_csv=customers)
    assert errors == [
        ("customers.csv", 2, "customer_id", "the customer appears more than once"),
        ("customers.csv", 4, "customer_id", "the customer appears more than once"),
    ]


def test_activity_named_twice_that_is_not_a_time_equation(tmp_path):
    activities = (
        "activity,cost_group,driver,cost\n"
        "Order handling,order,orders,20.00\n"
        "Order handling,order,weight,5.00\n"
    )
    [error] = errors_for(tmp_path, activities_csv=activities)
    assert error[:3] == ("activities.csv", 3, "activity")
    assert error[3].startswith("the activity appears twice (row 2)")


def test_unknown_customer_in_customer_drivers(tmp_path):
    activities = "activity,cost_group,driver,cost\nVisits,customer,visits,50.00\n"
    drivers = "customer_id,driver,quantity\nA,visits,2\nQ,visits,1\n"
    assert errors_for(tmp_path, activities_csv=activities, customer_drivers_csv=drivers) == [
        ("customer_drivers.csv", 3, "customer_id", "unknown customer (not in the customers file)")
    ]


def test_errors_in_several_files_are_listed_together(tmp_path):
    lines = GOOD["order_lines.csv"] + "Z,3,1,10.00,5.00,1\n"
    activities = "activity,cost_group,driver,cost\nOrder handling,logistics,orders,-5\n"
    errors = errors_for(tmp_path, order_lines_csv=lines, activities_csv=activities)
    assert [(file, row, column) for file, row, column, _ in errors] == [
        ("order_lines.csv", 4, "customer_id"),
        ("activities.csv", 2, "cost"),
        ("activities.csv", 2, "cost_group"),
    ]


def test_many_bad_rows_are_listed_up_to_ten_then_counted(tmp_path):
    lines = "customer_id,order_id,quantity,revenue,cogs\n" + "Z,1,1,1,1\n" * 25
    errors = errors_for(tmp_path, order_lines_csv=lines)
    assert [row for _, row, _, _ in errors[:10]] == list(range(2, 12))
    assert errors[10] == (
        "order_lines.csv",
        None,
        "customer_id",
        "15 more rows: unknown customer (not in the customers file)",
    )


def test_missing_required_file(tmp_path):
    for name in ("customers.csv", "activities.csv"):
        (tmp_path / name).write_text(GOOD[name])
    with pytest.raises(ModelError) as raised:
        load_folder(tmp_path)
    [error] = raised.value.errors
    assert (error.file, error.row, error.column) == ("order_lines.csv", None, None)
    assert error.message == "the file is missing from the model folder"


def test_error_message_reads_file_row_column_and_value(tmp_path):
    files = {name.removesuffix(".csv"): (name, text.encode()) for name, text in GOOD.items()}
    files["order_lines"] = ("lines.csv", b"customer_id,order_id,quantity,revenue,cogs\nA,1,x,1,1\n")
    with pytest.raises(ModelError) as raised:
        load_files(files)
    assert "lines.csv, row 2, column quantity: not a number (value 'x')" in str(raised.value)


@pytest.mark.parametrize("groups", [1, 21])
def test_group_count_outside_two_to_twenty(tmp_path, groups):
    for name, text in GOOD.items():
        (tmp_path / name).write_text(text)
    with pytest.raises(ValueError, match="groups must be between 2 and 20"):
        analyze_folder(tmp_path, groups=groups)


def test_time_driven_activity_with_a_cost_as_well(tmp_path):
    activities = (
        "activity,cost_group,driver,cost,resource,unit_time\nEntry,order,orders,50.00,Desk,5\n"
    )
    resources = "resource,cost,practical_capacity\nDesk,100.00,60\n"
    assert errors_for(tmp_path, activities_csv=activities, resources_csv=resources) == [
        ("activities.csv", 2, "cost", "give only one of cost, resource")
    ]


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(tmp_path):
    lines = GOOD["order_lines.csv"] + "\n,,,,,\nZ,3,1,10.00,5.00,1\n"
    assert errors_for(tmp_path, order_lines_csv=lines) == [
        ("order_lines.csv", 6, "customer_id", "unknown customer (not in the customers file)")
    ]


def test_quoted_empty_money_cell_is_a_missing_value(tmp_path):
    lines = GOOD["order_lines.csv"] + 'A,3,1,"",5.00,1\n'
    assert errors_for(tmp_path, order_lines_csv=lines) == [
        ("order_lines.csv", 4, "revenue", "a value is required")
    ]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        # the member's data no longer matches its CRC
        (lambda data: data.replace(b"Kone Oy", b"Kone 0y", 1), "Bad CRC-32"),
        # the "encrypted" flag in the local and central headers
        (
            lambda data: data.replace(
                b"PK\x03\x04\x14\x00\x00\x00", b"PK\x03\x04\x14\x00\x01\x00", 1
            ).replace(
                b"PK\x01\x02\x14\x03\x14\x00\x00\x00", b"PK\x01\x02\x14\x03\x14\x00\x01\x00", 1
            ),
            "encrypted",
        ),
    ],
)
def test_unreadable_member_of_a_zip_is_named_not_a_server_error(damage, reason):
    from profitability.services import files_from_zip

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("customers.csv", "customer_id,name\nC1,Kone Oy\n")
    with pytest.raises(ModelError) as caught:
        with files_from_zip("model.zip", damage(buffer.getvalue())):
            pass
    message = str(caught.value)
    assert "cannot read customers.csv" in message
    assert reason in message
