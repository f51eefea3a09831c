from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from profitability.charts import curve_svg
from profitability.results import whale_labels
from workshops import autosave
from workshops.access import get_for_user, get_workshop_for_user
from workshops.language import method_language, ui_language
from workshops.models import Change

from . import charts, method, rules, scoring, services
from .editing import (
    CELL,
    CRITERION,
    EXPERIENCE,
    PARTS,
    PARTS_BY_MODEL,
    PHASE,
    SCORE,
    SEGMENT,
    PartFieldForm,
    field_view,
    value_version,
)
from .forms import (
    AxesForm,
    CriterionForm,
    SegmentCreateForm,
    SuggestedSegmentForm,
    rules_from_post,
)
from .models import CriterionScore, ExperienceMoment, Segment, ValueCriterion
from .naming import ranking_name_hint


def _part_objects(part):
    """The part's objects with what its field partial shows, fetched in the access query."""
    return part.model.objects.select_related(*part.related)


# --- labels of table cells, for screen readers (the table headers show them to the eye) -------


def _compact_label(part, obj, name):
    if part is CELL:
        return f"{obj.row_value} × {obj.column_value}"
    if part is SCORE:
        return _("Score of %(segment)s on %(criterion)s") % {
            "segment": obj.segment.name,
            "criterion": obj.criterion.name,
        }
    if part is EXPERIENCE:
        where = ", ".join(
            str(x)
            for x in (obj.get_kind_display(), obj.get_dimension_display(), obj.get_moment_display())
        )
        if name == "strength":
            return _("Effect: %(where)s") % {"where": where}
        return where
    if part is CRITERION and name == "weight":
        return _("Weight of %(criterion)s") % {"criterion": obj.name}
    return ""


COMPACT = {(CELL, "text"), (SCORE, "score"), (EXPERIENCE, "text"), (EXPERIENCE, "strength")}
COMPACT |= {(CRITERION, "weight")}


def _view(part, obj, name, workshop, *, data=None, state=""):
    compact = (part, name) in COMPACT
    return field_view(
        part,
        obj,
        name,
        language=method_language(workshop),
        data=data,
        state=state,
        compact=compact,
        label=_compact_label(part, obj, name) if compact else "",
    )


def _page_url(part, obj, name):
    """Where the field lives, for browsers without JavaScript."""
    anchor = f"#field-{part.kind}-{obj.pk.hex}-{name}"
    if part is SEGMENT:
        return reverse("segments:detail", args=[obj.pk]) + anchor
    if part is EXPERIENCE:
        return reverse("segments:detail", args=[obj.segment_id]) + anchor
    if part is CELL:
        return reverse("segments:matrix", args=[obj.matrix.workshop_id]) + anchor
    if part in (SCORE, CRITERION):
        return reverse("segments:value", args=[part.workshop_of(obj).pk]) + anchor
    return reverse("segments:selection", args=[obj.workshop_id]) + anchor


# --- one field: show and autosave ---------------------------------------------------------------


def _part(segment_part, segment_field):
    part = PARTS.get(segment_part)
    if part is None or segment_field not in part.fields:
        raise Http404
    return part


def _field_response(request, part, obj, view, status=200):
    workshop = part.workshop_of(obj)
    trigger = None
    if part in (SCORE, CRITERION):
        trigger = "segments-ranking"
    if part is EXPERIENCE and view.name == "strength":
        trigger = "segments-experience"
    return autosave.field_response(
        request, view, can_edit=workshop.can_edit, status=status, trigger=trigger
    )


@require_GET
@login_required
def part_field(request, segment_part, segment_part_id, segment_field):
    part = _part(segment_part, segment_field)
    obj = get_for_user(request, _part_objects(part), segment_part_id)
    view = _view(part, obj, segment_field, part.workshop_of(obj))
    return _field_response(request, part, obj, view)


