import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from journey.models import Action
from workshops.exports.tables import Column, Table, table_csv, tables_xlsx

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def test_formula_like_cells_are_text_in_csv():
    table = Table("t", "T", [Column("v", "Value")], [{"v": value} for value in DANGEROUS])
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["'" + value for value in DANGEROUS]


def test_formula_like_cells_are_text_in_xlsx():
    table = Table("t", "T", [Column("v", "Value")], [{"v": value} for value in DANGEROUS])
    sheet = load_workbook(io.BytesIO(tables_xlsx([table])))["T"]
    for row, value in enumerate(DANGEROUS, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s", value
        # XML keeps a carriage return as a line break; the text itself is unchanged.
        assert cell.value.strip() == value.strip()


def test_xlsx_download_has_typed_columns_and_frozen_header(
    client_for, facilitator, workshop, stage
):
    import datetime

    Action.objects.create(
        stage=stage, what="=cmd|' /C calc'!A0", owner="Liisa", due_date=datetime.date(2027, 3, 1)
    )
    response = client_for(facilitator).get(reverse("workshops:export-xlsx", args=[workshop.pk]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Toimenpiteet"] if "Toimenpiteet" in book.sheetnames else book["Actions"]
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(headers, sheet[2], strict=False)}
    due = next(c for h, c in row.items() if h in ("Määräaika", "Due date"))
    assert due.value.date() == datetime.date(2027, 3, 1)
    assert due.number_format == "yyyy-mm-dd"
    what = next(c for h, c in row.items() if h in ("Mitä", "What"))
    assert what.data_type == "s" and what.value.startswith("=cmd")


def test_csv_download_of_one_table(client_for, facilitator, workshop, stage):
    Action.objects.create(stage=stage, what="@evil", owner="Liisa")
    response = client_for(facilitator).get(
        reverse("workshops:export-csv", args=[workshop.pk, "actions"])
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "'@evil" in response.content.decode("utf-8-sig")


def test_report_page_renders_pdf_in_background_and_offers_download(
    client_for, facilitator, workshop
):
    client = client_for(facilitator)
    response = client.post(
        reverse("workshops:report-create", args=[workshop.pk]),
        {"chapters": ["actions"], "lanes": ["doing"]},
    )
    assert response.status_code == 302
    report = workshop.reports.get()
    assert report.status == "done"
    page = client.get(reverse("workshops:report", args=[workshop.pk])).text
    assert reverse("workshops:report-download", args=[report.pk]) in page
    download = client.get(reverse("workshops:report-download", args=[report.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_manager_cannot_start_a_report(client_for, manager, workshop):
    response = client_for(manager).post(
        reverse("workshops:report-create", args=[workshop.pk]), {"chapters": ["actions"]}
    )
    assert response.status_code == 403
