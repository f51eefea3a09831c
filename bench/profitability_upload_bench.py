"""Peak memory of reading the largest allowed profitability upload.

Generates a model folder with profitability_bench.generate (fixed seed), as many order lines
as UPLOAD_LIMITS["profitability_file"]["rows"] allows unless --lines says fewer, checks the
order-lines file against the byte limit, then in a fresh process reads and validates it the
way the upload view does (profitability.services.load_uploaded, files on disk as an upload
spooled to a temporary file) and prints the seconds, the peak resident memory (ru_maxrss of
the child) and the Python-heap peak (tracemalloc; polars' own buffers are outside it).

    .venv/bin/python bench/profitability_upload_bench.py [--lines 3000000] [--customers 50000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ARVOPOLKU_DEV", "1")


def measure(folder: str) -> None:
    import tracemalloc

    import django

    django.setup()
    from profitability.services import UploadedFile, load_uploaded

    files = {
        name: UploadedFile(f"{name}.csv", Path(folder) / f"{name}.csv")
        for name in ("customers", "order_lines", "activities", "resources", "customer_drivers")
        if (Path(folder) / f"{name}.csv").exists()
    }
    tracemalloc.start()
    started = time.perf_counter()
    model = load_uploaded(files)
    seconds = time.perf_counter() - started
    _current, heap_peak = tracemalloc.get_traced_memory()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak),
                "python_heap_peak_mb": round(heap_peak / 1048576),
                "order_lines": model.order_lines.height if hasattr(model, "order_lines") else None,
            }
        )
    )


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    limits = settings.UPLOAD_LIMITS["profitability_file"]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=limits["rows"])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    from profitability_bench import generate

    with tempfile.TemporaryDirectory(prefix="profitability-upload-bench-") as folder:
        generate(Path(folder), args.customers, args.lines)
        size = (Path(folder) / "order_lines.csv").stat().st_size
        print(
            f"order_lines.csv: {args.lines:,} rows, {size / 1048576:.0f} MB "
            f"(limits: {limits['rows']:,} rows, {limits['bytes'] / 1048576:.0f} MB)"
        )
        if size > limits["bytes"]:
            print("over the byte limit: the upload form would refuse this file")
        child = subprocess.run(
            [sys.executable, __file__, "--measure", folder],
            capture_output=True,
            text=True,
            check=True,
        )
        print(child.stdout.strip())


if __name__ == "__main__":
    main()
