"""Rows of uploaded files to validated follow-up data. Pure logic, no Django.

Two files come in: measure values (`stage, measure, period, value`, one row per value) and
customer feedback exported from a survey tool (any columns; the person maps them). Every row
is checked before anything is returned; an error names the row (the header is row 1), the
column as written in the file and the value. The services write nothing unless there are no
errors, and then everything in one transaction.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from workshops.exports.tables import csv_unsafe

from . import measures
from .tablefile import Errors, RowError, Table, Translate, _same, cell, fold

# --- measure values ----------------------------------------------------------------------------

Q4 = Decimal("0.0001")
VALUE_COLUMNS = ("stage", "measure", "period", "value")
VALUE_ALIASES: dict[str, tuple[str, ...]] = {
    "journey": ("journey", "polku", "asiakaspolku"),
    "stage": ("stage", "vaihe"),
    "measure": ("measure", "mittari", "metric"),
    "period": ("period", "jakso", "kausi", "ajanjakso", "kuukausi", "month"),
    "value": ("value", "arvo"),
}


class MeasureInfo(BaseModel):
    """A measure as the file can name it."""

    id: str
    name: str
    stage: str
    journey: str
    period: Literal["week", "month", "quarter"]
    manual: bool = True


class ValueRow(BaseModel):
    row: int
    measure_id: str
    period_start: datetime.date
    value: Decimal


class ParsedValues(BaseModel):
    rows: list[ValueRow] = []
    errors: list[RowError] = []


def header_positions(header: list[str], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """{field: column position} of the columns whose header is one of the field's names."""
    lookup = {fold(alias): name for name, names in aliases.items() for alias in names}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        name = lookup.get(fold(title))
        if name is not None and name not in positions:
            positions[name] = index
    return positions


def parse_values(
    table: Table, known: Iterable[MeasureInfo], gettext: Translate = _same
) -> ParsedValues:
    """Validate a file of measure values against the workshop's measures."""
    if table.errors:
        return ParsedValues(errors=table.errors)
    errors = Errors(gettext=gettext)
    positions = header_positions(table.header, VALUE_ALIASES)
    missing = [name for name in VALUE_COLUMNS if name not in positions]
    if missing:
        for name in missing:
            errors.add(
                1,
                name,
                "",
                gettext("The column %(column)s is missing (also accepted in Finnish: %(fi)s).")
                % {"column": name, "fi": VALUE_ALIASES[name][1]},
            )
        return ParsedValues(errors=errors.result())
    by_name: dict[tuple[str, str], list[MeasureInfo]] = {}
    by_journey: dict[tuple[str, str, str], list[MeasureInfo]] = {}
    for info in known:
        by_name.setdefault((fold(info.stage), fold(info.name)), []).append(info)
        key = (fold(info.journey), fold(info.stage), fold(info.name))
        by_journey.setdefault(key, []).append(info)
    header = table.header
    title = {name: header[index] for name, index in positions.items()}
    rows: list[ValueRow] = []
    seen: dict[tuple[str, datetime.date], int] = {}
    for number, cells in table.rows:
        # The template CSV guards names against formulas ('=...); read them back as typed.
        stage = csv_unsafe(cell(cells, positions["stage"]))
        name = csv_unsafe(cell(cells, positions["measure"]))
        journey = csv_unsafe(cell(cells, positions.get("journey")))
        if not stage:
            errors.add(number, title["stage"], "", gettext("The stage is empty."))
            continue
        if not name:
            errors.add(number, title["measure"], "", gettext("The measure is empty."))
            continue
        if journey:
            found = by_journey.get((fold(journey), fold(stage), fold(name)), [])
        else:
            found = by_name.get((fold(stage), fold(name)), [])
        if not found:
            errors.add(
                number,
                title["measure"],
                name,
                gettext("No measure %(measure)s on a stage %(stage)s; add the measure first.")
                % {"measure": name, "stage": stage},
            )
            continue
        if len(found) > 1:
            column = title.get("journey", title["stage"])
            errors.add(
                number,
                column,
                journey or stage,
                gettext(
                    "Several journeys have the stage %(stage)s with this measure; name the "
                    "journey in a column journey (polku)."
                )
                % {"stage": stage},
            )
            continue
        info = found[0]
        if not info.manual:
            errors.add(
                number,
                title["measure"],
                name,
                gettext("The measure %(measure)s is computed from the feedback log.")
                % {"measure": name},
            )
            continue
        period_text = cell(cells, positions["period"])
        start = measures.parse_period(period_text, info.period)
        if start is None:
            errors.add(
                number,
                title["period"],
                period_text,
                gettext("Not a period: write e.g. 2025-03, 2025-W11, 2025 Q1 or a date."),
            )
            continue
        value_text = cell(cells, positions["value"])
        value = measures.parse_number(value_text)
        if value is None or abs(value) >= Decimal("1e10"):
            errors.add(number, title["value"], value_text, gettext("Not a number."))
            continue
        key = (info.id, start)
        if key in seen:
            errors.add(
                number,
                title["period"],
                period_text,
                gettext("The same measure and period are already on row %(row)d.")
                % {"row": seen[key]},
            )
            continue
        seen[key] = number
        rows.append(
            ValueRow(row=number, measure_id=info.id, period_start=start, value=value.quantize(Q4))
        )
    if errors:
        return ParsedValues(errors=errors.result())
    return ParsedValues(rows=rows)


