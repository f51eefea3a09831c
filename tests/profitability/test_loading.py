"""Reading model folders: CSV dialects, encodings, Finnish headers, XLSX, Parquet round trip."""

from decimal import Decimal
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from profitability.engine import (
    Model,
    ModelError,
    analyze,
    analyze_folder,
    load_files,
    load_folder,
    load_tables,
)
from profitability.engine.numbers import cents_from_text, normalise_numbers

ENGLISH = {
    "customers.csv": "customer_id,name,segment\n1,Mäkinen Oy,retail\n2,Virtanen Ab,wholesale\n",
    "order_lines.csv": (
        "customer_id,order_id,quantity,revenue,cogs,weight\n"
        "1,o1,2,1234.56,1000.00,1.5\n"
        "1,o2,1,10.05,5.00,0.25\n"
        "2,o3,4,99.99,50.00,2\n"
    ),
    "activities.csv": (
        "activity,cost_group,driver,cost,rate\n"
        "Order handling,order,orders,30.00,\n"
        "Shipping,order,weight,,1.20\n"
    ),
}


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def test_english_comma_csv_reads_money_as_cents(tmp_path):
    model = load_folder(write(tmp_path, ENGLISH))
    assert model.order_lines.get_column("revenue").to_list() == [123456, 1005, 9999]
    assert model.order_lines.schema["revenue"] == pl.Int64
    assert model.order_lines.get_column("weight").to_list() == [1.5, 0.25, 2.0]
    assert model.customers.get_column("name").to_list() == ["Mäkinen Oy", "Virtanen Ab"]


def test_semicolon_csv_with_decimal_comma_gives_the_same_result(tmp_path):
    semicolon = {
        "customers.csv": "customer_id;name;segment\n1;Mäkinen Oy;retail\n2;Virtanen Ab;wholesale\n",
        "order_lines.csv": (
            "customer_id;order_id;quantity;revenue;cogs;weight\n"
            "1;o1;2;1 234,56;1000;1,5\n"
            "1;o2;1;10,05;5,00;0,25\n"
            '2;o3;4;"99,99";50;2\n'
        ),
        "activities.csv": (
            "activity;cost_group;driver;cost;rate\n"
            "Order handling;order;orders;30,00;\n"
            "Shipping;order;weight;;1,20\n"
        ),
    }
    comma = analyze_folder(write(tmp_path / "comma", ENGLISH), groups=2)
    semi = analyze_folder(write(tmp_path / "semicolon", semicolon), groups=2)
    assert semi.to_json_dict() == comma.to_json_dict()
    # 3 orders: 10.00 each; shipping 1.20/kg: customer 1 1.75 kg = 2.10, customer 2 2 kg = 2.40.
    first = semi.customers.filter(pl.col("customer_id") == "1").row(0, named=True)
    assert first["activity_costs"] == {"Order handling": 2000, "Shipping": 210}


def test_cp1252_file_is_read_when_not_utf8(tmp_path):
    files = dict(ENGLISH)
    files["customers.csv"] = "customer_id;name\n1;Mäkinen Oy\n2;Öljy ja Väri Oy\n".encode("cp1252")
    model = load_folder(write(tmp_path, files))
    assert model.customers.get_column("name").to_list() == ["Mäkinen Oy", "Öljy ja Väri Oy"]


def test_utf8_bom_does_not_spoil_the_first_header(tmp_path):
    files = dict(ENGLISH)
    files["customers.csv"] = "\ufeffcustomer_id,name\n1,A\n2,B\n".encode()
    model = load_folder(write(tmp_path, files))
    assert model.customers.columns[:2] == ["customer_id", "name"]


def test_finnish_headers_file_names_cost_groups_and_drivers(tmp_path):
    finnish = {
        "asiakkaat.csv": "Asiakasnumero;Nimi;Segmentti\n1;Mäkinen Oy;retail\n2;Virtanen Ab;tukku\n",
        "tilausrivit.csv": (
            "Asiakasnumero;Tilaus_id;Määrä;Myynti;Ostohinta;Pvm;Tuote_id\n"
            "1;o1;2;1234,56;1000;1.3.2024;p1\n"
            "1;o2;1;10,05;5;2.3.2024;p2\n"
            "2;o3;4;99,99;50;3.3.2024;p1\n"
        ),
        "aktiviteetit.csv": (
            "Aktiviteetti;Kustannusryhmä;Ajuri;Kustannus;Kapasiteetti;Hinta;Resurssi;"
            "Yksikköaika;Kohdistamaton\n"
            "Tilausten käsittely;tilaus;tilaukset;30,00;;;;;\n"
            "Myyntikäynnit;asiakas;käynnit;;;;Myynti;60;\n"
            "Markkinointi;yleiskustannus;myynti;13,45;;;;;\n"
            "Uusasiakashankinta;yleiskustannus;;100;;;;;kyllä\n"
        ),
        "resurssit.csv": "Resurssi;Minuuttihinta;Käytännön_kapasiteetti\nMyynti;1,00;120\n",
        "asiakasajurit.csv": "Asiakas_id;Ajuri;Määrä\n2;käynnit;1\n",
    }
    model = load_folder(write(tmp_path, finnish))
    assert set(model.customers.columns) == {"customer_id", "name", "segment"}
    assert model.order_lines.get_column("date").to_list()[0].isoformat() == "2024-03-01"
    assert model.activities.get_column("cost_group").to_list() == [
        "order",
        "customer",
        "overhead",
        "overhead",
    ]
    assert model.activities.get_column("driver").to_list()[:3] == ["orders", "kaynnit", "revenue"]
    result = analyze(model, groups=2)
    # One visit of 60 minutes at 1.00 per minute; 60 of 120 minutes unused.
    assert (
        result.customers.filter(pl.col("customer_id") == "2").row(0, named=True)["activity_costs"][
            "Myyntikäynnit"
        ]
        == 6000
    )
    assert result.unused_capacity[0].cost == 6000
    assert [item.activity for item in result.unallocated] == ["Uusasiakashankinta"]


