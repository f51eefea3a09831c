"""Reading one model file (CSV or XLSX bytes) into a frame of text cells.

Every cell stays text here (null when empty); ``loading`` parses and validates the columns.
Headers are normalised (lower case, underscores, å/ä/ö folded) and Finnish headers mapped
to the English names. A ``_row`` column keeps the spreadsheet row (header = row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from workshops import filereader

from .errors import InputError, ModelError

ROW = "_row"

# Limits for an uploaded XLSX, checked on the zip directory before the workbook is opened.
XLSX_LIMITS = filereader.ZipLimits(
    max_members=10_000, max_uncompressed=1_000_000_000, max_ratio=200, ratio_from_bytes=10_000_000
)

FINNISH_HEADERS = {
    "asiakas_id": "customer_id",
    "asiakasid": "customer_id",
    "asiakasnumero": "customer_id",
    "asiakasnro": "customer_id",
    "asiakas": "customer_id",
    "nimi": "name",
    "asiakkaan_nimi": "name",
    "segmentti": "segment",
    "tilaus_id": "order_id",
    "tilausid": "order_id",
    "tilausnumero": "order_id",
    "tilausnro": "order_id",
    "tilaus": "order_id",
    "maara": "quantity",
    "kpl": "quantity",
    "myynti": "revenue",
    "liikevaihto": "revenue",
    "ostohinta": "cogs",
    "hankintameno": "cogs",
    "hankintahinta": "cogs",
    "paiva": "date",
    "pvm": "date",
    "paivamaara": "date",
    "tuote_id": "product_id",
    "tuoteid": "product_id",
    "tuotenumero": "product_id",
    "tuote": "product_id",
    "aktiviteetti": "activity",
    "toiminto": "activity",
    "kustannusryhma": "cost_group",
    "ajuri": "driver",
    "kustannusajuri": "driver",
    "kustannus": "cost",
    "kustannukset": "cost",
    "kapasiteetti": "capacity",
    "hinta": "rate",
    "yksikkohinta": "rate",
    "resurssi": "resource",
    "yksikkoaika": "unit_time",
    "kohdistamaton": "unallocated",
    "kaytannon_kapasiteetti": "practical_capacity",
    "minuuttihinta": "rate_per_minute",
}

# Driver names a consultant may write in Finnish; other names are matched as written.
FINNISH_DRIVERS = {
    "tilaukset": "orders",
    "tilausrivit": "order_lines",
    "rivit": "order_lines",
    "maara": "quantity",
    "myynti": "revenue",
    "liikevaihto": "revenue",
    "ostohinta": "cogs",
    "kate": "gross_margin",
    "myyntikate": "gross_margin",
}

_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "\ufeff": None})


def canonical_name(text: str) -> str:
    """``" Määrä (kpl)"`` -> ``"maara_kpl"``: the form headers and drivers are compared in."""
    folded = text.strip().lower().translate(_FOLD)
    return re.sub(r"[^0-9a-z_]+", "_", folded).strip("_")


def canonical_header(text: str) -> str:
    name = canonical_name(text)
    return FINNISH_HEADERS.get(name, name)


def canonical_driver(text: str) -> str:
    name = canonical_name(text)
    return FINNISH_DRIVERS.get(name, name)


@dataclass(frozen=True)
class RawTable:
    """One file's cells as text, under canonical headers, with the ``_row`` column."""

    file: str
    frame: pl.DataFrame
    headers: dict[str, str]  # canonical name -> header as written

    def header(self, name: str) -> str:
        return self.headers.get(name, name)


def read_table(
    filename: str,
    data: bytes | None = None,
    *,
    path: Path | None = None,
    max_rows: int | None = None,
) -> RawTable:
    """Read CSV or XLSX bytes (or a file at ``path``); the format comes from the extension.

    A UTF-8 CSV on disk is handed to polars by path, so its bytes are never held in memory.
    """
    lower = filename.lower()
    if data is None and path is None:
        raise ValueError("give the file's bytes or its path")
    if lower.endswith(".xlsx"):
        header, columns = _read_xlsx(filename, data if data is not None else path.read_bytes())
    elif lower.endswith((".csv", ".txt")):
        header, columns = _read_csv(filename, data, path)
    else:
        raise ModelError([InputError(filename, None, None, "use a .csv or .xlsx file")])
    if max_rows is not None and columns.height > max_rows:
        message = f"the file has {columns.height:,} data rows; at most {max_rows:,} are read"
        raise ModelError([InputError(filename, None, None, message)])
    return _raw_table(filename, header, columns)