@require_POST
@login_required
def part_save(request, segment_part, segment_part_id, segment_field):
    part = _part(segment_part, segment_field)
    obj = get_for_user(request, _part_objects(part), segment_part_id, edit=True)
    workshop = part.workshop_of(obj)
    view = _view(part, obj, segment_field, workshop, data=request.POST)
    force = autosave.keeps_mine(request.POST, getattr(obj, segment_field))
    view.state, status = autosave.status_for(view.form, by=request.user, force=force)
    if status != 200:
        return _field_response(request, part, obj, view, status=status)
    if part is SEGMENT and segment_field == "name":
        services.fill_measured_scores(workshop)  # the segment column matches names
    if not request.htmx:
        return redirect(_page_url(part, obj, segment_field))
    saved = _view(part, obj, segment_field, workshop, state="saved")
    return _field_response(request, part, obj, saved)


# --- segments -----------------------------------------------------------------------------------


@require_GET
@login_required
def segment_list(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    return _segment_list_page(request, workshop, SegmentCreateForm())


def _segment_list_page(request, workshop, form, status=200):
    segments = list(workshop.segments.all())
    ranked = {row.segment_id: row for row in services.ranking(workshop, segments=segments)}
    language = method_language(workshop)
    rows = [
        {
            "segment": segment,
            "ranked": ranked[str(segment.pk)],
            "hint": ranking_name_hint(segment.name, language),
        }
        for segment in segments
    ]
    context = {
        "workshop": workshop,
        "rows": rows,
        "segments": segments,
        "form": form,
        "can_edit": workshop.can_edit,
        "is_facilitator": workshop.can_facilitate,
    }
    return render(request, "segments/list.html", context, status=status)


@require_POST
@login_required
def segment_create(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    form = SegmentCreateForm(request.POST)
    if not form.is_valid():
        return _segment_list_page(request, workshop, form, status=422)
    segment = services.create_segment(
        workshop=workshop, name=form.cleaned_data["name"], by=request.user
    )
    return redirect("segments:detail", segment.pk)


def _cluster_notes(survey, cluster) -> str:
    lines = [
        _("Suggested from the Kano round %(survey)s: cluster %(number)s, %(size)s respondents.")
        % {"survey": survey.name, "number": cluster["number"], "size": cluster["size"]}
    ]
    for item in cluster["categories"]:
        lines.append(
            _("%(factor)s: %(category)s (all respondents: %(overall)s)")
            % {
                "factor": item["factor"].name,
                "category": item["category_name"],
                "overall": item["overall_category_name"],
            }
        )
    return "\n".join(lines)


@require_GET
@login_required
def suggest(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    result = services.kano_cluster_suggestions(workshop)
    for cluster in result["clusters"]:
        cluster["form"] = SuggestedSegmentForm(
            initial={
                "name": _("Cluster %(number)s") % {"number": cluster["number"]},
                "notes": _cluster_notes(result["survey"], cluster),
            },
            prefix=f"cluster-{cluster['number']}",
            auto_id="id_%s",
        )
    return render(request, "segments/suggest.html", {"workshop": workshop, **result})


@require_POST
@login_required
def suggest_create(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    prefix = request.POST.get("prefix", "")
    form = SuggestedSegmentForm(request.POST, prefix=prefix or None)
    if not form.is_valid():
        return redirect("segments:suggest", workshop.pk)
    segment = services.create_segment(
        workshop=workshop,
        name=form.cleaned_data["name"],
        notes=form.cleaned_data["notes"],
        by=request.user,
    )
    return redirect("segments:detail", segment.pk)


def _sections(segment, workshop):
    language = method_language(workshop)
    views = {}
    for spec in method.FIELDS:
        views.setdefault(spec.section, []).append(_view(SEGMENT, segment, spec.name, workshop))
    return [
        (key, method.section_title(key, language), views[key])
        for key in method.SECTIONS
        if key in views
    ]


def _experience(segment, workshop):
    cells = list(segment.experience.all())
    for cell in cells:
        cell.segment = segment
    by_key = {(c.kind, c.dimension, c.moment): c for c in cells}
    labels = {
        "kind": dict(EXPERIENCE.model._meta.get_field("kind").choices),
        "dimension": dict(EXPERIENCE.model._meta.get_field("dimension").choices),
        "moment": dict(EXPERIENCE.model._meta.get_field("moment").choices),
    }
    rows = []
    for kind in method.EXPERIENCE_KINDS:
        for dimension in method.EXPERIENCE_DIMENSIONS:
            row_cells = []
            for moment in method.EXPERIENCE_MOMENTS:
                cell = by_key.get((kind, dimension, moment))
                row_cells.append(
                    None
                    if cell is None
                    else (
                        _view(EXPERIENCE, cell, "text", workshop),
                        _view(EXPERIENCE, cell, "strength", workshop),
                    )
                )
            rows.append(
                {
                    "kind": kind,
                    "kind_label": labels["kind"][kind],
                    "dimension_label": labels["dimension"][dimension],
                    "first": dimension == method.EXPERIENCE_DIMENSIONS[0],
                    "cells": row_cells,
                }
            )
    moments = [labels["moment"][m] for m in method.EXPERIENCE_MOMENTS]
    return rows, moments, cells


def _experience_chart(summary):
    labels = dict(ExperienceMoment.choices)
    return charts.experience_svg(
        [(str(labels[m.moment]), m.gains, m.sacrifices, m.net) for m in summary],
        gains_label=_("Gains"),
        sacrifices_label=_("Sacrifices"),
        net_label=_("Net value experience"),
    )


@require_GET
@login_required
def segment_detail(request, segment_id):
    segment = get_for_user(request, Segment, segment_id)
    workshop = segment.workshop
    rows, moments, cells = _experience(segment, workshop)
    summary = services.experience_summary(cells)
    context = {
        "segment": segment,
        "workshop": workshop,
        "can_edit": workshop.can_edit,
        "summary": summary,
        "experience_svg": _experience_chart(summary),
    }
    if request.htmx:
        return render(request, "segments/segment.html#experience-summary", context)
    ranked = next(row for row in services.ranking(workshop) if row.segment_id == str(segment.pk))
    journeys = services.journeys_for(segment)
    table = services.segment_profitability(workshop, curves=True)
    context.update(
        {
            "sections": _sections(segment, workshop),
            "experience_rows": rows,
            "moments": moments,
            "guidance": method.experience_guidance(method_language(workshop)),
            "scores": segment.scores.select_related("criterion").order_by(
                "criterion__position", "criterion__name"
            ),
            "ranked": ranked,
            "cube": scoring.cube_value(
                segment.cube_volume, segment.cube_efficiency, segment.cube_duration
            ),
            "journeys": journeys,
            "compare_pair": journeys[:2] if len(journeys) >= 2 else None,
            "cells": segment.matrix_cells.all(),
            "measured": services.measured_profitability(segment, table),
            "segment_curve_svg": _segment_curve(table, segment),
            **_rules_context(segment, table),
        }
    )
    return render(request, "segments/segment.html", context)


# --- customer rules and per-segment profitability ----------------------------------------------


def _segment_curve(table, segment):
    row = table["by_key"].get(str(segment.pk)) if table else None
    if not row or not row.get("curve"):
        return ""
    return _curve_svg(row["curve"])


def _curve_svg(curve):
    return curve_svg(curve, labels=whale_labels(), language=ui_language())


def _attribute_label(name):
    labels = {
        "revenue": _("Revenue (€)"),
        "gross_margin": _("Gross margin (€)"),
        "cost_to_serve": _("Cost to serve (€)"),
        "profit": _("Profit (€)"),
        "profit_pct": _("Profit % of revenue"),
        "volume": _("Volume (quantity)"),
        "orders": _("Orders"),
        "lines": _("Order lines"),
        "group": _("Profitability group"),
        "name": _("Customer name"),
        "customer_id": _("Customer id"),
    }
    return labels.get(name, name)


OPERATOR_LABELS = {
    "=": "=",
    "!=": "≠",
    ">": ">",
    ">=": "≥",
    "<": "<",
    "<=": "≤",
}


def _rules_context(segment, table, *, posted=None, problems=(), conflict="", base="", state=""):
    """The rules editor: the stored (or posted) rules each with one empty row to add a
    condition, one empty rule to add an alternative, the attributes to choose from and how
    many customers the rules match."""
    customers = table["customers"] if table else None
    kinds = rules.attribute_kinds(customers) if customers is not None else dict(rules.BUILT_IN)
    current = segment.customer_rules if posted is None else posted
    blank = {"attribute": "", "operator": "=", "value": ""}
    by_place = {}
    for problem in problems:
        by_place.setdefault((problem.rule, problem.condition), []).append(
            services.rules_problem_text(problem)
        )
    editor = []
    for i, rule in enumerate([*current, {"conditions": []}]):
        if i >= rules.MAX_RULES:
            break
        conditions = [*rule.get("conditions", []), blank][: rules.MAX_CONDITIONS]
        editor.append(
            {
                "index": i,
                "number": i + 1,
                "new": i == len(current),
                "errors": by_place.get((i + 1, None), []),
                "conditions": [
                    {
                        "index": j,
                        "number": j + 1,
                        "new": j == len(rule.get("conditions", [])),
                        "errors": by_place.get((i + 1, j + 1), []),
                        **condition,
                    }
                    for j, condition in enumerate(conditions)
                ],
            }
        )
    attributes = [(name, _attribute_label(name)) for name in kinds]
    for rule in current:
        for condition in rule.get("conditions", []):
            if condition["attribute"] and condition["attribute"] not in kinds:
                attributes.append((condition["attribute"], condition["attribute"]))
    preview = _rules_preview(segment, table, current) if table else None
    return {
        "rules_editor": editor,
        "rules_attributes": attributes,
        "rules_operators": [
            *OPERATOR_LABELS.items(),
            ("contains", _("contains")),
        ],
        # After a conflict the person's own starting point stays, so only "keep mine" replaces.
        "rules_version": base or value_version(services.rules_text(segment.customer_rules)),
        "rules_conflict": conflict,
        "rules_conflict_version": value_version(services.rules_text(segment.customer_rules))
        if conflict
        else "",
        "rules_state": state,
        "rules_preview": preview,
        "rules_problems": [text for texts in by_place.values() for text in texts],
        "rules_lines": [
            " {} ".format(_("and")).join(
                f"{dict(attributes).get(c['attribute'], c['attribute'])} "
                f"{OPERATOR_LABELS.get(c['operator'], _('contains'))} {c['value']}"
                for c in rule.get("conditions", [])
            )
            for rule in current
        ],
    }


def _rules_preview(segment, table, raw_rules):
    """How many customers the rules match, and how many the segment gets after the segment
    column and the earlier segments' rules."""
    customers = table["customers"]
    kinds = rules.attribute_kinds(customers)
    checked, _problems = rules.check_rules(raw_rules, kinds)
    segments = list(segment.workshop.segments.all())
    order = services.segment_rules(segments)
    order = [
        rules.SegmentRules(key=item.key, name=item.name, rules=checked)
        if item.key == str(segment.pk)
        else item
        for item in order
    ]
    assigned = rules.assign(customers, order)
    return {
        "matching": rules.matching_count(customers, checked),
        "assigned": int((assigned == str(segment.pk)).sum()),
        "total": customers.height,
        "model": table["model"],
    }


def _rules_response(request, segment, table, status=200, **kwargs):
    context = {
        "segment": segment,
        "workshop": segment.workshop,
        "can_edit": segment.workshop.can_edit,
        **_rules_context(segment, table, **kwargs),
    }
    return render(request, "segments/segment.html#customer-rules", context, status=status)


@require_POST
@login_required
def rules_save(request, segment_id):
    segment = get_for_user(request, Segment, segment_id, edit=True)
    table = services.segment_profitability(segment.workshop)
    posted = rules_from_post(request.POST)
    customers = table["customers"] if table else None
    kinds = rules.attribute_kinds(customers) if customers is not None else dict(rules.BUILT_IN)
    checked, problems = rules.check_rules(posted, kinds)
    posted_base = request.POST.get("base_version", "")
    if problems:
        return _rules_response(
            request, segment, table, 422, posted=posted, problems=problems, base=posted_base
        )
    clean = [rule.model_dump() for rule in checked]
    stored_version = value_version(services.rules_text(segment.customer_rules))
    # The person was shown the other rules and chose to replace them with their own.
    force = (
        request.POST.get("resolve") == "mine"
        and request.POST.get("conflict_version") == stored_version
    )
    if not services.save_customer_rules(
        segment=segment,
        rules_data=clean,
        base_version=stored_version if force else posted_base,
        by=request.user,
    ):
        theirs = services.rules_text(segment.customer_rules) or "—"
        return _rules_response(
            request, segment, table, 409, posted=clean, conflict=theirs, base=posted_base
        )
    if not request.htmx:
        return redirect(reverse("segments:detail", args=[segment.pk]) + "#customer-rules")
    table = services.segment_profitability(segment.workshop)
    return _rules_response(request, segment, table, state="saved")


@require_GET
@login_required
def rules_preview(request, segment_id):
    segment = get_for_user(request, Segment, segment_id)
    table = services.segment_profitability(segment.workshop)
    context = {
        "segment": segment,
        "rules_preview": _rules_preview(segment, table, _checked_only(request.GET, table))
        if table
        else None,
    }
    return render(request, "segments/segment.html#rules-preview", context)


def _checked_only(data, table):
    checked, _problems = rules.check_rules(
        rules_from_post(data), rules.attribute_kinds(table["customers"])
    )
    return [rule.model_dump() for rule in checked]


@require_GET
@login_required
def profitability(request, workshop_id):
    """Profitability per segment: a table and each segment's whale curve."""
    workshop = get_workshop_for_user(request, workshop_id)
    table = services.segment_profitability(workshop, curves=True)
    sections = []
    if table:
        for row in [*table["rows"], table["unassigned"]]:
            sections.append({**row, "svg": _curve_svg(row["curve"]) if row["curve"] else ""})
    context = {
        "workshop": workshop,
        "table": table,
        "sections": sections,
        "can_edit": workshop.can_edit,
    }
    return render(request, "segments/profitability.html", context)


@require_POST
@login_required
def measured_fill(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    services.fill_measured_scores(workshop)
    return redirect(reverse("segments:value", args=[workshop.pk]) + "#scores")


@require_http_methods(["GET", "POST"])
@login_required
def segment_delete(request, segment_id):
    segment = get_for_user(request, Segment, segment_id, facilitate=True)
    if request.method == "POST":
        workshop = segment.workshop
        segment.delete()
        services.fill_measured_scores(workshop)
        workshop_id = workshop.pk
        return redirect("segments:list", workshop_id)
    return render(
        request,
        "journey/confirm_delete.html",
        {
            "object": segment,
            "workshop": segment.workshop,
            "cancel_url": reverse("segments:detail", args=[segment.pk]),
        },
    )


def _segment_changes(segment):
    """Changes of the segment's own fields, its value experience cells and its scores."""
    return Change.objects.filter(workshop_id=segment.workshop_id).filter(
        Q(target_type="segment", target_id=segment.pk)
        | Q(
            target_type="valueexperiencecell",
            target_id__in=segment.experience.values("pk"),
        )
        | Q(target_type="criterionscore", target_id__in=segment.scores.values("pk"))
    )


@require_GET
@login_required
def segment_history(request, segment_id):
    segment = get_for_user(request, Segment, segment_id)
    changes = list(_segment_changes(segment).select_related("user")[:300])
    for change in changes:
        part = PARTS_BY_MODEL.get(change.target_type)
        label = part.model._meta.get_field(change.field).verbose_name if part else change.field
        change.label = label if part is SEGMENT else f"{change.target_label} · {label}"
        # The first name of a segment was empty; a name cannot be restored to nothing.
        change.restorable = bool(part) and not (change.field == "name" and not change.old_value)
    context = {
        "segment": segment,
        "workshop": segment.workshop,
        "changes": changes,
        "can_edit": segment.workshop.can_edit,
    }
    return render(request, "segments/history.html", context)


@require_POST
@login_required
def change_restore(request, segment_id, change_id):
    segment = get_for_user(request, Segment, segment_id, edit=True)
    change = get_object_or_404(_segment_changes(segment), pk=change_id)
    part = PARTS_BY_MODEL[change.target_type]
    if change.field not in part.fields:
        raise Http404
    obj = get_object_or_404(part.model.objects.select_related(*part.related), pk=change.target_id)
    current = value_version(getattr(obj, change.field))
    form = PartFieldForm(
        part, obj, change.field, {change.field: change.old_value, "base_version": current}
    )
    if form.is_valid():
        form.save_if_version_matches(by=request.user)
    return redirect("segments:history", segment.pk)


@require_GET
@login_required
def compare_journeys(request, workshop_id):
    """Two segments' journeys side by side: the first journey of each, on journey:compare."""
    workshop = get_workshop_for_user(request, workshop_id)
    segments = {str(s.pk): s for s in workshop.segments.all()}
    chosen = [segments.get(request.GET.get(key, "")) for key in ("a", "b")]
    ids = []
    for segment in chosen:
        if segment is None:
            continue
        journeys = services.journeys_for(segment)
        if journeys:
            ids.append(str(journeys[0].pk))
    url = reverse("journey:compare", args=[workshop.pk])
    if len(ids) == 2:
        return redirect(f"{url}?a={ids[0]}&b={ids[1]}")
    return redirect(url)


# --- the segment matrix -------------------------------------------------------------------------


def _matrix_context(request, workshop, form=None):
    matrix = services.get_matrix(workshop)
    rows, orphans = services.matrix_table(matrix)
    for cell in [c for _row, cells in rows for c in cells if c] + orphans:
        cell.matrix = matrix
    table = [
        (row, [(cell, _view(CELL, cell, "text", workshop) if cell else None) for cell in cells])
        for row, cells in rows
    ]
    return {
        "workshop": workshop,
        "matrix": matrix,
        "table": table,
        "orphans": orphans,
        "form": form
        or AxesForm(
            initial={
                "row_axis": matrix.row_axis,
                "row_values": "\n".join(matrix.row_values),
                "column_axis": matrix.column_axis,
                "column_values": "\n".join(matrix.column_values),
            }
        ),
        "guidance": method.matrix_guidance(method_language(workshop)),
        "can_edit": workshop.can_edit,
    }


@require_GET
@login_required
def matrix(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    return render(request, "segments/matrix.html", _matrix_context(request, workshop))


@require_POST
@login_required
def matrix_axes(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    form = AxesForm(request.POST)
    if not form.is_valid():
        context = _matrix_context(request, workshop, form)
        return render(request, "segments/matrix.html", context, status=422)
    services.set_axes(matrix=services.get_matrix(workshop), by=request.user, **form.cleaned_data)
    return redirect("segments:matrix", workshop.pk)


@require_POST
@login_required
def matrix_example(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    services.apply_example(
        matrix=services.get_matrix(workshop), language=method_language(workshop), by=request.user
    )
    return redirect("segments:matrix", workshop.pk)


@require_POST
@login_required
def cell_promote(request, matrix_cell_id):
    cell = get_for_user(request, _part_objects(CELL), matrix_cell_id, edit=True)
    segment = services.promote_cell(cell=cell, by=request.user)
    return redirect("segments:detail", segment.pk)


# --- customer value -----------------------------------------------------------------------------


def _ranking_context(workshop, segments, criteria):
    ranked = services.ranking(workshop, segments=segments, criteria=criteria)
    return {
        "ranked": ranked,
        "ranking_svg": charts.ranking_svg(
            [(row.name, row.total) for row in ranked],
            axis_label=_("Weighted total (1–5)"),
        ),
    }


@require_GET
@login_required
def value(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    segments = list(workshop.segments.all())
    criteria = list(workshop.value_criteria.all())
    context = {"workshop": workshop, "can_edit": workshop.can_edit}
    context.update(_ranking_context(workshop, segments, criteria))
    if request.htmx:
        return render(request, "segments/value.html#ranking", context)
    services.ensure_scores(workshop)
    scores = {
        (s.segment_id, s.criterion_id): s
        for s in CriterionScore.objects.filter(segment__workshop=workshop)
    }
    by_id = {s.pk: s for s in segments}
    for score in scores.values():
        score.segment = by_id[score.segment_id]
    table = []
    for criterion in criteria:
        for key in [(s.pk, criterion.pk) for s in segments]:
            scores[key].criterion = criterion
        table.append(
            {
                "criterion": criterion,
                "weight": _view(CRITERION, criterion, "weight", workshop),
                "name": _view(CRITERION, criterion, "name", workshop),
                "measured": _view(CRITERION, criterion, "measured", workshop),
                "scores": [
                    (
                        scores[(s.pk, criterion.pk)],
                        _view(SCORE, scores[(s.pk, criterion.pk)], "score", workshop),
                    )
                    for s in segments
                ],
            }
        )
    cube_points = [
        (s.name, s.cube_volume, s.cube_efficiency, s.cube_duration)
        for s in segments
        if None not in (s.cube_volume, s.cube_efficiency, s.cube_duration)
    ]
    context.update(
        {
            "segments": segments,
            "table": table,
            "criterion_form": CriterionForm(),
            "cube_rows": [
                (
                    s,
                    scoring.cube_value(s.cube_volume, s.cube_efficiency, s.cube_duration),
                )
                for s in segments
            ],
            "cube_svg": charts.cube_svg(
                cube_points,
                volume_label=_("Volume"),
                efficiency_label=_("Efficiency (margin after the costs of serving)"),
                duration_label=_("Bubble size: duration"),
            )
            if cube_points
            else "",
        }
    )
    return render(request, "segments/value.html", context)


@require_POST
@login_required
def criterion_add(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    form = CriterionForm(request.POST)
    if form.is_valid():
        services.add_criterion(
            workshop=workshop, name=form.cleaned_data["name"], weight=form.cleaned_data["weight"]
        )
    return redirect(reverse("segments:value", args=[workshop.pk]) + "#criteria")


@require_POST
@login_required
def criteria_defaults(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    services.add_default_criteria(workshop=workshop, by=request.user)
    return redirect(reverse("segments:value", args=[workshop.pk]) + "#criteria")


@require_POST
@login_required
def criterion_delete(request, value_criterion_id):
    criterion = get_for_user(request, _part_objects(CRITERION), value_criterion_id, edit=True)
    workshop_id = criterion.workshop_id
    ValueCriterion.objects.filter(pk=criterion.pk).delete()
    return redirect(reverse("segments:value", args=[workshop_id]) + "#criteria")


# --- customer selection -------------------------------------------------------------------------


@require_GET
@login_required
def selection(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    language = method_language(workshop)
    phases = []
    for phase in services.ensure_selection_phases(workshop):
        phase.workshop = workshop
        name, guidance = method.selection_phase_text(phase.phase, language)
        phases.append(
            {
                "phase": phase,
                "name": name,
                "guidance": guidance,
                "status": _view(PHASE, phase, "status", workshop),
                "notes": _view(PHASE, phase, "notes", workshop),
            }
        )
    segments = []
    for segment in Segment.objects.filter(workshop=workshop):
        segment.workshop = workshop
        segments.append(
            {
                "segment": segment,
                "fields": [
                    _view(SEGMENT, segment, name, workshop)
                    for name in (*method.KEY_QUESTIONS, "evidence")
                ],
            }
        )
    context = {
        "workshop": workshop,
        "phases": phases,
        "segments": segments,
        "done": sum(1 for p in phases if p["phase"].status == "done"),
        "can_edit": workshop.can_edit,
    }
    return render(request, "segments/selection.html", context)
