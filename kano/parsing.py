"""Kano response files (CSV or XLSX, long form) to validated `AnswerPair`s.

Pure logic, no Django. An upload view and `kano_analyze` call `parse_responses`; when the
result has errors, they show them and save nothing. Every row is checked before anything is
returned, and every error names its row (as a spreadsheet shows it: the header is row 1),
column and value, with a stable `code` for the UI to translate.

File format (the Kano issue), one row per respondent and factor:

    respondent, factor, functional, dysfunctional[, importance][, any attribute columns]

- Headers are case-insensitive; Finnish headers work too (vastaaja, tekijä, funktionaalinen,
  dysfunktionaalinen, tärkeys). Any other column with a header is a respondent attribute
  (segment, role, customer group); columns without a header are ignored.
- Answers are 1..5 or the answer words in English or Finnish (see `ANSWER_WORDS`),
  case-insensitive, surrounding spaces ignored. Importance is 1..9 or empty.
- Files are read by `workshops.filereader`, the one reader every upload shares.
- CSV: comma or semicolon, detected from the header row. UTF-8 with or without BOM only: a
  file in another encoding is refused with a message naming the row, not decoded by guessing:
  a cp1252 guess would silently turn the "ä" of a Mac Roman or DOS (cp850) file into other
  letters in factor names, and a wrong factor name is worse than a clear error.
- XLSX: the first worksheet, read with python-calamine after the zip directory has been
  checked against zip bombs (`filereader.check_zip`).
"""

from __future__ import annotations

import csv
import gc
import io
import unicodedata
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Literal

from pydantic import BaseModel, ConfigDict

from kano.analysis import AnswerPair
from workshops import filereader

ErrorCode = Literal[
    "bad_delimiter",
    "bad_encoding",
    "bad_file",
    "duplicate_column",
    "duplicate_row",
    "empty_file",
    "extra_cells",
    "importance_range",
    "missing_column",
    "missing_half",
    "missing_value",
    "too_large",
    "too_many_errors",
    "unknown_answer",
    "unsupported_format",
]

MAX_ERRORS = 50
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 1_000_000
# XLSX (a zip archive): refuse before opening when the parts would unpack too big.
# Worksheet XML compresses ~10-50x; zip bombs ~1000x.
ZIP_LIMITS = filereader.ZipLimits(max_uncompressed=200 * 1024 * 1024, max_ratio=200)

COLUMNS: tuple[str, ...] = ("respondent", "factor", "functional", "dysfunctional", "importance")
REQUIRED_COLUMNS: tuple[str, ...] = COLUMNS[:4]
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "respondent": ("respondent", "vastaaja"),
    "factor": ("factor", "tekijä", "tekija"),
    "functional": ("functional", "funktionaalinen"),
    "dysfunctional": ("dysfunctional", "dysfunktionaalinen"),
    "importance": ("importance", "tärkeys", "tarkeys"),
}

# Accepted answer words per answer 1..5, compared after `_normalize` (case, spaces, ä/ö).
ANSWER_WORDS: dict[int, tuple[str, ...]] = {
    1: ("I like it", "like", "pidän siitä"),
    2: ("I expect it", "expect", "it must be that way", "must-be", "odotan sitä", "edellytän sitä"),
    3: ("I am neutral", "I'm neutral", "neutral", "neutraali", "yhdentekevää"),
    4: ("I can live with it", "live with", "voin sietää sen", "siedän sen"),
    5: ("I dislike it", "dislike", "en pidä siitä"),
}

_ANSWER_HINT = (
    "Use 1-5 or the answer words: I like it, I expect it, I am neutral, I can live with it, "
    "I dislike it (Finnish: pidän siitä, odotan sitä, neutraali, voin sietää sen, en pidä siitä)."
)


Rows = Generator[tuple[int, list[str]], None, None]


class RowError(BaseModel):
    """One problem in an uploaded file, where a spreadsheet user can find it."""

    model_config = ConfigDict(frozen=True)

    row: int  # 1-based, the header is row 1
    column: str  # the header as written in the file, "" when the whole row or file is meant
    value: str
    message: str
    code: ErrorCode


class ParsedResponses(BaseModel):
    """The pairs of a file, or the errors why it cannot be used (then `pairs` is empty)."""

    pairs: list[AnswerPair] = []
    errors: list[RowError] = []
    attribute_columns: list[str] = []


_ASCII_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "’": "'"})


def _fold(text: str) -> str:
    # "Tärkeys", "TARKEYS" and a decomposed "ä" from a Mac all match "tarkeys".
    return unicodedata.normalize("NFC", text).casefold().translate(_ASCII_FOLD)


