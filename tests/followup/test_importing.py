"""followup.importing and followup.tablefile: files to rows, errors by row and column,
without a database."""

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook

from followup import importing
from followup.tablefile import read_table

INFOS = [
    importing.MeasureInfo(id="m1", name="NPS", stage="Yhteydenotto", journey="Nyt", period="month"),
    importing.MeasureInfo(
        id="m2", name="Vasteaika", stage="Yhteydenotto", journey="Nyt", period="quarter"
    ),
    importing.MeasureInfo(id="m3", name="NPS", stage="Toimitus", journey="Nyt", period="month"),
    importing.MeasureInfo(id="m4", name="NPS", stage="Toimitus", journey="Ideaali", period="month"),
    importing.MeasureInfo(
        id="m5", name="Keskiarvo", stage="Yhteydenotto", journey="Nyt", period="month",
        manual=False,
    ),
]  # fmt: skip


def values(text: str):
    return importing.parse_values(read_table(text.encode(), "values.csv"), INFOS)


def test_values_in_english_columns_become_rows():
    parsed = values("stage,measure,period,value\nYhteydenotto,NPS,2025-03,42\n")
    assert parsed.errors == []
    (row,) = parsed.rows
    assert (row.row, row.measure_id, row.period_start, row.value) == (
        2,
        "m1",
        datetime.date(2025, 3, 1),
        Decimal("42"),
    )


def test_finnish_headers_semicolons_and_decimal_commas():
    parsed = values("Vaihe;Mittari;Jakso;Arvo\nyhteydenotto;vasteaika;2025 Q2;4,5\n")
    assert parsed.errors == []
    assert parsed.rows[0].measure_id == "m2"
    assert parsed.rows[0].period_start == datetime.date(2025, 4, 1)
    assert parsed.rows[0].value == Decimal("4.5")


def test_journey_column_tells_stages_of_the_same_name_apart():
    ambiguous = values("stage,measure,period,value\nToimitus,NPS,2025-03,1\n")
    assert ambiguous.rows == []
    assert ambiguous.errors[0].row == 2
    assert ambiguous.errors[0].column == "stage"
    chosen = values("journey,stage,measure,period,value\nIdeaali,Toimitus,NPS,2025-03,1\n")
    assert chosen.errors == []
    assert chosen.rows[0].measure_id == "m4"


def test_every_error_names_its_row_and_column_and_no_rows_are_returned():
    parsed = values(
        "stage,measure,period,value\n"
        "Yhteydenotto,NPS,2025-03,42\n"
        "Yhteydenotto,NPS,maaliskuu,1\n"
        "Yhteydenotto,NPS,2025-04,paljon\n"
        "Yhteydenotto,Tuntematon,2025-04,1\n"
        "Yhteydenotto,NPS,2025-03-20,7\n"
        "Yhteydenotto,Keskiarvo,2025-03,3\n"
    )
    assert parsed.rows == []
    found = [(e.row, e.column, e.value) for e in parsed.errors]
    assert found == [
        (3, "period", "maaliskuu"),
        (4, "value", "paljon"),
        (5, "measure", "Tuntematon"),
        (6, "period", "2025-03-20"),  # the same month as row 2
        (7, "measure", "Keskiarvo"),  # computed from feedback
    ]
    assert "row 2" in parsed.errors[3].message


def test_missing_columns_are_named_on_row_1():
    parsed = values("stage,value\nYhteydenotto,1\n")
    assert [(e.row, e.column) for e in parsed.errors] == [(1, "measure"), (1, "period")]


