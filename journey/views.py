from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workshops import autosave, registry
from workshops.access import check_role, get_for_user, get_workshop_for_user
from workshops.language import method_language
from workshops.models import Change

from . import charts, method, services
from .analysis import StagePoint, gap_list
from .forms import JourneyForm, NameForm, row_form_for
from .models import Journey, Phase, Stage
from .worksheet import StageFieldForm, completion, field_view, field_views, value_version

MAP_LANES = (
    "doing",
    "thinking",
    "feeling",
    "expectation",
    "touchpoints",
    "target_level",
    "measurement",
    "frontline",
    "classification",
)


def _journey_stages(journey):
    """Phases with their stages and rows in a fixed number of queries, however long."""
    return list(
        journey.phases.prefetch_related(
            Prefetch("stages", queryset=Stage.objects.order_by("position")),
            "stages__touchpoints",
        )
    )


def _render(request, template, partial, context, status=200):
    name = f"{template}#{partial}" if request.htmx and partial else template
    return render(request, name, context, status=status)


# --- journeys -------------------------------------------------------------------------------


@require_POST
@login_required
def journey_create(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    form = JourneyForm(workshop, request.POST)
    if not form.is_valid():
        return render(
            request,
            "workshops/dashboard.html",
            {"workshop": workshop, "journey_form": form},
            status=422,
        )
    source = form.cleaned_data.get("copy_from")
    if source:
        journey = services.copy_journey(
            journey=source, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
        )
    else:
        journey = services.create_journey_from_template(
            workshop=workshop, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
        )
    if form.cleaned_data.get("segment"):
        Journey.objects.filter(pk=journey.pk).update(segment=form.cleaned_data["segment"])
    return redirect("journey:detail", journey.pk)


@require_GET
@login_required
def journey_detail(request, journey_id):
    journey = get_for_user(request, Journey, journey_id)
    phases = _journey_stages(journey)
    context = {
        "journey": journey,
        "workshop": journey.workshop,
        "phases": phases,
        "can_edit": journey.workshop.can_edit,
        "can_facilitate": journey.workshop.can_facilitate,
    }
    return _render(request, "journey/journey.html", "stage-list", context)


@require_POST
@login_required
def journey_rename(request, journey_id):
    journey = get_for_user(request, Journey, journey_id, facilitate=True)
    form = NameForm(request.POST)
    if form.is_valid():
        journey.name = form.cleaned_data["name"]
        journey.save(update_fields=["name"])
    return redirect("journey:detail", journey.pk)


@require_http_methods(["GET", "POST"])
@login_required
def journey_delete(request, journey_id):
    journey = get_for_user(request, Journey, journey_id, facilitate=True)
    if request.method == "POST":
        workshop_id = journey.workshop_id
        journey.delete()
        return redirect("workshops:dashboard", workshop_id)
    return render(
        request,
        "journey/confirm_delete.html",
        {
            "object": journey,
            "workshop": journey.workshop,
            "cancel_url": reverse("journey:detail", args=[journey.pk]),
        },
    )


# --- stages: add, rename, reorder, delete ---------------------------------------------------


def _stage_list_response(request, journey, focus_stage=None, focus_direction=None):
    context = {
        "journey": journey,
        "workshop": journey.workshop,
        "phases": _journey_stages(journey),
        "can_edit": True,
        "focus_stage": focus_stage,
        "focus_direction": focus_direction,
        "can_facilitate": journey.workshop.can_facilitate,
    }
    if request.htmx:
        return render(request, "journey/journey.html#stage-list", context)
    return redirect("journey:detail", journey.pk)


@require_POST
@login_required
def phase_rename(request, phase_id):
    phase = get_for_user(request, Phase, phase_id, facilitate=True)
    form = NameForm(request.POST)
    if form.is_valid():
        phase.name = form.cleaned_data["name"]
        phase.save(update_fields=["name"])
    return _stage_list_response(request, phase.journey)


@require_POST
@login_required
def stage_add(request, phase_id):
    phase = get_for_user(request, Phase, phase_id, edit=True)
    form = NameForm(request.POST)
    if form.is_valid():
        services.add_stage(phase=phase, name=form.cleaned_data["name"])
    return _stage_list_response(request, phase.journey)


@require_POST
@login_required
def stage_rename(request, stage_id):
    stage = get_for_user(request, Stage, stage_id, edit=True)
    form = NameForm(request.POST)
    if form.is_valid():
        Stage.objects.filter(pk=stage.pk).update(name=form.cleaned_data["name"])
    if request.htmx:
        return _stage_list_response(request, stage.phase.journey)
    return redirect(
        request.POST.get("next") == "stage"
        and reverse("journey:stage", args=[stage.pk])
        or reverse("journey:detail", args=[stage.phase.journey_id])
    )


@require_POST
@login_required
def stage_move(request, stage_id):
    stage = get_for_user(request, Stage, stage_id, edit=True)
    step = -1 if request.POST.get("direction") == "up" else 1
    services.move_stage(stage=stage, step=step)
    direction = "up" if step < 0 else "down"
    return _stage_list_response(request, stage.phase.journey, stage.pk, direction)


@require_POST
@login_required
def stage_reorder(request, journey_id):
    journey = get_for_user(request, Journey, journey_id, edit=True)
    pairs = []
    for item in request.POST.getlist("order"):
        stage_id, _sep, phase_id = item.partition(":")
        pairs.append((stage_id, phase_id))
    try:
        services.reorder_stages(journey=journey, order=pairs)
    except ValueError:
        return HttpResponse(_("The order names a stage that is not in this journey."), status=422)
    return _stage_list_response(request, journey)


@require_http_methods(["GET", "POST"])
@login_required
def stage_delete(request, stage_id):
    stage = get_for_user(request, Stage, stage_id, edit=True)
    journey = stage.phase.journey
    if request.method == "POST":
        stage.delete()
        return _stage_list_response(request, journey)
    return render(
        request,
        "journey/confirm_delete.html",
        {
            "object": stage,
            "workshop": journey.workshop,
            "cancel_url": reverse("journey:detail", args=[journey.pk]),
        },
    )


# --- the stage worksheet --------------------------------------------------------------------


def _neighbours(stage):
    ids = list(
        Stage.objects.filter(phase__journey_id=stage.phase.journey_id)
        .order_by("phase__position", "position")
        .values_list("pk", flat=True)
    )
    i = ids.index(stage.pk)
    previous = ids[i - 1] if i > 0 else None
    following = ids[i + 1] if i + 1 < len(ids) else None
    return previous, following, i + 1, len(ids)


@require_GET
@login_required
def stage_detail(request, stage_id):
    stage = get_for_user(request, Stage, stage_id)
    workshop = stage.phase.journey.workshop
    previous, following, number, total = _neighbours(stage)
    fields = field_views(stage, method_language(workshop))
    context = {
        "stage": stage,
        "journey": stage.phase.journey,
        "workshop": workshop,
        "sections": _sections(fields),
        "completion": completion(stage),
        "previous_id": previous,
        "next_id": following,
        "number": number,
        "total": total,
        "can_edit": workshop.can_edit,
        "rows": _row_context(stage),
        "badges": [
            (lane, values.get(stage.pk, [])) for lane, values in registry.lane_values([stage])
        ],
    }
    return render(request, "journey/stage.html", context)


def _sections(fields):
    sections = {}
    for view in fields:
        sections.setdefault(view.form.spec.section, []).append(view)
    return [(name, sections[name]) for name in method.SECTIONS if name in sections]


def _completion_oob(stage):
    """The stage's "% filled", swapped in beside a saved field (out of band)."""
    return render_to_string(
        "journey/stage.html#completion", {"completion": completion(stage), "oob": True}
    )


@require_GET
@login_required
def stage_field(request, stage_id, name):
    stage = get_for_user(request, Stage, stage_id)
    if name not in method.FIELDS_BY_NAME:
        raise Http404
    view = field_view(stage, name, method_language(stage.phase.journey.workshop))
    return autosave.field_response(request, view, can_edit=stage.phase.journey.workshop.can_edit)


@require_POST
@login_required
def stage_field_save(request, stage_id, name):
    stage = get_for_user(request, Stage, stage_id, edit=True)
    if name not in method.FIELDS_BY_NAME:
        raise Http404
    workshop = stage.phase.journey.workshop
    view = field_view(stage, name, method_language(workshop), data=request.POST)
    force = autosave.keeps_mine(request.POST, getattr(stage, name))
    view.state, status = autosave.status_for(view.form, by=request.user, force=force)
    if status == 200:
        if not request.htmx:
            return redirect(reverse("journey:stage", args=[stage.pk]) + f"#field-{name}")
        view = field_view(stage, name, method_language(workshop), state="saved")
    oob = _completion_oob(stage) if status == 200 else ""
    return autosave.field_response(
        request, view, can_edit=workshop.can_edit, status=status, oob=oob
    )


# --- rows: touchpoints, feedback plan, actions ----------------------------------------------


def _row_context(stage):
    return [
        {
            "kind": kind,
            "row_forms": [
                row_form_for(kind, stage, instance=row) for row in getattr(stage, kind).all()
            ],
            "new_form": row_form_for(kind, stage),
        }
        for kind in services.ROW_MODELS
    ]


def _row_response(request, stage, kind, status=200, forms_override=None):
    rows = [row_form_for(kind, stage, instance=row) for row in getattr(stage, kind).all()]
    if forms_override:
        rows = [forms_override.get(form.instance.pk, form) for form in rows]
    workshop = stage.phase.journey.workshop
    context = {
        "stage": stage,
        "kind": kind,
        "row_forms": rows,
        "new_form": row_form_for(kind, stage),
        "can_edit": workshop.can_edit,
    }
    if not request.htmx:
        return redirect(reverse("journey:stage", args=[stage.pk]) + f"#{kind}")
    return render(request, "journey/stage.html#row-table", context, status=status)


def _row_model(kind):
    if kind not in services.ROW_MODELS:
        raise Http404
    return services.ROW_MODELS[kind]


@require_POST
@login_required
def row_add(request, stage_id, kind):
    _row_model(kind)
    stage = get_for_user(request, Stage, stage_id, edit=True)
    form = row_form_for(kind, stage, data=request.POST)
    if not form.is_valid():
        workshop = stage.phase.journey.workshop
        context = {
            "stage": stage,
            "kind": kind,
            "new_form": form,
            "row_forms": [
                row_form_for(kind, stage, instance=r) for r in getattr(stage, kind).all()
            ],
            "can_edit": workshop.can_edit,
        }
        if not request.htmx:
            return redirect(reverse("journey:stage", args=[stage.pk]) + f"#{kind}")
        return render(request, "journey/stage.html#row-table", context, status=422)
    form.save_new(by=request.user)
    return _row_response(request, stage, kind)


@require_POST
@login_required
def row_save(request, kind, row_id):
    model = _row_model(kind)
    row = get_for_user(request, model, row_id, edit=True)
    form = row_form_for(kind, row.stage, data=request.POST, instance=row)
    if not form.is_valid():
        return _row_response(request, row.stage, kind, 422, {row.pk: form})
    if not form.save_if_version_matches(by=request.user):
        return _row_response(request, row.stage, kind, 409, {row.pk: form})
    return _row_response(request, row.stage, kind)


@require_POST
@login_required
def row_delete(request, kind, row_id):
    model = _row_model(kind)
    row = get_for_user(request, model, row_id, edit=True)
    stage = row.stage
    row.delete()
    return _row_response(request, stage, kind)


# --- history --------------------------------------------------------------------------------


@require_GET
@login_required
def stage_history(request, stage_id):
    stage = get_for_user(request, Stage, stage_id)
    changes = Change.objects.filter(stage_id=stage.pk).select_related("user")[:200]
    labels = {f.name: Stage._meta.get_field(f.name).verbose_name for f in method.FIELDS}
    context = {
        "stage": stage,
        "workshop": stage.phase.journey.workshop,
        "journey": stage.phase.journey,
        "changes": changes,
        "labels": labels,
        "can_edit": stage.phase.journey.workshop.can_edit,
    }
    return render(request, "journey/history.html", context)


@require_POST
@login_required
def change_restore(request, change_id):
    change = get_for_user(request, Change.objects.filter(target_type="stage"), change_id, edit=True)
    stage = get_for_user(request, Stage, change.stage_id, edit=True)
    if change.field not in method.FIELDS_BY_NAME:
        raise Http404
    current = value_version(getattr(stage, change.field))
    form = StageFieldForm(
        stage, change.field, {change.field: change.old_value, "base_version": current}
    )
    if form.is_valid():
        form.save_if_version_matches(by=request.user)
    return redirect("journey:history", stage.pk)


# --- map, comparison, my stages -------------------------------------------------------------


def _points(phases):
    return [
        StagePoint(str(s.pk), s.name, p.name, s.importance, s.experience_today, s.experience_target)
        for p in phases
        for s in p.stages.all()
    ]


def _curve(points, title=""):
    return charts.emotion_curve_svg(
        [p.name for p in points],
        [p.today for p in points],
        [p.target for p in points],
        today_label=_("Today"),
        target_label=_("Target"),
        title=title,
    )


@require_GET
@login_required
def journey_map(request, journey_id):
    journey = get_for_user(request, Journey, journey_id)
    phases = _journey_stages(journey)
    hidden = set(request.GET.getlist("hide"))
    points = _points(phases)
    stages = [stage for phase in phases for stage in phase.stages.all()]
    extra = registry.ordered(registry.map_lanes)
    lane_keys = list(MAP_LANES) + [lane.key for lane in extra]
    context = {
        "journey": journey,
        "workshop": journey.workshop,
        "phases": phases,
        "lanes": [(lane, lane not in hidden) for lane in lane_keys],
        "lane_titles": {lane.key: lane.title() for lane in extra},
        "shown": {lane for lane in lane_keys if lane not in hidden},
        "extra_lanes": [
            (lane, [values.get(stage.pk, []) for stage in stages])
            for lane, values in registry.lane_values(stages)
            if lane.key not in hidden
        ],
        "curve_svg": _curve(points),
        "gaps": gap_list(points),
    }
    return render(request, "journey/map.html", context)


@require_GET
@login_required
def journey_compare(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    journeys = list(workshop.journeys.all())
    by_id = {str(j.pk): j for j in journeys}
    left = by_id.get(request.GET.get("a", "")) or (journeys[0] if journeys else None)
    right = by_id.get(request.GET.get("b", "")) or (journeys[1] if len(journeys) > 1 else left)
    sides = []
    for journey in (left, right):
        if journey is None:
            continue
        phases = _journey_stages(journey)
        sides.append(
            {
                "journey": journey,
                "phases": phases,
                "curve_svg": _curve(_points(phases), journey.name),
            }
        )
    return render(
        request,
        "journey/compare.html",
        {"workshop": workshop, "journeys": journeys, "sides": sides, "left": left, "right": right},
    )


@require_GET
@login_required
def my_stages(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    stages = (
        Stage.objects.filter(phase__journey__workshop=workshop, assigned_managers=request.user)
        .select_related("phase__journey")
        .order_by("phase__journey__position", "phase__position", "position")
    )
    rows = [(stage, completion(stage)) for stage in stages]
    return render(request, "journey/my_stages.html", {"workshop": workshop, "rows": rows})


@require_POST
@login_required
def stage_assign(request, stage_id):
    """A manager takes a stage as theirs (or lets it go); a facilitator assigns managers."""
    stage = get_for_user(request, Stage, stage_id, edit=True)
    workshop = stage.phase.journey.workshop
    if "managers" in request.POST or request.POST.get("assign_managers") == "1":
        check_role(workshop, facilitate=True)
        chosen = request.POST.getlist("managers")
        stage.assigned_managers.set(
            _assignable_managers(workshop).filter(pk__in=[pk for pk in chosen if pk.isdigit()])
        )
    elif request.POST.get("assign") == "1":
        stage.assigned_managers.add(request.user)
    else:
        stage.assigned_managers.remove(request.user)
    return redirect("journey:stage", stage.pk)


def _assignable_managers(workshop):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            workshop_memberships__workshop=workshop,
            workshop_memberships__role__in=["manager", "facilitator"],
        )
        .distinct()
    )
