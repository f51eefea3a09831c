"""Background tasks (django-tasks; in Django 6 the same API is django.tasks)."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task

from .exports.pdf import ReportError, build_report_html, render_pdf, start_renderer
from .models import Report, ReportStatus


@task()
def render_report(report_id: str):
    report = Report.objects.select_related("workshop__organisation", "requested_by").get(
        pk=report_id
    )
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=20)
    workshop = report.workshop
    renderer = start_renderer()  # imports WeasyPrint while the chapters are built
    try:
        html = build_report_html(
            workshop,
            chapters=report.chapters or None,
            lanes=report.lanes or None,
            facilitator=report.requested_by.get_full_name() or report.requested_by.username
            if report.requested_by
            else "",
        )
        Report.objects.filter(pk=report.pk).update(progress=50)
        rendered = render_pdf(html, organisation=workshop.organisation, renderer=renderer)
    except ReportError as error:
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, message=str(error), finished_at=timezone.now()
        )
        return
    finally:
        if renderer.poll() is None:  # building the HTML failed: the renderer never got its job
            renderer.kill()
            renderer.communicate()
    name = f"{slugify(workshop.name) or 'report'}-{timezone.localdate():%Y-%m-%d}.pdf"
    report.file.save(name, ContentFile(rendered.content), save=False)
    Report.objects.filter(pk=report.pk).update(
        file=report.file.name, status=ReportStatus.DONE, progress=100, finished_at=timezone.now()
    )
