"""The results of a survey round as the page and the report chapter show them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import charts, services
from .analysis import CATEGORIES, FactorResult, compare_rounds, priorities
from .models import Category, ConsensusClassification, Survey


def category_names() -> dict[str, str]:
    return {value: str(label) for value, label in Category.choices}


def advice_texts() -> dict[str, str]:
    return {
        "fix_first": _("Fix first: its absence angers customers."),
        "improve": _("Improve: the more, the better."),
        "delight": _("Delight: plan it as a positive surprise, not every time."),
        "cut_cost": _("Candidate for cost cutting: customers do not care."),
        "remove": _("Candidate for removal: customers prefer it absent."),
        "clarify_question": _("Clarify the question: the answers contradict each other."),
    }


@dataclass
class Row:
    factor: object  # the Factor
    result: FactorResult

    @property
    def shares(self):
        return [(c, self.result.counts[c], self.result.shares[c]) for c in CATEGORIES]


def quadrant_labels() -> dict[str, str]:
    names = category_names()
    return {key: names[key] for key in ("A", "O", "M", "I")}


def charts_for(rows: list[Row]) -> dict[str, str]:
    names = category_names()
    scatter = charts.better_worse_svg(
        [
            {
                "label": row.factor.name,
                "x": abs(row.result.worse),
                "y": row.result.better,
                "category": row.result.category,
            }
            for row in rows
        ],
        labels={
            **quadrant_labels(),
            "x": _("|Worse| (dissatisfaction when missing)"),
            "y": _("Better (satisfaction when present)"),
        },
    )
    bars = charts.category_bars_svg(
        [{"label": row.factor.name, "shares": dict(row.result.shares)} for row in rows],
        names=names,
        xlabel=_("Share of answers"),
    )
    continuous = charts.continuous_svg(
        [
            {
                "label": row.factor.name,
                "f_mean": row.result.continuous.functional_mean,
                "f_sd": row.result.continuous.functional_sd,
                "d_mean": row.result.continuous.dysfunctional_mean,
                "d_sd": row.result.continuous.dysfunctional_sd,
                "importance": row.result.importance_mean,
                "category": row.result.category,
            }
            for row in rows
        ],
        labels={
            **quadrant_labels(),
            "x": _("Dysfunctional mean (−2…4)"),
            "y": _("Functional mean (−2…4)"),
        },
    )
    return {"scatter": scatter, "bars": bars, "continuous": continuous}


def round_results(
    workshop, survey: Survey | None, *, attribute=None, value=None, with_charts=True
) -> dict:
    """Figures, charts, priorities and drift of one round (None: the newest with answers)."""
    factors = list(workshop.kano_factors.all())
    by_id = {str(f.pk): f for f in factors}
    rounds = services.rounds_with_answers(workshop)
    if survey is None and rounds:
        survey = rounds[0]
    context = {
        "survey": survey,
        "rounds": rounds,
        "rows": [],
        "priorities": [],
        "drift": [],
        "previous": None,
        "charts": None,
        "category_names": category_names(),
    }
    if survey is None:
        return context
    ids = [f.pk for f in factors]
    results = services.survey_results(survey, attribute=attribute, value=value, factor_ids=ids)
    rows = [Row(by_id[r.factor], r) for r in results]
    names = category_names()
    advice = advice_texts()
    context["rows"] = rows
    context["respondents"] = services.respondent_count(survey, attribute=attribute, value=value)
    context["priorities"] = [
        {
            "rank": p.rank,
            "factor": by_id[p.factor],
            "category": p.category,
            "category_name": names[p.category],
            "advice": advice[p.advice_key],
        }
        for p in priorities(results)
    ]
    previous = services.previous_round(survey, rounds)
    if previous is not None:
        before = services.survey_results(previous, attribute=attribute, value=value, factor_ids=ids)
        context["previous"] = previous
        context["drift"] = [
            {
                "factor": by_id[d.factor],
                "before": d.before,
                "after": d.after,
                "changed": d.changed,
                "text": _drift_text(d, names),
            }
            for d in compare_rounds(before, results)
        ]
    if with_charts and rows:
        context["charts"] = charts_for(rows)
    return context


def _drift_text(drift, names) -> str:
    if drift.direction == "new":
        return _("new in this round")
    if drift.direction == "dropped":
        return _("not asked in this round")
    if drift.direction == "unchanged":
        return _("unchanged")
    return f"{names[drift.before]} → {names[drift.after]}"


def latest_consensus(workshop) -> list[ConsensusClassification]:
    """The newest consensus classification of each factor, in the factor order."""
    latest = {}
    for item in ConsensusClassification.objects.filter(factor__workshop=workshop).select_related(
        "factor"
    ):
        latest.setdefault(item.factor_id, item)  # ordered newest first
    return sorted(latest.values(), key=lambda c: (c.factor.position, c.factor.created_at))
