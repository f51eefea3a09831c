"""Fetch objects for the current user.

Every view goes through these helpers. Another organisation's object is never found (404),
so nobody can even learn that it exists; a viewer who tries to edit gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404

from .models import Membership, Role, Workshop, WorkshopMember, WorkshopRole

EDIT_ROLES = {WorkshopRole.FACILITATOR, WorkshopRole.MANAGER}


def workshops_for_user(user):
    """Workshops the user may see: all of their organisation's if owner or facilitator there,
    otherwise those they are a member of (inside an organisation they belong to)."""
    if not user.is_authenticated:
        return Workshop.objects.none()
    org_lead = Membership.objects.filter(
        organisation=OuterRef("organisation"),
        user=user,
        role__in=[Role.OWNER, Role.FACILITATOR],
    )
    org_member = Membership.objects.filter(organisation=OuterRef("organisation"), user=user)
    workshop_member = WorkshopMember.objects.filter(workshop=OuterRef("pk"), user=user)
    return Workshop.objects.filter(
        Q(Exists(org_lead)) | (Q(Exists(org_member)) & Q(Exists(workshop_member)))
    )


def workshop_role(user, workshop) -> str | None:
    """The user's role in the workshop, or None when it is outside their reach. One query:
    organisation owners and facilitators facilitate every workshop of their organisation;
    other members have the role their workshop membership gives."""
    if not user.is_authenticated:
        return None
    member_role = WorkshopMember.objects.filter(workshop_id=workshop.pk, user=user).values("role")
    row = (
        Membership.objects.filter(organisation_id=workshop.organisation_id, user=user)
        .annotate(member_role=Subquery(member_role[:1]))
        .values_list("role", "member_role")
        .first()
    )
    if row is None:
        return None
    organisation_role, member_role = row
    if organisation_role in (Role.OWNER, Role.FACILITATOR):
        return WorkshopRole.FACILITATOR
    return member_role


def check_role(workshop, *, edit=False, facilitate=False):
    if facilitate and workshop.user_role != WorkshopRole.FACILITATOR:
        raise PermissionDenied
    if edit and workshop.user_role not in EDIT_ROLES:
        raise PermissionDenied


def get_workshop_for_user(request, workshop_id, *, edit=False, facilitate=False) -> Workshop:
    """The workshop, with `user_role` set; 404 outside the user's reach, 403 for too low a role."""
    workshop = Workshop.objects.select_related("organisation").filter(pk=workshop_id).first()
    return attach_role(request, workshop, edit=edit, facilitate=facilitate)


def attach_role(request, workshop, *, edit=False, facilitate=False):
    """Set `workshop.user_role`, or answer 404 when the workshop is not the user's to see."""
    if workshop is None:
        raise Http404
    workshop.user_role = workshop_role(request.user, workshop)
    if workshop.user_role is None:
        raise Http404
    check_role(workshop, edit=edit, facilitate=facilitate)
    return workshop


def organisations_for_user(user, *, lead=False):
    from .models import Organisation

    memberships = Membership.objects.filter(user=user)
    if lead:
        memberships = memberships.filter(role__in=[Role.OWNER, Role.FACILITATOR])
    return Organisation.objects.filter(pk__in=memberships.values("organisation"))
