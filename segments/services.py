"""Writes that span several rows, and the read helpers the pages, the tile, the report and the
exchange share.

Profitability customers belong to segments in this order of precedence (segment_profitability,
segments.rules.assign): (1) the customers file's own `segment` column, when its value is a
segment's name (case-insensitively); (2) otherwise the first segment, in the segments' order,
whose customer rules the customer meets; (3) otherwise "unassigned". The newest
profitability model with results is used; its volume, margin and profit fill the measured scores
(fill_measured_scores), which never overwrite a score a person typed.
"""

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kano.analysis import CATEGORIES, categorize, mode_category
from kano.models import Answer, Category
from kano.services import rounds_with_answers
from profitability.engine.whale import whale_curve
from workshops.autosave import value_version
from workshops.history import record_change
from workshops.language import method_language

from . import method, rules, scoring
from .clustering import distinctive_factors, kano_features, suggest_clusters
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
    fill_measured_scores(workshop)  # the customers file may name the new segment
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
    language = method_language(workshop)
    for default in method.DEFAULT_CRITERIA:
        if default.key in have:
            continue
        add_criterion(
            workshop=workshop,
            name=default.name(language),
            weight=default.weight,
            key=default.key,
            description=default.description(language),
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
    example = method.car_dealer_example(language)
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


# Criteria filled from profitability data (the method's keys) and the figure each is scored on.
MEASURED_CRITERIA = {"volume": "revenue", "margin": "margin_pct", "profit": "profit"}
# CustomerResult fields read for the rules and the sums; money in cents.
_CUSTOMER_FIELDS = (
    "customer_id",
    "name",
    "segment",
    "revenue",
    "gross_margin",
    "cost_to_serve",
    "profit",
    "profit_pct",
    "volume",
    "orders",
    "lines",
    "group",
    "attributes",
)


def newest_profitability_model(workshop):
    """The workshop's newest profitability model with customer results: one computed here, or
    one that came with an imported workshop (its results are kept, only the order lines not)."""
    return (
        workshop.profitability_models.filter(status__in=["ready", "imported"])
        .order_by("-created_at", "-pk")
        .first()
    )


def customer_frames(pm):
    """(customers for the rules, money in cents), one row each per customer in rank order.

    The first frame has the built-in attributes of segments.rules (money in euros) and the
    customers file's other columns as text; the second the cents that are summed."""
    import polars as pl

    rows = list(
        pm.customers.order_by("rank").values_list(*_CUSTOMER_FIELDS).iterator(chunk_size=5000)
    )
    columns = dict(zip(_CUSTOMER_FIELDS, zip(*rows, strict=True), strict=True)) if rows else {}
    attributes = columns.pop("attributes", ())
    money = pl.DataFrame(
        {name: pl.Series(name, columns.get(name, ()), dtype=pl.Int64) for name in rules.SUMMED}
    )
    frame = {}
    for name in _CUSTOMER_FIELDS[:-1]:
        values = columns.get(name, ())
        if name in rules.MONEY:
            frame[name] = pl.Series(name, values, dtype=pl.Int64) / 100
        elif name in ("customer_id", "name", "segment"):
            frame[name] = pl.Series(name, values, dtype=pl.String)
        else:
            frame[name] = pl.Series(name, values, dtype=pl.Float64)
    keys = []
    for given in attributes:
        for key in given or {}:
            if key not in keys and key not in frame and not key.startswith("_"):
                keys.append(key)
    for key in keys:
        frame[key] = pl.Series(
            key,
            [None if (v := (g or {}).get(key)) is None else str(v) for g in attributes],
            dtype=pl.String,
        )
    return pl.DataFrame(frame), money


def segment_rules(segments) -> list:
    """The segments' stored rules as segments.rules objects, in the segments' order.

    Stored rules were checked when saved; a rule that no longer validates (hand-edited data)
    is left out rather than guessed at."""
    result = []
    for segment in segments:
        checked = []
        for raw in segment.customer_rules or []:
            try:
                checked.append(rules.Rule.model_validate(raw))
            except ValueError:
                continue
        result.append(rules.SegmentRules(key=str(segment.pk), name=segment.name, rules=checked))
    return result


def segment_profitability(workshop, *, curves: bool = False) -> dict | None:
    """Per-segment profitability of the newest profitability model, or None without one.

    Customers are mapped by segments.rules.assign: the customers file's segment column when
    it names a segment, else the segment rules in the segments' order, else unassigned.
    Returns {"model", "rows", "unassigned", "by_key", "total_profit", "company_result"};
    each row has the segment (None for unassigned), customers, revenue, gross_margin,
    cost_to_serve, profit (cents), profit_pct, share_of_customer_profit,
    share_of_company_result and, with ``curves``, its whale curve (None without customers).
    """
    pm = newest_profitability_model(workshop)
    if pm is None:
        return None
    segments = list(workshop.segments.all())
    customers, money = customer_frames(pm)
    assigned = rules.assign(customers, segment_rules(segments))
    keys = [str(s.pk) for s in segments]
    summary = rules.summarise(money, assigned, keys)
    company_result = (pm.totals or {}).get("company_result")
    by_segment = {str(s.pk): s for s in segments}
    profits = money.get_column("profit")
    result_rows = []
    for row in summary:
        row["segment"] = by_segment.get(row["key"])
        row["share_of_company_result"] = row["profit"] / company_result if company_result else None
        row["curve"] = None
        if curves and row["customers"]:
            own = profits.filter(assigned == row["key"]).to_numpy().astype(np.int64)
            curve = whale_curve(own).model_dump()
            curve["points"] = [list(point) for point in curve["points"]]
            row["curve"] = curve
        result_rows.append(row)
    return {
        "model": pm,
        "rows": result_rows[:-1],
        "unassigned": result_rows[-1],
        "by_key": {row["key"]: row for row in result_rows},
        "total_profit": int(profits.sum()) if money.height else 0,
        "company_result": company_result,
        "customers": customers,
        "customer_count": customers.height,
    }


def measured_profitability(segment: Segment, table: dict | None = None) -> dict | None:
    """The segment's figures in the newest profitability model, or None when the model maps
    no customer to it (see segment_profitability for the mapping and its precedence).

    Amounts are integer cents; `share_of_company_result` is the segment's profit divided by the
    company result, as the profitability groups count it (None when the result is zero)."""
    table = segment_profitability(segment.workshop) if table is None else table
    if table is None:
        return None
    row = table["by_key"].get(str(segment.pk))
    if not row or not row["customers"]:
        return None
    return {
        "model": table["model"],
        **{key: row[key] for key in ("customers", "revenue", "gross_margin", "cost_to_serve")},
        "profit": row["profit"],
        "profit_pct": row["profit_pct"],
        "company_result": table["company_result"],
        "share_of_company_result": row["share_of_company_result"],
        "share_of_customer_profit": row["share_of_customer_profit"],
    }


def _measured_figures(row: dict) -> dict:
    revenue = row["revenue"]
    return {
        "revenue": revenue,
        "margin_pct": row["gross_margin"] / revenue * 100 if revenue > 0 else None,
        "profit": row["profit"],
    }


@transaction.atomic
def fill_measured_scores(workshop) -> int:
    """Score volume, margin and profit of every segment from the newest profitability model,
    marked measured; returns how many scores changed.

    volume is scored on the segment's revenue, margin on its gross margin % of revenue,
    profit on its profit after the costs of serving (scoring.measured_scores: 1-5 between the
    lowest and the highest segment). A score a person typed (not measured) is never
    overwritten; a measured score of a segment that no longer has customers, or of a workshop
    without data, is cleared. Each change goes to the segment's history (by nobody).
    """
    from django.db.models import Q

    criteria = {c.key: c for c in workshop.value_criteria.filter(key__in=MEASURED_CRITERIA)}
    if not criteria:
        return 0
    table = segment_profitability(workshop)
    rows = table["rows"] if table else []
    figures = {row["key"]: _measured_figures(row) for row in rows if row["customers"]}
    changed = 0
    stored = (
        CriterionScore.objects.select_for_update()
        .filter(segment__workshop=workshop, criterion__in=list(criteria.values()))
        .filter(Q(measured=True) | Q(score__isnull=True))
        .select_related("segment", "criterion")
    )
    keyed = {}
    for score in stored:
        keyed.setdefault(score.criterion.key, []).append(score)
    for key, figure in MEASURED_CRITERIA.items():
        if key not in criteria:
            continue
        values = {
            str(s.pk): (figures.get(str(s.pk)) or {}).get(figure) for s in workshop.segments.all()
        }
        new_scores = scoring.measured_scores(values)
        filled = False
        for score in keyed.get(key, []):
            new = new_scores.get(str(score.segment_id))
            measured = new is not None
            filled = filled or measured
            if score.score == new and score.measured == measured:
                continue
            old = score.score
            CriterionScore.objects.filter(pk=score.pk).update(score=new, measured=measured)
            record_change(
                workshop_id=workshop.pk,
                stage_id=None,
                target=score,
                field="score",
                old="" if old is None else str(old),
                new="" if new is None else str(new),
                by=None,
            )
            changed += 1
        if filled and not criteria[key].measured:
            ValueCriterion.objects.filter(pk=criteria[key].pk).update(measured=True)
    return changed


def rules_problem_text(problem) -> str:
    """A rule problem of segments.rules.check_rules as the person reads it."""

    messages = {
        "unknown": _("unknown attribute: choose one from the list"),
        "text_attribute": _("this attribute holds text; use =, != or contains"),
        "not_a_number": _("give a number"),
        "empty": _("the rule has no conditions"),
        "too many rules": _("too many rules"),
        "too many conditions": _("too many conditions"),
        "literal_error": _("choose an operator from the list"),
        "string_too_short": _("a value is required"),
        "missing": _("a value is required"),
        "string_too_long": _("the text is too long"),
    }
    fields = {
        "attribute": _("attribute"),
        "operator": _("operator"),
        "value": _("value"),
        "rule": _("rule"),
    }
    where = (
        _("Rule %(rule)s, condition %(condition)s, %(field)s")
        % {
            "rule": problem.rule,
            "condition": problem.condition,
            "field": fields.get(problem.field, problem.field),
        }
        if problem.condition
        else _("Rule %(rule)s") % {"rule": problem.rule}
    )
    return f"{where}: {messages.get(problem.message, problem.message)}"


@transaction.atomic
def save_customer_rules(*, segment, rules_data: list[dict], base_version: str, by=None) -> bool:
    """Replace the segment's rules unless someone saved them since `base_version` (then
    False, nothing written); then the measured scores follow the new mapping."""
    stored = Segment.objects.select_for_update().get(pk=segment.pk)
    old = rules_text(stored.customer_rules)
    new = rules_text(rules_data)
    if old == new:
        return True
    if value_version(old) != base_version:
        segment.customer_rules = stored.customer_rules
        return False
    Segment.objects.filter(pk=segment.pk).update(customer_rules=rules_data)
    segment.customer_rules = rules_data
    record_change(
        workshop_id=segment.workshop_id,
        stage_id=None,
        target=segment,
        field="customer_rules",
        old=old,
        new=new,
        by=by,
    )
    fill_measured_scores(segment.workshop)
    return True


def rules_text(rules_data) -> str:
    """Rules as one line per rule ("industry = Retail and revenue > 10000"), for the history
    and the version hash."""
    return "\n".join(
        " and ".join(
            f"{c['attribute']} {c['operator']} {c['value']}" for c in rule.get("conditions", [])
        )
        for rule in rules_data or []
    )


def kano_cluster_suggestions(workshop) -> dict:
    """Clusters of the newest Kano round's respondents (see segments.clustering), each with its
    size, the dominant Kano category of every factor in the cluster and among all respondents,
    and the factors where it differs most from all respondents.

    Returns {"survey", "suggestion", "clusters", "error"}; `error` is a user-facing reason when
    nothing can be suggested."""
    rounds = rounds_with_answers(workshop)
    result = {"survey": None, "suggestion": None, "clusters": [], "error": ""}
    if not rounds:
        result["error"] = _("No Kano survey round has answers yet.")
        return result
    survey = result["survey"] = rounds[0]
    factors = list(workshop.kano_factors.all())
    answers = list(
        Answer.objects.filter(respondent__survey=survey).values_list(
            "respondent_id", "factor_id", "functional", "dysfunctional"
        )
    )
    respondents, matrix = kano_features(answers, [f.pk for f in factors])
    try:
        suggestion = suggest_clusters(matrix)
    except ValueError:
        result["error"] = _("Too few different respondents to suggest segments.")
        return result
    cluster_of = dict(zip(respondents, suggestion.labels, strict=True))
    position = {f.pk: i for i, f in enumerate(factors)}
    empty = dict.fromkeys(CATEGORIES, 0)
    counts = {cluster: [dict(empty) for _f in factors] for cluster in [*range(suggestion.k), "all"]}
    for respondent, factor, functional, dysfunctional in answers:
        if factor not in position or respondent not in cluster_of:
            continue
        if not (1 <= functional <= 5 and 1 <= dysfunctional <= 5):
            continue
        category = categorize(functional, dysfunctional)
        counts[cluster_of[respondent]][position[factor]][category] += 1
        counts["all"][position[factor]][category] += 1

    def dominant(table):
        return [mode_category(c) if any(c.values()) else "" for c in table]

    names = {value: str(label) for value, label in Category.choices}
    overall_categories = dominant(counts["all"])
    overall = [sum(column) / len(matrix) for column in zip(*matrix, strict=True)]
    result["suggestion"] = suggestion
    for profile in suggestion.profiles:
        own = dominant(counts[profile.cluster])
        categories = [
            {
                "factor": factor,
                "category": own[i],
                "category_name": names.get(own[i], "—"),
                "overall_category": overall_categories[i],
                "overall_category_name": names.get(overall_categories[i], "—"),
                "differs": own[i] != overall_categories[i],
            }
            for i, factor in enumerate(factors)
        ]
        result["clusters"].append(
            {
                "number": profile.cluster + 1,
                "size": profile.size,
                "share": profile.size / len(respondents),
                "categories": categories,
                "features": [
                    {
                        **categories[i],
                        "functional": profile.means[2 * i],
                        "dysfunctional": profile.means[2 * i + 1],
                        "overall_functional": overall[2 * i],
                        "overall_dysfunctional": overall[2 * i + 1],
                        "difference": difference,
                    }
                    for i, difference in distinctive_factors(profile.means, overall)
                ],
            }
        )
    return result
