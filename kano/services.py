"""Kano reads and writes that span several models.

The figures themselves come from `kano.analysis`: this module only turns stored answers into
its numpy arrays (one GROUP BY query, however many respondents) and writes imports in one
transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Max
from django.db.models.fields.json import KeyTransform
from django.utils import timezone
from django.utils.translation import gettext as _

from workshops.language import method_language
from workshops.uploads import max_rows

from . import parsing, questions
from .analysis import DEFAULT_THRESHOLD, FactorResult, analyze_arrays
from .models import Answer, Factor, Respondent, RespondentSource, Survey
from .parsing import RowError

ANSWER_BATCH = 20_000


def create_factor(*, workshop, name, description="", position=None) -> Factor:
    """A new factor at the end of the list, with both questions generated from its name in
    the workshop's language (editable afterwards)."""
    functional, dysfunctional = questions.default_questions(name, method_language(workshop))
    if position is None:
        position = (workshop.kano_factors.aggregate(m=Max("position"))["m"] or 0) + 1
    return Factor.objects.create(
        workshop=workshop,
        name=name.strip(),
        description=description,
        functional_question=functional,
        dysfunctional_question=dysfunctional,
        position=position,
    )


# --- analysis ---------------------------------------------------------------------------------


def _answers(survey, attribute=None, value=None):
    answers = Answer.objects.filter(respondent__survey=survey)
    if attribute:
        answers = answers.annotate(
            _attribute=KeyTransform(attribute, "respondent__attributes")
        ).filter(_attribute=value)
    return answers


def survey_results(
    survey: Survey,
    *,
    attribute: str | None = None,
    value: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    factor_ids: list | None = None,
) -> list[FactorResult]:
    """Every figure per factor of one round, optionally of the respondents whose attribute
    has `value`. Each `FactorResult.factor` is the factor's id as a string, so renamed factors
    still match between rounds; results follow the workshop's factor order.

    One GROUP BY query turns the answers into at most 250 cells per factor (functional x
    dysfunctional x importance); `numpy.repeat` rebuilds the pairs for `analyze_arrays`,
    so the figures are exactly those of the same answers in a file.
    """
    if factor_ids is None:
        factor_ids = list(survey.workshop.kano_factors.values_list("pk", flat=True))
    cells = list(
        _answers(survey, attribute, value)
        .values_list("factor_id", "functional", "dysfunctional", "importance")
        .annotate(n=Count("pk"))
        .order_by()
    )
    index = {pk: code for code, pk in enumerate(factor_ids)}
    cells = [cell for cell in cells if cell[0] in index]
    counts = np.array([cell[4] for cell in cells], dtype=np.int64)

    def column(values):
        return np.repeat(np.array(values, dtype=np.int64), counts)

    return analyze_arrays(
        column([index[cell[0]] for cell in cells]),
        column([cell[1] for cell in cells]),
        column([cell[2] for cell in cells]),
        column([cell[3] or 0 for cell in cells]),
        [str(pk) for pk in factor_ids],
        threshold=threshold,
    )


def respondent_count(survey: Survey, *, attribute=None, value=None) -> int:
    """Respondents with at least one answer in the selection."""
    return _answers(survey, attribute, value).values("respondent_id").distinct().count()


def rounds_with_answers(workshop) -> list[Survey]:
    """The workshop's rounds that have answers, newest first."""
    return list(
        workshop.kano_surveys.filter(respondents__answers__isnull=False)
        .distinct()
        .order_by("-date", "-created_at")
    )


def previous_round(survey: Survey, rounds: list[Survey]) -> Survey | None:
    """The round before `survey` among `rounds` (newest first), for drift."""
    for position, candidate in enumerate(rounds):
        if candidate.pk == survey.pk:
            return rounds[position + 1] if position + 1 < len(rounds) else None
    return None


def attribute_values(survey: Survey) -> dict[str, list[str]]:
    """Every respondent attribute of the round and the values given, for the filter."""
    values: dict[str, set[str]] = {}
    for attributes in survey.respondents.values_list("attributes", flat=True):
        for name, value in (attributes or {}).items():
            if value:
                values.setdefault(name, set()).add(str(value))
    return {name: sorted(found) for name, found in sorted(values.items())}


