"""The per-stage counts stay equal to the feedback log however records come in or go."""

import datetime

from django.db.models import Count

from followup import services
from followup.dashboard import feedback_summary
from followup.importing import FeedbackRow
from followup.models import Feedback


def counted(workshop):
    return {
        (item.stage.pk, scale, rating): n
        for item in feedback_summary(workshop)
        for scale, dist in item.by_scale.items()
        for rating, n in dist.items()
    }


def actual(workshop):
    rows = (
        Feedback.objects.filter(workshop=workshop, rating__isnull=False)
        .values_list("stage_id", "scale", "rating")
        .annotate(n=Count("*"))
    )
    return {(stage, scale, rating): n for stage, scale, rating, n in rows}


def test_tallies_follow_creates_imports_and_deletes(workshop, stage):
    services.create_feedback(stage=stage, rating=4, scale=5, date=datetime.date(2025, 3, 1))
    Feedback.objects.create(workshop=workshop, stage=stage, rating=9, scale=10)
    Feedback.objects.create(workshop=workshop, stage=stage, text="ilman arvosanaa")
    rows = [
        FeedbackRow(row=n, date=datetime.date(2025, 3, 2), stage_id=str(stage.pk), rating=r)
        for n, r in enumerate([4, 4, 1, 2], start=2)
    ]
    services.import_feedback(workshop=workshop, rows=rows)
    services.delete_feedback(feedback=Feedback.objects.filter(rating=1).get())
    assert (
        counted(workshop)
        == actual(workshop)
        == {
            (stage.pk, 5, 4): 3,
            (stage.pk, 5, 2): 1,
            (stage.pk, 10, 9): 1,
        }
    )
    (item,) = feedback_summary(workshop)
    assert item.count == 6  # the record without a rating counts too


def test_rebuild_counts_again_from_the_log(workshop, stage):
    Feedback.objects.create(workshop=workshop, stage=stage, rating=5)
    Feedback.objects.filter(workshop=workshop).delete()  # around the services
    services.rebuild_tallies(workshop)
    assert feedback_summary(workshop) == []


def test_open_flags_are_counted_until_someone_reacts(workshop, stage, manager):
    from followup.dashboard import open_flag_total

    first = Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True)
    rows = [FeedbackRow(row=2, date=datetime.date(2025, 3, 2), stage_id=str(stage.pk), rating=1)]
    stage.gate_stage = True
    stage.save()
    services.import_feedback(workshop=workshop, rows=rows)  # a low rating on a gate stage
    assert open_flag_total(workshop) == 2
    assert feedback_summary(workshop)[0].flagged_open == 2
    services.react(feedback=first, note="Soitettu", by=manager)
    assert open_flag_total(workshop) == 1
    services.delete_feedback(feedback=Feedback.objects.get(source="import"))
    assert open_flag_total(workshop) == 0
    services.rebuild_tallies(workshop)
    assert open_flag_total(workshop) == 0
