"""Segment objects for the current user: found only through the user's workshops, so another
organisation's object is a 404; a viewer who edits gets 403."""

from django.http import Http404

from workshops.access import attach_role, workshops_for_user

from .editing import Part
from .models import Segment


def get_segment_for_user(request, segment_id, *, edit=False, facilitate=False) -> Segment:
    segment = (
        Segment.objects.select_related("workshop__organisation")
        .filter(workshop__in=workshops_for_user(request.user), pk=segment_id)
        .first()
    )
    if segment is None:
        raise Http404
    attach_role(request, segment.workshop, edit=edit, facilitate=facilitate)
    return segment


def get_part_for_user(request, part: Part, object_id, *, edit=False):
    """Any editable object (cell, score, criterion, ...) with its workshop's role attached."""
    obj = (
        part.model.objects.select_related(*part.related)
        .filter(**{f"{part.workshop_path}__in": workshops_for_user(request.user), "pk": object_id})
        .first()
    )
    if obj is None:
        raise Http404
    attach_role(request, part.workshop_of(obj), edit=edit)
    return obj
