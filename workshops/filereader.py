"""The one reader of uploaded CSV, XLSX and ZIP files. Pure logic, no Django.

Kano responses, profitability model files and follow-up imports all come through here, so a
file is judged the same way everywhere:

- Text: UTF-8 with or without BOM. A UTF-16 or UTF-32 file (found by its BOM, or by the NUL
  bytes every other byte of a BOM-less UTF-16 file carries) is refused with a message naming
  the encoding: read as UTF-8 its header would be garbage and the user would be told that a
  column is missing. Bytes that are not UTF-8 are read as cp1252 (what Excel on Windows
  writes; Latin-1 for the five bytes cp1252 leaves undefined) unless the caller asks for
  UTF-8 only.
- CSV: comma, semicolon or tab, whichever the header row holds most of.
- ZIP (an XLSX is one): refused before anything is unpacked when its directory promises too
  many members, too many bytes in all, or a member that expands more than `max_ratio` times.
  Python's zipfile never returns more than a member's declared size, so the directory can be
  trusted.
- XLSX: the first worksheet, read with python-calamine (Rust, no XML entity expansion, so a
  "billion laughs" workbook cannot grow); a truncated or corrupt workbook is a `FileRefused`.

Every problem is a `FileRefused` whose `message` the person can act on; the caller passes
Django's gettext to get it in the user's language, and the module stays free of Django.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


class FileRefused(Exception):
    """A file that cannot be read, with the reason the person sees. `code` is stable."""

    def __init__(self, message: str, code: str = "bad_file", row: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.row = row


@dataclass(frozen=True)
class ZipLimits:
    """What a ZIP (or an XLSX, which is one) may promise in its directory."""

    max_members: int = 10_000
    max_uncompressed: int = 500 * 1024 * 1024
    max_ratio: int = 200
    # Small members compress well by nature (XML styles, repeated headers): only members
    # larger than this are held to `max_ratio`.
    ratio_from_bytes: int = 1024 * 1024


DEFAULT_ZIP_LIMITS = ZipLimits()
UTF8_HINT = "Save the file as UTF-8 (in Excel: CSV UTF-8)."

_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def unsupported_encoding(data: bytes) -> str | None:
    """The name of a wide encoding the file is in (UTF-16, UTF-32), or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    # Without a BOM: UTF-16 text of Latin letters has a NUL in every other byte.
    if len(head) >= 8 and head.count(b"\x00") * 3 > len(head):
        return "UTF-16"
    return None


