"""The action board: every action of a workshop in one place, filtered.

Actions live on the stages (journey.Action); live ideas turn into the same stage actions.
Kano, segments and profitability keep no actions of their own yet; when they add them, their
rows join this board. "My actions" match the owner text of an action against the person's
user name, full name or e-mail address (case-insensitive): owners are typed as text on the
worksheet, often for people without an account.
"""

import datetime

from django.db.models import F, Q

from journey.models import Action, ActionStatus

from .services import today


def owner_names(user) -> list[str]:
    names = [user.get_username(), user.get_full_name(), user.email]
    return [name.strip() for name in names if name and name.strip()]


def mine_filter(user) -> Q:
    condition = Q(pk__in=[])
    for name in owner_names(user):
        condition |= Q(owner__iexact=name)
    return condition


def workshop_actions(workshop):
    return Action.objects.filter(stage__phase__journey__workshop=workshop).select_related(
        "stage__phase__journey"
    )


def owners(workshop) -> list[str]:
    names = workshop_actions(workshop).exclude(owner="").values_list("owner", flat=True).distinct()
    return sorted(set(names), key=str.casefold)


def filtered(queryset, data: dict, user):
    """Apply the board's filters (cleaned ActionFilterForm data)."""
    day = today()
    if data.get("mine"):
        queryset = queryset.filter(mine_filter(user))
    if data.get("owner"):
        queryset = queryset.filter(owner=data["owner"])
    status = data.get("status")
    if status == "open":
        queryset = queryset.exclude(status=ActionStatus.DONE)
    elif status:
        queryset = queryset.filter(status=status)
    if data.get("stage"):
        queryset = queryset.filter(stage=data["stage"])
    due = data.get("due")
    if due == "overdue":
        queryset = queryset.filter(due_date__lt=day).exclude(status=ActionStatus.DONE)
    elif due in ("week", "month"):
        days = 7 if due == "week" else 30
        queryset = queryset.filter(
            due_date__gte=day, due_date__lte=day + datetime.timedelta(days=days)
        )
    elif due == "none":
        queryset = queryset.filter(due_date__isnull=True)
    return queryset.order_by(
        F("due_date").asc(nulls_last=True),
        "stage__phase__journey__position",
        "stage__phase__position",
        "stage__position",
        "position",
    )


def is_overdue(action, day=None) -> bool:
    day = day or today()
    return (
        action.due_date is not None and action.due_date < day and action.status != ActionStatus.DONE
    )
