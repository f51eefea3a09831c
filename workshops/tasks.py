"""Background tasks (django-tasks; in Django 6 the same API is django.tasks)."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task

from .exports.pdf import ReportError, workshop_pdf
from .models import Report, ReportStatus


@task()
def render_report(report_id: str):
    report = Report.objects.select_related("workshop__organisation", "requested_by").get(
        pk=report_id
    )
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=20)
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
