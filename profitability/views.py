import copy
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from workshops import autosave
from workshops.access import get_for_user, get_workshop_for_user
from workshops.language import method_language, ui_language

from . import charts, file_templates, services, staging
from .engine import ModelError, analyze, apply_what_if, compare
from .forms import (
    FILE_FIELDS,
    SETTING_FIELDS,
    RerunForm,
    UploadForm,
    WhatIfForm,
    group_action_view,
    setting_form,
    setting_version,
)
from .method import action_label
from .models import (
    ActivitySetting,
    CustomerResult,
    GroupAction,
    ProfitabilityModel,
    SettingKind,
)
from .results import (
    COST_GROUP_NAMES,
    QUADRANT_NAMES,
    rate_unit,
    results_context,
    whale_labels,
)

CUSTOMERS_PER_PAGE = 50


class VersionConflict(Exception):
    """Someone saved the row first: the transaction is rolled back, nothing overwritten."""


def _render(request, template, partial, context, status=200):
    name = f"{template}#{partial}" if request.htmx and partial else template
    return render(request, name, context, status=status)


# --- models and upload -------------------------------------------------------------------------


@require_GET
@login_required
def model_list(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    context = {
        "workshop": workshop,
        "models": workshop.profitability_models.all(),
        "can_edit": workshop.can_edit,
    }
    return render(request, "profitability/list.html", context)


def _import(form: UploadForm, workshop, user):
    data = form.cleaned_data
    common = {"workshop": workshop, "by": user, "groups": data["groups"]}
    archive = data.get("archive")
    if archive:
        name = data["name"] or Path(archive.name).stem
        content = services.upload_content(archive)
        with services.files_from_zip(archive.name, content) as files:
            return services.import_model(files=files, name=name, **common)
    return services.import_model(files=form.model_files(), name=data["name"], **common)


@require_http_methods(["GET", "POST"])
@login_required
def upload(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    if request.method == "GET":
        context = {"workshop": workshop, "form": UploadForm()}
        context["received"] = staging.received(request, workshop)
        return render(request, "profitability/upload.html", context)
    files = staging.with_staged(request, workshop, FILE_FIELDS)
    form = UploadForm(request.POST, files)
    errors = []
    if form.is_valid():
        try:
            pm = _import(form, workshop, request.user)
        except ModelError as error:
            errors = error.errors
        else:
            staging.clear(request, workshop)
            url = reverse("profitability:results", args=[pm.pk])
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {"workshop": workshop, "form": form, "errors": errors}
    context["received"] = staging.received(request, workshop)
    return _render(request, "profitability/upload.html", "upload-form", context, status=422)


@require_GET
@login_required
def file_template(request, workshop_id, file_kind):
    get_workshop_for_user(request, workshop_id)  # another organisation's workshop: 404
    if file_kind not in file_templates.TEMPLATE_COLUMNS:
        raise Http404
    response = HttpResponse(
        file_templates.template_csv(file_kind), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_kind}.csv"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def model_delete(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id, edit=True)
    if request.method == "POST":
        services.delete_model(pm)
        return redirect("profitability:list", pm.workshop_id)
    return render(
        request,
        "profitability/confirm_delete.html",
        {"pm": pm, "workshop": pm.workshop},
    )


# --- results -----------------------------------------------------------------------------------


@require_GET
@login_required
def results(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id)
    return _results_page(request, pm)


def _results_page(request, pm, *, shown=None, status=200):
    """The results page; `shown` is a group action's field view to show in place of its saved
    state (an error or a conflict posted without JavaScript)."""
    context = results_context(pm)
    for row in context["groups"]:
        action = row["action_object"]
        row["view"] = _action_view(action) if action else None
        if shown is not None and action is not None and action.pk == shown.form.obj.pk:
            row["view"] = shown
    context.update(workshop=pm.workshop, can_edit=pm.workshop.can_edit)
    return render(request, "profitability/results.html", context, status=status)


def _action_view(action, *, data=None, state=""):
    label = _("Group %(group)s") % {"group": action.group}
    suggestion = action_label(action.action, method_language(action.model.workshop))
    if suggestion:
        label = f"{label} · {suggestion}"
    return group_action_view(action, label, data=data, state=state)


@require_GET
@login_required
def action_field(request, group_action_id):
    action = get_for_user(request, GroupAction, group_action_id)
    return autosave.field_response(
        request, _action_view(action), can_edit=action.model.workshop.can_edit
    )


@require_POST
@login_required
def action_save(request, group_action_id):
    action = get_for_user(request, GroupAction, group_action_id, edit=True)
    view = _action_view(action, data=request.POST)
    force = autosave.keeps_mine(request.POST, action.text)
    view.state, status = autosave.status_for(view.form, by=request.user, force=force)
    if not request.htmx:
        # Without JavaScript the form posted the whole page: answer with the whole page.
        if status == 200:
            return redirect(reverse("profitability:results", args=[action.model_id]) + "#actions")
        return _results_page(request, action.model, shown=view, status=status)
    if status == 200:
        view = _action_view(action, state="saved")
    return autosave.field_response(request, view, can_edit=True, status=status)


@require_GET
@login_required
def customer_list(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id)
    rows = CustomerResult.objects.filter(model=pm).order_by("rank")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        rows = rows.filter(Q(customer_id__icontains=query) | Q(name__icontains=query))
    group = request.GET.get("group", "")
    if group.isdigit():
        rows = rows.filter(group=int(group))
    quadrant = request.GET.get("quadrant", "")
    if quadrant in QUADRANT_NAMES:
        rows = rows.filter(quadrant=quadrant)
    page = Paginator(rows, CUSTOMERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "pm": pm,
        "workshop": pm.workshop,
        "page": page,
        "query": query,
        "group": group,
        "quadrant": quadrant,
        "group_numbers": [g["group"] for g in pm.group_summary],
        "quadrant_names": {key: name() for key, name in QUADRANT_NAMES.items()},
        "querystring": _querystring(query=query, group=group, quadrant=quadrant),
    }
    return _render(request, "profitability/customers.html", "customer-table", context)


def _querystring(**params) -> str:
    from urllib.parse import urlencode

    return urlencode({key: value for key, value in params.items() if value})


@require_GET
@login_required
def customer_detail(request, customer_result_id):
    customer = get_for_user(request, CustomerResult, customer_result_id)
    pm = customer.model
    lines = services.breakdown(customer)
    names = {key: name() for key, name in COST_GROUP_NAMES.items()}
    groups = [(names[key], cents) for key, cents in services.cost_group_totals(customer)]
    context = {
        "customer": customer,
        "pm": pm,
        "workshop": pm.workshop,
        "lines": lines,
        "cost_groups": groups,
        "cost_group_names": names,
        "group_count": len(pm.group_summary),
        "quadrant_name": QUADRANT_NAMES[customer.quadrant]() if customer.quadrant else "",
    }
    return render(request, "profitability/customer.html", context)


# --- settings: activities, resources, rates --------------------------------------------------


def _setting_forms(settings, bound: dict):
    return [bound.get(s.pk) or setting_form(s.kind, instance=s) for s in settings]


def _error_items(errors, settings) -> tuple[list[dict], dict]:
    """Engine errors on the settings tables as UI rows: the table, the row number as shown
    (1 = first), the setting's name, column and message; and the errors per setting id."""
    by_kind = {
        SettingKind.ACTIVITY: [s for s in settings if s.kind == SettingKind.ACTIVITY],
        SettingKind.RESOURCE: [s for s in settings if s.kind == SettingKind.RESOURCE],
    }
    tables = {"activities": SettingKind.ACTIVITY, "resources": SettingKind.RESOURCE}
    items, per_setting = [], {}
    for error in errors:
        kind = tables.get(error.file)
        rows = by_kind.get(kind, [])
        setting = None
        if error.row is not None and 2 <= error.row < len(rows) + 2:
            setting = rows[error.row - 2]
        item = {
            "table": _("Activities") if kind == SettingKind.ACTIVITY else _("Resources"),
            "row": None if setting is None else error.row - 1,
            "name": "" if setting is None else setting.name,
            "column": error.column or "",
            "message": error.message,
            "value": error.value,
        }
        items.append(item)
        if setting is not None and setting.pk:
            per_setting.setdefault(setting.pk, []).append(item)
    return items, per_setting


def _settings_context(pm, *, bound=None, new_forms=None, errors=(), rows=None, saved=None):
    stored = services.ordered_settings(pm)
    error_items, per_setting = _error_items(errors, rows if rows is not None else stored)
    forms = _setting_forms(stored, bound or {})
    for form in forms:
        form.row_errors = per_setting.get(form.instance.pk, [])
    new_forms = new_forms or {}
    return {
        "pm": pm,
        "workshop": pm.workshop,
        "activity_forms": [f for f in forms if f.kind == SettingKind.ACTIVITY],
        "resource_forms": [f for f in forms if f.kind == SettingKind.RESOURCE],
        "new_activity": new_forms.get(SettingKind.ACTIVITY) or setting_form(SettingKind.ACTIVITY),
        "new_resource": new_forms.get(SettingKind.RESOURCE) or setting_form(SettingKind.RESOURCE),
        "errors": error_items,
        "saved": saved,
        "can_edit": pm.workshop.can_edit,
        "can_rerun": pm.has_order_lines,
        "rerun_form": RerunForm(initial={"groups": pm.groups}),
        "drivers": _drivers(pm),
        "resource_names": [f.instance.name for f in forms if f.kind == SettingKind.RESOURCE],
    }


def _drivers(pm) -> list[str]:
    first = CustomerResult.objects.filter(model=pm).only("drivers").first()
    return sorted(first.drivers) if first else []


def _settings_response(request, pm, status=200, **kwargs):
    context = _settings_context(pm, **kwargs)
    return _render(request, "profitability/settings.html", "settings", context, status=status)


@require_GET
@login_required
def settings_page(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id)
    return _settings_response(request, pm)


def _rerun_with(request, pm, rows, write, *, bound=None, new_forms=None, saved=None):
    """Re-analyse with ``rows``; ``write`` saves the edit in the same transaction."""
    if not pm.has_order_lines:
        return _settings_response(
            request,
            pm,
            status=422,
            bound=bound,
            new_forms=new_forms,
            errors=_no_lines_errors(pm),
        )
    try:
        services.rerun_analysis(pm=pm, rows=rows, write=write)
    except ModelError as error:
        return _settings_response(
            request,
            pm,
            status=422,
            bound=bound,
            new_forms=new_forms,
            errors=error.errors,
            rows=rows,
        )
    except VersionConflict:
        return None
    if not request.htmx:
        return redirect("profitability:settings", pm.pk)
    return _settings_response(request, pm, saved=saved)


def _no_lines_errors(pm):
    try:
        services.load_stored_model(pm)
    except ModelError as error:
        return error.errors
    return []


@require_POST
@login_required
def setting_save(request, activity_setting_id):
    setting = get_for_user(request, ActivitySetting, activity_setting_id, edit=True)
    pm = setting.model
    form = setting_form(setting.kind, request.POST, instance=setting)
    if not form.is_valid():
        return _settings_response(request, pm, status=422, bound={setting.pk: form})
    base_version = form.cleaned_data.get("base_version")
    if base_version != setting_version(setting):
        form.conflict = setting
        return _settings_response(request, pm, status=409, bound={setting.pk: form})
    edited = form.apply(copy.copy(setting))
    rows = [edited if s.pk == setting.pk else s for s in services.ordered_settings(pm)]

    def write():
        stored = ActivitySetting.objects.select_for_update().get(pk=setting.pk)
        if setting_version(stored) != base_version:
            raise VersionConflict
        changes = {field: getattr(edited, field) for field in SETTING_FIELDS}
        ActivitySetting.objects.filter(pk=setting.pk).update(**changes)

    response = _rerun_with(request, pm, rows, write, bound={setting.pk: form}, saved=setting.pk)
    if response is None:
        form.conflict = ActivitySetting.objects.get(pk=setting.pk)
        return _settings_response(request, pm, status=409, bound={setting.pk: form})
    return response


@require_POST
@login_required
def setting_add(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id, edit=True)
    kind = request.POST.get("kind")
    if kind not in SettingKind.values:
        kind = SettingKind.ACTIVITY
    form = setting_form(kind, request.POST)
    if not form.is_valid():
        return _settings_response(request, pm, status=422, new_forms={kind: form})
    stored = services.ordered_settings(pm)
    position = (pm.settings.filter(kind=kind).aggregate(m=Max("position"))["m"] or 0) + 1
    new = form.apply(ActivitySetting(model=pm, kind=kind, position=position))
    rows = [s for s in stored if s.kind == SettingKind.ACTIVITY]
    rows += [new] if kind == SettingKind.ACTIVITY else []
    rows += [s for s in stored if s.kind == SettingKind.RESOURCE]
    rows += [new] if kind == SettingKind.RESOURCE else []
    return _rerun_with(request, pm, rows, new.save, new_forms={kind: form})


@require_POST
@login_required
def setting_delete(request, activity_setting_id):
    setting = get_for_user(request, ActivitySetting, activity_setting_id, edit=True)
    pm = setting.model
    rows = [s for s in services.ordered_settings(pm) if s.pk != setting.pk]
    return _rerun_with(request, pm, rows, setting.delete)


@require_POST
@login_required
def rerun(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id, edit=True)
    form = RerunForm(request.POST)
    if not form.is_valid() or not pm.has_order_lines:
        errors = [] if pm.has_order_lines else _no_lines_errors(pm)
        context = _settings_context(pm, errors=errors)
        context["rerun_form"] = form
        return _render(request, "profitability/settings.html", "settings", context, status=422)
    try:
        services.rerun_analysis(pm=pm, groups=form.cleaned_data["groups"])
    except ModelError as error:
        return _settings_response(request, pm, status=422, errors=error.errors)
    if request.htmx:
        return HttpResponseClientRedirect(reverse("profitability:results", args=[pm.pk]))
    return redirect("profitability:results", pm.pk)


# --- what-if -------------------------------------------------------------------------------------


def _rate_names(pm) -> list[tuple[str, str]]:
    """Activities and resources whose rate a what-if may set: (name, label with the unit).
    A time equation of several terms is changed through its resource."""
    names = []
    for item in pm.activity_summary:
        if item["kind"] == "unallocated" or not item["driver"] or " + " in item["driver"]:
            continue
        unit = rate_unit(item["driver"])
        names.append((item["activity"], f"{item['activity']} ({unit})"))
    for setting in pm.settings.filter(kind=SettingKind.RESOURCE).order_by("position"):
        names.append((setting.name, f"{setting.name} ({_('€ per minute')})"))
    return names


@require_GET
@login_required
def what_if(request, profitability_model_id):
    pm = get_for_user(request, ProfitabilityModel, profitability_model_id)
    drivers = _drivers(pm)
    bound = "run" in request.GET
    form = WhatIfForm(request.GET if bound else None, rate_names=_rate_names(pm), drivers=drivers)
    context = {"pm": pm, "workshop": pm.workshop, "form": form, "can_run": pm.has_order_lines}
    status = 200
    if bound and pm.has_order_lines:
        if form.is_valid():
            try:
                context.update(_what_if_result(pm, form))
            except (ValueError, ModelError) as error:
                messages = (
                    [str(e) for e in error.errors]
                    if isinstance(error, ModelError)
                    else [str(error)]
                )
                context["run_errors"] = messages
                status = 422
        else:
            status = 422
    return _render(request, "profitability/what_if.html", "what-if-result", context, status=status)


def _what_if_result(pm, form) -> dict:
    base_model = services.load_stored_model(pm)
    changes = form.changes()
    if not changes:
        raise ValueError(_("Change at least one figure."))
    base = analyze(base_model, groups=pm.groups)
    after = analyze(apply_what_if(base_model, **changes), groups=pm.groups)
    comparison = compare(base, after)
    names = dict(base.customers.select("customer_id", "name").iter_rows())
    changed = comparison.customers.filter(comparison.customers["profit_change"] != 0)
    gains = changed.sort("profit_change", descending=True).head(10).to_dicts()
    losses = changed.sort("profit_change").head(10).to_dicts()
    for row in gains + losses:
        row["name"] = names.get(row["customer_id"], "")
    before_curve = base.whale_curve.model_dump()
    after_curve = after.whale_curve.model_dump()
    language = ui_language()
    keys = [
        ("revenue", _("Revenue")),
        ("gross_margin", _("Gross margin")),
        ("activity_costs", _("Activity costs on customers")),
        ("customer_profit", _("Customer profit")),
        ("unused_capacity", _("Unused capacity")),
        ("unallocated", _("Unallocated")),
        ("company_result", _("Company result")),
    ]
    totals = [
        {
            "label": label,
            "before": comparison.totals_before[key],
            "after": comparison.totals_after[key],
            "change": comparison.totals_after[key] - comparison.totals_before[key],
        }
        for key, label in keys
    ]
    groups = [
        {"group": b["group"], "before": b["profit"], "after": a["profit"]}
        for b, a in zip(
            base.groups.iter_rows(named=True), after.groups.iter_rows(named=True), strict=False
        )
    ]
    return {
        "comparison": comparison,
        "totals_rows": totals,
        "delta": comparison.company_result_delta,
        "moved": comparison.customers_changing_group,
        "moves": comparison.group_moves.to_dicts(),
        "gains": gains,
        "losses": losses,
        "group_rows": groups,
        "whale_chart": charts.whale_compare_svg(
            _curve_payload(before_curve),
            _curve_payload(after_curve),
            labels=whale_labels(),
            language=language,
        ),
    }


def _curve_payload(curve: dict) -> dict:
    curve = dict(curve)
    curve["points"] = [list(point) for point in curve["points"]]
    return curve
