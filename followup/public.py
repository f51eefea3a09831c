"""Pages without an account: the feedback link a customer answers on a phone, and a person's
calendar feed of action due dates. The unguessable token in the URL is the permission; a
wrong, switched-off or rotated token is a 404."""

import datetime

import icalendar
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from journey.models import Action, ActionStatus
from workshops.access import workshops_for_user
from workshops.language import in_method_language, method_language

from . import method, services
from .actions import mine_filter
from .forms import PublicFeedbackForm
from .models import CalendarToken, FeedbackLink, FeedbackSource

POSTS_PER_WINDOW = 10
WINDOW_SECONDS = 10 * 60


def client_address(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is set by the client and proves nothing here.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow_post(request) -> bool:
    """Counts this answer; False once the address sent POSTS_PER_WINDOW in the window.
    Customers answer once; the limit stops scripted floods of fake feedback."""
    key = f"followup-rate:{client_address(request)}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return True
    return count <= POSTS_PER_WINDOW


def _link(feedback_token) -> FeedbackLink:
    link = (
        FeedbackLink.objects.select_related("stage__phase__journey__workshop", "touchpoint")
        .filter(
            feedback_token=feedback_token,
            active=True,
            stage__phase__journey__workshop__archived=False,
        )
        .first()
    )
    if link is None:
        raise Http404
    return link


@require_http_methods(["GET", "POST"])
def public_feedback(request, feedback_token):
    link = _link(feedback_token)
    workshop = link.stage.phase.journey.workshop
    language = method_language(workshop)
    with in_method_language(workshop):
        low_end, high_end = method.scale_ends(link.scale, language)
        context = {"link": link, "low_end": low_end, "high_end": high_end}
        if request.GET.get("thanks") == "1":
            return render(request, "followup/public_feedback.html", {**context, "thanks": True})
        form = PublicFeedbackForm(request.POST or None, scale=link.scale)
        status = 200
        if request.method == "POST":
            if not allow_post(request):
                context["limited"] = True
                return render(request, "followup/public_feedback.html", context, status=429)
            if form.is_valid():
                services.create_feedback(
                    stage=link.stage,
                    source=FeedbackSource.LINK,
                    link=link,
                    date=timezone.localdate(),
                    touchpoint=link.touchpoint,
                    channel=link.channel or method.link_channel(language),
                    rating=form.cleaned_data["rating"],
                    scale=link.scale,
                    text=form.cleaned_data["text"],
                )
                url = reverse("followup:public-feedback", args=[link.feedback_token])
                return redirect(url + "?thanks=1")
            status = 422
        return render(
            request, "followup/public_feedback.html", {**context, "form": form}, status=status
        )


@require_GET
def calendar_feed(request, calendar_token):
    token = CalendarToken.objects.select_related("user").filter(token=calendar_token).first()
    if token is None or not token.user.is_active:
        raise Http404
    body = calendar_for(token.user, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="arvopolku-actions.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def calendar_for(user, *, base_url: str = "") -> bytes:
    """An iCalendar of the due dates of the person's open actions (the owner text matches
    their user name, full name or e-mail) in every workshop they can see."""
    actions = (
        Action.objects.filter(
            Q(stage__phase__journey__workshop__in=workshops_for_user(user)),
            mine_filter(user),
            due_date__isnull=False,
        )
        .exclude(status=ActionStatus.DONE)
        .select_related("stage__phase__journey__workshop")
        .order_by("due_date")
    )
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Arvopolku//Follow-up actions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Arvopolku")
    stamp = timezone.now()
    for action in actions:
        workshop = action.stage.phase.journey.workshop
        event = icalendar.Event()
        event.add("uid", f"{action.pk}@arvopolku")
        event.add("dtstamp", stamp)
        event.add("dtstart", action.due_date)
        event.add("dtend", action.due_date + datetime.timedelta(days=1))
        event.add("summary", action.what[:120])
        event.add(
            "description",
            f"{workshop.name} › {action.stage.phase.journey.name} › {action.stage.name}\n"
            f"{action.get_status_display()}",
        )
        if base_url:
            path = reverse("journey:stage", args=[action.stage_id])
            event.add("url", base_url.rstrip("/") + path)
        calendar.add_component(event)
    return calendar.to_ical()
