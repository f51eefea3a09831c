from django.urls import reverse

from segments.models import Segment
from tests.segments.conftest import post_field, score
from workshops.models import Change


def test_history_lists_field_experience_and_score_changes(client_for, manager, workshop, segment):
    client = client_for(manager)
    post_field(client, "segment", segment, "needs", "Vanha tarve")
    cell = segment.experience.get(kind="gain", dimension="social", moment="after")
    post_field(client, "experience", cell, "text", "Naapurin kehut")
    score(client, segment, workshop.value_criteria.get(key="margin"), 4)
    response = client.get(reverse("segments:history", args=[segment.pk]))
    assert response.status_code == 200
    assert "Vanha tarve" in response.text
    assert "Naapurin kehut" in response.text
    assert "Myyntikate" in response.text  # the score's criterion names the row


def test_history_does_not_show_other_segments(client_for, manager, segment, other_segment):
    post_field(client_for(manager), "segment", other_segment, "needs", "Toisen tarve")
    response = client_for(manager).get(reverse("segments:history", args=[segment.pk]))
    assert "Toisen tarve" not in response.text


def test_restore_an_old_value_of_a_field(client_for, manager, segment):
    client = client_for(manager)
    post_field(client, "segment", segment, "needs", "Vanha")
    post_field(client, "segment", segment, "needs", "Uusi")
    change = Change.objects.filter(target_id=segment.pk, field="needs").order_by("id").last()
    response = client.post(reverse("segments:change-restore", args=[segment.pk, change.pk]))
    assert response.status_code == 302
    segment.refresh_from_db()
    assert segment.needs == "Vanha"
    # the restore is itself a change in the history
    assert Change.objects.filter(target_id=segment.pk, field="needs").count() == 3


def test_restore_a_score(client_for, manager, workshop, segment):
    client = client_for(manager)
    margin = workshop.value_criteria.get(key="margin")
    score(client, segment, margin, 2)
    score(client, segment, margin, 5)
    row = segment.scores.get(criterion=margin)
    change = Change.objects.filter(target_id=row.pk).order_by("id").last()
    client.post(reverse("segments:change-restore", args=[segment.pk, change.pk]))
    row.refresh_from_db()
    assert row.score == 2


def test_restore_needs_the_change_to_belong_to_the_segment(
    client_for, manager, segment, other_segment
):
    client = client_for(manager)
    post_field(client, "segment", other_segment, "needs", "x")
    change = Change.objects.filter(target_id=other_segment.pk, field="needs").get()
    response = client.post(reverse("segments:change-restore", args=[segment.pk, change.pk]))
    assert response.status_code == 404


def test_viewer_reads_history_but_cannot_restore(client_for, manager, viewer, segment):
    post_field(client_for(manager), "segment", segment, "needs", "Vanha")
    post_field(client_for(manager), "segment", segment, "needs", "Uusi")
    client = client_for(viewer)
    response = client.get(reverse("segments:history", args=[segment.pk]))
    assert response.status_code == 200
    assert "change-restore" not in response.text and "/restore/" not in response.text
    change = Change.objects.filter(target_id=segment.pk, field="needs").last()
    restore = client.post(reverse("segments:change-restore", args=[segment.pk, change.pk]))
    assert restore.status_code == 403
    assert Segment.objects.get(pk=segment.pk).needs == "Uusi"
