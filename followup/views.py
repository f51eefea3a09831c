import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journey.models import Action, Stage
from workshops import autosave
from workshops.access import get_for_user, get_workshop_for_user
from workshops.exports.tables import csv_rows
from workshops.language import method_language
from workshops.uploads import max_rows

from . import actions as board
from . import charts, importing, measures, method, services, uploads
from .comparison import compare
from .dashboard import (
    feedback_summary,
    measure_rows,
    open_flags,
    overdue_actions,
    status_labels,
)
from .forms import (
    ActionFilterForm,
    ActionStatusForm,
    CellForm,
    FeedbackForm,
    LinkForm,
    MappingForm,
    MeasureForm,
    ReactionForm,
    ReviewForm,
    UploadForm,
)
from .kano_link import workshop_factors
from .models import (
    CalendarToken,
    Feedback,
    FeedbackLink,
    Measure,
    MeasureValue,
    Period,
    Review,
)
from .reviews import create_review, previous_review
from .tablefile import fold, read_table

GRID_COLUMNS = 6
PREVIEW_ROWS = 10
FEEDBACK_PAGE = 50
# A feedback item is shown with its stage, fetched in the access query.
FEEDBACK = Feedback.objects.select_related("stage__phase__journey")


def _render(request, template, partial, context, status=200):
    name = f"{template}#{partial}" if request.htmx and partial else template
    return render(request, name, context, status=status)


# --- the follow-up dashboard ------------------------------------------------------------------


