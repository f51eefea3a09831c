"""A deleted model (also through its workshop) takes its Parquet folder with it; and
``results_stored``, sent inside the transaction that stored a model's new results, so other
modules (the segments' measured scores) follow without profitability importing them."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

# Sent with ``model`` (a ProfitabilityModel) after its results and customer rows are written.
results_stored = Signal()


def remove_parquet_dir(sender, instance, **kwargs):
    if not instance.parquet_dir:
        return
    root = Path(settings.MEDIA_ROOT).resolve()
    folder = (root / instance.parquet_dir).resolve()
    if root not in folder.parents:
        return
    # After the commit: a rolled-back delete must still find its files.
    transaction.on_commit(lambda: shutil.rmtree(folder, ignore_errors=True))
