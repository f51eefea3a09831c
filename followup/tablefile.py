"""A CSV or XLSX upload as a header and rows of text cells. Pure logic, no Django.

Every problem is a `RowError` naming its row as a spreadsheet shows it (the header is row 1),
its column and value. CSV: UTF-8 with or without BOM, comma, semicolon or tab, found from
the header row. XLSX: the first worksheet, read with openpyxl in read-only mode after the
zip directory has been checked against zip bombs.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
import warnings
import zipfile
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

MAX_FILE_BYTES = 60 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_ERRORS = 50


def _same(text: str) -> str:
    return text


# The caller passes Django's gettext to get the messages in the user's language; the module
# itself stays free of Django. xgettext finds the strings by the `gettext(` calls.
Translate = Callable[[str], str]


class RowError(BaseModel):
    """One problem in a file, where a spreadsheet user can find it."""

    model_config = ConfigDict(frozen=True)

    row: int  # 1-based, the header is row 1; 0 for the whole file
    column: str  # the header as written in the file, "" for the whole row or file
    value: str = ""
    message: str


class Table(BaseModel):
    """The header and the data rows (row number, cells) of a file, or why it cannot be read."""

    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    errors: list[RowError] = []


def fold(text: str) -> str:
    """Text for matching names and headers: case, accents of ä/ö/å and spacing ignored."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = text.translate(str.maketrans({"ä": "a", "ö": "o", "å": "a"}))
    return " ".join(text.split())


def read_table(data: bytes, filename: str, gettext: Translate = _same) -> Table:
    if len(data) > MAX_FILE_BYTES:
        return _failed(
            gettext("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 1048576}
        )
    if not data.strip():
        return _failed(gettext("The file is empty."))
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        rows = _xlsx_rows(data, gettext)
    elif name.endswith((".csv", ".txt", ".tsv")) or not name.rpartition(".")[1]:
        rows = _csv_rows(data, gettext)
    else:
        return _failed(gettext("Upload a CSV or XLSX file."))
    if isinstance(rows, RowError):
        return Table(errors=[rows])
    header: list[str] | None = None
    body = []
    for number, cells in rows:
        if isinstance(cells, RowError):
            return Table(errors=[cells])
        if header is None:
            header = [cell.strip() for cell in cells]
            while header and not header[-1]:
                header.pop()
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(body) >= MAX_ROWS:
            return _failed(gettext("The file has more than %(n)d rows.") % {"n": MAX_ROWS})
        body.append((number, cells))
    if not header:
        return _failed(gettext("The first row must name the columns."))
    # The cells are str already (csv and cell_text make them): no need to validate 10^6 lists.
    return Table.model_construct(header=header, rows=body, errors=[])


def _failed(message: str) -> Table:
    return Table(errors=[RowError(row=0, column="", message=message)])


def _csv_rows(data: bytes, gettext: Translate):
    utf8 = gettext("Save the file as UTF-8 (in Excel: CSV UTF-8).")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return RowError(row=1, column="", message=gettext("The file is UTF-16 text.") + " " + utf8)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        message = gettext("Row %(row)d is not UTF-8 text.") % {"row": row}
        return RowError(row=row, column="", message=message + " " + utf8)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return _csv_records(text, delimiter, gettext)


def _csv_records(text: str, delimiter: str, gettext: Translate):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        message = gettext("Row %(row)d cannot be read (%(error)s).")
        yield (
            number + 1,
            RowError(
                row=number + 1, column="", message=message % {"row": number + 1, "error": error}
            ),
        )


def _xlsx_rows(data: bytes, gettext: Translate):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        return RowError(row=0, column="", message=gettext("The file is not a valid XLSX workbook."))
    total = sum(info.file_size for info in infos)
    dense = any(
        info.file_size > RATIO_CHECK_FROM_BYTES
        and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if len(infos) > MAX_ZIP_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or dense:
        message = gettext("The workbook would unpack too big; it is refused.")
        return RowError(row=0, column="", message=message)
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds on a broken file)
        message = gettext("The XLSX workbook cannot be read (%(error)s).") % {"error": error}
        return RowError(row=0, column="", message=message)
    return _xlsx_records(workbook, gettext)


def _xlsx_records(workbook, gettext: Translate):
    number = 0
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, [cell_text(value) for value in values]
    except Exception as error:  # noqa: BLE001 (a broken worksheet part)
        message = gettext("Row %(row)d cannot be read (%(error)s).")
        yield (
            number + 1,
            RowError(
                row=number + 1, column="", message=message % {"row": number + 1, "error": error}
            ),
        )
    finally:
        workbook.close()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


class Errors:
    """Collects row errors up to a limit, then counts the rest."""

    def __init__(self, limit: int = MAX_ERRORS, gettext: Translate = _same) -> None:
        self.gettext = gettext
        self.items: list[RowError] = []
        self.limit = limit
        self.more = 0

    def add(self, row: int, column: str, value: str, message: str) -> None:
        if len(self.items) >= self.limit:
            self.more += 1
            return
        self.items.append(RowError(row=row, column=column, value=value[:100], message=message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def result(self) -> list[RowError]:
        if self.more:
            return [
                *self.items,
                RowError(
                    row=0,
                    column="",
                    message=self.gettext("%(n)d more errors are not listed; fix these first.")
                    % {"n": self.more},
                ),
            ]
        return list(self.items)
