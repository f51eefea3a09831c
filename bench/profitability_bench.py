"""Benchmark of the profitability module on a realistic model.

Generates (fixed seed) a model folder of 50,000 customers with a long-tail size distribution,
2,000,000 order lines, 12 activities of every kind, a resources file and customer drivers;
then times, as whole processes in the same run, ``manage.py profitability_analyze`` and a
straightforward pandas script (bench/pandas_allocation.py) on the same files; in a fresh
process the loading, the analysis of already loaded data, the Parquet round trip and the peak
memory; and in another fresh process, against a temporary SQLite database
(ARVOPOLKU_DATA_DIR in a scratch folder, migrated first, not timed), the web upload: the
service ``profitability.services.import_model`` (parse, validate, analyse, Parquet, results
in the database) and a whole POST of the files to the upload view through Django's test
client (multipart parsing included).

    .venv/bin/python bench/profitability_bench.py [--customers 50000] [--lines 2000000]
        [--repeat 3] [--keep DIR] [--command "python -c ... {folder}"] [--no-web]

The command defaults to ``python manage.py profitability_analyze {folder} --format json``;
``--command`` (or the environment variable PROFITABILITY_BENCH_COMMAND) replaces it;
``{folder}`` is the model folder. Peak memory is each child's ru_maxrss (from os.wait4) and,
in process, VmHWM.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240531
DEFAULT_COMMAND = (
    f"{shlex.quote(sys.executable)} {shlex.quote(str(ROOT / 'manage.py'))} "
    "profitability_analyze {folder} --format json"
)
TARGET_ANALYSIS_S = 1.0
TARGET_MEMORY_MB = 1024
TARGET_UPLOAD_S = 15.0


def generate(folder: Path, customers: int, lines: int, seed: int = SEED) -> dict:
    """Write customers, order_lines, activities, resources and customer_drivers CSVs."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"C{i:06d}" for i in range(1, customers + 1)])
    segments = rng.choice(
        ["wholesale", "retail", "workshop", "public"], customers, p=[0.15, 0.45, 0.3, 0.1]
    )
    # Long tail: a few customers buy a great deal, most buy a little (log-normal sizes).
    size = rng.lognormal(0.0, 1.5, customers)
    share = size / size.sum()
    counts = 1 + rng.multinomial(lines - customers, share)
    customer_index = np.repeat(np.arange(customers), counts)
    # Big customers order in bigger lots: lines per order grows with size.
    # A quarter of customers are costly to serve: tiny frequent orders, many visits, complaints.
    costly = rng.random(customers) < 0.25
    lines_per_order = np.where(costly, 1.0, np.clip(1 + np.log1p(size * 5) * 1.5, 1, 15))
    new_order = rng.random(lines) < 1 / lines_per_order[customer_index]
    starts = np.r_[0, np.cumsum(counts)[:-1]]
    new_order[starts] = True
    order_number = np.cumsum(new_order)
    products = 5_000
    product = rng.zipf(1.3, lines) % products
    unit_price = np.round(np.exp(rng.normal(2.0, 0.9, products)), 2)
    lot = 1 + size[customer_index] ** 0.5
    quantity = np.maximum(1, np.round(rng.lognormal(1.0, 0.8, lines) * lot)).astype(int)
    discount = np.clip(rng.normal(0.05, 0.05, customers) + 0.025 * np.log1p(size), 0, 0.35)
    revenue = np.round(quantity * unit_price[product] * (1 - discount[customer_index]), 2)
    margin = np.clip(rng.normal(0.40, 0.08, products), 0.05, 0.7)
    cogs = np.round(quantity * unit_price[product] * (1 - margin[product]), 2)
    weight = np.round(quantity * rng.uniform(0.1, 3.0, products)[product], 1)
    day = np.datetime64("2024-01-01") + rng.integers(0, 366, order_number[-1] + 1)[order_number]

    pl.DataFrame(
        {
            "customer_id": ids,
            "name": [f"Customer {i}" for i in range(1, customers + 1)],
            "segment": segments,
        }
    ).write_csv(folder / "customers.csv")
    order_lines = pl.DataFrame(
        {
            "customer_id": ids[customer_index],
            "order_id": np.char.add("O", order_number.astype(str)),
            "product_id": np.char.add("P", product.astype(str)),
            "date": day,
            "quantity": quantity,
            "revenue": revenue,
            "cogs": cogs,
            "weight": weight,
        }
    )
    order_lines.write_csv(folder / "order_lines.csv")

    big = size > np.quantile(size, 0.8)
    visits = np.where(big, rng.poisson(3 + 2 * np.log1p(size)), rng.poisson(0.05, customers))
    visits = np.where(costly, visits * 3, visits)
    complaints = rng.poisson((0.1 + 0.1 * np.log1p(counts)) * np.where(costly, 4, 1))
    credit_checks = rng.poisson(0.5, customers)
    drivers = pl.concat(
        [
            pl.DataFrame({"customer_id": ids, "driver": name, "quantity": values})
            for name, values in (
                ("visits", visits),
                ("complaints", complaints),
                ("credit_checks", credit_checks),
            )
        ]
    ).filter(pl.col("quantity") > 0)
    drivers.write_csv(folder / "customer_drivers.csv")

    orders = int(order_number[-1])
    gross_margin = round(float(revenue.sum() - cogs.sum()), 2)
    service_minutes = orders * (3 + 4) + lines * 0.5
    sales_minutes = int(visits.sum()) * 90
    resources = pl.DataFrame(
        {
            "resource": ["Customer service", "Sales force"],
            "cost": [f"{round(service_minutes * 1.15 * 0.85, 2):.2f}", None],
            "practical_capacity": [round(service_minutes * 1.15), round(sales_minutes * 1.25)],
            "rate_per_minute": [None, "1.35"],
        }
    )
    resources.write_csv(folder / "resources.csv")
    total_quantity = int(quantity.sum())
    activities = [
        # activity, cost_group, driver, cost, capacity, rate, resource, unit_time, unallocated
        ("Order handling", "order", "orders", orders * 22.0, None, None, None, None, None),
        ("Invoicing", "order", "orders", None, None, None, "Customer service", 3, None),
        ("Order entry", "order", "orders", None, None, None, "Customer service", 4, None),
        ("Order entry", "order", "order_lines", None, None, None, "Customer service", 0.5, None),
        ("Picking", "product", "order_lines", None, None, "1.20", None, None, None),
        (
            "Warehousing",
            "product",
            "quantity",
            total_quantity * 0.12,
            total_quantity * 1.2,
            None,
            None,
            None,
            None,
        ),
        ("Shipping", "order", "weight", float(weight.sum()) * 0.05, None, None, None, None, None),
        ("Sales visits", "customer", "visits", None, None, None, "Sales force", 90, None),
        ("Complaints", "customer", "complaints", None, None, "55.00", None, None, None),
        (
            "Credit control",
            "customer",
            "credit_checks",
            float(credit_checks.sum()) * 9.0,
            None,
            None,
            None,
            None,
            None,
        ),
        (
            "Marketing",
            "overhead",
            "revenue",
            float(revenue.sum()) * 0.02,
            None,
            None,
            None,
            None,
            None,
        ),
        (
            "Administration",
            "overhead",
            "gross_margin",
            gross_margin * 0.06,
            None,
            None,
            None,
            None,
            None,
        ),
        ("New business development", "overhead", None, 450_000.0, None, None, None, None, "yes"),
    ]
    columns = [
        "activity",
        "cost_group",
        "driver",
        "cost",
        "capacity",
        "rate",
        "resource",
        "unit_time",
        "unallocated",
    ]
    rows = [
        {
            key: (f"{value:.2f}" if key == "cost" and value is not None else value)
            for key, value in zip(columns, row, strict=True)
        }
        for row in activities
    ]
    pl.DataFrame(rows, schema=dict.fromkeys(columns, pl.String), orient="row").write_csv(
        folder / "activities.csv"
    )
    return {
        "customers": customers,
        "order_lines": lines,
        "orders": orders,
        "activities": len({row[0] for row in activities}),
    }


