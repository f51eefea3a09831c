"""Fetch objects for the current user.

Every view goes through `get_for_user`. Another organisation's object is never found (404),
so nobody can even learn that it exists; a role too low for the action gets 403.

A workshop-owned model says how to reach its workshop with a class attribute, e.g.
`workshop_path = "phase__journey__workshop"` on `Stage` (`""` on `Workshop` itself), so one
query fetches the object, its workshop and the user's role in it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from .models import Membership, Organisation, Role, Workshop, WorkshopMember, WorkshopRole

LEAD_ROLES = (Role.OWNER, Role.FACILITATOR)


def workshops_for_user(user):
    """Workshops the user may see: all of their organisation's if owner or facilitator there,
    otherwise those they are a member of (inside an organisation they belong to)."""
    if not user.is_authenticated:
        return Workshop.objects.none()
    org_lead = Membership.objects.filter(
        organisation=OuterRef("organisation"), user=user, role__in=LEAD_ROLES
    )
    org_member = Membership.objects.filter(organisation=OuterRef("organisation"), user=user)
    workshop_member = WorkshopMember.objects.filter(workshop=OuterRef("pk"), user=user)
    return Workshop.objects.filter(
        Q(Exists(org_lead)) | (Q(Exists(org_member)) & Q(Exists(workshop_member)))
    )


def check_role(workshop, *, edit=False, facilitate=False):
    """403 unless the role attached by `get_for_user` allows the action."""
    if facilitate and not workshop.can_facilitate:
        raise PermissionDenied
    if edit and not workshop.can_edit:
        raise PermissionDenied


def get_for_user(request, model_or_queryset, pk, *, edit=False, facilitate=False):
    """The object `pk` of a workshop-owned model (or of a queryset of one, for extra
    `select_related`), with `user_role` set on its workshop.

    404 when it does not exist or its workshop is outside the user's reach (the two look the
    same); 403 when the user's role is too low: `edit` needs facilitator or manager,
    `facilitate` needs facilitator. Organisation owners and facilitators facilitate every
    workshop of their organisation; other members have the role their workshop membership
    gives them.
    """
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    user = request.user
    if not user.is_authenticated:
        raise Http404
    path = queryset.model.workshop_path
    to_workshop = f"{path}__" if path else ""
    organisation_role = Membership.objects.filter(
        organisation=OuterRef(f"{to_workshop}organisation"), user=user
    ).values("role")[:1]
    member_role = WorkshopMember.objects.filter(workshop=OuterRef(path or "pk"), user=user).values(
        "role"
    )[:1]
    queryset = queryset.select_related(f"{to_workshop}organisation").annotate(
        access_organisation_role=Subquery(organisation_role),
        access_member_role=Subquery(member_role),
    )
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, ValidationError):
        raise Http404 from None
    workshop = obj
    for step in path.split("__") if path else ():
        workshop = getattr(workshop, step)
    organisation_role = obj.__dict__.pop("access_organisation_role")
    member_role = obj.__dict__.pop("access_member_role")
    if organisation_role is None:
        raise Http404
    workshop.user_role = (
        WorkshopRole.FACILITATOR if organisation_role in LEAD_ROLES else member_role
    )
    if workshop.user_role is None:
        raise Http404
    check_role(workshop, edit=edit, facilitate=facilitate)
    return obj


def get_workshop_for_user(request, workshop_id, *, edit=False, facilitate=False) -> Workshop:
    """Shorthand for `get_for_user(request, Workshop, workshop_id, ...)`, which most views need."""
    return get_for_user(request, Workshop, workshop_id, edit=edit, facilitate=facilitate)


def organisations_for_user(user, *, lead=False):
    memberships = Membership.objects.filter(user=user)
    if lead:
        memberships = memberships.filter(role__in=LEAD_ROLES)
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))
