"""Fetch profitability objects for the current user: another organisation's is never found
(404); a viewer who edits gets 403 (workshops.access)."""

from django.http import Http404

from workshops.access import check_role, workshop_role, workshops_for_user

from .models import ActivitySetting, CustomerResult, GroupAction, ProfitabilityModel


def _fetch(request, queryset, pk, workshop_of, *, edit=False):
    try:
        obj = queryset.filter(**{_workshop_path(queryset): workshops_for_user(request.user)}).get(
            pk=pk
        )
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
    workshop = workshop_of(obj)
    workshop.user_role = workshop_role(request.user, workshop)
    if workshop.user_role is None:
        raise Http404
    check_role(workshop, edit=edit)
    return obj


def _workshop_path(queryset) -> str:
    return "workshop__in" if queryset.model is ProfitabilityModel else "model__workshop__in"


def get_model_for_user(request, model_id, *, edit=False) -> ProfitabilityModel:
    queryset = ProfitabilityModel.objects.select_related("workshop__organisation")
    return _fetch(request, queryset, model_id, lambda pm: pm.workshop, edit=edit)


def get_customer_for_user(request, customer_result_id) -> CustomerResult:
    queryset = CustomerResult.objects.select_related("model__workshop__organisation")
    return _fetch(request, queryset, customer_result_id, lambda c: c.model.workshop)


def get_setting_for_user(request, setting_id, *, edit=False) -> ActivitySetting:
    queryset = ActivitySetting.objects.select_related("model__workshop__organisation")
    return _fetch(request, queryset, setting_id, lambda s: s.model.workshop, edit=edit)


def get_group_action_for_user(request, group_action_id, *, edit=False) -> GroupAction:
    queryset = GroupAction.objects.select_related("model__workshop__organisation")
    return _fetch(request, queryset, group_action_id, lambda a: a.model.workshop, edit=edit)
