"""The Kano chapter of the PDF report."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from workshops.exports.tables import Column, Table

from . import services
from .models import ConsensusClassification
from .results import latest_consensus, round_results


def report_context(workshop, options) -> dict:
    """The newest round with answers (or the round named by options["kano_survey"])."""
    survey = None
    wanted = (options or {}).get("kano_survey")
    if wanted:
        try:
            survey = workshop.kano_surveys.filter(pk=wanted).first()
        except (ValueError, ValidationError):
            survey = None
    context = round_results(workshop, survey, later=(options or {}).get("later"))
    context["workshop"] = workshop
    context["consensus"] = latest_consensus(workshop)
    return context


def kano_tables(workshop) -> list:
    """The factors, every round's figures and the consensus, for the XLSX and CSV exports."""
    factors = list(workshop.kano_factors.prefetch_related("stages"))
    names = {str(f.pk): f.name for f in factors}
    factor_table = Table(
        key="kano_factors",
        title=_("Kano factors"),
        columns=[
            Column("name", _("Factor"), width=30),
            Column("description", _("Description"), width=40),
            Column("functional", _("Functional question"), width=50),
            Column("dysfunctional", _("Dysfunctional question"), width=50),
            Column("stages", _("Linked stages"), width=40),
        ],
        rows=[
            {
                "name": f.name,
                "description": f.description,
                "functional": f.functional_question,
                "dysfunctional": f.dysfunctional_question,
                "stages": ", ".join(stage.name for stage in f.stages.all()),
            }
            for f in factors
        ],
    )
    figure_columns = [
        Column("round", _("Survey round"), width=24),
        Column("date", _("Date"), kind="date", width=12),
        Column("factor", _("Factor"), width=30),
        Column("n", "n", kind="int", width=8),
        *(Column(c, c, kind="int", width=6) for c in "AOMIRQ"),
        Column("category", _("Category"), width=10),
        Column("category_moai", "M>O>A>I", width=10),
        Column("category_aom", "(A+O+M)", width=10),
        Column("category_strength", _("Category strength"), kind="number", width=12),
        Column("total_strength", _("Total strength"), kind="number", width=12),
        Column("better", "Better", kind="number", width=10),
        Column("worse", "Worse", kind="number", width=10),
        Column("fong_significant", _("Fong significant"), kind="bool", width=10),
        Column("functional_mean", _("Functional mean"), kind="number", width=12),
        Column("functional_sd", _("Functional SD"), kind="number", width=12),
        Column("dysfunctional_mean", _("Dysfunctional mean"), kind="number", width=12),
        Column("dysfunctional_sd", _("Dysfunctional SD"), kind="number", width=12),
        Column("importance_mean", _("Importance"), kind="number", width=10),
    ]
    figure_rows = []
    ids = [f.pk for f in factors]
    for survey in reversed(services.rounds_with_answers(workshop)):
        for r in services.survey_results(survey, factor_ids=ids):
            figure_rows.append(
                {
                    "round": survey.name,
                    "date": survey.date,
                    "factor": names[r.factor],
                    "n": r.n,
                    **r.counts,
                    "category": r.category,
                    "category_moai": r.category_moai,
                    "category_aom": r.category_aom,
                    "category_strength": r.category_strength,
                    "total_strength": r.total_strength,
                    "better": r.better,
                    "worse": r.worse,
                    "fong_significant": r.fong.significant,
                    "functional_mean": r.continuous.functional_mean,
                    "functional_sd": r.continuous.functional_sd,
                    "dysfunctional_mean": r.continuous.dysfunctional_mean,
                    "dysfunctional_sd": r.continuous.dysfunctional_sd,
                    "importance_mean": r.importance_mean,
                }
            )
    figures_table = Table(
        key="kano_results", title=_("Kano results"), columns=figure_columns, rows=figure_rows
    )
    consensus_table = Table(
        key="kano_consensus",
        title=_("Kano consensus"),
        columns=[
            Column("date", _("Date"), kind="date", width=12),
            Column("factor", _("Factor"), width=30),
            Column("category", _("Category"), width=16),
            Column("note", _("Note"), width=50),
            Column("by", _("By"), width=20),
        ],
        rows=[
            {
                "date": item.date,
                "factor": item.factor.name,
                "category": item.get_category_display(),
                "note": item.note,
                "by": item.by_name,
            }
            for item in ConsensusClassification.objects.filter(
                factor__workshop=workshop
            ).select_related("factor")
        ],
    )
    return [factor_table, figures_table, consensus_table]