def decode_text(data: bytes, *, fallback: bool = True, gettext: Translate = _same) -> str:
    """The text of a file: UTF-8 (BOM dropped), else cp1252/Latin-1 when `fallback`."""
    wide = unsupported_encoding(data)
    if wide:
        message = gettext("The file is %(encoding)s text, which is not supported.") % {
            "encoding": wide
        }
        raise FileRefused(message + " " + gettext(UTF8_HINT), "bad_encoding", 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if not fallback:
            row = data.count(b"\n", 0, error.start) + 1
            message = gettext("Row %(row)d is not UTF-8 text (byte 0x%(byte)02X).") % {
                "row": row,
                "byte": data[error.start],
            }
            raise FileRefused(message + " " + gettext(UTF8_HINT), "bad_encoding", row) from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff_delimiter(header_line: str, candidates: str = ",;\t") -> str:
    """The candidate the header row holds most of (the first one on a tie)."""
    return max(candidates, key=header_line.count)


def csv_rows(text: str, *, delimiter: str | None = None, gettext: Translate = _same):
    """(row number, cells) of CSV text; the header is row 1. A broken row is a FileRefused."""
    if delimiter is None:
        delimiter = sniff_delimiter(text.split("\n", 1)[0])
    # strict: an unclosed quote is an error, not a cell that swallows the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as error:
        message = gettext("Row %(row)d cannot be read (%(error)s).")
        raise FileRefused(
            message % {"row": number + 1, "error": error}, "bad_file", number + 1
        ) from None


def check_zip(
    source: bytes | Path,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    *,
    what: str = "ZIP",
    gettext: Translate = _same,
) -> list[zipfile.ZipInfo]:
    """The members of a ZIP whose directory keeps within `limits`, else a FileRefused."""
    try:
        opened = source if isinstance(source, Path) else io.BytesIO(source)
        with zipfile.ZipFile(opened) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        message = gettext("The file is not a valid %(kind)s file.") % {"kind": what}
        raise FileRefused(message, "bad_file") from None
    total = sum(info.file_size for info in infos)
    refused = gettext("refused as a zip bomb")
    if len(infos) > limits.max_members:
        message = gettext("The %(kind)s file has %(n)d parts (at most %(limit)d); %(why)s.")
        values = {"kind": what, "n": len(infos), "limit": limits.max_members, "why": refused}
        raise FileRefused(message % values, "too_large")
    if total > limits.max_uncompressed:
        message = gettext(
            "The %(kind)s file would unpack to %(mb)d MB (at most %(limit)d MB); %(why)s."
        )
        values = {
            "kind": what,
            "mb": total // 1048576,
            "limit": limits.max_uncompressed // 1048576,
            "why": refused,
        }
        raise FileRefused(message % values, "too_large")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_from_bytes and ratio > limits.max_ratio:
            message = gettext(
                "The part %(name)s expands %(ratio)d times (at most %(limit)d); %(why)s."
            )
            values = {
                "name": info.filename,
                "ratio": ratio,
                "limit": limits.max_ratio,
                "why": refused,
            }
            raise FileRefused(message % values, "too_large")
    return infos


def xlsx_rows(
    data: bytes, limits: ZipLimits = DEFAULT_ZIP_LIMITS, *, gettext: Translate = _same
) -> Iterator[tuple[int, list[object]]]:
    """(row number, cell values) of the first worksheet of an XLSX; the header is row 1.

    The workbook is checked and opened now (a FileRefused is raised here, not while
    iterating). Values are python-calamine's: str, int, float, bool, date, datetime; empty
    cells are "".
    """
    check_zip(data, limits, what="XLSX", gettext=gettext)
    import python_calamine  # only XLSX uploads pay for the import

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps leading empty rows and columns, so row numbers and
        # columns match what the spreadsheet shows.
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # noqa: BLE001 (calamine raises several kinds on a broken file)
        raise FileRefused(_xlsx_message(error, gettext), "bad_file") from None
    return enumerate((list(values) for values in rows), start=1)


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def _xlsx_message(error: Exception, gettext: Translate) -> str:
    message = gettext("The XLSX workbook is damaged or truncated and cannot be read (%(error)s).")
    return message % {"error": _first_line(error)}


def cell_text(value: object) -> str:
    """A cell as the person typed it: whole numbers without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def is_xlsx(data: bytes, filename: str) -> bool:
    return data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm"))


def is_old_spreadsheet(data: bytes, filename: str) -> bool:
    """An .xls/.ods/.numbers file or an OLE2 container (old Excel), which we do not read."""
    return data.startswith(b"\xd0\xcf\x11\xe0") or filename.lower().endswith(
        (".xls", ".ods", ".numbers")
    )


def table_rows(
    data: bytes,
    filename: str,
    *,
    fallback: bool = True,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
    gettext: Translate = _same,
) -> Iterator[tuple[int, list[str]]]:
    """(row number, text cells) of a CSV or XLSX file; problems are FileRefused."""
    if not data.strip():
        raise FileRefused(gettext("The file is empty."), "empty_file", 1)
    if is_old_spreadsheet(data, filename):
        message = gettext("This spreadsheet format is not supported; save it as XLSX or CSV UTF-8.")
        raise FileRefused(message, "unsupported_format", 1)
    if is_xlsx(data, filename):
        for number, values in xlsx_rows(data, limits, gettext=gettext):
            yield number, [cell_text(value) for value in values]
        return
    if _looks_binary(data):
        message = gettext("The file is not a CSV or XLSX file.")
        raise FileRefused(message, "unsupported_format", 1)
    yield from csv_rows(decode_text(data, fallback=fallback, gettext=gettext), gettext=gettext)


# Signatures of files people pick by mistake, with the name the person knows them by.
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an XLSX workbook)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (XLS or DOC)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def binary_kind(data: bytes) -> str | None:
    """What a non-text file is ("a PNG image", ...), "a binary file" for other binary data,
    or None for text (UTF-16 and UTF-32 count as text: `unsupported_encoding` names them)."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if unsupported_encoding(data) is None and b"\x00" in data[:4096]:
        return "a binary file"
    return None


def _looks_binary(data: bytes) -> bool:
    if data.startswith(tuple(signature for signature, _kind in _SIGNATURES[:4])):
        return True
    # Text never holds NUL bytes once UTF-16/32 (told apart above) are excluded.
    return unsupported_encoding(data) is None and b"\x00" in data[:4096]
