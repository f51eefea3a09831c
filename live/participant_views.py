"""The participants' side: join with a code, then see and answer only the current activity.

No account: the code lets a person in, the random token in their cookie keeps them in. Every
view below finds the participant by that token AND the session in the URL (404 otherwise), and
shows nothing of the workshop but the stage names (and actions, for a dot vote on actions)
of the session's journey and, when results are shown, the approved ideas.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workshops.language import method_language

from . import codes, hooks, method, ratelimit, results, services, tally
from .access import find_participant, set_participant_cookie
from .forms import DotForm, IdeaForm, JoinForm, RatingForm
from .models import ActivityKind, DotTarget, DotVote, Idea, LiveSession, Rating

PAGE = "live/participant.html"


def _gone(request, reason: str, status: int):
    context = {"reason": reason}
    if request.htmx:
        response = render(request, "live/gone.html#gone", context, status=status)
        # Whatever asked (a poll, a vote), the whole activity area says so.
        response["HX-Retarget"] = "#live-activity"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "live/gone.html", context, status=status)


def participant_required(view):
    @wraps(view)
    def wrapper(request, live_session_id):
        participant = find_participant(request, live_session_id)
        if participant is None:
            return _gone(request, "not_joined", 404)
        if participant.session.ended_at is not None:
            return _gone(request, "ended", 409)
        return view(request, participant)

    return wrapper


# --- joining --------------------------------------------------------------------------------


@require_GET
def join_short(request):
    """/join/ is what people type; the form lives under /live/, where the cookie applies."""
    url = reverse("live:join")
    code = codes.normalise_code(request.GET.get("code", ""))
    if codes.looks_like_code(code):
        url += "?" + urlencode({"code": code})
    return redirect(url)


def _join_page(request, form, status=200, message=""):
    return render(request, "live/join.html", {"form": form, "message": message}, status=status)


@require_http_methods(["GET", "POST"])
def join(request):
    if request.method == "GET":
        code = codes.normalise_code(request.GET.get("code", ""))
        return _join_page(request, JoinForm(initial={"code": code[:6]}))
    ip = ratelimit.client_ip(request)
    form = JoinForm(request.POST)
    if ratelimit.join_blocked(ip):
        return _join_page(
            request, form, 429, _("Too many attempts. Wait a minute, then try again.")
        )
    if not form.is_valid():
        ratelimit.join_failed(ip)
        return _join_page(request, form, 422)
    code = form.cleaned_data["code"]
    session = LiveSession.objects.filter(code=code, ended_at__isnull=True).first()
    if session is None:
        ratelimit.join_failed(ip)
        if LiveSession.objects.filter(code=code).exists():
            return _join_page(
                request, form, 409, _("This session has ended. Thank you for taking part!")
            )
        form.add_error("code", _("No live session has this code. Check the code on the screen."))
        return _join_page(request, form, 422)
    if find_participant(request, session.pk) is not None:
        # Joined already in this browser (a second tab, the join form sent twice): the same
        # participant, not a second vote.
        return redirect("live:participant", session.pk)
    if ratelimit.code_full(code):
        return _join_page(
            request, form, 429, _("Many people are joining right now. Try again in a minute.")
        )
    participant, token = services.join(session=session, nickname=form.cleaned_data["nickname"])
    response = redirect("live:participant", session.pk)
    set_participant_cookie(
        response, token, secure=request.is_secure() or settings.SESSION_COOKIE_SECURE
    )
    return response


# --- what the participant sees --------------------------------------------------------------


def _stamps(session):
    activity = session.current_activity
    activity_part = results.stamp(activity and activity.pk, activity and activity.closed_at)
    timer_part = results.stamp(activity and activity.timer_ends_at)
    return activity_part, timer_part


def _results_visible(session, activity) -> bool:
    return not session.results_hidden or activity.closed_at is not None


def _dots_context(participant, activity, stages, focus=(None, None)):
    """The targets with this participant's dots; `focus` (op, target id) puts keyboard focus
    back on the button just pressed, after the list is swapped."""
    mine = {}
    for row in DotVote.objects.filter(activity=activity, participant=participant):
        mine[row.action_id or row.stage_id] = row.count
    if activity.dot_target == DotTarget.ACTIONS:
        items = [(a.pk, a.what, a.stage.name) for a in results.journey_actions(stages)]
    else:
        items = [(s.pk, s.name, "") for s in stages]
    targets = [
        {
            "id": pk,
            "label": label,
            "group": group,
            "mine": mine.get(pk, 0),
            "mine_range": range(mine.get(pk, 0)),
            "focus": focus[0] if focus[1] == pk else None,
        }
        for pk, label, group in items
    ]
    spent = sum(mine.values())
    return {
        "dot_targets": targets,
        "dots_spent": spent,
        "dots_left": tally.dots_left(activity.dots_per_participant, spent),
    }


def _ideas_context(participant, activity, form=None):
    return {
        "idea_form": form or IdeaForm(participant.session.journey_id),
        "my_ideas": list(
            Idea.objects.filter(activity=activity, participant=participant).select_related("stage")
        ),
    }


def _approved_context(participant, activity):
    session = participant.session
    visible = _results_visible(session, activity)
    approved = (
        list(Idea.objects.filter(activity=activity, approved=True).select_related("stage"))
        if visible
        else []
    )
    return {
        "approved_visible": visible,
        "approved_ideas": approved,
        "approved_stamp": results.stamp(visible, [i.pk for i in approved]),
    }


def activity_context(participant, **extra) -> dict:
    session = participant.session
    activity = session.current_activity
    if activity is not None:
        activity.session = session  # already loaded; spares a query in the forms
    activity_stamp, timer_stamp = _stamps(session)
    context = {
        "participant": participant,
        "session": session,
        "activity": activity,
        "timer": results.timer(activity),
        "activity_stamp": activity_stamp,
        "timer_stamp": timer_stamp,
        "scale": list(tally.SCALE),
        "prompts": method.prompts(method_language(session.workshop)),
    }
    if activity is None or activity.closed_at is not None:
        return context | extra
    stages = results.stage_names(session.journey_id)
    if activity.kind == ActivityKind.RATING:
        mine = dict(
            Rating.objects.filter(activity=activity, participant=participant).values_list(
                "stage", "value"
            )
        )
        context["rating_rows"] = [(stage, mine.get(stage.pk)) for stage in stages]
        context["rated"] = len(mine)
    elif activity.kind == ActivityKind.DOTS:
        context |= _dots_context(participant, activity, stages)
    elif activity.kind == ActivityKind.IDEAS:
        context |= _ideas_context(participant, activity)
        context |= _approved_context(participant, activity)
    elif activity.kind in hooks.activity_handlers:
        handler = hooks.activity_handlers[activity.kind]
        context["handler"] = handler
        context |= handler.context(activity, participant)
    return context | extra


@require_GET
@participant_required
def page(request, participant):
    return render(request, PAGE, activity_context(participant))


@require_GET
@participant_required
def poll(request, participant):
    """204 while nothing changed; otherwise the new poller, and the activity area and the timer
    out of band, only the parts that changed (so a half-typed idea survives a new timer)."""
    activity_stamp, timer_stamp = _stamps(participant.session)
    activity_changed = request.GET.get("a") != activity_stamp
    timer_changed = request.GET.get("t") != timer_stamp
    if not activity_changed and not timer_changed:
        return HttpResponse(status=204)
    context = activity_context(participant)
    context |= {"activity_changed": activity_changed, "timer_changed": timer_changed}
    return render(request, f"{PAGE}#poll-update", context)


@require_GET
@participant_required
def approved_ideas(request, participant):
    activity = participant.session.current_activity
    if activity is None or activity.kind != ActivityKind.IDEAS:
        raise Http404
    context = _approved_context(participant, activity) | {"session": participant.session}
    if request.GET.get("s") == context["approved_stamp"]:
        return HttpResponse(status=204)
    return render(request, f"{PAGE}#approved", context)


# --- answering ------------------------------------------------------------------------------


def _changed_activity(request, participant):
    """The form was made for an activity that is no longer open: show the current one."""
    context = activity_context(
        participant,
        notice=_("That activity has ended or changed. Here is the current one."),
    )
    if request.htmx:
        response = render(request, f"{PAGE}#activity", context, status=409)
        response["HX-Retarget"] = "#live-activity"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, PAGE, context, status=409)


def _open_activity(participant, form, kind):
    activity = participant.session.current_activity
    posted = form.data.get("activity", "")
    if (
        activity is None
        or str(activity.pk) != posted
        or activity.closed_at is not None
        or activity.kind != kind
    ):
        return None
    activity.session = participant.session
    return activity


def _done(request, participant, partial, context, status=200):
    if not request.htmx:
        if status == 200:
            return redirect("live:participant", participant.session_id)
        return render(request, PAGE, activity_context(participant, **context), status=status)
    return render(request, f"{PAGE}#{partial}", context, status=status)


BUSY = 429


def _busy_message():
    return _("Too many answers at once. Wait a moment, then try again.")


@require_POST
@participant_required
def rate(request, participant):
    form = RatingForm(participant.session.journey_id, request.POST)
    activity = _open_activity(participant, form, ActivityKind.RATING)
    if activity is None:
        return _changed_activity(request, participant)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _done(request, participant, "status", {"error": error}, 422)
    outcome = services.rate(
        participant=participant,
        activity=activity,
        stage=form.cleaned_data["stage"],
        value=form.cleaned_data["value"],
        submission_id=form.cleaned_data["submission_id"],
    )
    if outcome == services.RATE_LIMITED:
        return _done(request, participant, "status", {"error": _busy_message()}, BUSY)
    return _done(request, participant, "status", {"outcome": outcome})


@require_POST
@participant_required
def dots(request, participant):
    session = participant.session
    activity = session.current_activity
    form = DotForm(activity, request.POST)
    activity = _open_activity(participant, form, ActivityKind.DOTS)
    if activity is None:
        return _changed_activity(request, participant)
    stages = results.stage_names(session.journey_id)
    base = {"participant": participant, "session": session, "activity": activity}
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        context = base | _dots_context(participant, activity, stages) | {"dot_error": error}
        return _done(request, participant, "dots", context, 422)
    target = form.cleaned_data["target"]
    op = form.cleaned_data["op"]
    outcome = services.change_dots(
        participant=participant,
        activity=activity,
        stage=None if activity.dot_target == DotTarget.ACTIONS else target,
        action=target if activity.dot_target == DotTarget.ACTIONS else None,
        delta=1 if op == "add" else -1,
        submission_id=form.cleaned_data["submission_id"],
    )
    context = base | _dots_context(participant, activity, stages, focus=(op, target.pk))
    if outcome == services.NO_DOTS:
        context["dot_error"] = _("You have used all your dots. Take one back to move it.")
        return _done(request, participant, "dots", context, 422)
    if outcome == services.RATE_LIMITED:
        context["dot_error"] = _busy_message()
        return _done(request, participant, "dots", context, BUSY)
    return _done(request, participant, "dots", context)


@require_POST
@participant_required
def idea(request, participant):
    session = participant.session
    form = IdeaForm(session.journey_id, request.POST)
    activity = _open_activity(participant, form, ActivityKind.IDEAS)
    if activity is None:
        return _changed_activity(request, participant)
    base = {"participant": participant, "session": session, "activity": activity}
    if not form.is_valid():
        return _done(
            request, participant, "ideas", base | _ideas_context(participant, activity, form), 422
        )
    outcome = services.post_idea(
        participant=participant,
        activity=activity,
        stage=form.cleaned_data["stage"],
        text=form.cleaned_data["text"],
        submission_id=form.cleaned_data["submission_id"],
    )
    if outcome == services.RATE_LIMITED:
        context = (
            base | _ideas_context(participant, activity, form) | {"idea_error": _busy_message()}
        )
        return _done(request, participant, "ideas", context, BUSY)
    # A fresh form for the next idea, on the same stage.
    next_form = IdeaForm(session.journey_id, initial={"stage": form.cleaned_data["stage"].pk})
    context = base | _ideas_context(participant, activity, next_form) | {"idea_sent": True}
    return _done(request, participant, "ideas", context)


@require_POST
@participant_required
def answer(request, participant):
    """Answers to an activity kind another app added (live.hooks), e.g. a Kano round."""
    activity = participant.session.current_activity
    handler = hooks.activity_handlers.get(activity.kind) if activity else None
    if handler is None:
        raise Http404
    if str(activity.pk) != request.POST.get("activity", "") or activity.closed_at is not None:
        return _changed_activity(request, participant)
    activity.session = participant.session
    return handler.submit(request, participant, activity)
