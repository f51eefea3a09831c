"""Writes that span several rows, and the read helpers the pages, the tile, the report and the
exchange share."""

from django.db import transaction
from django.db.models import Max

from workshops.history import record_change

from . import method, scoring
from .models import (
    CriterionScore,
    MatrixCell,
    Segment,
    SegmentMatrix,
    SelectionPhase,
    ValueCriterion,
    ValueExperienceCell,
)


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def experience_cells(segment: Segment) -> list[ValueExperienceCell]:
    return [
        ValueExperienceCell(segment=segment, kind=kind, dimension=dimension, moment=moment)
        for kind in method.EXPERIENCE_KINDS
        for dimension in method.EXPERIENCE_DIMENSIONS
        for moment in method.EXPERIENCE_MOMENTS
    ]


@transaction.atomic
def create_segment(*, workshop, name: str, by=None, **fields) -> Segment:
    """A segment with its 24 value experience cells and a score row per criterion."""
    segment = Segment.objects.create(
        workshop=workshop,
        name=name,
        position=_next_position(workshop.segments.all()),
        **fields,
    )
    ValueExperienceCell.objects.bulk_create(experience_cells(segment))
    CriterionScore.objects.bulk_create(
        CriterionScore(segment=segment, criterion=criterion)
        for criterion in workshop.value_criteria.all()
    )
    record_change(
        workshop_id=workshop.pk,
        stage_id=None,
        target=segment,
        field="name",
        old="",
        new=name,
        by=by,
    )
    return segment


@transaction.atomic
def add_criterion(*, workshop, name: str, weight: float = 1.0, key="", description=""):
    criterion = ValueCriterion.objects.create(
        workshop=workshop,
        name=name,
        weight=weight,
        key=key,
        description=description,
        position=_next_position(workshop.value_criteria.all()),
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(segment=segment, criterion=criterion) for segment in workshop.segments.all()
    )
    return criterion


@transaction.atomic
def add_default_criteria(*, workshop, by=None):
    """The method's criteria in the workshop's language (skipping those already there)."""
    have = set(workshop.value_criteria.exclude(key="").values_list("key", flat=True))
    for default in method.DEFAULT_CRITERIA:
        if default.key in have:
            continue
        language = workshop.language if workshop.language in default.names else "en"
        add_criterion(
            workshop=workshop,
            name=default.names[language],
            weight=default.weight,
            key=default.key,
            description=default.descriptions[language],
        )


def ensure_scores(workshop):
    """A score row for every segment and criterion (rows made before either existed)."""
    have = set(
        CriterionScore.objects.filter(segment__workshop=workshop).values_list(
            "segment_id", "criterion_id"
        )
    )
    criteria = list(workshop.value_criteria.values_list("pk", flat=True))
    missing = [
        CriterionScore(segment_id=segment_id, criterion_id=criterion_id)
        for segment_id in workshop.segments.values_list("pk", flat=True)
        for criterion_id in criteria
        if (segment_id, criterion_id) not in have
    ]
    if missing:
        CriterionScore.objects.bulk_create(missing, ignore_conflicts=True)


def ensure_selection_phases(workshop) -> list[SelectionPhase]:
    SelectionPhase.objects.bulk_create(
        [SelectionPhase(workshop=workshop, phase=number) for number in method.SELECTION_PHASES],
        ignore_conflicts=True,
    )
    return list(workshop.selection_phases.order_by("phase"))


def setup_workshop(*, workshop, by=None):
    """Called for every new workshop: the default criteria and the five selection phases."""
    add_default_criteria(workshop=workshop, by=by)
    ensure_selection_phases(workshop)


# --- the segment matrix ----------------------------------------------------------------------


def get_matrix(workshop) -> SegmentMatrix:
    matrix, _created = SegmentMatrix.objects.get_or_create(workshop=workshop)
    return matrix


def clean_values(lines) -> list[str]:
    """Axis values from user input: stripped, no blanks, no repeats, order kept."""
    seen = []
    for line in lines:
        value = " ".join(str(line).split())[:200]
        if value and value not in seen:
            seen.append(value)
    return seen


