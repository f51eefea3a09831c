"""The results of a survey round as the page and the report chapter show them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count
from django.utils.translation import gettext as _

from workshops.charts import DrawLater
from workshops.matching import kano_values, matching_keys

from . import charts, services
from .analysis import CATEGORIES, FactorResult, analyze_arrays, compare_rounds, priorities
from .models import Answer, Category, ConsensusClassification, Survey


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


def charts_for(rows: list[Row], *, later: DrawLater | None = None) -> dict[str, str]:
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


@dataclass
class SegmentFilter:
    """The respondents of a segment: those whose `attribute` is the segment's name or one of
    its listed Kano attribute values (case-insensitive)."""

    segment: object  # segments.models.Segment
    attribute: str

    def respondent_ids(self, survey: Survey) -> list:
        values = kano_values(self.segment.name, self.segment.kano_attribute_values)
        return matching_keys(
            survey.respondents.values_list("pk", "attributes"), self.attribute, values
        )

    def results(self, survey: Survey, factor_ids: list) -> list[FactorResult]:
        """The figures of the segment's respondents, as `services.survey_results` makes them."""
        cells = list(
            Answer.objects.filter(
                respondent__survey=survey, respondent_id__in=self.respondent_ids(survey)
            )
            .values_list("factor_id", "functional", "dysfunctional", "importance")
            .annotate(n=Count("pk"))
            .order_by()
        )
        index = {pk: code for code, pk in enumerate(factor_ids)}
        cells = [cell for cell in cells if cell[0] in index]
        counts = np.array([cell[4] for cell in cells], dtype=np.int64)

        def column(values):
            return np.repeat(np.array(values, dtype=np.int64), counts)

        return analyze_arrays(
            column([index[cell[0]] for cell in cells]),
            column([cell[1] for cell in cells]),
            column([cell[2] for cell in cells]),
            column([cell[3] or 0 for cell in cells]),
            [str(pk) for pk in factor_ids],
        )

    def respondent_count(self, survey: Survey) -> int:
        return (
            Answer.objects.filter(
                respondent__survey=survey, respondent_id__in=self.respondent_ids(survey)
            )
            .values("respondent_id")
            .distinct()
            .count()
        )


def round_results(
    workshop,
    survey: Survey | None,
    *,
    attribute=None,
    value=None,
    segment_filter: SegmentFilter | None = None,
    with_charts=True,
    later: DrawLater | None = None,
) -> dict:
    """Figures, charts, priorities and drift of one round (None: the newest with answers).

    `segment_filter`, when given, replaces the attribute filter."""
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

    def results_of(round_):
        if segment_filter is not None:
            return segment_filter.results(round_, ids)
        return services.survey_results(round_, attribute=attribute, value=value, factor_ids=ids)

    results = results_of(survey)
    rows = [Row(by_id[r.factor], r) for r in results]
    names = category_names()
    advice = advice_texts()
    context["rows"] = rows
    if segment_filter is not None:
        context["respondents"] = segment_filter.respondent_count(survey)
    else:
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
        before = results_of(previous)
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
        context["charts"] = charts_for(rows, later=later)
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
