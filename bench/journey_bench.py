"""Journey benchmark: concurrent field autosave, the floor and the 60-stage map under gunicorn.

Not a test. Run from anywhere (loopback traffic only):

    .venv/bin/python bench/journey_bench.py [--db sqlite|postgres|both] [--duration 30]
        [--clients 20] [--workers 3] [--floor-duration 10] [--map-duration 10]
        [--map-clients 4] [--think-ms 0]

For each database (SQLite in a fresh temporary data folder; PostgreSQL in a fresh database
`arvopolku_bench` on 127.0.0.1:5432, created and dropped with psql as user postgres) it
migrates, creates the cache table, builds the data with bench/_bench_setup.py (an
organisation, CLIENTS managers with signed-in sessions, a workshop from the template and a
second journey grown to 60 stages), starts gunicorn with production settings (DEBUG off,
static files collected into a temporary STATIC_ROOT), and then in the same run:

1. CLIENTS threads autosave for DURATION s; client i owns stage i % 12 and one text field, so
   no two clients share a stage and field; each keeps the version from its last 200 answer.
2. The floor: CLIENTS threads GET /health/ (a minimal Django view) for FLOOR-DURATION s.
3. The 60-stage journey map: MAP-CLIENTS threads GET /journeys/<id>/map/ for MAP-DURATION s,
   after one warm-up request each.
4. After the load stops: every (stage, field) must hold its last acknowledged value.

Targets (issue 2): field save p95 < 50 ms and within 3x the floor p95, no errors, no lost
saves; 60-stage map p95 < 150 ms. Clients run closed-loop (no pause between requests) unless
--think-ms is given. Cookies are handled by hand: the app marks them Secure when DEBUG is off.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from _server import free_port, manage, run_threads, stop, wait_for_health

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
SETUP = str(Path(__file__).resolve().parent / "_bench_setup.py")
PG_ADMIN = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-v",
            "ON_ERROR_STOP=1"]  # fmt: skip
PG_DB = "arvopolku_bench"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"
PG_ENV = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")

TARGET_SAVE_P95_MS = 50.0
TARGET_SAVE_FLOOR_RATIO = 3.0
TARGET_MAP_P95_MS = 150.0

VERSION_RE = re.compile(rb'name="base_version" value="([0-9a-f]*)"')
WORDS = (
    "asiakas odottaa selkeää tarjousta ja nopeaa vastausta huolto soittaa ennen käyntiä "
    "the customer expects a clear offer and a quick answer; the installer calls before the "
    "visit, invoice matches the offer, front line knows the history"
).split()


def value_version(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def percentile(values, p):
    """Nearest-rank percentile of a list of seconds, in ms."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k] * 1000


def loadavg() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


# --- a small HTTP client: one connection per simulated person, cookies kept by hand ----------


