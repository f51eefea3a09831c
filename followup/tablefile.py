"""A CSV or XLSX upload as a header and rows of text cells. Pure logic, no Django.

Every problem is a `RowError` naming its row as a spreadsheet shows it (the header is row 1),
its column and value. CSV: UTF-8 with or without BOM, comma, semicolon or tab, found from
the header row. XLSX: the first worksheet. Both are read by `workshops.filereader`, the one
reader every upload shares (zip-bomb checks, encodings, damaged workbooks).
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from workshops import filereader

MAX_FILE_BYTES = 60 * 1024 * 1024
MAX_ROWS = 1_000_000
ZIP_LIMITS = filereader.ZipLimits(max_uncompressed=300 * 1024 * 1024)
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


def read_table(
    data: bytes, filename: str, gettext: Translate = _same, max_rows: int | None = None
) -> Table:
    if len(data) > MAX_FILE_BYTES:
        return _failed(
            gettext("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 1048576}
        )
    if not data.strip():
        return _failed(gettext("The file is empty."))
    name = filename.lower()
    known = (".xlsx", ".xlsm", ".csv", ".txt", ".tsv")
    if not (name.endswith(known) or data[:2] == b"PK" or not name.rpartition(".")[1]):
        return _failed(gettext("Upload a CSV or XLSX file."))
    rows = _rows(data, filename, gettext)
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
        if len(body) >= (max_rows or MAX_ROWS):
            return _failed(
                gettext("The file has more than %(n)d rows.") % {"n": max_rows or MAX_ROWS}
            )
        body.append((number, cells))
    if not header:
        return _failed(gettext("The first row must name the columns."))
    # The cells are str already (csv and cell_text make them): no need to validate 10^6 lists.
    return Table.model_construct(header=header, rows=body, errors=[])


def _failed(message: str) -> Table:
    return Table(errors=[RowError(row=0, column="", message=message)])


def _rows(data: bytes, filename: str, gettext: Translate):
    """The file's rows from the shared reader; a file problem ends them as a RowError."""
    try:
        # UTF-8 only, as Kano: a guessed encoding would change the names rows are matched on.
        yield from filereader.table_rows(
            data, filename, fallback=False, limits=ZIP_LIMITS, gettext=gettext
        )
    except filereader.FileRefused as refused:
        yield refused.row, RowError(row=refused.row, column="", message=refused.message)


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
