"""The segments tile of the workshop dashboard and the segments chapter of the PDF report."""

from django.utils.translation import gettext as _

from workshops.language import method_language

from . import method, services
from .models import ExperienceMoment, SegmentMatrix
from .naming import ranking_name_hint


def segments_tile_context(request, workshop):
    segments = list(workshop.segments.all())
    ranked = services.ranking(workshop, segments=segments) if segments else []
    top = ranked[0] if ranked and ranked[0].rank == 1 else None
    tied = [row for row in ranked if top and row.rank == 1]
    return {"count": len(segments), "top": tied}


def report_context(workshop, options=None) -> dict:
    """Segment profiles, the matrix, the value ranking and each segment's value experience."""
    from . import charts  # matplotlib loads only when a report is made

    later = (options or {}).get("later")  # the report's charts not drawn yet wait there
    language = method_language(workshop)
    segments = list(workshop.segments.prefetch_related("experience"))
    ranked = services.ranking(workshop, segments=segments)
    matrix = SegmentMatrix.objects.filter(workshop=workshop).first()
    rows = services.matrix_table(matrix)[0] if matrix else []
    moments = dict(ExperienceMoment.choices)
    experience = []
    for segment in segments:
        summary = services.experience_summary(segment.experience.all())
        if not any(m.rated for m in summary):
            continue
        experience.append(
            {
                "segment": segment,
                "summary": summary,
                "svg": charts.experience_svg(
                    [(str(moments[m.moment]), m.gains, m.sacrifices, m.net) for m in summary],
                    gains_label=_("Gains"),
                    sacrifices_label=_("Sacrifices"),
                    net_label=_("Net value experience"),
                    title=segment.name,
                    later=later,
                ),
            }
        )
    return {
        "workshop": workshop,
        "segments": [{"segment": s, "hint": ranking_name_hint(s.name, language)} for s in segments],
        "matrix": matrix if matrix and matrix.row_values and matrix.column_values else None,
        "matrix_rows": rows,
        "ranked": ranked,
        "ranking_svg": charts.ranking_svg(
            [(row.name, row.total) for row in ranked],
            axis_label=_("Weighted total (1–5)"),
            later=later,
        )
        if any(row.total is not None for row in ranked)
        else "",
        "experience": experience,
        "section_titles": method.section_titles(language),
    }