def run_process(
    argv: list[str], output: Path, cwd: Path = ROOT, env_extra: dict | None = None
) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit status) of one whole process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env_extra or {}))
    env.setdefault("ARVOPOLKU_DEV", "1")
    with output.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
    if process.returncode:
        print(f"  {argv[:3]}... failed ({process.returncode}):\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def _peak_mb() -> float:
    """This process's peak resident memory since the last ``_reset_peak``."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def in_process(folder: str) -> None:
    """Run in a fresh interpreter: time loading and analysis; print figures as JSON."""
    import gc

    sys.path.insert(0, str(ROOT))
    from profitability.engine import Model, analyze, load_files, load_folder

    figures = {}
    start = time.perf_counter()
    model = load_folder(folder)
    figures["load_folder_s"] = time.perf_counter() - start
    start = time.perf_counter()
    result = analyze(model)
    figures["analyze_loaded_s"] = time.perf_counter() - start
    start = time.perf_counter()
    analyze(model)
    figures["analyze_again_s"] = time.perf_counter() - start
    start = time.perf_counter()
    result.to_json()
    figures["to_json_s"] = time.perf_counter() - start
    figures["peak_command_path_mb"] = _peak_mb()
    start = time.perf_counter()
    result.to_json_dict()
    figures["to_json_dict_s"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as store:
        start = time.perf_counter()
        model.write_parquet(store)
        figures["write_parquet_s"] = time.perf_counter() - start
        del model
        gc.collect()
        _reset_peak()
        start = time.perf_counter()
        stored = Model.read_parquet(store)
        figures["read_parquet_s"] = time.perf_counter() - start
        start = time.perf_counter()
        analyze(stored)
        figures["analyze_from_parquet_s"] = time.perf_counter() - start
        figures["peak_parquet_path_mb"] = _peak_mb()
        figures["parquet_mb"] = sum(p.stat().st_size for p in Path(store).iterdir()) / 1e6
    del stored
    gc.collect()
    _reset_peak()
    start = time.perf_counter()
    files = {
        path.stem: (path.name, path.read_bytes()) for path in sorted(Path(folder).glob("*.csv"))
    }
    uploaded = load_files(files)
    del files
    with tempfile.TemporaryDirectory() as store:
        uploaded.write_parquet(store)
        analyze(uploaded).customer_rows()
    figures["upload_parse_store_rows_s"] = time.perf_counter() - start
    figures["peak_upload_path_mb"] = _peak_mb()
    figures["company_result"] = result.totals.company_result
    figures["reconciles"] = (
        result.totals.revenue - result.totals.cogs - result.totals.total_costs
        == result.totals.company_result
    )
    whale = result.whale_curve
    figures["whale"] = [
        whale.peak_at_share_of_customers,
        whale.peak_share_of_profit,
        whale.loss_makers_share_of_customers,
    ]
    print(json.dumps(figures))


def web_upload(folder: str) -> None:
    """Run in a fresh interpreter whose ARVOPOLKU_DATA_DIR is a scratch folder: migrate a
    SQLite database (not timed), then time the upload service and a whole POST to the
    upload view; print figures as JSON."""
    import gc
    import shutil

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from profitability.models import CustomerResult, ProfitabilityModel
    from profitability.services import UploadedFile, import_model
    from workshops.models import Membership, Organisation, Role
    from workshops.views import create_workshop

    call_command("migrate", verbosity=0)
    setup_test_environment()
    from django.contrib.auth import get_user_model

    organisation = Organisation.objects.create(name="Bench Oy", slug="bench")
    user = get_user_model().objects.create_user("bench", "bench@example.invalid", "x")
    Membership.objects.create(organisation=organisation, user=user, role=Role.FACILITATOR)
    workshop = create_workshop(
        organisation=organisation, name="Bench", client="", language="en", by=user
    )
    figures = {}
    # Django spools uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to temporary files; the service
    # then reads them from disk, as here.
    spool = Path(os.environ["ARVOPOLKU_DATA_DIR"]) / "spool"
    spool.mkdir()
    paths = {}
    for path in sorted(Path(folder).glob("*.csv")):
        paths[path.stem] = spool / path.name
        shutil.copyfile(path, paths[path.stem])
    gc.collect()
    _reset_peak()
    start = time.perf_counter()
    pm = import_model(
        workshop=workshop,
        files={name: UploadedFile(path.name, path) for name, path in paths.items()},
        by=user,
        groups=10,
    )
    figures["web_service_s"] = time.perf_counter() - start
    figures["peak_web_service_mb"] = _peak_mb()
    figures["web_rows"] = CustomerResult.objects.filter(model=pm).count()

    client = Client()
    client.force_login(user)
    data = {"groups": "10", "name": "Bench over HTTP"}
    for name, path in paths.items():
        data[name] = SimpleUploadedFile(path.name, path.read_bytes(), "text/csv")
    gc.collect()
    _reset_peak()
    start = time.perf_counter()
    response = client.post(reverse("profitability:upload", args=[workshop.pk]), data)
    figures["web_request_s"] = time.perf_counter() - start
    figures["peak_web_request_mb"] = _peak_mb()
    figures["web_request_status"] = response.status_code
    figures["web_models"] = ProfitabilityModel.objects.count()
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each process (best kept)")
    parser.add_argument("--keep", help="write the model folder here and keep it")
    parser.add_argument("--command", default=os.environ.get("PROFITABILITY_BENCH_COMMAND"))
    parser.add_argument("--no-web", action="store_true", help="skip the web upload timing")
    parser.add_argument("--in-process", dest="in_process", help=argparse.SUPPRESS)
    parser.add_argument("--web-upload", dest="web_upload", help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        in_process(args.in_process)
        return
    if args.web_upload:
        web_upload(args.web_upload)
        return
    if args.generate:
        folder, customers, lines = args.generate
        print(json.dumps(generate(Path(folder), int(customers), int(lines))))
        return

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch) / "model"
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        # Generated in a child: a child's ru_maxrss includes the memory of the parent it was
        # forked from, so this process must stay small while it times the others.
        shape_file = Path(scratch) / "shape.json"
        generator = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--generate",
            str(folder),
            str(args.customers),
            str(args.lines),
        ]
        subprocess.run(generator, check=True, stdout=shape_file.open("wb"))
        shape = json.loads(shape_file.read_text())
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(
            f"Model: {shape['customers']:,} customers, {shape['order_lines']:,} order lines, "
            f"{shape['orders']:,} orders, {shape['activities']} activities, "
            f"{size_mb:.0f} MB of CSV (generated in {time.perf_counter() - start:.1f} s)"
        )

        command = shlex.split((args.command or DEFAULT_COMMAND).format(folder=folder))
        rows = []
        engine = [run_process(command, Path(scratch) / "engine.json") for _ in range(args.repeat)]
        rows.append(("Command (whole process)", min(engine), engine))
        try:
            import pandas  # noqa: F401
        except ImportError:
            print(
                "pandas is not installed: the pandas comparison is skipped "
                "(.venv/bin/pip install pandas)."
            )
            pandas_runs = None
        else:
            script = [sys.executable, str(ROOT / "bench" / "pandas_allocation.py"), str(folder)]
            pandas_runs = [
                run_process(script, Path(scratch) / "pandas.json") for _ in range(args.repeat)
            ]
            rows.append(("pandas script (whole process)", min(pandas_runs), pandas_runs))

        probe = [sys.executable, str(Path(__file__).resolve()), "--in-process", str(folder)]
        out = Path(scratch) / "inprocess.json"
        _, probe_rss, status = run_process(probe, out)
        figures = json.loads(out.read_text()) if status == 0 else {}
        web = {}
        if not args.no_web:
            data_dir = Path(scratch) / "data"
            data_dir.mkdir()
            upload = [sys.executable, str(Path(__file__).resolve()), "--web-upload", str(folder)]
            out = Path(scratch) / "web.json"
            env = {"ARVOPOLKU_DATA_DIR": str(data_dir), "ARVOPOLKU_DEV": "1"}
            _, web_rss, status = run_process(upload, out, env_extra=env)
            web = json.loads(out.read_text()) if status == 0 else {"failed": web_rss}

    print()
    print(f"{'Measure':<44}{'Figure':>12}  Target")
    print("-" * 72)
    for label, best, runs in rows:
        runs_text = ", ".join(f"{run[0]:.2f}" for run in runs)
        print(f"{label + ' wall s, best':<44}{best[0]:>12.2f}  (runs: {runs_text})")
        print(f"{label + ' peak RSS MB':<44}{max(r[1] for r in runs):>12.0f}  < {TARGET_MEMORY_MB}")
    if pandas_runs:
        ratio = min(engine)[0] / min(pandas_runs)[0]
        verdict = "met" if ratio <= 1 else "missed"
        print(f"{'Command / pandas time':<44}{ratio:>12.2f}  <= 1 ({verdict})")
    memory = TARGET_MEMORY_MB
    labels = [
        ("load_folder_s", "Load + validate CSV folder, s", None),
        ("analyze_loaded_s", "Analyse loaded model (first), s", TARGET_ANALYSIS_S),
        ("analyze_again_s", "Analyse again (driver totals kept), s", TARGET_ANALYSIS_S),
        ("to_json_s", "result.to_json() (the command's output), s", None),
        ("to_json_dict_s", "result.to_json_dict(), s", None),
        ("peak_command_path_mb", "Peak memory: load + analyse + JSON, MB", memory),
        ("write_parquet_s", "Model.write_parquet, s", None),
        ("read_parquet_s", "Model.read_parquet, s", None),
        ("analyze_from_parquet_s", "Analyse model read from Parquet, s", TARGET_ANALYSIS_S),
        ("peak_parquet_path_mb", "Peak memory: read Parquet + analyse, MB", memory),
        ("parquet_mb", "Parquet size, MB", None),
        ("upload_parse_store_rows_s", "Upload: parse bytes + Parquet + rows, s", 15.0),
        ("peak_upload_path_mb", "Peak memory: upload path, MB", memory),
    ]
    for key, label, target in labels:
        if key in figures:
            mark = "" if target is None else f"< {target:g}"
            print(f"{label:<44}{figures[key]:>12.2f}  {mark}")
    if not figures:
        print(f"The in-process probe failed (peak RSS {probe_rss:.0f} MB).")
    web_labels = [
        ("web_service_s", "Web upload: import_model (to the DB), s", TARGET_UPLOAD_S),
        ("peak_web_service_mb", "Peak memory: import_model, MB", memory),
        ("web_request_s", "Web upload: whole POST to the view, s", TARGET_UPLOAD_S),
        ("peak_web_request_mb", "Peak memory: whole POST, MB", memory),
    ]
    for key, label, target in web_labels:
        if key in web:
            print(f"{label:<44}{web[key]:>12.2f}  < {target:g}")
    if "web_rows" in web:
        print(
            f"Web upload stored {web['web_rows']:,} customer rows; the POST answered "
            f"{web['web_request_status']} ({web['web_models']} models in the database)."
        )
    elif "failed" in web:
        print(f"The web upload probe failed (peak RSS {web['failed']:.0f} MB).")
    if figures:
        at, share, losers = figures["whale"]
        peak = "no share (total profit <= 0)" if share is None else f"{share:.0%} of profit"
        print(
            f"Reconciles to the cent: {figures['reconciles']}; whale: best {at:.1%} of "
            f"customers give {peak}; loss-makers {losers:.1%}."
        )


if __name__ == "__main__":
    main()