def progress(survey: Survey) -> dict:
    """Responses so far and answers per factor, for the live progress while a round runs."""
    respondents = survey.respondents.count()
    per_factor = dict(
        Answer.objects.filter(respondent__survey=survey)
        .values_list("factor_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    factors = [
        (factor, per_factor.get(factor.pk, 0)) for factor in survey.workshop.kano_factors.all()
    ]
    return {"respondents": respondents, "factors": factors}


# --- upload -----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    respondents: int = 0
    answers: int = 0
    created_factors: list[str] = field(default_factory=list)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _data_rows(data: bytes, filename: str) -> tuple[dict[str, str], list[int]]:
    """The headers as written (by canonical column) and the spreadsheet row of every answer
    row, in order. Only called when a check after parsing fails: `kano.parsing` returns pairs
    without row numbers, and a message must name the row. A valid file is read again with the
    same readers and the same blank-row rule as `parse_responses`."""
    collector = parsing._Errors()
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = parsing._xlsx_rows(data, collector)
    else:
        rows = parsing._csv_rows(data, collector)
    headers: dict[str, str] = {}
    numbers: list[int] = []
    for row, cells in rows or ():
        if row == 1:
            for cell in cells:
                column = parsing._HEADER_LOOKUP.get(parsing._normalize(cell.strip()))
                if column:
                    headers[column] = cell.strip()
        elif any(cell.strip() for cell in cells):
            numbers.append(row)
    return headers, numbers


def _insert_answers(rows) -> None:
    """(respondent id, factor id, functional, dysfunctional, importance) rows into the answer
    table with one prepared INSERT run many times.

    `bulk_create` builds a model instance and compiles SQL for every one of 400,000 answers,
    which alone takes about 20 s; the answers have no signals, defaults or generated values,
    so the rows go straight to the cursor. Each distinct id is converted to its database form
    once (a UUID is text on SQLite, native on PostgreSQL); the table's constraints still
    check every row.
    """
    meta = Answer._meta
    names = ("respondent", "factor", "functional", "dysfunctional", "importance")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES (%s, %s, %s, %s, %s)"
    respondent_field, factor_field = meta.get_field("respondent"), meta.get_field("factor")
    prepared: dict = {}

    def db(field, value):
        key = (field.name, value)
        if key not in prepared:
            prepared[key] = field.get_db_prep_save(value, connection)
        return prepared[key]

    batch = []
    with connection.cursor() as cursor:
        for respondent, factor, functional, dysfunctional, importance in rows:
            batch.append(
                (
                    db(respondent_field, respondent),
                    db(factor_field, factor),
                    functional,
                    dysfunctional,
                    importance,
                )
            )
            if len(batch) >= ANSWER_BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


_PROBLEMS = {
    "too_long": (
        "too_large",
        lambda: _("Row %(row)d, column “%(column)s”: “%(value)s” is over 200 characters long."),
    ),
    "unknown_factor": (
        "missing_value",
        lambda: _(
            "Row %(row)d, column “%(column)s”: “%(value)s” is not a factor of this workshop. "
            "Add it on the factor list, or tick “Create missing factors”."
        ),
    ),
    "existing_respondent": (
        "duplicate_row",
        lambda: _(
            "Row %(row)d, column “%(column)s”: respondent “%(value)s” already has answers in "
            "this survey round."
        ),
    ),
    "same_factor": (
        "duplicate_row",
        lambda: _(
            "Row %(row)d, column “%(column)s”: “%(value)s” is the same factor as on an earlier "
            "row of this respondent (factor names are compared without case)."
        ),
    ),
}


def import_responses(
    *, survey: Survey, data: bytes, filename: str, create_factors: bool = False
) -> ImportResult:
    """A response file into a survey round, all or nothing.

    The file is parsed and checked completely first (`kano.parsing`), then against the
    workshop: every factor must exist (or `create_factors` adds the missing ones with their
    generated questions) and no respondent may already have answers in this round. Any error
    returns the list of errors and saves nothing; otherwise one transaction writes the
    respondents with `bulk_create` and the answers with `_insert_answers`.
    """
    parsed = parsing.parse_responses(data, filename, max_rows=max_rows("kano_responses"))
    if parsed.errors:
        return ImportResult(errors=parsed.errors)
    pairs = parsed.pairs
    workshop = survey.workshop
    factors = {_key(f.name): f for f in workshop.kano_factors.all()}
    existing = set(survey.respondents.values_list("key", flat=True))

    # The checks run over distinct texts; only the index of each one's first pair is kept.
    first_factor: dict[str, int] = {}
    first_respondent: dict[str, int] = {}
    for position, pair in enumerate(pairs):
        if pair.factor not in first_factor:
            first_factor[pair.factor] = position
        if pair.respondent not in first_respondent:
            first_respondent[pair.respondent] = position
    key_of = {text: _key(text) for text in first_factor}

    # Problems found against the workshop: (index of the pair, column, value, kind).
    problems: list[tuple[int, str, str, str]] = []
    unknown: dict[str, int] = {}  # factor key -> index of its first pair
    for text, position in first_factor.items():
        key = key_of[text]
        if key in factors or key in unknown:
            continue
        unknown[key] = position
        if len(text) > 200:
            problems.append((position, "factor", text, "too_long"))
        elif not create_factors:
            problems.append((position, "factor", text, "unknown_factor"))
    for respondent, position in first_respondent.items():
        if respondent in existing:
            problems.append((position, "respondent", respondent, "existing_respondent"))
        elif len(respondent) > 200:
            problems.append((position, "respondent", respondent, "too_long"))
    if len(set(key_of.values())) < len(key_of):
        # "Speed" and "speed" are one factor here, though the file spells them apart: a
        # respondent may answer it only once.
        seen: set[tuple[str, str]] = set()
        for position, pair in enumerate(pairs):
            pair_key = (pair.respondent, key_of[pair.factor])
            if pair_key in seen:
                problems.append((position, "factor", pair.factor, "same_factor"))
            seen.add(pair_key)
    if problems:
        problems.sort()
        headers, rows = _data_rows(data, filename)
        errors = []
        for position, column_key, value, kind in problems[: parsing.MAX_ERRORS]:
            column = headers.get(column_key, column_key)
            code, message = _PROBLEMS[kind]
            errors.append(
                RowError(
                    row=rows[position],
                    column=column,
                    value=value[:100],
                    code=code,
                    message=message()
                    % {"row": rows[position], "column": column, "value": value[:100]},
                )
            )
        return ImportResult(errors=errors)

    with transaction.atomic():
        created = []
        if unknown:
            start = (workshop.kano_factors.aggregate(m=Max("position"))["m"] or 0) + 1
            new = []
            language = method_language(workshop)
            for offset, position in enumerate(unknown.values()):
                name = pairs[position].factor
                functional, dysfunctional = questions.default_questions(name, language)
                new.append(
                    Factor(
                        workshop=workshop,
                        name=" ".join(name.split()),
                        functional_question=functional,
                        dysfunctional_question=dysfunctional,
                        position=start + offset,
                    )
                )
            Factor.objects.bulk_create(new)
            factors.update({_key(f.name): f for f in new})
            created = [f.name for f in new]

        now = timezone.now()
        # Ids in ascending order, so the answers' (respondent, factor) index grows at its end
        # instead of splitting pages all over.
        ids = sorted(uuid.uuid4() for _ in first_respondent)
        respondents = {
            key: Respondent(
                pk=pk,
                survey=survey,
                key=key,
                attributes=dict(pairs[position].attributes),
                created=now,
                source=RespondentSource.UPLOAD,
            )
            for pk, (key, position) in zip(ids, first_respondent.items(), strict=True)
        }
        if parsed.attribute_columns:
            # A respondent's attributes are the first value given for each, on any row.
            for pair in pairs:
                attributes = respondents[pair.respondent].attributes
                for name, value in pair.attributes.items():
                    attributes.setdefault(name, value)
        Respondent.objects.bulk_create(respondents.values(), batch_size=2000)

        respondent_id = dict(zip(first_respondent, ids, strict=True))
        factor_id = {text: factors[key].pk for text, key in key_of.items()}
        _insert_answers(
            (
                respondent_id[pair.respondent],
                factor_id[pair.factor],
                pair.functional,
                pair.dysfunctional,
                pair.importance,
            )
            for pair in pairs
        )
    return ImportResult(respondents=len(respondents), answers=len(pairs), created_factors=created)
