"""Tables for XLSX and CSV export. Every module lists its tables; one writer serves both.

Formula injection: a text cell that starts with = + - @, a tab or a carriage return could run
as a formula in a spreadsheet. Such cells are written as text in XLSX and prefixed with an
apostrophe in CSV (the OWASP rule), so a typed "=HYPERLINK(...)" stays a harmless string.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, int, number, money, percent, date, bool
    width: int = 18


@dataclass
class Table:
    key: str  # file-name safe, e.g. "stages"
    title: str  # sheet title (max 31 characters in Excel)
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def csv_safe(value):
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_unsafe(text: str) -> str:
    """Undoes csv_safe on a cell read back: a file we wrote and the person filled in."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def csv_rows(rows: list[list]) -> bytes:
    """Plain rows (the first is the header) as a formula-safe UTF-8 CSV with a BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    # BOM so that Excel opens UTF-8 (ä, ö, €) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(column.header) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_safe(row.get(column.key)) for column in table.columns])
    # BOM so that Excel opens UTF-8 (ä, ö, €) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


NUMBER_FORMATS = {
    "int": "0",
    "number": "0.00",
    "money": "#,##0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}


def tables_xlsx(tables: list[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F5F8B")
    used_titles = set()
    for table in tables:
        title = _sheet_title(table.title, used_titles)
        sheet = workbook.create_sheet(title)
        for index, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font, cell.fill = header_font, header_fill
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        for row_index, row in enumerate(table.rows, start=2):
            for index, column in enumerate(table.columns, start=1):
                _write_cell(sheet.cell(row=row_index, column=index), row.get(column.key), column)
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_cell(cell, value, column: Column):
    if value is None or value == "":
        return
    if isinstance(value, str):
        cell.value = value
        # Forced string type: openpyxl would otherwise store "=..." as a formula.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
        if len(value) > 40:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return
    if isinstance(value, Decimal):
        value = float(value)
    cell.value = value
    if (
        column.kind in NUMBER_FORMATS
        and isinstance(value, (int, float, datetime.date))
        and not isinstance(value, bool)
    ):
        cell.number_format = NUMBER_FORMATS[column.kind]


def _sheet_title(title: str, used: set) -> str:
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate in used:
        candidate = f"{clean[:28]} {n}"
        n += 1
    used.add(candidate)
    return candidate
