"""The Kano lane of the journey map and the badges on the stage worksheet."""

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workshops.registry import Badge

from .analysis import mode_category
from .figures import category_counts
from .models import Answer, Category, ConsensusClassification, Factor

CSS = {"M": "critical", "A": "good"}


def kano_badges(stages: list) -> dict:
    """{stage id: [Badge per linked factor]} with each factor's latest category: the mode of
    its newest survey round with answers, else its newest consensus classification.

    Three queries however many stages: the links with their factors, the answer cells of the
    linked factors per round (a GROUP BY) and the consensus classifications.
    """
    stage_ids = [stage.pk for stage in stages]
    if not stage_ids:
        return {}
    links = list(
        Factor.stages.through.objects.filter(stage_id__in=stage_ids)
        .select_related("factor")
        .order_by("factor__position", "factor__created_at")
    )
    if not links:
        return {}
    factor_ids = {link.factor_id for link in links}
    cells = (
        Answer.objects.filter(factor_id__in=factor_ids)
        .values_list(
            "factor_id",
            "respondent__survey_id",
            "respondent__survey__date",
            "respondent__survey__created_at",
            "respondent__survey__name",
            "functional",
            "dysfunctional",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    newest: dict = {}  # factor id -> (round order key, round name, date, cells)
    for factor_id, survey_id, date, created, name, functional, dysfunctional, n in cells:
        order = (date, created, str(survey_id))
        current = newest.get(factor_id)
        if current is None or order > current[0]:
            newest[factor_id] = current = (order, name, date, [])
        if current[0] == order:
            current[3].append((functional, dysfunctional, n))
    consensus = {}
    for item in ConsensusClassification.objects.filter(factor_id__in=factor_ids).order_by(
        "-date", "-created_at"
    ):
        consensus.setdefault(item.factor_id, item)

    names = dict(Category.choices)
    badges: dict = {}
    for link in links:
        factor = link.factor
        found = newest.get(factor.pk)
        if found is not None:
            counts = category_counts(found[3])
            category = mode_category(counts)
            title = _("Survey %(name)s, %(date)s, n = %(n)d") % {
                "name": found[1],
                "date": found[2].isoformat(),
                "n": sum(counts.values()),
            }
        elif factor.pk in consensus:
            item = consensus[factor.pk]
            category = item.category
            title = _("Team consensus, %(date)s") % {
                "date": date_format(item.date, "SHORT_DATE_FORMAT")
            }
        else:
            badges.setdefault(link.stage_id, []).append(
                Badge(label=f"{factor.name}: –", title=_("Not classified yet"))
            )
            continue
        badges.setdefault(link.stage_id, []).append(
            Badge(
                label=f"{factor.name}: {names[category]}",
                css=CSS.get(category, ""),
                title=title,
            )
        )
    return badges
