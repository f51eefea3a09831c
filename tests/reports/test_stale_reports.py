"""A report whose worker died does not stay "running" for ever: it is marked failed with a
Try again button, and the retry is a task that a (re)started db_worker picks up."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from workshops.models import Report, ReportStatus

HTMX = {"HX-Request": "true"}


def orphan(workshop, facilitator, minutes):
    """A report a worker took `minutes` ago and then died on (killed, out of memory)."""
    return Report.objects.create(
        workshop=workshop,
        requested_by=facilitator,
        chapters=["journey"],
        status=ReportStatus.RUNNING,
        progress=20,
        started_at=timezone.now() - timedelta(minutes=minutes),
    )


def test_a_report_running_past_the_deadline_shows_failed_with_try_again(
    client_for, facilitator, workshop
):
    report = orphan(workshop, facilitator, minutes=11)
    client = client_for(facilitator)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("workshops:report-status", args=[report.pk]), headers=HTMX)
    assert "The report worker stopped before the report was ready." in response.text
    assert reverse("workshops:report-retry", args=[report.pk]) in response.text
    assert "every 1s" not in response.text  # polling stops
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_the_report_page_also_marks_stale_reports(client_for, facilitator, workshop):
    report = orphan(workshop, facilitator, minutes=60)
    client_for(facilitator).get(reverse("workshops:report", args=[workshop.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_a_report_within_the_deadline_keeps_running(client_for, facilitator, workshop):
    report = orphan(workshop, facilitator, minutes=2)
    response = client_for(facilitator).get(
        reverse("workshops:report-status", args=[report.pk]), headers=HTMX
    )
    assert "every 1s" in response.text
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING


@override_settings(REPORT_STALE_SECONDS=30)
def test_the_deadline_is_a_setting(client_for, facilitator, workshop):
    report = orphan(workshop, facilitator, minutes=1)
    client_for(facilitator).get(reverse("workshops:report-status", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


def test_try_again_renders_the_report(client_for, facilitator, workshop):
    report = orphan(workshop, facilitator, minutes=11)
    client = client_for(facilitator)
    client.get(reverse("workshops:report-status", args=[report.pk]))
    response = client.post(reverse("workshops:report-retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()  # the test settings run tasks at once
    assert report.status == ReportStatus.DONE and report.file
    download = client.get(reverse("workshops:report-download", args=[report.pk]))
    assert download.status_code == 200
    download.close()


def test_a_viewer_cannot_retry(client_for, facilitator, viewer, workshop):
    report = orphan(workshop, facilitator, minutes=11)
    client_for(facilitator).get(reverse("workshops:report-status", args=[report.pk]))
    response = client_for(viewer).post(reverse("workshops:report-retry", args=[report.pk]))
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_restarted_db_worker_picks_up_the_retry(client_for, facilitator, workshop):
    report = orphan(workshop, facilitator, minutes=11)
    client = client_for(facilitator)
    client.get(reverse("workshops:report-status", args=[report.pk]))
    client.post(reverse("workshops:report-retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    # The worker that died is gone; a new one starts and works through the queue.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.file
