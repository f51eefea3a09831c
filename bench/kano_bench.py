"""Kano benchmark: 10,000 respondents x 40 factors (400,000 answer pairs).

Not a test. Run from the project root:

    .venv/bin/python bench/kano_bench.py [--respondents 10000] [--factors 40] [--xlsx]

Targets (the Kano issue): analysis under 1 s, whole file import under 10 s. Times are
measured without tracemalloc; the peaks of Python allocations come from a second, untimed run
under tracemalloc, and the process peak resident size from getrusage.

The web import (`kano.services.import_responses`: parse, check against the workshop, write
respondents and answers in one transaction) and the results read back from the database are
timed too, on a throw-away SQLite database in a temporary folder (--no-db skips them).
"""

import argparse
import csv
import io
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

# Run as a script from anywhere: the project root is the parent of bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 20240611
SEGMENTS = ("Business", "Consumer", "Public sector")
# Answer words mixed with numbers, as a real upload has them.
WORDS = {
    1: "I like it",
    2: "I expect it",
    3: "I am neutral",
    4: "I can live with it",
    5: "I dislike it",
}


def generate(respondents: int, factors: int) -> dict[str, np.ndarray]:
    """Answers with a different leaning per factor, so factors fall in different categories."""
    rng = np.random.default_rng(SEED)
    functional_p = rng.dirichlet(np.ones(5) * 0.7, size=factors)
    dysfunctional_p = rng.dirichlet(np.ones(5) * 0.7, size=factors)
    factor_codes = np.tile(np.arange(factors), respondents)
    uniform = rng.random((2, respondents * factors))
    functional = (uniform[0][:, None] > functional_p.cumsum(axis=1)[factor_codes]).sum(1) + 1
    dysfunctional = (uniform[1][:, None] > dysfunctional_p.cumsum(axis=1)[factor_codes]).sum(1) + 1
    importance = rng.integers(0, 10, respondents * factors)  # 0: not given
    segment = np.repeat(rng.integers(0, len(SEGMENTS), respondents), factors)
    return {
        "respondent": np.repeat(np.arange(respondents), factors),
        "factor": factor_codes,
        "functional": np.minimum(functional, 5),
        "dysfunctional": np.minimum(dysfunctional, 5),
        "importance": importance,
        "segment": segment,
    }


def to_rows(data: dict[str, np.ndarray]):
    yield ["respondent", "factor", "functional", "dysfunctional", "importance", "segment"]
    columns = [data[k].tolist() for k in data]
    for i, (r, f, fa, da, imp, seg) in enumerate(zip(*columns, strict=True)):
        words = i % 10 == 0  # every tenth row answers in words
        yield [
            f"R{r:05d}",
            f"Factor {f + 1:02d}",
            WORDS[fa] if words else str(fa),
            WORDS[da] if words else str(da),
            str(imp) if imp else "",
            SEGMENTS[seg],
        ]


def to_csv(data: dict[str, np.ndarray]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(to_rows(data))
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(data: dict[str, np.ndarray]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in to_rows(data):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:8.3f} s")
    return result, seconds


def peak_allocations(label: str, function, *args) -> None:
    # A second, untimed run: tracemalloc slows allocation down several times.
    tracemalloc.start()
    function(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<44} {peak / 2**20:8.1f} MB")


def main() -> int:
    from kano.analysis import analyze, analyze_arrays
    from kano.parsing import parse_responses

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=10_000)
    parser.add_argument("--factors", type=int, default=40)
    parser.add_argument("--xlsx", action="store_true", help="also time an XLSX import (slow)")
    parser.add_argument("--no-db", action="store_true", help="skip the web/database import")
    args = parser.parse_args()

    data = generate(args.respondents, args.factors)
    size = args.respondents * args.factors
    print(f"{args.respondents} respondents x {args.factors} factors = {size} answer pairs")
    content = to_csv(data)
    print(f"CSV file: {len(content) / 2**20:.1f} MB\n")

    parsed, parse_seconds = timed("parse_responses (CSV)", parse_responses, content, "bench.csv")
    assert not parsed.errors, parsed.errors[:3]
    assert len(parsed.pairs) == size
    results, analyze_seconds = timed("analyze (list of AnswerPair)", analyze, parsed.pairs)
    assert len(results) == args.factors
    timed(
        "analyze_arrays (numpy arrays)",
        analyze_arrays,
        data["factor"],
        data["functional"],
        data["dysfunctional"],
        data["importance"],
        [f"Factor {f + 1:02d}" for f in range(args.factors)],
    )
    import_seconds = parse_seconds + analyze_seconds
    print(f"{'file import (parse + analyze)':<44} {import_seconds:8.3f} s")

    if args.xlsx:
        workbook = to_xlsx(data)
        print(f"\nXLSX file: {len(workbook) / 2**20:.1f} MB")
        parsed_xlsx, _ = timed("parse_responses (XLSX)", parse_responses, workbook, "bench.xlsx")
        assert not parsed_xlsx.errors, parsed_xlsx.errors[:3]
        del parsed_xlsx, workbook

    print()
    del parsed
    peak_allocations("peak Python allocations, parse_responses", parse_responses, content, "b.csv")
    pairs = parse_responses(content, "bench.csv").pairs
    peak_allocations("peak Python allocations, analyze", analyze, pairs)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"{'peak resident size of the process':<44} {peak_rss:8.1f} MB")

    ok_analysis = analyze_seconds < 1.0
    ok_import = import_seconds < 10.0
    ok_web = True
    if not args.no_db:
        print()
        web_seconds = database_import(content, args.respondents, args.factors)
        ok_web = web_seconds < 10.0
    print(f"\nanalysis < 1 s: {'yes' if ok_analysis else 'NO'}; ", end="")
    print(f"import < 10 s: {'yes' if ok_import else 'NO'}", end="")
    print("" if args.no_db else f"; web import < 10 s: {'yes' if ok_web else 'NO'}")
    return 0 if ok_analysis and ok_import and ok_web else 1


def database_import(content: bytes, respondents: int, factors: int) -> float:
    """Times the upload's own function into a survey round of a fresh SQLite database."""
    import os
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="kano-bench-")
    os.environ["ARVOPOLKU_DATA_DIR"] = folder
    os.environ.pop("DATABASE_URL", None)  # never write the bench data into a real database
    os.environ.setdefault("ARVOPOLKU_DEV", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from kano.models import Answer, Survey
        from kano.services import import_responses, survey_results
        from workshops.models import Organisation, Workshop

        organisation = Organisation.objects.create(name="Bench Oy", slug="bench")
        workshop = Workshop.objects.create(organisation=organisation, name="Bench", language="en")
        survey = Survey.objects.create(workshop=workshop, name="Bench round")
        result, seconds = timed(
            "web import (parse, check, write to SQLite)",
            import_responses,
            survey=survey,
            data=content,
            filename="bench.csv",
            create_factors=True,
        )
        assert not result.errors, result.errors[:3]
        assert Answer.objects.count() == respondents * factors
        print(f"{'  answers written per second':<44} {result.answers / seconds:8.0f}")
        results, _ = timed("results from the database (GROUP BY, analysis)", survey_results, survey)
        assert len(results) == factors
        return seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
