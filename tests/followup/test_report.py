"""The follow-up chapter of the PDF report and its XLSX/CSV tables."""

import datetime

from django.urls import reverse
from django.utils import translation

from followup.models import Feedback
from followup.report import followup_tables
from followup.reviews import create_review
from workshops.exports.pdf import build_report_html

from .conftest import set_value


def test_chapter_has_measures_feedback_flags_and_the_latest_review(
    workshop, stage, measure, this_month, manager
):
    set_value(measure, this_month, 42)
    Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True,
                            text="Kukaan ei vastannut")  # fmt: skip
    create_review(workshop=workshop, date=datetime.date(2025, 1, 31), notes="Katsaus", by=manager)
    html = build_report_html(workshop, chapters=["followup"])
    assert "NPS" in html and "42" in html
    assert "Kukaan ei vastannut" in html
    assert "Katsaus" in html
    assert "<svg" in html  # sparklines


def test_tables_have_measure_values_and_feedback(workshop, stage, measure, this_month):
    set_value(measure, this_month, 42)
    Feedback.objects.create(workshop=workshop, stage=stage, rating=2, text="=HYPERLINK(x)")
    with translation.override("en"):
        tables = {table.key: table for table in followup_tables(workshop)}
    values = tables["measure_values"].rows
    assert values[0]["measure"] == "NPS" and values[0]["period_start"] == this_month
    assert values[0]["status"] == "Within tolerance"  # 42 against 50 ± 10
    feedback = tables["customer_feedback"].rows
    assert feedback[0]["text"] == "=HYPERLINK(x)" and feedback[0]["rating"] == 2
    assert tables["feedback_summary"].rows[0]["count"] == 1


def test_csv_download_of_the_feedback_is_formula_safe(client_for, facilitator, workshop, stage):
    Feedback.objects.create(workshop=workshop, stage=stage, rating=2, text="=HYPERLINK(x)")
    url = reverse("workshops:export-csv", args=[workshop.pk, "customer_feedback"])
    response = client_for(facilitator).get(url)
    assert response.status_code == 200
    assert "'=HYPERLINK(x)" in response.content.decode("utf-8-sig")
