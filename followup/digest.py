"""The periodic e-mail digest: to every person of a workshop, the actions due in the next
seven days, the overdue actions and the flagged feedback that came in since their last
digest. Run by `manage.py send_digests` or the `send_digests_task` background task."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from journey.models import Action, ActionStatus
from workshops.models import Membership, Role, Workshop, WorkshopMember

from .actions import owner_names
from .models import DigestLog, Feedback

DUE_DAYS = 7
FIRST_DIGEST_DAYS = 7  # a person's first digest reports the flagged feedback of this many days


def recipients(workshop) -> list:
    """The workshop's members and its organisation's owners and facilitators, with e-mail."""
    member_ids = WorkshopMember.objects.filter(workshop=workshop).values("user")
    lead_ids = Membership.objects.filter(
        organisation_id=workshop.organisation_id, role__in=[Role.OWNER, Role.FACILITATOR]
    ).values("user")
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return list(users.filter(pk__in=member_ids) | users.filter(pk__in=lead_ids))


def workshop_digest(workshop, user, *, today, since) -> dict:
    """Due and overdue actions (the person's own first) and new flagged feedback."""
    open_actions = (
        Action.objects.filter(stage__phase__journey__workshop=workshop, due_date__isnull=False)
        .exclude(status=ActionStatus.DONE)
        .select_related("stage")
        .order_by("due_date", "position")
    )
    mine = {name.casefold() for name in owner_names(user)}

    def order(action):
        return (action.owner.strip().casefold() not in mine, action.due_date)

    overdue = sorted(open_actions.filter(due_date__lt=today), key=order)
    due = sorted(
        open_actions.filter(
            due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_DAYS)
        ),
        key=order,
    )
    flagged = list(
        Feedback.objects.filter(workshop=workshop, flagged=True, created_at__gt=since)
        .select_related("stage")
        .order_by("-created_at")
    )
    for action in overdue + due:
        action.is_mine = action.owner.strip().casefold() in mine
    return {"workshop": workshop, "due": due, "overdue": overdue, "flagged": flagged}


def send_digests(*, now=None, base_url: str = "") -> int:
    """Send one e-mail per person who has something to read; returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    base_url = (base_url or getattr(settings, "SITE_URL", "") or "http://localhost:8000").rstrip(
        "/"
    )
    per_user: dict = {}
    workshops = Workshop.objects.filter(archived=False).select_related("organisation")
    for workshop in workshops:
        people = recipients(workshop)
        if not people:
            continue
        last = dict(
            DigestLog.objects.filter(workshop=workshop, user__in=people)
            .values_list("user")
            .annotate(at=Max("sent_at"))
        )
        for user in people:
            since = last.get(user.pk) or now - datetime.timedelta(days=FIRST_DIGEST_DAYS)
            section = workshop_digest(workshop, user, today=today, since=since)
            if section["due"] or section["overdue"] or section["flagged"]:
                section["url"] = base_url + reverse("followup:dashboard", args=[workshop.pk])
                section["actions_url"] = base_url + reverse("followup:actions", args=[workshop.pk])
                per_user.setdefault(user, []).append(section)
    sent = 0
    for user, sections in per_user.items():
        profile = getattr(user, "profile", None)
        language = (profile.language if profile else "") or settings.LANGUAGE_CODE
        with translation.override(language):
            counts = {
                "due": sum(len(s["due"]) for s in sections),
                "late": sum(len(s["overdue"]) for s in sections),
                "flagged": sum(len(s["flagged"]) for s in sections),
            }
            subject = (
                _(
                    "Arvopolku follow-up: %(due)d due, %(late)d overdue actions, "
                    "%(flagged)d flagged feedback"
                )
                % counts
            )
            body = render_to_string(
                "followup/digest_email.txt",
                {
                    "user": user,
                    "sections": sections,
                    "today": today,
                    "days": DUE_DAYS,
                    "calendar_url": base_url + reverse("followup:calendar"),
                },
            )
        with transaction.atomic():
            send_mail(subject, body, None, [user.email])
            DigestLog.objects.bulk_create(
                DigestLog(
                    user=user,
                    workshop=s["workshop"],
                    sent_at=now,
                    actions=len(s["due"]) + len(s["overdue"]),
                    flagged=len(s["flagged"]),
                )
                for s in sections
            )
        sent += 1
    return sent