# --- customer feedback -------------------------------------------------------------------------

FEEDBACK_FIELDS = ("date", "stage", "rating", "text", "channel", "customer", "tags", "kano_factor")
FEEDBACK_ALIASES: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "päivämäärä",
        "pvm",
        "päiväys",
        "aika",
        "timestamp",
        "submitted",
        "submitted at",
        "response date",
        "vastattu",
        "vastausaika",
    ),
    "stage": ("stage", "vaihe"),
    "rating": (
        "rating",
        "arvosana",
        "arvio",
        "score",
        "nps",
        "grade",
        "satisfaction",
        "tyytyväisyys",
    ),
    "text": (
        "text",
        "comment",
        "comments",
        "feedback",
        "open feedback",
        "palaute",
        "kommentti",
        "kommentit",
        "vapaa palaute",
        "teksti",
    ),
    "channel": ("channel", "kanava"),
    "customer": ("customer", "segment", "asiakas", "segmentti", "asiakasryhmä"),
    "tags": ("tags", "tag", "tunnisteet", "avainsanat"),
    "kano_factor": ("kano factor", "factor", "kano-tekijä", "tekijä"),
}


class FeedbackMapping(BaseModel):
    """Which column holds what (column positions), the rating scale and the fixed stage when
    the file has no stage column."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, int | None]
    scale: Literal[5, 10] = 5
    stage_id: str | None = None
    day_first: bool = True


class FeedbackRow(BaseModel):
    row: int
    date: datetime.date
    stage_id: str
    rating: int | None
    scale: Literal[5, 10] = 5
    text: str = ""
    channel: str = ""
    customer: str = ""
    tags: list[str] = []
    factor_id: str | None = None


class ParsedFeedback(BaseModel):
    rows: list[FeedbackRow] = []
    errors: list[RowError] = []


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """A first guess of the mapping from the file's headers (English or Finnish names)."""
    positions = header_positions(header, FEEDBACK_ALIASES)
    return {name: positions.get(name) for name in FEEDBACK_FIELDS}


_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:[ ,].*)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:[ ,].*)?$")


def parse_date(text: str, *, day_first: bool = True) -> datetime.date | None:
    """A date as survey tools write it: 2025-03-14 (with or without a time), 14.3.2025 and
    14/3/2025 (or 3/14/2025 when `day_first` is False). Two-digit years are 20xx."""
    text = text.strip()
    try:
        if match := _ISO.match(text):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DOTTED.match(text):
            d, m, y = int(match[1]), int(match[2]), int(match[3])
        elif match := _SLASHED.match(text):
            a, b, y = int(match[1]), int(match[2]), int(match[3])
            d, m = (a, b) if day_first else (b, a)
        else:
            return None
        return datetime.date(y + 2000 if y < 100 else y, m, d)
    except ValueError:
        return None


def parse_rating(text: str, scale: int) -> int | None | Literal[False]:
    """An integer rating on the scale, None when empty, False when it is not valid."""
    if not text:
        return None
    number = measures.parse_number(text)
    if number is None or number != number.to_integral_value():
        return False
    low = 1 if scale == 5 else 0
    rating = int(number)
    return rating if low <= rating <= scale else False


def split_tags(text: str) -> list[str]:
    tags = []
    for part in re.split(r"[,;|]", text):
        tag = " ".join(part.split())[:60]
        if tag and tag not in tags:
            tags.append(tag)
    return tags


_MISSING = object()