def test_xlsx_with_dates_and_numbers_is_read():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Vaihe", "Mittari", "Jakso", "Arvo"])
    sheet.append(["Yhteydenotto", "NPS", datetime.datetime(2025, 3, 1), 41.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    parsed = importing.parse_values(read_table(buffer.getvalue(), "arvot.xlsx"), INFOS)
    assert parsed.errors == []
    assert parsed.rows[0].period_start == datetime.date(2025, 3, 1)
    assert parsed.rows[0].value == Decimal("41.5")


def test_a_file_that_is_not_utf8_is_refused_with_its_row():
    table = read_table("stage,measure\nYhteydenotto,Äänet\n".encode("cp1252"), "x.csv")
    assert table.errors[0].row == 2
    assert "UTF-8" in table.errors[0].message


def test_a_broken_xlsx_is_refused():
    table = read_table(b"PK\x03\x04 not really a zip", "x.xlsx")
    assert table.errors and table.rows == []


# --- feedback --------------------------------------------------------------------------------

STAGES = {"yhteydenotto": ["s1"], "toimitus": ["s2", "s3"], "nyt / toimitus": ["s2"]}
FACTORS = {"puhelin vastataan": "f1"}
TODAY = datetime.date(2025, 6, 30)


def feedback(text: str, **mapping):
    table = read_table(text.encode(), "export.csv")
    columns = mapping.pop("columns", None) or importing.guess_mapping(table.header)
    return importing.parse_feedback(
        table,
        importing.FeedbackMapping(columns=columns, **mapping),
        stages=STAGES,
        factors=FACTORS,
        today=TODAY,
    )


def test_guess_mapping_reads_english_and_finnish_headers():
    header = ["Vastattu", "Arvosana", "Vapaa palaute", "Vaihe", "Kanava", "Segmentti", "Tags"]
    assert importing.guess_mapping(header) == {
        "date": 0,
        "stage": 3,
        "rating": 1,
        "text": 2,
        "channel": 4,
        "customer": 5,
        "tags": 6,
        "kano_factor": None,
    }


def test_survey_rows_become_feedback_rows():
    parsed = feedback(
        "date,stage,rating,comment,channel,customer,tags,factor\n"
        '14.3.2025,Yhteydenotto,2,Kukaan ei vastannut,puhelin,Yritys,"soitto, odotus",'
        "Puhelin vastataan\n"
        "2025-03-15 10:22,Nyt / Toimitus,5,,web,,,\n",
        scale=5,
    )
    assert parsed.errors == []
    first, second = parsed.rows
    assert (first.row, first.date, first.stage_id, first.rating, first.scale) == (
        2,
        datetime.date(2025, 3, 14),
        "s1",
        2,
        5,
    )
    assert first.tags == ["soitto", "odotus"]
    assert first.factor_id == "f1"
    assert (second.stage_id, second.text) == ("s2", "")


def test_one_stage_for_every_row_when_the_file_has_no_stage_column():
    parsed = feedback("date,score\n2025-03-01,9\n", scale=10, stage_id="s1")
    assert parsed.rows[0].stage_id == "s1"
    assert parsed.rows[0].scale == 10


def test_feedback_errors_name_row_column_and_value():
    parsed = feedback(
        "Date,Stage,Rating,Comment\n"
        "2025-03-01,Yhteydenotto,4,ok\n"
        "1.13.2025,Yhteydenotto,4,bad date\n"
        "2025-03-02,Yhteydenotto,7,off the scale\n"
        "2025-03-03,Kassa,3,no such stage\n"
        "2025-03-04,Toimitus,3,two journeys\n"
        "2025-03-05,Yhteydenotto,,\n"
        "2030-01-01,Yhteydenotto,3,future\n"
        "2025-03-06,Yhteydenotto,3.5,half\n",
        scale=5,
    )
    assert parsed.rows == []
    assert [(e.row, e.column, e.value) for e in parsed.errors] == [
        (3, "Date", "1.13.2025"),
        (4, "Rating", "7"),
        (5, "Stage", "Kassa"),
        (6, "Stage", "Toimitus"),
        (7, "Rating", ""),
        (8, "Date", "2030-01-01"),
        (9, "Rating", "3.5"),
    ]


def test_month_first_dates_when_chosen():
    parsed = feedback("date,rating,stage\n3/14/2025,4,Yhteydenotto\n", day_first=False)
    assert parsed.rows[0].date == datetime.date(2025, 3, 14)


def test_mapping_without_date_or_stage_is_refused_on_row_1():
    columns = {name: None for name in importing.FEEDBACK_FIELDS} | {"rating": 0}
    parsed = feedback("rating\n4\n", columns=columns)
    assert {(e.row, e.column) for e in parsed.errors} == {(1, "date"), (1, "stage")}
