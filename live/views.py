"""The facilitator's side of a live session: start it, run activities one at a time, show the
room's results on the projector, end it, and keep the results with the workshop."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journey.models import Stage
from workshops.access import get_for_user, get_workshop_for_user
from workshops.language import method_language

from . import charts, hooks, method, qr, results, services, stage
from .forms import (
    ActivityForm,
    AdoptForm,
    ReviewForm,
    StartSessionForm,
    TimerForm,
    VisibilityForm,
)
from .models import Activity, ActivityKind, Idea, LiveSession

# What the facilitator's pages show besides the workshop, fetched in the access query.
SESSIONS = LiveSession.objects.select_related("journey", "current_activity")
ACTIVITIES = Activity.objects.select_related("session__journey")
IDEAS = Idea.objects.select_related("stage", "activity__session__journey")
CONTROL = "live/control.html"
PRESENTER = "live/presenter.html"


def _join_base(request) -> str:
    """SITE_URL when set, else the address this page was opened with (a LAN address on a
    laptop in a workshop room, never 127.0.0.1 unless the page was opened so)."""
    return stage.join_base(settings.SITE_URL, request.scheme, request.get_host())


def _join_url(request, session):
    return _join_base(request) + reverse("live:join-short") + f"?code={session.code}"


def _ended(request, session):
    messages.error(request, _("This session has ended."))
    return redirect("live:results", session.pk)


# --- start, control, end --------------------------------------------------------------------


@require_POST
@login_required
def session_start(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    form = StartSessionForm(workshop, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the journey to show."))
        return redirect("workshops:dashboard", workshop.pk)
    session = services.start_session(
        workshop=workshop, journey=form.cleaned_data["journey"], by=request.user
    )
    return redirect("live:control", session.pk)


def _room_context(session):
    activity = session.current_activity
    context = {
        "session": session,
        "activity": activity,
        "participant_count": session.participants.count(),
        "responders": results.responders(activity) if activity else 0,
        "pending_ideas": [],
        "approved_ideas": [],
    }
    if activity is not None and activity.kind == ActivityKind.IDEAS:
        ideas = list(Idea.objects.filter(activity=activity, rejected=False).select_related("stage"))
        context["pending_ideas"] = [i for i in ideas if not i.approved]
        context["approved_ideas"] = [i for i in ideas if i.approved]
    context["room_stamp"] = results.stamp(
        context["participant_count"],
        context["responders"],
        activity and activity.pk,
        [(i.pk, i.approved) for i in context["pending_ideas"] + context["approved_ideas"]],
    )
    return context


def _control_context(request, session, **extra):
    join_url = _join_url(request, session)
    activity = session.current_activity
    context = _room_context(session) | {
        "workshop": session.workshop,
        "join_url": join_url,
        "qr_svg": qr.qr_svg(join_url, _("Join the live session")),
        "activity_form": ActivityForm(session.workshop),
        "timer_form": TimerForm(),
        "timer": results.timer(activity),
        "past_activities": list(session.activities.exclude(pk=activity.pk if activity else None)),
    }
    return context | extra


@require_GET
@login_required
def control(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    if session.ended_at is not None:
        return redirect("live:results", session.pk)
    return render(request, CONTROL, _control_context(request, session))


@require_GET
@login_required
def control_room(request, live_session_id):
    """The part of the control page that follows the room: people, answers, ideas to approve.
    204 while nothing changed, so a button is never swapped away under the pointer."""
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    context = _room_context(session)
    if request.GET.get("seen") == context["room_stamp"]:
        return HttpResponse(status=204)
    return render(request, f"{CONTROL}#room", context)


@require_POST
@login_required
def activity_start(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    if session.ended_at is not None:
        return _ended(request, session)
    form = ActivityForm(session.workshop, request.POST)
    if not form.is_valid():
        context = _control_context(request, session, activity_form=form)
        return render(request, CONTROL, context, status=422)
    minutes = form.cleaned_data.get("timer_minutes") or 0
    services.start_activity(
        session=session,
        kind=form.cleaned_data["kind"],
        dots_per_participant=form.cleaned_data["dots_per_participant"],
        dot_target=form.cleaned_data["dot_target"],
        timer_seconds=minutes * 60 or None,
        kano_factors=form.cleaned_data.get("kano_factors") or (),
    )
    return redirect("live:control", session.pk)


@require_POST
@login_required
def activity_close(request, live_activity_id):
    activity = get_for_user(request, ACTIVITIES, live_activity_id, facilitate=True)
    services.close_activity(activity=activity)
    return redirect("live:control", activity.session_id)


@require_POST
@login_required
def timer_set(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    if session.ended_at is not None:
        return _ended(request, session)
    form = TimerForm(request.POST)
    activity = session.current_activity
    if activity is None:
        messages.error(request, _("Start an activity first; the timer runs with it."))
    elif form.is_valid():
        services.set_timer(activity=activity, seconds=form.cleaned_data["minutes"] * 60)
    else:
        messages.error(request, _("The timer takes 0 to 180 minutes."))
    return redirect("live:control", session.pk)


@require_POST
@login_required
def visibility_set(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    form = VisibilityForm(request.POST)
    form.is_valid()
    services.set_results_hidden(session=session, hidden=form.cleaned_data.get("hidden", False))
    return redirect("live:control", session.pk)


@require_POST
@login_required
def session_end(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    if session.ended_at is None:
        services.end_session(session=session)
        messages.success(request, _("The session has ended. Its code no longer works."))
    return redirect("live:results", session.pk)


@require_POST
@login_required
def idea_review(request, live_idea_id):
    idea = get_for_user(request, IDEAS, live_idea_id, facilitate=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.review_idea(idea=idea, decision=form.cleaned_data["decision"])
    session = idea.activity.session
    if request.htmx:
        return render(request, f"{CONTROL}#room", _room_context(session))
    if request.POST.get("next") == "results":
        return redirect("live:results", session.pk)
    return redirect("live:control", session.pk)


@require_POST
@login_required
def idea_adopt(request, live_idea_id):
    idea = get_for_user(request, IDEAS, live_idea_id, facilitate=True)
    form = AdoptForm(request.POST)
    if not idea.approved or not form.is_valid():
        messages.error(request, _("Approve the idea first."))
    else:
        target = form.cleaned_data["target"]
        services.adopt_idea(idea=idea, target=target, by=request.user)
        if target == "touchpoint":
            messages.success(request, _("The idea is now a touchpoint of its stage."))
        else:
            messages.success(request, _("The idea is now an action of its stage."))
    return redirect(reverse("live:results", args=[idea.activity.session_id]) + "#ideas")


# --- the presenter view ---------------------------------------------------------------------


def _slide_labels() -> dict:
    return {name: Stage._meta.get_field(name).verbose_name for name in stage.SLIDE_FIELDS}


def presenter_context(request, session) -> dict:
    activity = session.current_activity
    stages = services.journey_stages(session.journey)
    context = {
        "session": session,
        "activity": activity,
        "participant_count": session.participants.count(),
        "timer": results.timer(activity),
        "prompts": method.prompts(method_language(session.workshop)),
        "speaker": request.GET.get("view") == "speaker",
        "slide": stage.clamp_slide(request.GET.get("slide"), len(stages)),
        "slide_count": len(stages) + 1,
    }
    if activity is None:
        context["slides"] = stage.stage_slides(stages, None, _slide_labels())
        context["results_stamp"] = results.stamp(None, context["participant_count"])
        return context
    activity.session = session
    visible = not session.results_hidden or activity.closed_at is not None
    data = results.activity_results(activity, stages)
    context["slides"] = stage.stage_slides(stages, data if visible else None, _slide_labels())
    context |= {
        "results_visible": visible,
        "data": data,
        "responders": results.responders(activity),
    }
    extra = {}
    if activity.kind in hooks.activity_handlers:
        handler = hooks.activity_handlers[activity.kind]
        extra = handler.context(activity, None)
        context |= extra | {"handler": handler}
    fingerprint = {
        "names": [s.name for s in stages],
        "rating": [(str(s.pk), r.count, r.total) for s, r in data.get("rating_rows", [])],
        "dots": [(str(r["target"].pk), r["dots"]) for r in data.get("dot_rows", [])],
        "ideas": [(str(i.pk), i.text) for i in data.get("approved_ideas", [])],
        "pending": data.get("pending_count"),
        "extra": extra,
    }
    context["results_stamp"] = results.stamp(
        activity.pk,
        activity.closed_at,
        activity.timer_ends_at,
        visible,
        context["participant_count"],
        context["responders"],
        fingerprint,
    )
    return context


def with_room_curve(context) -> dict:
    """The room's curve, drawn only for a response that shows it (not for a 204)."""
    activity = context["activity"]
    if context.get("results_visible") and activity.kind == ActivityKind.RATING:
        rows = context["data"]["rating_rows"]
        context["curve_svg"] = charts.room_curve_svg(
            [s.name for s, _r in rows],
            [r.average for _s, r in rows],
            large=True,
        )
    return context