def parse_feedback(
    table: Table,
    mapping: FeedbackMapping,
    *,
    stages: dict[str, list[str]],
    factors: dict[str, str],
    today: datetime.date,
    gettext: Translate = _same,
) -> ParsedFeedback:
    """Validate a survey export with the person's column mapping.

    `stages` maps a folded stage name, and "journey / stage", to stage ids; `factors` maps a
    folded Kano factor name to its id. A row needs a date not in the future and either a
    rating or a text; the stage comes from its column or, without one, from the mapping.
    """
    if table.errors:
        return ParsedFeedback(errors=table.errors)
    errors = Errors(gettext=gettext)
    columns = {name: mapping.columns.get(name) for name in FEEDBACK_FIELDS}
    for name, index in columns.items():
        if index is not None and not 0 <= index < len(table.header):
            errors.add(1, name, str(index), gettext("This column is not in the file."))
    if columns["date"] is None:
        errors.add(1, "date", "", gettext("Choose the column that holds the date."))
    if columns["rating"] is None and columns["text"] is None:
        errors.add(1, "rating", "", gettext("Choose a column for the rating or the text."))
    if columns["stage"] is None and not mapping.stage_id:
        errors.add(1, "stage", "", gettext("Choose the stage column or one stage for all rows."))
    if errors:
        return ParsedFeedback(errors=errors.result())
    header = table.header
    title = {name: header[index] for name, index in columns.items() if index is not None}
    scale = mapping.scale
    rows: list[FeedbackRow] = []
    bad_rating = gettext("The rating must be a whole number from %(low)d to %(high)d.") % {
        "low": 1 if scale == 5 else 0,
        "high": scale,
    }
    # A survey export repeats the same dates, ratings, stages and tags over and over: each
    # distinct text is parsed once.
    dates: dict = {}
    ratings: dict = {}
    stage_ids: dict[str, list[str]] = {}
    tag_lists: dict[str, list[str]] = {}
    for number, cells in table.rows:
        date_text = cell(cells, columns["date"])
        day = dates.get(date_text, _MISSING)
        if day is _MISSING:
            day = dates[date_text] = parse_date(date_text, day_first=mapping.day_first)
        if day is None:
            errors.add(
                number,
                title["date"],
                date_text,
                gettext("Not a date: write e.g. 2025-03-14 or 14.3.2025."),
            )
            continue
        if day > today:
            errors.add(number, title["date"], date_text, gettext("The date is in the future."))
            continue
        rating_text = cell(cells, columns["rating"])
        rating = ratings.get(rating_text, _MISSING)
        if rating is _MISSING:
            rating = ratings[rating_text] = parse_rating(rating_text, scale)
        if rating is False:
            errors.add(number, title["rating"], rating_text, bad_rating)
            continue
        text = cell(cells, columns["text"])
        if rating is None and not text:
            column = title.get("rating") or title.get("text", "")
            errors.add(number, column, "", gettext("The row has neither a rating nor a text."))
            continue
        if columns["stage"] is not None:
            stage_text = cell(cells, columns["stage"])
            found = stage_ids.get(stage_text)
            if found is None:
                found = stage_ids[stage_text] = stages.get(fold(stage_text), [])
            if len(found) != 1:
                message = (
                    gettext("No stage has this name.")
                    if not found
                    else gettext(
                        "Several journeys have a stage with this name; write it as journey / stage."
                    )
                )
                errors.add(number, title["stage"], stage_text, message)
                continue
            stage_id = found[0]
        else:
            stage_id = mapping.stage_id
        factor_id = None
        factor_text = cell(cells, columns["kano_factor"])
        if factor_text:
            factor_id = factors.get(fold(factor_text))
            if factor_id is None:
                errors.add(
                    number,
                    title["kano_factor"],
                    factor_text,
                    gettext("No Kano factor has this name."),
                )
                continue
        if len(text) > 10000:
            errors.add(number, title["text"], text[:40], gettext("The text is too long."))
            continue
        tags_text = cell(cells, columns["tags"])
        if tags_text not in tag_lists:
            tag_lists[tags_text] = split_tags(tags_text)
        # Every value was checked above and has its type: constructed without validating
        # a second time, which would double the time of a 200,000-row import.
        rows.append(
            FeedbackRow.model_construct(
                row=number,
                date=day,
                stage_id=stage_id,
                rating=rating,
                scale=scale,
                text=text,
                channel=cell(cells, columns["channel"])[:100],
                customer=cell(cells, columns["customer"])[:200],
                tags=list(tag_lists[tags_text]),
                factor_id=factor_id,
            )
        )
    if errors:
        return ParsedFeedback(errors=errors.result())
    return ParsedFeedback(rows=rows)
