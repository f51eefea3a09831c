"""Reports: choose chapters and lanes, preview as HTML, render the PDF in the background,
download XLSX and CSV."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from . import registry
from .access import get_for_user, get_workshop_for_user
from .exports.pdf import build_report_html, chapter_choices
from .exports.tables import table_csv, tables_xlsx
from .models import Report, ReportStatus
from .tasks import fail_stale_reports, render_report, retry_report

BASE_LANES = [
    ("doing", _("Doing")),
    ("thinking", _("Thinking")),
    ("feeling", _("Feeling")),
    ("expectation", _("Expectation")),
    ("touchpoints", _("Touchpoints")),
    ("target_level", _("Target level")),
    ("measurement", _("Measurement")),
    ("frontline", _("Front-line needs")),
    ("classification", _("Classification")),
]


class ReportForm(forms.Form):
    chapters = forms.MultipleChoiceField(
        label=_("Chapters"), required=False, widget=forms.CheckboxSelectMultiple
    )
    lanes = forms.MultipleChoiceField(
        label=_("Lanes of the journey map"), required=False, widget=forms.CheckboxSelectMultiple
    )
    include_empty = forms.BooleanField(
        label=_("Include chapters that have nothing to show yet"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapters"].choices = chapter_choices()
        self.fields["lanes"].choices = BASE_LANES + [
            (lane.key, lane.title()) for lane in registry.ordered(registry.map_lanes)
        ]
        if not self.is_bound:
            self.initial = {
                "chapters": [k for k, _ in self.fields["chapters"].choices],
                "lanes": [k for k, _ in self.fields["lanes"].choices],
            }


@require_GET
@login_required
def report_page(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    fail_stale_reports(workshop.reports.all())
    reports = workshop.reports.all()[:10]
    tables = registry.all_tables(workshop)
    return render(
        request,
        "reports/report_page.html",
        {"workshop": workshop, "form": ReportForm(), "reports": reports, "tables": tables},
    )


@require_GET
@login_required
def report_preview(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    form = ReportForm(request.GET)
    form.is_valid()
    html = build_report_html(
        workshop,
        chapters=form.cleaned_data.get("chapters") or None,
        lanes=form.cleaned_data.get("lanes") or None,
        include_empty=form.cleaned_data.get("include_empty", False),
        facilitator=request.user.get_full_name() or request.user.get_username(),
        base_url=request.build_absolute_uri("/"),
    )
    return HttpResponse(html)


@require_POST
@login_required
def report_create(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return redirect("workshops:report", workshop.pk)
    report = Report.objects.create(
        workshop=workshop,
        requested_by=request.user,
        chapters=form.cleaned_data["chapters"],
        lanes=form.cleaned_data["lanes"],
        include_empty=form.cleaned_data["include_empty"],
    )
    render_report.enqueue(str(report.pk))
    return redirect(reverse("workshops:report", args=[workshop.pk]) + f"#report-{report.pk}")


@require_GET
@login_required
def report_status(request, report_id):
    report = get_for_user(request, Report, report_id)
    if fail_stale_reports(Report.objects.filter(pk=report.pk)):
        report.refresh_from_db()
    return render(request, "reports/report_page.html#report-row", {"report": report})


@require_POST
@login_required
def report_retry(request, report_id):
    report = get_for_user(request, Report, report_id, facilitate=True)  # a viewer gets 403
    retry_report(report)
    url = reverse("workshops:report", args=[report.workshop_id]) + f"#report-{report.pk}"
    return redirect(url)


@require_GET
@login_required
def report_download(request, report_id):
    report = get_for_user(request, Report, report_id)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.file.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


@require_GET
@login_required
def export_xlsx(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    content = tables_xlsx(registry.all_tables(workshop))
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(workshop.name) or "workshop"}.xlsx"'
    )
    return response


@require_GET
@login_required
def export_csv(request, workshop_id, table_key):
    workshop = get_workshop_for_user(request, workshop_id)
    table = next((t for t in registry.all_tables(workshop) if t.key == table_key), None)
    if table is None:
        raise Http404
    response = HttpResponse(table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(workshop.name) or "workshop"}-{table.key}.csv"'
    )
    return response