@transaction.atomic
def set_axes(*, matrix, row_axis, row_values, column_axis, column_values, by=None, rename=True):
    """Set the axes and make sure a cell exists for every pair.

    When an axis keeps its number of values, a value replaced by a new one in the same place is
    a rename, and its cells follow it; values that only moved keep their cells. Cells of a
    removed value are kept (with their text) and listed apart, so nothing typed is lost by
    editing an axis.
    """
    matrix = SegmentMatrix.objects.select_for_update().get(pk=matrix.pk)
    row_values, column_values = clean_values(row_values), clean_values(column_values)
    for field, old, new in (
        ("row_value", matrix.row_values, row_values),
        ("column_value", matrix.column_values, column_values),
    ):
        if not rename or len(old) != len(new):
            continue
        taken = set(matrix.cells.values_list(field, flat=True))
        for a, b in zip(old, new, strict=True):
            # Not onto a value that still has cells of its own (kept from an earlier edit):
            # those come back instead, and the renamed ones are kept apart.
            if a != b and a not in new and b not in old and b not in taken:
                matrix.cells.filter(**{field: a}).update(**{field: b})
    changes = [
        ("row_axis", matrix.row_axis, row_axis),
        ("row_values", "\n".join(matrix.row_values), "\n".join(row_values)),
        ("column_axis", matrix.column_axis, column_axis),
        ("column_values", "\n".join(matrix.column_values), "\n".join(column_values)),
    ]
    matrix.row_axis, matrix.row_values = row_axis, row_values
    matrix.column_axis, matrix.column_values = column_axis, column_values
    matrix.save()
    existing = set(matrix.cells.values_list("row_value", "column_value"))
    MatrixCell.objects.bulk_create(
        MatrixCell(matrix=matrix, row_value=row, column_value=column)
        for row in row_values
        for column in column_values
        if (row, column) not in existing
    )
    for field, old, new in changes:
        if old != new:
            record_change(
                workshop_id=matrix.workshop_id,
                stage_id=None,
                target=matrix,
                field=field,
                old=old,
                new=new,
                by=by,
            )
    return matrix


def apply_example(*, matrix, language, by=None):
    example = method.CAR_DEALER.get(language) or method.CAR_DEALER["en"]
    return set_axes(matrix=matrix, by=by, rename=False, **example)


def matrix_table(matrix):
    """Rows of (row value, [cell per column]) in axis order, and the cells off the axes."""
    cells = {(c.row_value, c.column_value): c for c in matrix.cells.select_related("segment")}
    rows = [
        (row, [cells.get((row, column)) for column in matrix.column_values])
        for row in matrix.row_values
    ]
    on_axes = {(r, c) for r in matrix.row_values for c in matrix.column_values}
    orphans = [
        cell
        for key, cell in sorted(cells.items())
        if key not in on_axes and (cell.text or cell.segment_id)
    ]
    return rows, orphans


@transaction.atomic
def promote_cell(*, cell, by=None) -> Segment:
    """Turn a matrix cell into a segment named from the cell, and link the two."""
    cell = MatrixCell.objects.select_for_update().select_related("matrix__workshop").get(pk=cell.pk)
    if cell.segment_id:
        return cell.segment
    workshop = cell.matrix.workshop
    matrix = cell.matrix
    identification = "\n".join(
        f"{axis}: {value}" if axis else value
        for axis, value in (
            (matrix.row_axis, cell.row_value),
            (matrix.column_axis, cell.column_value),
        )
    )
    segment = create_segment(
        workshop=workshop,
        name=f"{cell.column_value} · {cell.row_value}"[:200],
        by=by,
        identification_criteria=identification,
        sought_benefits=cell.text,
    )
    MatrixCell.objects.filter(pk=cell.pk).update(segment=segment)
    return segment


# --- customer value ---------------------------------------------------------------------------


