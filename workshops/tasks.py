"""Background tasks (django-tasks; in Django 6 the same API is django.tasks)."""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django_tasks import task

from .exports.pdf import ReportError, workshop_pdf
from .models import Report, ReportStatus


@task()
def render_report(report_id: str):
    report = Report.objects.select_related("workshop__organisation", "requested_by").get(
        pk=report_id
    )
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, progress=20, started_at=timezone.now()
    )
    workshop = report.workshop
    try:
        rendered = workshop_pdf(
            workshop,
            chapters=report.chapters or None,
            lanes=report.lanes or None,
            include_empty=report.include_empty,
            facilitator=report.requested_by.get_full_name() or report.requested_by.username
            if report.requested_by
            else "",
        )
    except ReportError as error:
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, message=str(error), finished_at=timezone.now()
        )
        return
    name = f"{slugify(workshop.name) or 'report'}-{timezone.localdate():%Y-%m-%d}.pdf"
    report.file.save(name, ContentFile(rendered.content), save=False)
    Report.objects.filter(pk=report.pk).update(
        file=report.file.name, status=ReportStatus.DONE, progress=100, finished_at=timezone.now()
    )


def fail_stale_reports(reports) -> int:
    """Marks failed the reports of `reports` still "running" past REPORT_STALE_SECONDS.

    Rendering stops itself after its own time limit (exports/pdf.py), so a report running
    longer lost its worker (killed, out of memory, restarted) and would spin for ever. Marked
    failed, it shows a Try again button; the retry is a new task that any worker, also one
    restarted later, picks up."""
    deadline = timezone.now() - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    return reports.filter(status=ReportStatus.RUNNING, started_at__lt=deadline).update(
        status=ReportStatus.FAILED,
        message=gettext("The report worker stopped before the report was ready."),
        finished_at=timezone.now(),
    )


def retry_report(report) -> None:
    """Queues a failed report again (the same chapters and lanes)."""
    queued = Report.objects.filter(pk=report.pk, status=ReportStatus.FAILED).update(
        status=ReportStatus.QUEUED, progress=0, message="", started_at=None, finished_at=None
    )
    if queued:
        render_report.enqueue(str(report.pk))