class Client:
    def __init__(self, port: int, session_key: str):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {"sessionid": session_key}

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body); status 0 on a connection failure."""
        h = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        h.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=h)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            return 0, b""
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, data

    def close(self):
        self.conn.close()


# --- the three measurements -----------------------------------------------------------------


def measure_saves(port, data, clients, duration, think):
    stages, fields = data["stages"], data["text_fields"]
    if clients > len(stages) * len(fields):
        raise SystemExit(f"at most {len(stages) * len(fields)} clients own a field each")
    people = []
    for i in range(clients):
        stage, field = stages[i % len(stages)], fields[(i // len(stages)) % len(fields)]
        client = Client(port, data["sessions"][i % len(data["sessions"])])
        status, _ = client.request("GET", f"/stages/{stage}/")  # the page sets csrftoken
        if status != 200 or "csrftoken" not in client.cookies:
            raise SystemExit(f"stage page answered {status} (no csrftoken): cannot start")
        status, body = client.request(
            "GET", f"/stages/{stage}/fields/{field}/", headers={"HX-Request": "true"}
        )
        match = VERSION_RE.search(body)
        if status != 200 or not match:
            raise SystemExit(f"field partial answered {status}: cannot start")
        people.append((client, stage, field, match.group(1).decode()))

    latencies = [[] for _ in range(clients)]
    statuses = [Counter() for _ in range(clients)]
    acks = [[] for _ in range(clients)]
    unacked = [[] for _ in range(clients)]
    version_mismatch = [0] * clients
    barrier = threading.Barrier(clients)
    start = [0.0]

    def worker(i):
        client, stage, field, version = people[i]
        rng = random.Random(i * 7919)
        path = f"/stages/{stage}/fields/{field}/save/"
        headers = {
            "HX-Request": "true",
            "X-CSRFToken": client.cookies["csrftoken"],
            "Content-Type": "application/x-www-form-urlencoded",
        }
        seq = 0
        if barrier.wait() == 0:
            start[0] = time.perf_counter()
        deadline = time.perf_counter() + duration
        while time.perf_counter() < deadline:
            seq += 1
            value = f"Client {i} save {seq}: " + " ".join(
                rng.choice(WORDS) for _ in range(rng.randint(8, 40))
            )
            body = urlencode({field: value, "base_version": version})
            t0 = time.perf_counter()
            status, answer = client.request("POST", path, body, headers)
            t1 = time.perf_counter()
            latencies[i].append(t1 - t0)
            statuses[i][status] += 1
            if status == 200:
                match = VERSION_RE.search(answer)
                version = match.group(1).decode() if match else ""
                if version != value_version(value):
                    version_mismatch[i] += 1
                acks[i].append((stage, field, value, t1))
                unacked[i].clear()
            else:
                unacked[i].append((stage, field, value))
                if status == 409:  # someone else's value: take its version and go on
                    s, page = client.request("GET", path[: -len("save/")], None, headers)
                    m = VERSION_RE.search(page)
                    version = m.group(1).decode() if m else version
            if think:
                time.sleep(think)

    cpu = time.process_time()
    run_threads(clients, worker)
    cpu = time.process_time() - cpu
    elapsed = time.perf_counter() - start[0]
    for client, *_ in people:
        client.close()
    all_lat = [x for lst in latencies for x in lst]
    status_total = sum(statuses, Counter())
    return {
        "requests": len(all_lat),
        "elapsed": elapsed,
        "saves_per_s": sum(len(a) for a in acks) / elapsed,
        "p50": percentile(all_lat, 50),
        "p95": percentile(all_lat, 95),
        "p99": percentile(all_lat, 99),
        "errors": sum(n for s, n in status_total.items() if s != 200),
        "statuses": dict(status_total),
        "client_cpu": cpu / elapsed,
        "version_mismatch": sum(version_mismatch),
        "acks": [a for lst in acks for a in lst],
        "unacked": [u for lst in unacked for u in lst],
    }


def measure_gets(port, sessions, clients, duration, path, warmup=False):
    latencies = [[] for _ in range(clients)]
    statuses = [Counter() for _ in range(clients)]
    barrier = threading.Barrier(clients)
    start = [0.0]

    def worker(i):
        client = Client(port, sessions[i % len(sessions)])
        if warmup:
            client.request("GET", path)
        if barrier.wait() == 0:
            start[0] = time.perf_counter()
        deadline = time.perf_counter() + duration
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            status, _ = client.request("GET", path)
            latencies[i].append(time.perf_counter() - t0)
            statuses[i][status] += 1
        client.close()

    cpu = time.process_time()
    run_threads(clients, worker)
    cpu = time.process_time() - cpu
    elapsed = time.perf_counter() - start[0]
    all_lat = [x for lst in latencies for x in lst]
    status_total = sum(statuses, Counter())
    return {
        "requests": len(all_lat),
        "per_s": len(all_lat) / elapsed,
        "p50": percentile(all_lat, 50),
        "p95": percentile(all_lat, 95),
        "p99": percentile(all_lat, 99),
        "errors": sum(n for s, n in status_total.items() if s != 200),
        "statuses": dict(status_total),
        "client_cpu": cpu / elapsed,
    }


# --- one database: prepare, serve, load, verify, clean up ---------------------------------------


def psql(sql):
    subprocess.run([*PG_ADMIN, "-c", sql], check=True, stdout=subprocess.DEVNULL, env=PG_ENV)


def bench_database(db, args, base_env, static_root):
    tmp = Path(tempfile.mkdtemp(prefix=f"journey-bench-{db}-"))
    env = dict(base_env, ARVOPOLKU_DATA_DIR=str(tmp / "data"), STATIC_ROOT=str(static_root))
    env.pop("DATABASE_URL", None)
    pg_created = False
    proc = None
    try:
        if db == "postgres":
            psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            psql(f"CREATE DATABASE {PG_DB}")
            pg_created = True
            env["DATABASE_URL"] = PG_URL
        t0 = time.perf_counter()
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable", "-v", "0")
        out = tmp / "setup.json"
        subprocess.run([PYTHON, SETUP, "setup", str(args.clients), str(out)], env=env, check=True)
        data = json.loads(out.read_text())
        prep = time.perf_counter() - t0

        port = free_port()
        log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115
        proc = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi",
                "-w",
                str(args.workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_for_health(port, proc):
            log.flush()
            raise SystemExit(
                "gunicorn did not answer /health/:\n" + (tmp / "gunicorn.log").read_text()[-3000:]
            )
        print(
            f"[{db}] ready in {prep:.1f} s, gunicorn -w {args.workers} on :{port}, {loadavg()}",
            flush=True,
        )

        saves = measure_saves(port, data, args.clients, args.duration, args.think_ms / 1000)
        print(f"[{db}] saves done: {saves['requests']} requests", flush=True)
        floor = measure_gets(port, data["sessions"], args.clients, args.floor_duration, "/health/")
        print(f"[{db}] floor done: {floor['requests']} requests", flush=True)
        map_result = measure_gets(
            port,
            data["sessions"],
            args.map_clients,
            args.map_duration,
            f"/journeys/{data['map_journey']}/map/",
            warmup=True,
        )
        print(f"[{db}] map done: {map_result['requests']} requests", flush=True)
        stop(proc)
        proc = None

        record = tmp / "acks.json"
        record.write_text(json.dumps({"acks": saves.pop("acks"), "unacked": saves.pop("unacked")}))
        check = subprocess.run(
            [PYTHON, SETUP, "verify", str(record)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        verify = json.loads(check.stdout.strip().splitlines()[-1])
        gunicorn_errors = (tmp / "gunicorn.log").read_text().strip()
        return {
            "saves": saves,
            "floor": floor,
            "map": map_result,
            "verify": verify,
            "map_stages": data["map_stages"],
            "log": gunicorn_errors[-1500:],
        }
    finally:
        stop(proc)
        if pg_created:
            subprocess.run(
                [*PG_ADMIN, "-c", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"], env=PG_ENV
            )
        shutil.rmtree(tmp, ignore_errors=True)


# --- report -----------------------------------------------------------------------------------


def report(results, args):
    def mark(ok):
        return "PASS" if ok else "FAIL"

    rows = []
    for db, r in results.items():
        s, f, m, v = r["saves"], r["floor"], r["map"], r["verify"]
        ratio = s["p95"] / f["p95"] if f["p95"] else float("inf")
        save_ok = mark(s["errors"] == 0)
        ratio_ok = mark(ratio <= TARGET_SAVE_FLOOR_RATIO)
        map_ok = mark(m["p95"] < TARGET_MAP_P95_MS and m["errors"] == 0)
        rows.append(
            (
                db,
                [
                    ("field saves/s", f"{s['saves_per_s']:.0f}", ""),
                    ("save p50 ms", f"{s['p50']:.1f}", ""),
                    ("save p95 ms", f"{s['p95']:.1f}", mark(s["p95"] < TARGET_SAVE_P95_MS)),
                    ("save p99 ms", f"{s['p99']:.1f}", ""),
                    ("save errors (non-200)", f"{s['errors']}/{s['requests']}", save_ok),
                    ("floor /health/ req/s", f"{f['per_s']:.0f}", ""),
                    ("floor p50 ms", f"{f['p50']:.1f}", ""),
                    ("floor p95 ms", f"{f['p95']:.1f}", ""),
                    ("floor p99 ms", f"{f['p99']:.1f}", ""),
                    ("save p95 / floor p95", f"{ratio:.2f}x", ratio_ok),
                    (f"map {r['map_stages']} stages req/s", f"{m['per_s']:.1f}", ""),
                    ("map p50 ms", f"{m['p50']:.1f}", ""),
                    ("map p95 ms", f"{m['p95']:.1f}", map_ok),
                    ("map p99 ms", f"{m['p99']:.1f}", ""),
                    ("lost saves", f"{v['lost']} of {v['checked']} fields", mark(v["lost"] == 0)),
                ],
            )
        )
    print()
    print(
        f"Journey bench: gunicorn -w {args.workers}, {args.clients} save clients x "
        f"{args.duration:g} s (think {args.think_ms:g} ms), floor {args.clients} x "
        f"{args.floor_duration:g} s, map {args.map_clients} x {args.map_duration:g} s"
    )
    label_w = max(len(label) for _, items in rows for label, *_ in items)
    header = f"{'':{label_w}}" + "".join(f" | {db:>22}" for db, _ in rows)
    print(header)
    print("-" * len(header))
    for n in range(len(rows[0][1])):
        label = rows[0][1][n][0]
        cells = "".join(f" | {items[n][1]:>16} {items[n][2]:>5}" for _, items in rows)
        print(f"{label:{label_w}}{cells}")
    print(
        f"targets: save p95 < {TARGET_SAVE_P95_MS:g} ms and <= {TARGET_SAVE_FLOOR_RATIO:g}x floor "
        f"p95, no errors, no lost saves; map p95 < {TARGET_MAP_P95_MS:g} ms"
    )
    for db, r in results.items():
        s, f, m, v = r["saves"], r["floor"], r["map"], r["verify"]
        print(
            f"[{db}] save statuses {s['statuses']}, floor statuses {f['statuses']}, map statuses "
            f"{m['statuses']}; acks {v['acks']}, history rows {v['changes']}, "
            f"version mismatches {s['version_mismatch']}; bench client CPU (share of one core) "
            f"saves {s['client_cpu']:.0%}, floor {f['client_cpu']:.0%}, map {m['client_cpu']:.0%}"
        )
        if r["log"]:
            print(f"[{db}] gunicorn log (tail):\n{r['log']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--floor-duration", type=float, default=10)
    parser.add_argument("--map-duration", type=float, default=10)
    parser.add_argument("--map-clients", type=int, default=4)
    parser.add_argument("--think-ms", type=float, default=0, help="pause between saves")
    args = parser.parse_args()

    # Twenty client threads mostly wait on sockets; a short switch interval keeps a thread that
    # has its answer from waiting up to 5 ms for the GIL, which would inflate the latencies.
    sys.setswitchinterval(0.0005)
    started = time.perf_counter()
    base_env = dict(
        os.environ,
        ARVOPOLKU_DEV="1",
        DEBUG="0",
        SECRET_KEY="bench-secret",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE"):
        base_env.pop(name, None)
    static_root = Path(tempfile.mkdtemp(prefix="journey-bench-static-"))
    results = {}
    try:
        # DEBUG off uses the manifest storage: collect once for both databases.
        env = dict(base_env, STATIC_ROOT=str(static_root), ARVOPOLKU_DATA_DIR=str(static_root))
        env.pop("DATABASE_URL", None)
        manage(env, "collectstatic", "--noinput", "-v", "0")
        dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
        for db in dbs:
            results[db] = bench_database(db, args, base_env, static_root)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    report(results, args)
    print(f"total {time.perf_counter() - started:.0f} s; {os.cpu_count()} CPUs, {loadavg()}")


if __name__ == "__main__":
    main()