def _raw_table(filename: str, header: list[str], frame: pl.DataFrame) -> RawTable:
    errors = []
    headers: dict[str, str] = {}
    names = []
    for position, written in enumerate(header):
        name = canonical_header(written) if written and written.strip() else ""
        if not name:
            column = frame.get_column(frame.columns[position])
            if column.null_count() < frame.height:
                errors.append(
                    InputError(filename, 1, f"#{position + 1}", "the column has no header")
                )
            names.append(f"_blank_{position}")
            continue
        if name in headers:
            errors.append(
                InputError(filename, 1, written.strip(), f"the column {name} appears twice")
            )
            names.append(f"_blank_{position}")
            continue
        headers[name] = written.strip()
        names.append(name)
    if errors:
        raise ModelError(errors)
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    frame = frame.select([name for name in names if not name.startswith("_blank_")])
    # Strip only the columns that need it: each rewrite of a 2-million-row column costs memory.
    padded = frame.select(pl.all().str.contains(r"^\s|\s$|^$").any()).row(0, named=True)
    stripped = [name for name, has_space in padded.items() if has_space]
    if stripped:
        frame = frame.with_columns(
            pl.when(pl.col(name).str.strip_chars().str.len_bytes() > 0)
            .then(pl.col(name).str.strip_chars())
            .alias(name)
            for name in stripped
        )
    frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
    data_columns = [c for c in frame.columns if c != ROW]
    if data_columns:
        filled = pl.any_horizontal(pl.col(data_columns).is_not_null())
        if not frame.select(filled.all()).item():
            frame = frame.filter(filled)
    if frame.height == 0:
        raise ModelError([InputError(filename, 2, None, "the file has a header but no data rows")])
    return RawTable(filename, frame, headers)


def _is_utf8(chunks) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _file_chunks(path: Path, size: int = 1 << 20):
    with path.open("rb") as handle:
        while chunk := handle.read(size):
            yield chunk


def _byte_chunks(data: bytes, size: int = 1 << 20):
    view = memoryview(data)
    for start in range(0, len(view), size):
        yield view[start : start + size]


def decode_text(data: bytes, filename: str = "") -> bytes:
    """UTF-8 bytes without a BOM; bytes that are not valid UTF-8 are read as cp1252
    (workshops.filereader); a UTF-16 or UTF-32 file is refused, naming its encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if filereader.unsupported_encoding(data) is None and _is_utf8(_byte_chunks(data)):
        return data
    return filereader.decode_text(data, fallback=True).encode("utf-8")


def _refused(filename: str, refused: filereader.FileRefused) -> ModelError:
    return ModelError([InputError(filename, None, None, reader_message(refused))])


def reader_message(refused: filereader.FileRefused) -> str:
    """The shared reader's sentence in this module's style ("file: the problem")."""
    message = refused.message.rstrip(".")
    return message[:1].lower() + message[1:]


class _NotUtf8(Exception):
    pass


def _read_csv(
    filename: str, data: bytes | None, path: Path | None
) -> tuple[list[str], pl.DataFrame]:
    source: bytes | Path
    if data is None:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    try:
        if data is None and not filereader.unsupported_encoding(head):
            if not _is_utf8(_file_chunks(path)):
                raise _NotUtf8
            source = path
        else:
            source = decode_text(data if data is not None else path.read_bytes(), filename)
            head = source[: 1 << 16]
    except _NotUtf8:
        source = decode_text(path.read_bytes(), filename)
        head = source[: 1 << 16]
    except filereader.FileRefused as refused:
        raise _refused(filename, refused) from None
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not head.strip():
        raise ModelError([InputError(filename, None, None, "the file is empty")])
    first_line = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").rstrip("\r")
    separator = filereader.sniff_delimiter(first_line)
    header = next(csv.reader([first_line], delimiter=separator))
    try:
        frame = pl.read_csv(
            source if isinstance(source, Path) else io.BytesIO(source),
            separator=separator,
            infer_schema=False,
            has_header=True,
        )
    except pl.exceptions.PolarsError as error:
        message = str(error).splitlines()[0]
        raise ModelError(
            [InputError(filename, None, None, f"cannot read the CSV: {message}")]
        ) from None
    if len(header) != frame.width:
        raise ModelError([InputError(filename, 1, None, "cannot read the header row")])
    return header, frame


def check_xlsx_archive(filename: str, data: bytes) -> None:
    """Refuse archives that would expand into too much XML (a zip bomb), before parsing."""
    try:
        filereader.check_zip(data, XLSX_LIMITS, what="XLSX")
    except filereader.FileRefused as refused:
        raise _refused(filename, refused) from None


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(filename: str, data: bytes) -> tuple[list[str], pl.DataFrame]:
    if not data:
        raise ModelError([InputError(filename, None, None, "the file is empty")])
    try:
        rows = [values for _number, values in filereader.xlsx_rows(data, XLSX_LIMITS)]
    except filereader.FileRefused as refused:
        raise _refused(filename, refused) from None
    rows = [[None if cell == "" else cell for cell in row] for row in rows]
    if not rows or all(cell is None for cell in rows[0]):
        raise ModelError([InputError(filename, None, None, "the file is empty")])
    header = [_cell_text(cell) or "" for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = [[_cell_text(cell) for cell in row[:width]] for row in rows[1:]]
    columns = {f"c{i}": [row[i] if i < len(row) else None for row in body] for i in range(width)}
    frame = pl.DataFrame(columns, schema={name: pl.String for name in columns})
    return header, frame