def _normalize(text: str) -> str:
    return " ".join(_fold(text).split()).rstrip(".!")


_HEADER_LOOKUP: dict[str, str] = {
    _normalize(alias): column for column, aliases in HEADER_ALIASES.items() for alias in aliases
}
_ANSWER_LOOKUP: dict[str, int] = {str(answer): answer for answer in ANSWER_WORDS}
_ANSWER_LOOKUP.update(
    {_normalize(word): answer for answer, words in ANSWER_WORDS.items() for word in words}
)
_IMPORTANCE_LOOKUP: dict[str, int] = {str(value): value for value in range(1, 10)}


def parse_responses(data: bytes, filename: str, max_rows: int | None = None) -> ParsedResponses:
    """Read a Kano response file (CSV or XLSX, long form) into answer pairs.

    Validates every row (answers 1..5 or answer words, importance 1..9, both halves of each
    pair, one row per respondent and factor) and collects up to `MAX_ERRORS` errors, then a
    closing "too_many_errors" entry if there were more. Data errors are returned, never
    raised; when there is any error, `pairs` is empty so that nothing half-checked is saved.
    The format is described in the module docstring.
    """
    collector = _Errors()
    if len(data) > MAX_FILE_BYTES:
        collector.add(
            1,
            "",
            "",
            "too_large",
            f"The file is {len(data) // (1024 * 1024)} MB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB.",
        )
        return collector.result()
    name = filename.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0") or name.endswith((".xls", ".ods", ".numbers")):
        collector.add(
            1,
            "",
            "",
            "unsupported_format",
            "This spreadsheet format is not supported; save the file as XLSX or as CSV UTF-8.",
        )
        return collector.result()
    if data.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(data, collector)
    else:
        rows = _csv_rows(data, collector)
    if rows is None:
        return collector.result()
    with _gc_paused():
        return _parse_rows(rows, collector, max_rows or MAX_ROWS)


def _csv_rows(data: bytes, errors: _Errors) -> Rows | None:
    try:
        # UTF-8 only: see the module docstring for why no other encoding is guessed.
        text = filereader.decode_text(data, fallback=False)
    except filereader.FileRefused as refused:
        errors.add(refused.row or 1, "", _line(data, refused.row), "bad_encoding", refused.message)
        return None
    if not text.strip():
        errors.add(1, "", "", "empty_file", "The file is empty.")
        return None
    header_line = text.split("\n", 1)[0].rstrip("\r")
    try:
        widths = {
            delimiter: len(next(csv.reader([header_line], delimiter=delimiter), []))
            for delimiter in ",;"
        }
    except csv.Error as error:  # e.g. a header cell over the csv module's field limit
        errors.add(1, "", "", "bad_file", f"Row 1: the CSV cannot be read ({error}).")
        return None
    delimiter = max(",;", key=lambda d: widths[d])
    if widths[delimiter] < 2 and header_line.strip():  # an empty row 1 is reported later
        seen = "tabs" if "\t" in header_line else "neither commas nor semicolons"
        errors.add(
            1,
            "",
            header_line[:100],
            "bad_delimiter",
            f"Row 1: the header has a single column; the file seems to use {seen}. "
            "Separate the columns with a comma (,) or a semicolon (;).",
        )
        return None
    return _checked(filereader.csv_rows(text, delimiter=delimiter), errors)


def _xlsx_rows(data: bytes, errors: _Errors) -> Rows | None:
    try:
        filereader.check_zip(data, ZIP_LIMITS, what="XLSX")
    except filereader.FileRefused as refused:
        errors.add(1, "", "", refused.code, refused.message)
        return None
    try:
        rows = filereader.xlsx_rows(data, ZIP_LIMITS)
    except filereader.FileRefused as refused:
        errors.add(1, "", "", refused.code, refused.message)
        return None
    return _checked(
        ((number, [_cell_text(value) for value in values]) for number, values in rows), errors
    )


def _line(data: bytes, row: int) -> str:
    """Row `row` of a file's bytes, shown as far as it can be (for an encoding error)."""
    if row < 1:
        return ""
    line = data.split(b"\n", row)[row - 1] if data.count(b"\n") >= row - 1 else b""
    return line.decode("utf-8", errors="replace").strip()[:100]


