"""Measured scores follow the profitability results: a model stored or deleted re-fills the
volume, margin and profit scores of the workshop's segments (services.fill_measured_scores)."""

from django.db import transaction

from workshops.models import Workshop

from .services import fill_measured_scores


def results_changed(sender, model, **kwargs):
    fill_measured_scores(model.workshop)


def model_deleted(sender, instance, **kwargs):
    workshop_id = instance.workshop_id

    def refill():
        # Deleted together with its workshop: nothing to fill.
        workshop = Workshop.objects.filter(pk=workshop_id).first()
        if workshop is not None:
            fill_measured_scores(workshop)

    transaction.on_commit(refill)
