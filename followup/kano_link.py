"""Which Kano factors are must-be now: the link between feedback and the Kano app.

A factor's current category is the mode of its newest survey round with answers, else the
team's newest consensus classification: the same rule as the Kano lane of the journey map.
"""

from django.db.models import Count

from kano.analysis import mode_category
from kano.figures import category_counts
from kano.models import Answer, ConsensusClassification, Factor

MUST_BE = "M"


def current_categories(factor_ids) -> dict:
    """{factor id: category letter} for the factors that have been classified; two queries."""
    factor_ids = {f for f in factor_ids if f is not None}
    if not factor_ids:
        return {}
    cells = (
        Answer.objects.filter(factor_id__in=factor_ids)
        .values_list(
            "factor_id",
            "respondent__survey_id",
            "respondent__survey__date",
            "respondent__survey__created_at",
            "functional",
            "dysfunctional",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    newest: dict = {}
    for factor_id, survey_id, date, created, functional, dysfunctional, n in cells:
        order = (date, created, str(survey_id))
        current = newest.get(factor_id)
        if current is None or order > current[0]:
            newest[factor_id] = current = (order, [])
        if current[0] == order:
            current[1].append((functional, dysfunctional, n))
    categories = {
        factor_id: mode_category(category_counts(found[1])) for factor_id, found in newest.items()
    }
    for item in ConsensusClassification.objects.filter(
        factor_id__in=factor_ids - set(categories)
    ).order_by("-date", "-created_at"):
        categories.setdefault(item.factor_id, item.category)
    return {factor_id: str(category) for factor_id, category in categories.items()}


def must_be_factor_ids(factor_ids) -> set:
    return {f for f, category in current_categories(factor_ids).items() if category == MUST_BE}


def workshop_factors(workshop):
    return Factor.objects.filter(workshop=workshop).order_by("position", "created_at")