def _checked(rows, errors: _Errors) -> Rows:
    """The rows, with a file problem met on the way (a broken row or part) as an error."""
    try:
        yield from rows
    except filereader.FileRefused as refused:
        errors.add(refused.row or 1, "", "", refused.code, refused.message)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Errors:
    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.overflow = 0
        self.last_row = 0

    def add(self, row: int, column: str, value: str, code: ErrorCode, message: str) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.overflow += 1
            self.last_row = row
            return
        self.errors.append(
            RowError(row=row, column=column, value=value[:100], message=message, code=code)
        )

    def result(self, attribute_columns: list[str] | None = None) -> ParsedResponses:
        errors = list(self.errors)
        if self.overflow:
            errors.append(
                RowError(
                    row=self.last_row,
                    column="",
                    value="",
                    code="too_many_errors",
                    message=f"{self.overflow} more errors up to row {self.last_row} are not "
                    f"listed; fix the ones above and upload the file again.",
                )
            )
        return ParsedResponses(errors=errors, attribute_columns=attribute_columns or [])


def _read_header(names: list[str], errors: _Errors) -> tuple[dict[str, int], dict[str, int]]:
    """Positions of the known columns (by canonical name) and of the attribute columns (by
    the header as written); duplicated and missing columns are row 1 errors."""
    index: dict[str, int] = {}  # canonical column -> position
    attributes: dict[str, int] = {}  # attribute header as written -> position
    for position, name in enumerate(names):
        if not name:
            continue
        column = _HEADER_LOOKUP.get(_normalize(name))
        target, key = (index, column) if column else (attributes, name)
        if key in target:
            errors.add(
                1,
                name,
                name,
                "duplicate_column",
                f"Row 1, column '{name}': the column appears twice; keep one.",
            )
        else:
            target[key] = position
    for column in REQUIRED_COLUMNS:
        if column not in index:
            accepted = " / ".join(HEADER_ALIASES[column][:2])
            errors.add(
                1,
                column,
                "",
                "missing_column",
                f"Row 1: the required column '{column}' is missing (header {accepted}). "
                "The columns are: respondent, factor, functional, dysfunctional"
                "[, importance][, attribute columns].",
            )
    return index, attributes


# Shared by every parsed pair (a plain set: model_copy copies it before changing it).
_PAIR_FIELDS = set(AnswerPair.model_fields)


