"""Follow-up benchmark: importing 200,000 feedback records and 5 years of monthly values for
60 measures, then the follow-up dashboard, the workshop dashboard and the 60-stage journey map.

Not a test. Run from anywhere (no network; a fresh SQLite database in a temporary folder):

    .venv/bin/python bench/followup_bench.py [--feedback 200000] [--years 5] [--requests 60]

1. Setup: an organisation, a facilitator, and two workshops whose journey is grown to 60
   stages with the app's own services: "full" gets 60 manual monthly measures and 6 measures
   computed from the feedback; "empty" gets no follow-up data at all.
2. Import of measure values: a CSV of 60 measures x 60 months (3,600 rows) through the same
   functions the upload view calls (read_table, parse_values, import_values).
3. Import of feedback: a 200,000-row CSV survey export through read_table, parse_feedback and
   import_feedback (flags, bulk inserts, and the computed measures recomputed).
   Target (issue 9): both imports under 15 s.
4. Requests in-process with Django's test client (signed in, after one warm-up request each):
   the follow-up dashboard, the workshop dashboard and the journey map, p50/p95 over
   --requests requests; and the query count of each page for the full and the empty workshop.
   Target: p95 under 150 ms, the same query count as the empty workshop.

The machine may be shared with other work: figures vary from run to run.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_IMPORT_S = 15.0
TARGET_P95_MS = 150.0
STAGES = 60
WORDS = (
    "asiakas palvelu odottaa nopeasti selkeä tarjous soitto huolto lasku toimitus "
    "customer clear offer quickly delivery invoice visit trust phone queue friendly"
).split()
TAGS = ["soitto", "odotus", "lasku", "toimitus", "ystävällinen", "hinta", "web", "jono"]


def percentile(values, p):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feedback", type=int, default=200_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="followup-bench-"))
    os.environ["ARVOPOLKU_DEV"] = "1"
    os.environ["ARVOPOLKU_DATA_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    try:
        run(args, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def run(args, folder):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from followup import importing, services
    from followup.measures import period_label, period_range
    from followup.models import Feedback, Measure
    from followup.tablefile import read_table
    from followup.views import _measure_infos, _stage_lookup
    from journey import services as journey_services
    from journey.models import Stage
    from workshops.models import Membership, Organisation, Role
    from workshops.views import create_workshop

    rng = random.Random(20250601)
    t0 = time.perf_counter()
    organisation = Organisation.objects.create(name="Bench Oy", slug="bench")
    user = get_user_model().objects.create_user("bench", "bench@example.invalid", "x")
    Membership.objects.create(organisation=organisation, user=user, role=Role.FACILITATOR)

    def workshop_with_60_stages(name):
        workshop = create_workshop(
            organisation=organisation, name=name, client="", language="fi", by=user
        )
        journey = workshop.journeys.get()
        phases = list(journey.phases.order_by("position"))
        count = Stage.objects.filter(phase__journey=journey).count()
        n = 0
        while count < STAGES:
            journey_services.add_stage(phase=phases[n % 3], name=f"Lisävaihe {n + 1}")
            n += 1
            count += 1
        stages = list(Stage.objects.filter(phase__journey=journey))
        for i, stage in enumerate(stages):
            stage.gate_stage = i % 9 == 0
            stage.criticality = "critical" if i % 4 == 0 else "less_critical"
            stage.experience_today = rng.randint(-3, 3)
        Stage.objects.bulk_update(stages, ["gate_stage", "criticality", "experience_today"])
        return workshop, journey, stages

    full, full_journey, stages = workshop_with_60_stages("Täysi")
    empty, empty_journey, _ = workshop_with_60_stages("Tyhjä")
    measures = [
        Measure(stage=stage, name=f"Mittari {i + 1}", target=50, tolerance=5, position=0)
        for i, stage in enumerate(stages)
    ]
    sources = ["feedback_mean", "feedback_share", "feedback_nps", "feedback_complaints"]
    measures += [
        Measure(
            stage=stages[i * 7],
            name=f"Laskettu {i + 1}",
            target=4,
            source=sources[i % 4],
            source_scale=5,
            source_level=4,
            direction="lower" if sources[i % 4] == "feedback_complaints" else "higher",
            position=1,
        )
        for i in range(6)
    ]
    Measure.objects.bulk_create(measures)
    print(f"setup: 2 workshops x {STAGES} stages, {len(measures)} measures "
          f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip

    # --- measure values ----------------------------------------------------------------
    today = services.today()
    months = period_range(today, "month", 12 * args.years)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["vaihe", "mittari", "jakso", "arvo"])
    for i, stage in enumerate(stages):
        for m, month in enumerate(months):
            value = 40 + 15 * rng.random() + m * 0.1
            writer.writerow([stage.name, f"Mittari {i + 1}", period_label(month, "month"),
                             f"{value:.1f}".replace(".", ",")])  # fmt: skip
    values_csv = buffer.getvalue().encode()
    t = time.perf_counter()
    table = read_table(values_csv, "arvot.csv")
    parsed = importing.parse_values(table, _measure_infos(full))
    assert not parsed.errors, parsed.errors[:3]
    count = services.import_values(rows=parsed.rows, by=user)
    values_s = time.perf_counter() - t
    print(f"import of values: {count} rows in {values_s:.2f} s")

    # --- feedback ------------------------------------------------------------------------
    first_day = months[0]
    span = (today - first_day).days
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Vastattu", "Vaihe", "Arvosana", "Vapaa palaute", "Kanava", "Tunnisteet"])
    for _ in range(args.feedback):
        stage = stages[rng.randrange(STAGES)]
        day = first_day + datetime.timedelta(days=rng.randrange(span + 1))
        rating = rng.choices([1, 2, 3, 4, 5], weights=[3, 5, 15, 40, 37])[0]
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 14)))
        tags = ", ".join(rng.sample(TAGS, rng.randint(0, 2)))
        writer.writerow([f"{day.day}.{day.month}.{day.year}", stage.name, rating, text,
                         rng.choice(["puhelin", "web", "myymälä"]), tags])  # fmt: skip
    feedback_csv = buffer.getvalue().encode()
    print(f"feedback file: {args.feedback} rows, {len(feedback_csv) / 1e6:.1f} MB")
    t = time.perf_counter()
    table = read_table(feedback_csv, "palaute.csv")
    read_s = time.perf_counter() - t
    mapping = importing.FeedbackMapping(columns=importing.guess_mapping(table.header), scale=5)
    stage_list = list(services.workshop_stages(full))
    parsed = importing.parse_feedback(
        table,
        mapping,
        stages=_stage_lookup(stage_list),
        factors={},
        today=today,
    )
    assert not parsed.errors, parsed.errors[:3]
    parse_s = time.perf_counter() - t - read_s
    count = services.import_feedback(workshop=full, rows=parsed.rows, by=user)
    feedback_s = time.perf_counter() - t
    flagged = Feedback.objects.filter(workshop=full, flagged=True).count()
    print(f"import of feedback: {count} rows in {feedback_s:.2f} s "
          f"(read {read_s:.2f} s, validate {parse_s:.2f} s, write + flags + computed measures "
          f"{feedback_s - read_s - parse_s:.2f} s); {flagged} flagged")  # fmt: skip
    total_import = values_s + feedback_s
    verdict = "OK" if total_import < TARGET_IMPORT_S else "OVER"
    print(f"imports together: {total_import:.2f} s (target < {TARGET_IMPORT_S:.0f} s) {verdict}")

    # --- pages ---------------------------------------------------------------------------
    client = Client()
    client.force_login(user)
    pages = [
        ("follow-up dashboard", "followup:dashboard", full.pk, empty.pk),
        ("workshop dashboard", "workshops:dashboard", full.pk, empty.pk),
        ("journey map (60 stages)", "journey:map", full_journey.pk, empty_journey.pk),
    ]
    failures = 0
    for label, name, full_id, empty_id in pages:
        counts = {}
        for key, object_id in (("full", full_id), ("empty", empty_id)):
            url = reverse(name, args=[object_id])
            response = client.get(url)  # warm-up: draws and caches the charts
            assert response.status_code == 200, (url, response.status_code)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[key] = len(captured)
        url = reverse(name, args=[full_id])
        times = []
        for _ in range(args.requests):
            t = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t)
            assert response.status_code == 200
        p50, p95 = percentile(times, 50), percentile(times, 95)
        same = counts["full"] == counts["empty"]
        ok = p95 < TARGET_P95_MS and same
        failures += not ok
        print(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target < {TARGET_P95_MS:.0f}); "
              f"queries {counts['full']} full / {counts['empty']} empty "
              f"{'same' if same else 'DIFFERENT'} {'OK' if ok else 'OVER'}")  # fmt: skip
    print(f"database: SQLite in {folder}; DEBUG on (development settings), in-process client")
    if failures or total_import >= TARGET_IMPORT_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