@require_GET
@login_required
def dashboard(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    flags, flag_total = open_flags(workshop)
    late, late_total = overdue_actions(workshop)
    context = {
        "workshop": workshop,
        "current": "dashboard",
        "can_edit": workshop.can_edit,
        "flags": flags,
        "flag_total": flag_total,
        "rows": measure_rows(workshop),
        "summary": feedback_summary(workshop),
        "late": late,
        "late_total": late_total,
        "review": workshop.followup_reviews.first(),
        "reaction_form": ReactionForm(),
    }
    return render(request, "followup/dashboard.html", context)


@require_POST
@login_required
def feedback_react(request, feedback_id):
    feedback = get_for_user(request, FEEDBACK, feedback_id, edit=True)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        context = {"item": feedback, "reaction_form": form, "can_edit": True}
        return _render(request, "followup/dashboard.html", "flag-item", context, status=422)
    services.react(feedback=feedback, note=form.cleaned_data["note"], by=request.user)
    if not request.htmx:
        messages.success(request, _("The reaction was saved."))
        return redirect("followup:dashboard", feedback.workshop_id)
    feedback.refresh_from_db()
    context = {"item": feedback, "can_edit": True, "reacted": True}
    return render(request, "followup/dashboard.html#flag-item", context)


# --- measures ---------------------------------------------------------------------------------


def _measure_list_context(workshop, form=None):
    measure_list = list(services.with_latest(services.workshop_measures(workshop)))
    labels = status_labels()
    for measure in measure_list:
        measure.status = services.measure_status(measure)
        measure.status_label = labels[measure.status]
    waiting = (
        services.workshop_stages(workshop).exclude(metric="").filter(measures__isnull=True).count()
    )
    return {
        "workshop": workshop,
        "current": "measures",
        "measures": measure_list,
        "form": form or MeasureForm(workshop=workshop),
        "can_edit": workshop.can_edit,
        "from_worksheets": waiting,
    }


@require_http_methods(["GET", "POST"])
@login_required
def measure_list(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=request.method == "POST")
    if request.method == "POST":
        form = MeasureForm(request.POST, workshop=workshop)
        if form.is_valid():
            measure = form.save(commit=False)
            measure.position = services.next_measure_position(measure.stage)
            with transaction.atomic():
                measure.save()
                services.refresh_computed([measure])
            messages.success(request, _("The measure was added."))
            return redirect("followup:measures", workshop.pk)
        context = _measure_list_context(workshop, form)
        return render(request, "followup/measures.html", context, status=422)
    return render(request, "followup/measures.html", _measure_list_context(workshop))


@require_POST
@login_required
def measures_from_worksheets(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    created, skipped = services.measures_from_worksheets(workshop=workshop)
    if created:
        messages.success(
            request, _("%(n)d measures were made from the worksheets.") % {"n": len(created)}
        )
    if skipped:
        messages.warning(
            request,
            _("No target number on the worksheet of: %(stages)s. Add those measures by hand.")
            % {"stages": ", ".join(stage.name for stage in skipped)},
        )
    return redirect("followup:measures", workshop.pk)


@require_http_methods(["GET", "POST"])
@login_required
def measure_edit(request, measure_id):
    measure = get_for_user(request, Measure, measure_id, edit=request.method == "POST")
    workshop = measure.stage.phase.journey.workshop
    if request.method == "POST":
        form = MeasureForm(request.POST, instance=measure, workshop=workshop)
        if form.is_valid():
            with transaction.atomic():
                measure = form.save()
                services.refresh_computed([measure])
            messages.success(request, _("The measure was saved."))
            return redirect("followup:measures", workshop.pk)
        status = 422
    else:
        form = MeasureForm(instance=measure, workshop=workshop)
        status = 200
    context = {
        "workshop": workshop,
        "measure": measure,
        "form": form,
        "current": "measures",
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/measure_edit.html", context, status=status)


@require_POST
@login_required
def measure_delete(request, measure_id):
    measure = get_for_user(request, Measure, measure_id, edit=True)
    workshop_id = measure.stage.phase.journey.workshop_id
    measure.delete()
    messages.success(request, _("The measure was deleted."))
    url = reverse("followup:measures", args=[workshop_id])
    if request.htmx:
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


# --- the measures grid ------------------------------------------------------------------------


@dataclass
class Cell:
    measure: Measure
    start: datetime.date
    value: Decimal | None
    state: str = ""  # "", "saved", "error", "conflict"
    typed: str | None = None  # what the person typed, kept on an error or a conflict
    error: str = ""
    base_version: str | None = None
    conflict_value: Decimal | None = None

    @property
    def key(self):
        return self.start.isoformat()

    @property
    def label(self):
        return measures.period_label(self.start, self.measure.period)

    @property
    def text(self):
        return self.typed if self.typed is not None else measures.number_text(self.value)

    @property
    def version(self):
        if self.base_version is not None:
            return self.base_version
        return services.cell_version(self.value)

    @property
    def conflict_text(self):
        return measures.number_text(self.conflict_value) or "—"

    @property
    def conflict_version(self):
        return services.cell_version(self.conflict_value)

    @property
    def dom_id(self):
        return f"cell-{self.measure.pk.hex}-{self.start:%Y%m%d}"


def _grid_period(request):
    period = request.GET.get("period", Period.MONTH)
    return period if period in Period.values else Period.MONTH


def _grid_end(request):
    try:
        return datetime.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        return services.today()


@require_GET
@login_required
def grid(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    period = _grid_period(request)
    starts = measures.period_range(_grid_end(request), period, GRID_COLUMNS)
    all_measures = list(services.workshop_measures(workshop))
    shown = [m for m in all_measures if m.period == period]
    values = {
        (v.measure_id, v.period_start): v.value
        for v in MeasureValue.objects.filter(measure__in=shown, period_start__in=starts)
    }
    rows = [(m, [Cell(m, start, values.get((m.pk, start))) for start in starts]) for m in shown]
    counts = Counter(m.period for m in all_measures)
    earlier = measures.period_range(starts[0], period, GRID_COLUMNS + 1)[0]
    later = starts[-1]
    for _step in range(GRID_COLUMNS):
        later = measures.next_period(later, period)
    context = {
        "workshop": workshop,
        "current": "grid",
        "period": period,
        "periods": [(value, label, counts[value]) for value, label in Period.choices],
        "columns": [(start, measures.period_label(start, period)) for start in starts],
        "rows": rows,
        "earlier": earlier,
        "later": later,
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/grid.html", context)


def _cell_start(measure, period_start) -> datetime.date:
    try:
        start = datetime.date.fromisoformat(period_start)
    except ValueError:
        raise Http404 from None
    if measures.period_start(start, measure.period) != start:
        raise Http404
    return start


def _cell_response(request, cell, status=200):
    workshop = cell.measure.stage.phase.journey.workshop
    context = {"cell": cell, "can_edit": workshop.can_edit}
    return render(request, "followup/grid.html#grid-cell", context, status=status)


@require_GET
@login_required
def cell(request, measure_id, period_start):
    measure = get_for_user(request, Measure, measure_id)
    start = _cell_start(measure, period_start)
    stored = MeasureValue.objects.filter(measure=measure, period_start=start).first()
    return _cell_response(request, Cell(measure, start, stored.value if stored else None))


@require_POST
@login_required
def cell_save(request, measure_id, period_start):
    measure = get_for_user(request, Measure, measure_id, edit=True)
    start = _cell_start(measure, period_start)
    form = CellForm(request.POST)
    typed = request.POST.get("value", "")
    if measure.is_computed:
        cell = Cell(measure, start, None, "error", typed)
        cell.error = _("This measure is computed from the feedback log.")
        return _cell_response(request, cell, 422)
    if not form.is_valid():
        stored = MeasureValue.objects.filter(measure=measure, period_start=start).first()
        cell = Cell(measure, start, stored.value if stored else None, "error", typed)
        cell.error = " ".join(form.errors.get("value", []))
        cell.base_version = request.POST.get("base_version", "")
        return _cell_response(request, cell, 422)
    stored = MeasureValue.objects.filter(measure=measure, period_start=start).first()
    force = autosave.keeps_mine(request.POST, services.value_text(stored.value if stored else None))
    saved, current = services.save_cell(
        measure=measure,
        period_start=start,
        value=form.cleaned_data["value"],
        base_version=form.cleaned_data["base_version"],
        by=request.user,
        force=force,
    )
    if not saved:
        cell = Cell(measure, start, None, "conflict", typed, conflict_value=current)
        cell.base_version = form.cleaned_data["base_version"]
        return _cell_response(request, cell, 409)
    if not request.htmx:
        url = reverse("followup:grid", args=[measure.stage.phase.journey.workshop_id])
        return redirect(f"{url}?period={measure.period}&end={start.isoformat()}")
    return _cell_response(request, Cell(measure, start, current, "saved"))


# --- importing measure values -----------------------------------------------------------------


def _measure_infos(workshop):
    return [
        importing.MeasureInfo(
            id=str(m.pk),
            name=m.name,
            stage=m.stage.name,
            journey=m.stage.phase.journey.name,
            period=m.period,
            manual=not m.is_computed,
        )
        for m in services.workshop_measures(workshop)
    ]


@require_http_methods(["GET", "POST"])
@login_required
def values_import(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=request.method == "POST")
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            table = read_table(
                upload.read(), upload.name, gettext=_, max_rows=max_rows("followup_table")
            )
            parsed = importing.parse_values(table, _measure_infos(workshop), gettext=_)
            if not parsed.errors:
                count = services.import_values(rows=parsed.rows, by=request.user)
                messages.success(request, _("%(n)d values were imported.") % {"n": count})
                return redirect("followup:grid", workshop.pk)
            errors = parsed.errors
        status = 422
    context = {
        "workshop": workshop,
        "current": "grid",
        "form": form,
        "errors": errors,
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/values_import.html", context, status=status)


@require_GET
@login_required
def values_template(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    rows = [["journey", "stage", "measure", "period", "value"]]
    for m in services.workshop_measures(workshop):
        if not m.is_computed:
            start = measures.period_start(services.today(), m.period)
            period = measures.period_label(start, m.period)
            rows.append([m.stage.phase.journey.name, m.stage.name, m.name, period, ""])
    # Names are the users' text: formula-safe like every other export.
    response = HttpResponse(csv_rows(rows), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="measure-values.csv"'
    return response


# --- feedback ---------------------------------------------------------------------------------


def _feedback_filters(request, queryset):
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(
            Q(text__icontains=query) | Q(customer__icontains=query) | Q(channel__icontains=query)
        )
    tag = request.GET.get("tag", "").strip()
    if tag:
        queryset = queryset.filter(tags__icontains=tag)
    if request.GET.get("flagged") == "1":
        queryset = queryset.filter(flagged=True)
    return queryset, query, tag


def _tag_counts(queryset, limit=30):
    counts = Counter()
    for tags in queryset.exclude(tags=[]).values_list("tags", flat=True)[:5000]:
        counts.update(tag for tag in tags if isinstance(tag, str))
    return counts.most_common(limit)


@require_GET
@login_required
def feedback_list(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    queryset = Feedback.objects.filter(workshop=workshop).select_related(
        "stage__phase__journey", "touchpoint", "kano_factor"
    )
    stage_id = request.GET.get("stage", "")
    stages = list(services.workshop_stages(workshop))
    if stage_id:
        queryset = queryset.filter(stage_id__in=[s.pk for s in stages if str(s.pk) == stage_id])
    queryset, query, tag = _feedback_filters(request, queryset)
    page = Paginator(queryset, FEEDBACK_PAGE).get_page(request.GET.get("page"))
    context = {
        "workshop": workshop,
        "current": "feedback",
        "page": page,
        "query": query,
        "tag": tag,
        "stage_id": stage_id,
        "stages": stages,
        "flagged_only": request.GET.get("flagged") == "1",
        "summary": feedback_summary(workshop, stages=stages),
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/feedback.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def feedback_add(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    if request.method == "POST":
        form = FeedbackForm(request.POST, workshop=workshop)
        if form.is_valid():
            feedback = services.create_feedback(
                stage=form.cleaned_data["stage"], by=request.user, **form.feedback_fields()
            )
            if feedback.flagged:
                messages.warning(
                    request,
                    _("The feedback was saved and flagged for an immediate reaction."),
                )
            else:
                messages.success(request, _("The feedback was saved."))
            return redirect("followup:feedback", workshop.pk)
        status = 422
    else:
        initial = {"date": services.today()}
        if request.GET.get("stage"):
            initial["stage"] = request.GET["stage"]
        form = FeedbackForm(initial=initial, workshop=workshop)
        status = 200
    context = {"workshop": workshop, "current": "feedback", "form": form}
    return render(request, "followup/feedback_add.html", context, status=status)


@require_POST
@login_required
def feedback_delete(request, feedback_id):
    feedback = get_for_user(request, FEEDBACK, feedback_id, facilitate=True)
    workshop_id = feedback.workshop_id
    services.delete_feedback(feedback=feedback)
    if request.htmx:
        return HttpResponse("")  # the record's card is swapped away
    messages.success(request, _("The feedback was deleted."))
    return redirect("followup:feedback", workshop_id)


@require_GET
@login_required
def stage_feedback(request, stage_id):
    stage = get_for_user(request, Stage, stage_id)
    workshop = stage.phase.journey.workshop
    all_feedback = Feedback.objects.filter(stage=stage)
    summary = feedback_summary(workshop, stages=[stage])
    item = summary[0] if summary else None
    queryset, query, tag = _feedback_filters(
        request, all_feedback.select_related("touchpoint", "kano_factor")
    )
    page = Paginator(queryset, FEEDBACK_PAGE).get_page(request.GET.get("page"))
    charts_by_scale = []
    if item is not None:
        for scale, rows in ((5, item.distribution5), (10, item.distribution10)):
            if item.by_scale.get(scale):
                charts_by_scale.append(
                    (
                        scale,
                        charts.distribution_svg(
                            [(str(r), n) for r, n, _pct in rows],
                            xlabel=_("Rating"),
                            ylabel=_("Answers"),
                        ),
                    )
                )
    links = list(stage.feedback_links.all())
    for link in links:
        link.url = request.build_absolute_uri(
            reverse("followup:public-feedback", args=[link.feedback_token])
        )
    context = {
        "workshop": workshop,
        "stage": stage,
        "journey": stage.phase.journey,
        "current": "feedback",
        "item": item,
        "charts": charts_by_scale,
        "page": page,
        "query": query,
        "tag": tag,
        "tags": _tag_counts(all_feedback),
        "links": links,
        "link_form": LinkForm(stage=stage),
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/stage_feedback.html", context)


# --- importing survey exports -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def feedback_import(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=request.method == "POST")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # An unreadable file is told here, before it is kept for the mapping step.
        table = read_table(
            upload.read(), upload.name, gettext=_, max_rows=max_rows("followup_table")
        )
        if not table.errors and not table.rows:
            form.add_error("file", _("The file has no data rows under its header row."))
        for error in table.errors:
            form.add_error("file", error.message)
        if not form.errors:
            upload.seek(0)
            upload_id = uploads.save(workshop, upload)
            return redirect("followup:feedback-import-map", workshop.pk, upload_id)
    context = {"workshop": workshop, "current": "feedback", "form": form}
    status = 422 if request.method == "POST" else 200
    return render(request, "followup/feedback_import.html", context, status=status)


def _stage_lookup(stages) -> dict:
    lookup: dict = {}
    for stage in stages:
        for name in (stage.name, f"{stage.phase.journey.name} / {stage.name}"):
            lookup.setdefault(fold(name), []).append(str(stage.pk))
        lookup.setdefault(fold(f"{stage.phase.journey.name} › {stage.name}"), []).append(
            str(stage.pk)
        )
    return lookup


@require_http_methods(["GET", "POST"])
@login_required
def feedback_import_map(request, workshop_id, upload_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    path = uploads.find(workshop, upload_id)
    if path is None:
        raise Http404
    table = read_table(path.read_bytes(), path.name, gettext=_, max_rows=max_rows("followup_table"))
    guess = importing.guess_mapping(table.header)
    form = MappingForm(request.POST or None, workshop=workshop, header=table.header, guess=guess)
    parsed = None
    status = 200
    if table.errors:
        status = 422
    elif request.method == "POST":
        if form.is_valid():
            stage = form.cleaned_data["stage"]
            mapping = importing.FeedbackMapping(
                columns=form.columns(),
                scale=form.cleaned_data["scale"],
                stage_id=str(stage.pk) if stage else None,
                day_first=form.cleaned_data["day_first"],
            )
            stages = list(services.workshop_stages(workshop))
            factors = {fold(f.name): str(f.pk) for f in workshop_factors(workshop)}
            parsed = importing.parse_feedback(
                table,
                mapping,
                stages=_stage_lookup(stages),
                factors=factors,
                today=services.today(),
                gettext=_,
            )
            if not parsed.errors and request.POST.get("confirm") == "1":
                count = services.import_feedback(
                    workshop=workshop, rows=parsed.rows, by=request.user
                )
                uploads.remove(path)
                messages.success(request, _("%(n)d feedback records were imported.") % {"n": count})
                return redirect("followup:feedback", workshop.pk)
            if parsed.errors:
                status = 422
        else:
            status = 422
    stage_names = {str(s.pk): s.name for s in services.workshop_stages(workshop)} if parsed else {}
    context = {
        "workshop": workshop,
        "current": "feedback",
        "form": form,
        "table_errors": table.errors,
        "header": table.header,
        "sample": table.rows[:5],
        "row_count": len(table.rows),
        "parsed": parsed,
        "preview": parsed.rows[:PREVIEW_ROWS] if parsed else [],
        "stage_names": stage_names,
        "upload_id": upload_id,
    }
    return render(request, "followup/feedback_import_map.html", context, status=status)


# --- feedback links ---------------------------------------------------------------------------


@require_POST
@login_required
def link_create(request, stage_id):
    stage = get_for_user(request, Stage, stage_id, edit=True)
    form = LinkForm(request.POST, stage=stage)
    if not form.is_valid():
        messages.error(request, _("The link could not be made: check the form."))
        return redirect("followup:stage-feedback", stage.pk)
    item = form.cleaned_data["plan_item"]
    scale = form.cleaned_data["scale"]
    language = method_language(stage.phase.journey.workshop)
    question = form.cleaned_data["question"] or (item.what if item else "")
    link = FeedbackLink.objects.create(
        stage=stage,
        touchpoint=form.cleaned_data["touchpoint"],
        plan_item=item,
        question=question or method.default_question(scale, language),
        channel=(item.channel if item else "")[:100],
        scale=scale,
    )
    return redirect("followup:link", link.pk)


@require_GET
@login_required
def link_detail(request, link_id):
    link = get_for_user(request, FeedbackLink, link_id)
    workshop = link.stage.phase.journey.workshop
    path = reverse("followup:public-feedback", args=[link.feedback_token])
    url = request.build_absolute_uri(path)
    context = {
        "workshop": workshop,
        "link": link,
        "stage": link.stage,
        "url": url,
        "qr": _qr_svg(url),
        "answers": link.feedback.count(),
        "current": "feedback",
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/link.html", context)


def _qr_svg(url):
    return segno.make(url, error="m").svg_inline(scale=4, border=2, svgclass="qr")


@require_POST
@login_required
def link_toggle(request, link_id):
    link = get_for_user(request, FeedbackLink, link_id, edit=True)
    FeedbackLink.objects.filter(pk=link.pk).update(active=not link.active)
    return redirect("followup:link", link.pk)


# --- the action board -------------------------------------------------------------------------


def _action_context(action, workshop, **extra):
    return {
        "action": action,
        "overdue": board.is_overdue(action),
        "status_form": ActionStatusForm(
            initial={"status": action.status, "base_version": action.edit_version}
        ),
        "can_edit": workshop.can_edit,
        **extra,
    }


@require_GET
@login_required
def action_board(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    form = ActionFilterForm(request.GET or None, workshop=workshop, owners=board.owners(workshop))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = list(board.filtered(board.workshop_actions(workshop), data, request.user))
    day = services.today()
    rows = [_action_context(a, workshop) for a in found]
    context = {
        "workshop": workshop,
        "current": "actions",
        "form": form,
        "rows": rows,
        "overdue_count": sum(1 for row in rows if row["overdue"]),
        "today": day,
        "my_names": board.owner_names(request.user),
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/actions.html", context)


@require_POST
@login_required
def action_status(request, action_id):
    action = get_for_user(request, Action, action_id, edit=True)
    workshop = action.stage.phase.journey.workshop
    form = ActionStatusForm(request.POST)
    status = 200
    extra = {}
    if not form.is_valid():
        status = 422
        extra["error"] = _("Choose a status.")
    elif not services.set_action_status(
        action=action,
        status=form.cleaned_data["status"],
        base_version=form.cleaned_data["base_version"],
        by=request.user,
    ):
        status = 409
        action.refresh_from_db()
        extra["conflict"] = True
    else:
        extra["saved"] = True
    if not request.htmx:
        return redirect("followup:actions", workshop.pk)
    context = _action_context(action, workshop, **extra)
    return render(request, "followup/actions.html#action-row", context, status=status)


# --- calendar ---------------------------------------------------------------------------------


@require_GET
@login_required
def calendar_settings(request):
    token, _created = CalendarToken.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(reverse("followup:calendar-feed", args=[token.token]))
    context = {"url": url, "token": token, "names": board.owner_names(request.user)}
    return render(request, "followup/calendar.html", context)


@require_POST
@login_required
def calendar_rotate(request):
    from .models import new_calendar_token

    CalendarToken.objects.update_or_create(
        user=request.user, defaults={"token": new_calendar_token()}
    )
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("followup:calendar")


# --- reviews ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def review_list(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=request.method == "POST")
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            review = create_review(
                workshop=workshop,
                date=form.cleaned_data["date"],
                notes=form.cleaned_data["notes"],
                by=request.user,
            )
            return redirect("followup:review", review.pk)
        status = 422
    else:
        form = ReviewForm(initial={"date": services.today()})
        status = 200
    context = {
        "workshop": workshop,
        "current": "reviews",
        "reviews": workshop.followup_reviews.all(),
        "form": form,
        "can_edit": workshop.can_edit,
    }
    return render(request, "followup/reviews.html", context, status=status)


@require_GET
@login_required
def review_detail(request, review_id):
    review = get_for_user(request, Review, review_id)
    previous = previous_review(review)
    changes = compare(previous.snapshot if previous else None, review.snapshot)
    curves = [
        {
            **curve,
            "svg": charts.emotion_then_now_svg(
                curve["labels"],
                curve["then"],
                curve["now"],
                then_label=str(previous.date) if previous else _("Previous review"),
                now_label=str(review.date),
                title=curve["name"],
            ),
        }
        for curve in changes["curves"]
        if previous is not None or any(v is not None for v in curve["now"])
    ]
    context = {
        "workshop": review.workshop,
        "current": "reviews",
        "review": review,
        "previous": previous,
        "changes": changes,
        "curves": curves,
        "status_labels": status_labels(),
    }
    return render(request, "followup/review.html", context)
