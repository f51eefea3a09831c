"""The Kano tile of the workshop dashboard."""

from .models import Respondent


def kano_tile_context(request, workshop):
    surveys = list(workshop.kano_surveys.all())
    return {
        "factors": workshop.kano_factors.count(),
        "rounds": len(surveys),
        "open_rounds": [s for s in surveys if s.is_open],
        "responses": Respondent.objects.filter(survey__workshop=workshop).count(),
        "latest": surveys[0] if surveys else None,
    }
