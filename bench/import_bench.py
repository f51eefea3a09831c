"""Workshop JSON import beside concurrent autosaves, before and after the short transactions.

    .venv/bin/python bench/import_bench.py            # 50 MB file, SQLite file database
    BENCH_MB=20 .venv/bin/python bench/import_bench.py

Prints, for the old path (the whole import in one transaction, as before) and the new one:
import seconds, the longest wait for the write lock seen by a concurrent writer (about the
longest lock hold), and p50/p95 of the autosaves' latency during the import, with how many
failed with "database is locked" (a 500 before, a 503 now). The autosaves run the worksheet
form's save in threads, like the save view without the HTTP layer. Not part of the suite.
"""

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ARVOPOLKU_DEV"] = "1"
os.environ["ARVOPOLKU_DATA_DIR"] = tempfile.mkdtemp(prefix="arvo-import-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import OperationalError, connections, transaction  # noqa: E402

from journey import exchange as journey_exchange  # noqa: E402
from journey.models import Stage  # noqa: E402
from journey.worksheet import StageFieldForm, value_version  # noqa: E402
from tests.workshops.test_import_concurrency import big_exchange_file  # noqa: E402
from workshops import exchange  # noqa: E402
from workshops.models import Membership, Organisation, Role  # noqa: E402
from workshops.views import create_workshop  # noqa: E402

SAVERS = int(os.environ.get("BENCH_SAVERS", "10"))


def run(raw, organisation, user, stages, *, old_path):
    done = threading.Event()
    latencies, locked, result = [], [], {}

    def importer():
        start = time.perf_counter()
        if old_path:
            batch = journey_exchange.WRITE_BATCH
            journey_exchange.WRITE_BATCH = 10**9
            try:
                with transaction.atomic():
                    exchange.import_workshop(raw, organisation=organisation, by=user)
            finally:
                journey_exchange.WRITE_BATCH = batch
        else:
            exchange.import_workshop(raw, organisation=organisation, by=user)
        result["seconds"] = time.perf_counter() - start
        done.set()
        connections["default"].close()

    def saver(i):
        stage = Stage.objects.get(pk=stages[i % len(stages)].pk)
        n = 0
        while not done.is_set():
            value = f"Tallennus {i}.{n}"
            data = {"need": value, "base_version": value_version(stage.need)}
            start = time.perf_counter()
            try:
                form = StageFieldForm(stage, "need", data)
                form.is_valid()
                form.save_if_version_matches(by=user, force=True)
                stage.need = value
            except OperationalError:
                locked.append(1)
            latencies.append(time.perf_counter() - start)
            n += 1
            time.sleep(0.3)
        connections["default"].close()

    threads = [threading.Thread(target=importer)]
    threads += [threading.Thread(target=saver, args=(i,)) for i in range(SAVERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
    label = "before (one transaction)" if old_path else "after (short transactions)"
    print(
        f"{label:28} import {result['seconds']:5.1f} s | longest lock wait "
        f"{latencies[-1]:5.2f} s | autosaves {len(latencies):4} p50 "
        f"{statistics.median(latencies) * 1000:6.0f} ms p95 {p95 * 1000:6.0f} ms | "
        f"'database is locked' {len(locked)}",
        flush=True,
    )


def main():
    megabytes = float(os.environ.get("BENCH_MB", "50"))
    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(name="Bench", slug="bench")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bench", "bench@example.com", "pw-bench-1")
    Membership.objects.create(organisation=organisation, user=user, role=Role.FACILITATOR)
    workshop = create_workshop(
        organisation=organisation, name="Saves", client="", language="fi", by=user
    )
    stages = list(Stage.objects.filter(phase__journey__workshop=workshop))
    raw = big_exchange_file(int(megabytes * 1024 * 1024))
    print(f"file {len(raw) / 1e6:.1f} MB, {SAVERS} concurrent autosavers, SQLite file database")
    run(raw, organisation, user, stages, old_path=True)
    run(raw, organisation, user, stages, old_path=False)


if __name__ == "__main__":
    main()
