"""The follow-up's parts of the PDF report and of the XLSX/CSV export."""

from django.utils.translation import gettext as _

from workshops.exports.tables import Column, Table

from . import measures
from .comparison import compare
from .dashboard import feedback_summary, measure_rows, open_flags, status_labels
from .models import Feedback, MeasureValue
from .reviews import previous_review
from .services import measure_status, with_latest, workshop_measures


def chapter_context(workshop, options):
    flags, flag_total = open_flags(workshop)
    review = workshop.followup_reviews.first()
    changes = None
    if review is not None:
        previous = previous_review(review)
        changes = compare(previous.snapshot if previous else None, review.snapshot)
    return {
        "rows": measure_rows(workshop),
        "summary": feedback_summary(workshop),
        "flags": flags,
        "flag_total": flag_total,
        "review": review,
        "changes": changes,
        "status_labels": status_labels(),
    }


def followup_tables(workshop) -> list[Table]:
    labels = status_labels()
    measure_list = list(with_latest(workshop_measures(workshop)))
    values = {}
    for value in MeasureValue.objects.filter(measure__in=measure_list).order_by("period_start"):
        values.setdefault(value.measure_id, []).append(value)
    value_rows = []
    for m in measure_list:
        state = labels[measure_status(m)]
        base = {
            "journey": m.stage.phase.journey.name,
            "stage": m.stage.name,
            "measure": m.name,
            "unit": m.unit,
            "direction": m.get_direction_display(),
            "target": m.target,
            "tolerance": m.tolerance,
            "source": m.get_source_display(),
            "status": state,
        }
        for value in values.get(m.pk, []):
            value_rows.append(
                base
                | {
                    "period": measures.period_label(value.period_start, m.period),
                    "period_start": value.period_start,
                    "value": value.value,
                    "sample_size": value.sample_size,
                    "spread": value.spread,
                }
            )
        if m.pk not in values:
            value_rows.append(base)
    feedback_rows = [
        {
            "date": f.date,
            "journey": f.stage.phase.journey.name,
            "stage": f.stage.name,
            "touchpoint": f.touchpoint.get_channel_display() if f.touchpoint else "",
            "channel": f.channel,
            "customer": f.customer,
            "rating": f.rating,
            "scale": f.get_scale_display(),
            "text": f.text,
            "tags": ", ".join(str(tag) for tag in f.tags),
            "kano_factor": f.kano_factor.name if f.kano_factor else "",
            "flagged": f.flagged,
            "reaction": f.reaction_note,
            "reacted_at": f.reacted_at.date() if f.reacted_at else None,
        }
        for f in Feedback.objects.filter(workshop=workshop)
        .select_related("stage__phase__journey", "touchpoint", "kano_factor")
        .order_by("date", "created_at")
    ]
    summary_rows = [
        {
            "journey": item.stage.phase.journey.name,
            "stage": item.stage.name,
            "count": item.count,
            "mean5": item.mean5,
            "spread5": item.spread5,
            "nps": item.nps,
            "flagged": item.flagged_open,
        }
        for item in feedback_summary(workshop)
    ]
    stage_columns = [
        Column("journey", _("Journey"), width=24),
        Column("stage", _("Stage"), width=28),
    ]
    return [
        Table(
            "measure_values",
            _("Measures"),
            stage_columns
            + [
                Column("measure", _("Measure"), width=28),
                Column("unit", _("Unit"), width=8),
                Column("direction", _("Direction"), width=16),
                Column("target", _("Target"), "number", 10),
                Column("tolerance", _("Tolerance"), "number", 10),
                Column("source", _("Source"), width=24),
                Column("status", _("Status now"), width=16),
                Column("period", _("Period"), width=10),
                Column("period_start", _("Period start"), "date", 12),
                Column("value", _("Value"), "number", 10),
                Column("sample_size", _("Ratings"), "int", 8),
                Column("spread", _("Spread (SD)"), "number", 10),
            ],
            value_rows,
        ),
        Table(
            "customer_feedback",
            _("Customer feedback"),
            [Column("date", _("Date"), "date", 12)]
            + stage_columns
            + [
                Column("touchpoint", _("Touchpoint")),
                Column("channel", _("Channel")),
                Column("customer", _("Customer or segment")),
                Column("rating", _("Rating"), "int", 8),
                Column("scale", _("Scale"), width=8),
                Column("text", _("Feedback"), width=50),
                Column("tags", _("Tags")),
                Column("kano_factor", _("Kano factor")),
                Column("flagged", _("Flagged"), "bool", 8),
                Column("reaction", _("What was done"), width=40),
                Column("reacted_at", _("Reacted"), "date", 12),
            ],
            feedback_rows,
        ),
        Table(
            "feedback_summary",
            _("Feedback per stage"),
            stage_columns
            + [
                Column("count", _("Feedback"), "int", 10),
                Column("mean5", _("Mean (1-5)"), "number", 10),
                Column("spread5", _("Spread (1-5)"), "number", 10),
                Column("nps", _("NPS"), "int", 8),
                Column("flagged", _("Open flags"), "int", 10),
            ],
            summary_rows,
        ),
    ]