@require_GET
@login_required
def presenter(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    join_url = _join_url(request, session)
    context = with_room_curve(presenter_context(request, session)) | {
        "workshop": session.workshop,
        "join_url": join_url,
        "join_host": _join_base(request).split("://", 1)[-1],
        "qr_svg": qr.qr_svg(join_url, _("Join the live session")),
    }
    return render(request, PRESENTER, context)


@require_GET
@login_required
def presenter_results(request, live_session_id):
    """Polled every second by the projector: 204 while nothing changed, else the new results."""
    session = get_for_user(request, SESSIONS, live_session_id, facilitate=True)
    context = presenter_context(request, session)
    if request.GET.get("seen") == context["results_stamp"]:
        return HttpResponse(status=204)
    context["join_host"] = _join_base(request).split("://", 1)[-1]
    return render(request, f"{PRESENTER}#results", with_room_curve(context))


# --- results kept with the workshop -----------------------------------------------------------


@require_GET
@login_required
def results_page(request, live_session_id):
    session = get_for_user(request, SESSIONS, live_session_id)
    context = results.session_results(session) | {
        "session": session,
        "workshop": session.workshop,
        "can_facilitate": session.workshop.can_facilitate,
    }
    return render(request, "live/results.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def apply_ratings(request, live_activity_id):
    """Fill the stages' "experience today" with the room's rounded averages, after a preview."""
    activity = get_for_user(request, ACTIVITIES, live_activity_id, facilitate=True)
    if activity.kind != ActivityKind.RATING:
        return redirect("live:results", activity.session_id)
    status = 200
    notice = ""
    if request.method == "POST":
        applied = services.apply_ratings(
            activity=activity, version=request.POST.get("version", ""), by=request.user
        )
        if applied is not None:
            messages.success(request, _("Experience today is filled from the room's ratings."))
            return redirect("live:results", activity.session_id)
        status = 409
        notice = _("The ratings changed since the preview. Check the new values and confirm.")
    preview = services.ratings_preview(activity)
    context = {
        "activity": activity,
        "session": activity.session,
        "workshop": activity.session.workshop,
        "preview": preview,
        "version": services.preview_version(preview),
        "notice": notice,
    }
    return render(request, "live/apply_ratings.html", context, status=status)


@require_POST
@login_required
def kano_save(request, live_activity_id):
    """Keep a Kano round's answers as a closed survey round of the workshop's Kano app."""
    activity = get_for_user(request, ACTIVITIES, live_activity_id, facilitate=True)
    if activity.kind != ActivityKind.KANO or ActivityKind.KANO not in hooks.activity_handlers:
        raise Http404
    back = reverse("live:results", args=[activity.session_id]) + f"#kano-{activity.pk}"
    if activity.closed_at is None:
        messages.error(request, _("End voting first: answers could still change."))
        return redirect(back)
    from .kano_round import save_as_survey

    survey = save_as_survey(activity)
    if survey is None:
        messages.error(request, _("Nobody answered this Kano round: there is nothing to save."))
    else:
        messages.success(
            request,
            _("Saved as the Kano survey round “%(name)s”.") % {"name": survey.name},
        )
    return redirect(back)