def test_xlsx_files_with_numeric_cells(tmp_path):
    def workbook(path: Path, rows: list[list]) -> None:
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)

    workbook(tmp_path / "customers.xlsx", [["customer_id", "name"], [1, "Alpha"], [2, "Beta"]])
    workbook(
        tmp_path / "order_lines.xlsx",
        [
            ["customer_id", "order_id", "quantity", "revenue", "cogs"],
            [1, 100, 2, 0.1 + 0.2, 0.1],
            [2, 101, 1, 250, 100.5],
        ],
    )
    workbook(
        tmp_path / "activities.xlsx",
        [["activity", "cost_group", "driver", "cost"], ["Order handling", "order", "orders", 9.99]],
    )
    model = load_folder(tmp_path)
    assert model.customers.get_column("customer_id").to_list() == ["1", "2"]
    assert model.order_lines.get_column("order_id").to_list() == ["100", "101"]
    # 0.1 + 0.2 is 0.30000000000000004 in the cell: read as 30 cents.
    assert model.order_lines.get_column("revenue").to_list() == [30, 25000]
    assert model.order_lines.get_column("cogs").to_list() == [10, 10050]
    result = analyze(model, groups=2)
    # 9.99 over two orders: 4.995 each, the odd cent to the first customer.
    assert result.totals.activity_costs == 999
    assert sorted(result.customers.get_column("activity_costs_total").to_list()) == [499, 500]


def test_load_files_reads_uploaded_bytes_like_a_folder(tmp_path):
    from_folder = analyze(load_folder(write(tmp_path, ENGLISH)), groups=2)
    uploaded = {name.removesuffix(".csv"): (name, text.encode()) for name, text in ENGLISH.items()}
    from_upload = analyze(load_files(uploaded), groups=2)
    assert from_upload.to_json_dict() == from_folder.to_json_dict()


def test_load_tables_validates_rows_entered_by_hand(tmp_path):
    model = load_tables(
        {
            "customers": [{"customer_id": "1", "name": "A"}, {"customer_id": "2", "name": "B"}],
            "order_lines": pl.DataFrame(
                {
                    "customer_id": ["1", "2"],
                    "order_id": ["o1", "o2"],
                    "quantity": [1, 3],
                    "revenue": [100.0, 300.0],
                    "cogs": [50.0, 100.0],
                }
            ),
            "activities": [
                {
                    "activity": "Picking",
                    "cost_group": "product",
                    "driver": "quantity",
                    "rate": "0.10",
                },
            ],
        }
    )
    result = analyze(model, groups=2)
    assert result.totals.activity_costs == 40
    with pytest.raises(ModelError) as raised:
        load_tables(
            {
                "customers": [{"customer_id": "1", "name": "A"}],
                "order_lines": [
                    {
                        "customer_id": "1",
                        "order_id": "o1",
                        "quantity": 1,
                        "revenue": "lots",
                        "cogs": 1,
                    }
                ],
                "activities": [
                    {"activity": "X", "cost_group": "order", "driver": "orders", "cost": 1}
                ],
            }
        )
    [error] = raised.value.errors
    assert (error.file, error.row, error.column, error.message) == (
        "order_lines",
        2,
        "revenue",
        "not a number",
    )


def test_parquet_round_trip_gives_the_same_analysis(tmp_path):
    model = load_folder(write(tmp_path / "in", ENGLISH))
    model.write_parquet(tmp_path / "stored")
    stored = Model.read_parquet(tmp_path / "stored")
    assert stored.order_lines.equals(model.order_lines)
    assert analyze(stored, groups=2).to_json_dict() == analyze(model, groups=2).to_json_dict()
    assert stored.files["order_lines"] == "order_lines.csv"


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1234.56", 123456),
        ("1 234,56", 123456),
        ("1.234,56", 123456),
        ("1,234.56", 123456),
        ("1\u00a0234,5", 123450),
        ("-0,005", -1),
        ("0.125", 13),
        ("0.0049", 0),
        ("€ 12", 1200),
        ("+3", 300),
        ("1.234.567", 123456700),
    ],
)
def test_money_text_in_every_accepted_style(text, cents):
    parsed = cents_from_text(normalise_numbers(pl.Series([text])))
    assert parsed.to_list() == [cents]


def test_text_that_is_not_money_parses_to_null():
    parsed = cents_from_text(normalise_numbers(pl.Series(["12 kpl", "1,2,3", "abc"])))
    assert parsed.to_list() == [None, None, None]


def test_load_tables_accepts_form_values_of_mixed_types():
    model = load_tables(
        {
            "customers": [{"customer_id": 1, "name": "A"}],
            "order_lines": [
                {"customer_id": 1, "order_id": 7, "quantity": 2, "revenue": "10,50", "cogs": 4},
                {"customer_id": "1", "order_id": "8", "quantity": 1.5, "revenue": 3, "cogs": "1"},
            ],
            "activities": [
                {
                    "activity": "Order handling",
                    "cost_group": "order",
                    "driver": "orders",
                    "cost": Decimal("4.00"),
                },
                {"activity": "New business", "cost": 100, "unallocated": True},
            ],
        }
    )
    assert model.order_lines.get_column("revenue").to_list() == [1050, 300]
    assert model.order_lines.get_column("quantity").to_list() == [2.0, 1.5]
    assert model.activities.get_column("kind").to_list() == ["pool", "unallocated"]
