"""Follow-up objects in the victim workshop, for tests/workshops/test_isolation.py."""

import datetime

from followup.models import CalendarToken, Feedback, FeedbackLink, Measure, MeasureValue, Review
from journey.models import Action


def victim_params(*, workshop, stage) -> dict:
    from django.contrib.auth import get_user_model

    measure = Measure.objects.create(stage=stage, name="SECRET measure", target=1, owner="SECRET")
    MeasureValue.objects.create(measure=measure, period_start=datetime.date(2025, 1, 1), value=7)
    feedback = Feedback.objects.create(
        workshop=workshop, stage=stage, rating=1, text="SECRET feedback", flagged=True
    )
    link = FeedbackLink.objects.create(stage=stage, question="SECRET question")
    action = Action.objects.create(stage=stage, what="SECRET action", owner="alice")
    review = Review.objects.create(workshop=workshop, notes="SECRET notes", snapshot={})
    owner = get_user_model().objects.get(username="alice")
    token = CalendarToken.objects.create(user=owner)
    return {
        "measure_id": measure.pk,
        "period_start": "2025-01-01",
        "feedback_id": feedback.pk,
        "link_id": link.pk,
        "feedback_token": link.feedback_token,
        "action_id": action.pk,
        "review_id": review.pk,
        "upload_id": "6c0e8a8e-1d7a-4c55-9d6e-0f2b7e3c9a11",
        "calendar_token": token.token,
    }