def ranking(workshop, segments=None, criteria=None) -> list[scoring.RankedSegment]:
    segments = list(workshop.segments.all()) if segments is None else segments
    criteria = list(workshop.value_criteria.all()) if criteria is None else criteria
    scores = CriterionScore.objects.filter(segment__workshop=workshop).values_list(
        "segment_id", "criterion_id", "score", "measured"
    )
    return scoring.rank_segments(
        [scoring.SegmentRef(id=str(s.pk), name=s.name) for s in segments],
        [scoring.Criterion(id=str(c.pk), name=c.name, weight=c.weight) for c in criteria],
        [
            scoring.Score(
                segment_id=str(segment_id),
                criterion_id=str(criterion_id),
                score=score,
                measured=measured,
            )
            for segment_id, criterion_id, score, measured in scores
        ],
    )


def experience_summary(cells) -> list[scoring.MomentSummary]:
    return scoring.experience_summary(
        [
            scoring.ExperienceCell(
                kind=c.kind, dimension=c.dimension, moment=c.moment, strength=c.strength
            )
            for c in cells
        ]
    )


def journeys_for(segment):
    """The workshop's journeys whose free-text segment names this segment."""
    wanted = segment.name.strip().casefold()
    return [
        journey
        for journey in segment.workshop.journeys.exclude(segment="")
        if journey.segment.strip().casefold() == wanted
    ]


# --- connections ------------------------------------------------------------------------------


def measured_profitability(segment: Segment) -> dict | None:
    """The segment's row of the newest ready profitability model (matched by name,
    case-insensitively, to the customers file's `segment` column), or None.

    Amounts are integer cents; `share_of_company_result` is the segment's profit divided by the
    company result, as the profitability groups count it (None when the result is zero)."""
    from .mapping import normalise

    pm = (
        segment.workshop.profitability_models.filter(status="ready", segment_summary__isnull=False)
        .order_by("-created_at")
        .first()
    )
    if pm is None:
        return None
    wanted = normalise(segment.name)
    row = next(
        (r for r in pm.segment_summary if r.get("segment") and normalise(r["segment"]) == wanted),
        None,
    )
    if row is None:
        return None
    company_result = (pm.totals or {}).get("company_result")
    return {
        "model": pm,
        "customers": row["customers"],
        "revenue": row["revenue"],
        "profit": row["profit"],
        "company_result": company_result,
        "share_of_company_result": row["profit"] / company_result if company_result else None,
    }


def kano_cluster_suggestions(workshop) -> dict:
    """Clusters of the newest Kano round's respondents (see segments.clustering), each with its
    size and the factors where it differs most from all respondents.

    Returns {"survey", "suggestion", "clusters", "error"}; `error` is a user-facing reason when
    nothing can be suggested."""
    from django.utils.translation import gettext as _

    from kano.models import Answer
    from kano.services import rounds_with_answers

    from .clustering import distinctive_features, kano_features, suggest_clusters

    rounds = rounds_with_answers(workshop)
    result = {"survey": None, "suggestion": None, "clusters": [], "error": ""}
    if not rounds:
        result["error"] = _("No Kano survey round has answers yet.")
        return result
    survey = result["survey"] = rounds[0]
    factors = list(workshop.kano_factors.all())
    answers = Answer.objects.filter(respondent__survey=survey).values_list(
        "respondent_id", "factor_id", "functional", "dysfunctional"
    )
    respondents, matrix = kano_features(answers, [f.pk for f in factors])
    try:
        suggestion = suggest_clusters(matrix)
    except ValueError:
        result["error"] = _("Too few different respondents to suggest segments.")
        return result
    overall = [sum(column) / len(matrix) for column in zip(*matrix, strict=True)]
    result["suggestion"] = suggestion
    for profile in suggestion.profiles:
        result["clusters"].append(
            {
                "number": profile.cluster + 1,
                "size": profile.size,
                "share": profile.size / len(respondents),
                "features": [
                    {
                        "factor": factors[position],
                        "mean": profile.means[position],
                        "overall": overall[position],
                        "difference": difference,
                    }
                    for position, difference in distinctive_features(profile.means, overall)
                ],
            }
        )
    return result
