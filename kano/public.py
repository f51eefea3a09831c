"""The public survey pages for respondents on a phone: no account, the link is the key.

A respondent gets a secret respondent token on their first save. It is kept in a signed
cookie (per survey) and shown as a resume link, so the same person can come back and go on;
saving again changes the same response, never adds a second one. The pages speak the
workshop's language, as the questions do.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from workshops.language import in_method_language, method_language

from . import ratelimit
from .forms import ResponseForm, ShortCodeForm
from .models import Answer, Respondent, RespondentSource, Survey, SurveyStatus

COOKIE_SALT = "kano.respondent"
COOKIE_AGE = timedelta(days=180)


def _cookie_name(survey) -> str:
    return f"kano_{survey.pk.hex}"


def _survey_by_token(survey_token) -> Survey:
    survey = (
        Survey.objects.select_related("workshop")
        .filter(public_token=survey_token, workshop__archived=False)
        .first()
    )
    if survey is None:
        raise Http404
    return survey


def _respondent_from_cookie(request, survey):
    key = request.get_signed_cookie(
        _cookie_name(survey), default=None, salt=COOKIE_SALT, max_age=COOKIE_AGE
    )
    if not key:
        return None
    return survey.respondents.filter(key=key, source=RespondentSource.WEB).first()


def _remember(response, survey, respondent):
    response.set_signed_cookie(
        _cookie_name(survey),
        respondent.key,
        salt=COOKIE_SALT,
        max_age=int(COOKIE_AGE.total_seconds()),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _too_many(request):
    return render(request, "kano/public_message.html", {"kind": "rate_limited"}, status=429)


@require_http_methods(["GET", "POST"])
def public_entry(request):
    """The short-code page: a respondent types the code shown on the screen."""
    form = ShortCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(request, "code", ratelimit.CODE_POSTS_PER_MINUTE):
            return _too_many(request)
        if form.is_valid():
            survey = Survey.objects.filter(
                short_code=form.cleaned_data["code"], workshop__archived=False
            ).first()
            if survey is not None:
                return redirect("kano:public-survey", survey.public_token)
            form.add_error("code", translation.gettext("No survey has this code."))
        status = 422
    return render(request, "kano/public_entry.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def public_survey(request, survey_token):
    survey = _survey_by_token(survey_token)
    with in_method_language(survey.workshop):
        return _public_survey(request, survey)


def _public_survey(request, survey):
    if survey.status != SurveyStatus.OPEN:
        kind = "closed" if survey.status == SurveyStatus.CLOSED else "not_open"
        status = 409 if request.method == "POST" else 200
        return render(
            request, "kano/public_message.html", {"kind": kind, "survey": survey}, status=status
        )
    respondent = _respondent_from_cookie(request, survey)
    factors = list(survey.workshop.kano_factors.all())
    saved = {}
    if respondent is not None:
        saved = {
            a.factor_id: (a.functional, a.dysfunctional, a.importance)
            for a in respondent.answers.all()
        }
    form_kwargs = {
        "survey": survey,
        "factors": factors,
        "language": method_language(survey.workshop),
        "answers": saved,
        "attributes": respondent.attributes if respondent else {},
    }
    status = 200
    if request.method == "POST":
        if not ratelimit.allow(request, f"survey:{survey.pk}", ratelimit.SURVEY_POSTS_PER_MINUTE):
            return _too_many(request)
        form = ResponseForm(request.POST, **form_kwargs)
        if form.is_valid():
            respondent = save_response(survey=survey, respondent=respondent, form=form)
            if respondent is None:  # closed while the person was answering
                return render(
                    request,
                    "kano/public_message.html",
                    {"kind": "closed", "survey": survey},
                    status=409,
                )
            url = reverse("kano:public-survey", args=[survey.public_token]) + "?saved=1"
            return _remember(redirect(url), survey, respondent)
        status = 422
    else:
        form = ResponseForm(**form_kwargs)
    answered = len(saved)
    context = {
        "survey": survey,
        "form": form,
        "answered": answered,
        "total": len(factors),
        "complete": bool(factors) and answered == len(factors),
        "just_saved": request.GET.get("saved") == "1" and respondent is not None,
        "resume_link": request.build_absolute_uri(
            reverse("kano:public-resume", args=[survey.public_token, respondent.key])
        )
        if respondent is not None
        else "",
        "editing": request.GET.get("edit") == "1",
    }
    return render(request, "kano/public_survey.html", context, status=status)


def save_response(*, survey, respondent, form):
    """The respondent's answers, written over their earlier ones; a new respondent (with a
    new secret token) on the first save. None if the survey closed in the meantime."""
    with transaction.atomic():
        if not Survey.objects.filter(pk=survey.pk, status=SurveyStatus.OPEN).exists():
            return None
        attributes = form.attributes()
        if respondent is None:
            respondent = Respondent.objects.create(
                survey=survey,
                key=secrets.token_urlsafe(16),
                attributes=attributes,
                source=RespondentSource.WEB,
            )
        elif attributes != respondent.attributes:
            respondent.attributes = attributes
            respondent.save(update_fields=["attributes"])
        pairs = form.pairs()
        Answer.objects.filter(respondent=respondent, factor_id__in=list(pairs)).delete()
        Answer.objects.bulk_create(
            Answer(
                respondent=respondent,
                factor_id=factor_id,
                functional=functional,
                dysfunctional=dysfunctional,
                importance=importance,
            )
            for factor_id, (functional, dysfunctional, importance) in pairs.items()
        )
    return respondent


@require_GET
def public_resume(request, survey_token, respondent_token):
    """The resume link: puts the respondent token back in this browser's cookie."""
    survey = _survey_by_token(survey_token)
    respondent = survey.respondents.filter(
        key=respondent_token, source=RespondentSource.WEB
    ).first()
    if respondent is None:
        raise Http404
    response = redirect("kano:public-survey", survey.public_token)
    return _remember(response, survey, respondent)
