import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from workshops.access import get_for_user, get_workshop_for_user
from workshops.language import method_language

from . import questions, services
from .forms import (
    ConsensusForm,
    FactorForm,
    SurveyForm,
    SurveyStatusForm,
    UploadForm,
    workshop_stages,
)
from .models import ConsensusClassification, Factor, Survey, SurveyStatus
from .parsing import response_template_csv
from .qr import qr_svg
from .results import SegmentFilter, latest_consensus, round_results


def _render(request, template, partial, context, status=200):
    name = f"{template}#{partial}" if request.htmx and partial else template
    return render(request, name, context, status=status)


# --- factors ----------------------------------------------------------------------------------


def _factor_forms(workshop, stages):
    factors = workshop.kano_factors.prefetch_related("stages")
    return [FactorForm(instance=f, workshop=workshop, stages=stages) for f in factors]


def _factor_list_context(workshop, new_form=None):
    stages = list(workshop_stages(workshop))
    return {
        "workshop": workshop,
        "forms": _factor_forms(workshop, stages),
        "new_form": new_form or FactorForm(workshop=workshop, stages=stages),
        "can_edit": workshop.can_edit,
        "has_stages": bool(stages),
    }


@require_GET
@login_required
def factors(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    return render(request, "kano/factors.html", _factor_list_context(workshop))


@require_POST
@login_required
def factor_add(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    form = FactorForm(request.POST, workshop=workshop)
    if not form.is_valid():
        context = _factor_list_context(workshop, new_form=form)
        return _render(request, "kano/factors.html", "factor-list", context, status=422)
    form.save_new()
    if not request.htmx:
        return redirect("kano:factors", workshop.pk)
    return render(request, "kano/factors.html#factor-list", _factor_list_context(workshop))


def _factor_response(request, factor, form, state, status=200):
    context = {
        "form": form,
        "state": state,
        "workshop": factor.workshop,
        "can_edit": factor.workshop.can_edit,
        "has_stages": workshop_stages(factor.workshop).exists(),
    }
    return _render(request, "kano/factors.html", "factor-row", context, status=status)


@require_GET
@login_required
def factor_row(request, factor_id):
    factor = get_for_user(request, Factor, factor_id)
    form = FactorForm(instance=factor, workshop=factor.workshop)
    return _factor_response(request, factor, form, "")


@require_POST
@login_required
def factor_save(request, factor_id):
    factor = get_for_user(request, Factor, factor_id, edit=True)
    form = FactorForm(request.POST, instance=factor, workshop=factor.workshop)
    if not form.is_valid():
        return _factor_response(request, factor, form, "error", status=422)
    if not form.save_if_version_matches():
        return _factor_response(request, factor, form, "conflict", status=409)
    if not request.htmx:
        return redirect(reverse("kano:factors", args=[factor.workshop_id]) + f"#f-{factor.pk}")
    stored = Factor.objects.get(pk=factor.pk)
    stored.workshop = factor.workshop  # keeps the user's role on it
    fresh = FactorForm(instance=stored, workshop=factor.workshop)
    return _factor_response(request, stored, fresh, "saved")


@require_POST
@login_required
def factor_delete(request, factor_id):
    factor = get_for_user(request, Factor, factor_id, edit=True)
    workshop = factor.workshop
    factor.delete()
    if not request.htmx:
        return redirect("kano:factors", workshop.pk)
    return render(request, "kano/factors.html#factor-list", _factor_list_context(workshop))


@require_GET
@login_required
def questionnaire(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    language = method_language(workshop)
    return render(
        request,
        "kano/questionnaire.html",
        {
            "workshop": workshop,
            "factors": workshop.kano_factors.all(),
            "answers": questions.answer_choices(language),
            "importance_question": questions.importance_question(language),
        },
    )


@require_GET
@login_required
def template_download(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    language = method_language(workshop)
    response = HttpResponse(
        response_template_csv(language=language), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kano-responses-{language}.csv"'
    return response


# --- survey rounds ----------------------------------------------------------------------------


def _surveys_context(workshop, form=None):
    return {
        "workshop": workshop,
        "surveys": workshop.kano_surveys.annotate(respondent_count=Count("respondents")),
        "form": form or SurveyForm(),
        "can_facilitate": workshop.can_facilitate,
    }


@require_GET
@login_required
def surveys(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    return render(request, "kano/surveys.html", _surveys_context(workshop))


@require_POST
@login_required
def survey_create(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return render(request, "kano/surveys.html", _surveys_context(workshop, form), status=422)
    form.instance.workshop = workshop
    survey = form.save()
    return redirect("kano:survey", survey.pk)


def _survey_context(request, survey, upload_form=None, upload_errors=None):
    link = request.build_absolute_uri(reverse("kano:public-survey", args=[survey.public_token]))
    return {
        "survey": survey,
        "workshop": survey.workshop,
        "link": link,
        "entry_link": request.build_absolute_uri(reverse("kano:public-entry")),
        "qr": qr_svg(link, title=_("Survey link")),
        "progress": services.progress(survey),
        "upload_form": upload_form or UploadForm(),
        "upload_errors": upload_errors or [],
        "can_facilitate": survey.workshop.can_facilitate,
    }


@require_GET
@login_required
def survey_detail(request, survey_id):
    survey = get_for_user(request, Survey, survey_id)
    return render(request, "kano/survey.html", _survey_context(request, survey))


@require_GET
@login_required
def survey_progress(request, survey_id):
    survey = get_for_user(request, Survey, survey_id)
    context = {"survey": survey, "progress": services.progress(survey)}
    return render(request, "kano/survey.html#progress", context)


@require_POST
@login_required
def survey_status(request, survey_id):
    survey = get_for_user(request, Survey, survey_id, facilitate=True)
    form = SurveyStatusForm(request.POST)
    if form.is_valid():
        survey.status = form.cleaned_data["status"]
        survey.save(update_fields=["status"])
        if survey.status == SurveyStatus.OPEN:
            messages.success(request, _("The survey is open: respondents can answer now."))
        else:
            messages.success(request, _("The survey is closed: no more answers are taken."))
    return redirect("kano:survey", survey.pk)


@require_POST
@login_required
def survey_upload(request, survey_id):
    survey = get_for_user(request, Survey, survey_id, facilitate=True)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _survey_context(request, survey, upload_form=form)
        return render(request, "kano/survey.html", context, status=422)
    upload = form.cleaned_data["file"]
    result = services.import_responses(
        survey=survey,
        data=upload.read(),
        filename=upload.name,
        create_factors=form.cleaned_data["create_factors"],
    )
    if result.errors:
        context = _survey_context(request, survey, upload_form=form, upload_errors=result.errors)
        return render(request, "kano/survey.html", context, status=422)
    messages.success(
        request,
        _("Imported %(respondents)d respondents and %(answers)d answers.")
        % {"respondents": result.respondents, "answers": result.answers},
    )
    if result.created_factors:
        messages.success(
            request,
            _("New factors: %(names)s") % {"names": ", ".join(result.created_factors)},
        )
    return redirect("kano:survey", survey.pk)


@require_POST
@login_required
def survey_delete(request, survey_id):
    survey = get_for_user(request, Survey, survey_id, facilitate=True)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the deletion."))
        return redirect("kano:survey", survey.pk)
    workshop_id = survey.workshop_id
    survey.delete()
    messages.success(request, _("The survey round and its answers were deleted."))
    return redirect("kano:surveys", workshop_id)


# --- consensus --------------------------------------------------------------------------------


def _consensus_context(workshop, form=None):
    return {
        "workshop": workshop,
        "form": form or ConsensusForm(workshop=workshop),
        "items": ConsensusClassification.objects.filter(factor__workshop=workshop).select_related(
            "factor"
        ),
        "latest": latest_consensus(workshop),
        "can_edit": workshop.can_edit,
    }


@require_GET
@login_required
def consensus(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    return render(request, "kano/consensus.html", _consensus_context(workshop))


@require_POST
@login_required
def consensus_add(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, edit=True)
    form = ConsensusForm(request.POST, workshop=workshop)
    if not form.is_valid():
        context = _consensus_context(workshop, form)
        return _render(request, "kano/consensus.html", "consensus-list", context, status=422)
    item = form.save(commit=False)
    item.by = request.user
    item.by_name = request.user.get_full_name() or request.user.get_username()
    item.save()
    if not request.htmx:
        return redirect("kano:consensus", workshop.pk)
    return render(request, "kano/consensus.html#consensus-list", _consensus_context(workshop))


@require_POST
@login_required
def consensus_delete(request, classification_id):
    item = get_for_user(request, ConsensusClassification, classification_id, edit=True)
    workshop = item.factor.workshop
    item.delete()
    if not request.htmx:
        return redirect("kano:consensus", workshop.pk)
    return render(request, "kano/consensus.html#consensus-list", _consensus_context(workshop))


# --- results ----------------------------------------------------------------------------------


def _selected_filter(raw: str):
    """The attribute filter from its option value, a JSON [name, value] pair, or None."""
    try:
        name, value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    if isinstance(name, str) and isinstance(value, str) and name and value:
        return name, value
    return None


@require_GET
@login_required
def results(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    survey = None
    wanted = request.GET.get("survey", "")
    if wanted:
        survey = workshop.kano_surveys.filter(pk__in=_uuid_list(wanted)).first()
    selected = _selected_filter(request.GET.get("segment", ""))
    attribute, value = selected if selected else (None, None)
    workshop_segments = list(workshop.segments.all())
    chosen_segment = None
    wanted_segment = _uuid_list(request.GET.get("kano_segment", ""))
    if wanted_segment:
        chosen_segment = next((s for s in workshop_segments if s.pk == wanted_segment[0]), None)
    if survey is None:
        rounds = services.rounds_with_answers(workshop)
        survey = rounds[0] if rounds else None
    attributes = services.attribute_values(survey) if survey is not None else {}
    segment_attribute = request.GET.get("segment_attribute", "")
    if segment_attribute not in attributes:
        segment_attribute = next(iter(attributes), "")
    segment_filter = None
    if chosen_segment is not None and segment_attribute:
        segment_filter = SegmentFilter(chosen_segment, segment_attribute)
        selected = None
    context = round_results(
        workshop, survey, attribute=attribute, value=value, segment_filter=segment_filter
    )
    options = []
    for name, values in attributes.items():
        for option in values:
            options.append(
                {
                    "value": json.dumps([name, option], ensure_ascii=False),
                    "label": f"{name}: {option}",
                    "selected": selected == (name, option),
                }
            )
    context.update(
        {
            "workshop": workshop,
            "segment_options": options,
            "selected": selected,
            "consensus": latest_consensus(workshop),
            "workshop_segments": workshop_segments,
            "chosen_segment": segment_filter.segment if segment_filter else None,
            "attribute_names": list(attributes),
            "segment_attribute": segment_attribute,
        }
    )
    return render(request, "kano/results.html", context)


def _uuid_list(text):
    try:
        return [uuid.UUID(text)]
    except ValueError:
        return []
