"""Follow-up objects for the current user: found only through the user's workshops, so
another organisation's object is a 404; too low a role for a write is a 403."""

from django.http import Http404

from workshops.access import attach_role, workshops_for_user

from .models import Feedback, FeedbackLink, Measure, Review


def get_measure_for_user(request, measure_id, *, edit=False) -> Measure:
    measure = (
        Measure.objects.select_related("stage__phase__journey__workshop__organisation")
        .filter(stage__phase__journey__workshop__in=workshops_for_user(request.user), pk=measure_id)
        .first()
    )
    if measure is None:
        raise Http404
    attach_role(request, measure.stage.phase.journey.workshop, edit=edit)
    return measure


def get_feedback_for_user(request, feedback_id, *, edit=False, facilitate=False) -> Feedback:
    feedback = (
        Feedback.objects.select_related("workshop__organisation", "stage__phase__journey")
        .filter(workshop__in=workshops_for_user(request.user), pk=feedback_id)
        .first()
    )
    if feedback is None:
        raise Http404
    attach_role(request, feedback.workshop, edit=edit, facilitate=facilitate)
    return feedback


def get_link_for_user(request, link_id, *, edit=False) -> FeedbackLink:
    link = (
        FeedbackLink.objects.select_related("stage__phase__journey__workshop__organisation")
        .filter(stage__phase__journey__workshop__in=workshops_for_user(request.user), pk=link_id)
        .first()
    )
    if link is None:
        raise Http404
    attach_role(request, link.stage.phase.journey.workshop, edit=edit)
    return link


def get_review_for_user(request, review_id, *, edit=False) -> Review:
    review = (
        Review.objects.select_related("workshop__organisation")
        .filter(workshop__in=workshops_for_user(request.user), pk=review_id)
        .first()
    )
    if review is None:
        raise Http404
    attach_role(request, review.workshop, edit=edit)
    return review