def _parse_rows(rows: Rows, errors: _Errors, max_rows: int) -> ParsedResponses:
    header = next(rows, None)
    if header is None:
        errors.add(1, "", "", "empty_file", "The file is empty.")
        return errors.result()
    if not any(cell.strip() for cell in header[1]):
        errors.add(
            1,
            "",
            "",
            "missing_column",
            "Row 1 is empty; it must be the header: respondent, factor, functional, "
            "dysfunctional[, importance][, attribute columns].",
        )
        rows.close()  # the XLSX reader closes its workbook
        return errors.result()
    names = [cell.strip() for cell in header[1]]

    index, attributes = _read_header(names, errors)
    if errors.errors:
        rows.close()
        return errors.result(list(attributes))

    respondent_at, factor_at = index["respondent"], index["factor"]
    functional_at, dysfunctional_at = index["functional"], index["dysfunctional"]
    importance_at = index.get("importance")
    header_of = {column: names[position] for column, position in index.items()}
    width = len(names)
    attribute_items = list(attributes.items())

    seen: dict[tuple[str, str], int] = {}
    pairs: list[AnswerPair] = []
    # Repeated texts (factor names, segments, respondents) share one string object.
    strings: dict[str, str] = {}
    share = strings.setdefault
    for row, cells in rows:
        if row > max_rows + 1:
            errors.add(
                row,
                "",
                "",
                "too_large",
                f"Row {row}: the file has more than {max_rows} answer rows.",
            )
            break
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        respondent = cells[respondent_at].strip()
        respondent = share(respondent, respondent)
        factor = cells[factor_at].strip()
        factor = share(factor, factor)
        functional_text = cells[functional_at]
        dysfunctional_text = cells[dysfunctional_at]
        importance_text = cells[importance_at] if importance_at is not None else ""
        if not respondent and not factor and not any(cell.strip() for cell in cells):
            continue  # a blank row, as spreadsheets often leave at the end
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            errors.add(
                row,
                "",
                cells[width].strip(),
                "extra_cells",
                f"Row {row} has {len(cells)} cells but the header has {width} columns; "
                "a value probably contains an unquoted delimiter.",
            )
            continue
        row_ok = True
        for column, value in (("respondent", respondent), ("factor", factor)):
            if not value:
                row_ok = False
                errors.add(
                    row,
                    header_of[column],
                    "",
                    "missing_value",
                    f"Row {row}, column '{header_of[column]}': the {column} is empty.",
                )
        answers: list[int] = []
        for column, text in (
            ("functional", functional_text),
            ("dysfunctional", dysfunctional_text),
        ):
            answer = _ANSWER_LOOKUP.get(text)
            if answer is None:
                answer = _answer(text)
            if answer is None:
                row_ok = False
                if not text.strip():
                    errors.add(
                        row,
                        header_of[column],
                        "",
                        "missing_half",
                        f"Row {row}, column '{header_of[column]}': respondent '{respondent}' "
                        f"has no {column} answer for factor '{factor}'; both halves of the "
                        "pair are needed.",
                    )
                else:
                    errors.add(
                        row,
                        header_of[column],
                        text.strip(),
                        "unknown_answer",
                        f"Row {row}, column '{header_of[column]}': '{text.strip()}' is not an "
                        f"answer. {_ANSWER_HINT}",
                    )
            answers.append(answer or 0)
        importance: int | None = None
        if importance_text:
            importance = _IMPORTANCE_LOOKUP.get(importance_text) or _importance(importance_text)
            if importance is None and importance_text.strip():
                row_ok = False
                errors.add(
                    row,
                    header_of["importance"],
                    importance_text.strip(),
                    "importance_range",
                    f"Row {row}, column '{header_of['importance']}': importance "
                    f"'{importance_text.strip()}' must be a whole number from 1 to 9, or empty.",
                )
        if respondent and factor:
            earlier = seen.get((respondent, factor))
            if earlier is not None:
                row_ok = False
                errors.add(
                    row,
                    header_of["factor"],
                    factor,
                    "duplicate_row",
                    f"Row {row}, column '{header_of['factor']}': respondent '{respondent}' "
                    f"already answered factor '{factor}' on row {earlier}; keep one row.",
                )
            else:
                seen[respondent, factor] = row
        if row_ok and not errors.errors:
            attribute_values = {}
            for name, at in attribute_items:
                value = cells[at].strip()
                if value:
                    attribute_values[name] = share(value, value)
            # Every value was checked above, so the pair is built without validating it again:
            # at 400,000 rows that halves the time and, with the shared field set, saves
            # about 350 MB (pydantic would copy the dict and give each pair its own set).
            pairs.append(
                AnswerPair.model_construct(
                    _PAIR_FIELDS,
                    respondent=respondent,
                    factor=factor,
                    functional=answers[0],
                    dysfunctional=answers[1],
                    importance=importance,
                    attributes=attribute_values,
                )
            )
    rows.close()

    attribute_columns = list(attributes)
    if not errors.errors and not errors.overflow and not pairs:
        errors.add(
            2,
            "",
            "",
            "empty_file",
            "The file has a header but no answer rows.",
        )
    if errors.errors:
        return errors.result(attribute_columns)
    return ParsedResponses.model_construct(
        pairs=pairs, errors=[], attribute_columns=attribute_columns
    )


def _importance(text: str) -> int | None:
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() and 1 <= number <= 9 else None


def _answer(text: str) -> int | None:
    normalized = _normalize(text)
    answer = _ANSWER_LOOKUP.get(normalized)
    if answer is None:
        try:
            number = float(normalized)
        except ValueError:
            return None
        if number.is_integer() and 1 <= number <= 5:
            answer = int(number)
    return answer


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Hundreds of thousands of new rows and pairs trigger repeated full collections that find
    # nothing to free (none of them is in a reference cycle); pausing the collector halves the
    # time of a 400,000-row import. The previous state is restored even on an exception.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def response_template_csv(*, language: Literal["en", "fi"] = "en") -> bytes:
    """A small example response file to download: UTF-8 with BOM (so Excel shows ä and ö),
    comma-separated, with English or Finnish headers and answers as numbers and as words."""
    if language == "fi":
        rows = [
            ["vastaaja", "tekijä", "funktionaalinen", "dysfunktionaalinen", "tärkeys", "segmentti"],
            ["v1", "Nopea toimitus", "1", "4", "7", "Yritysasiakas"],
            ["v1", "Selkeä lasku", "2", "5", "9", "Yritysasiakas"],
            ["v2", "Nopea toimitus", "pidän siitä", "en pidä siitä", "", "Kuluttaja"],
            ["v2", "Selkeä lasku", "odotan sitä", "voin sietää sen", "6", "Kuluttaja"],
        ]
    else:
        rows = [
            ["respondent", "factor", "functional", "dysfunctional", "importance", "segment"],
            ["r1", "Fast delivery", "1", "4", "7", "Business"],
            ["r1", "Clear invoice", "2", "5", "9", "Business"],
            ["r2", "Fast delivery", "I like it", "I dislike it", "", "Consumer"],
            ["r2", "Clear invoice", "I expect it", "I can live with it", "6", "Consumer"],
        ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
