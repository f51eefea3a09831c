"""Live session benchmark: 50 phones join and vote at once, the projector follows.

Not a test. Run from anywhere (loopback traffic only):

    .venv/bin/python bench/live_bench.py [--db sqlite|postgres|both] [--participants 50]
        [--workers 3] [--think-ms 500:1500] [--dots 5] [--duplicates 0.15]

For each database (SQLite in a fresh temporary data folder; PostgreSQL in a fresh database
`arvopolku_live_bench` on 127.0.0.1:5432, created and dropped with psql as user postgres) it
migrates, creates the cache table, makes a workshop from the template with a facilitator and
a running live session (this file run as a child with `_setup`), starts gunicorn with
production settings (DEBUG off, static files collected into a temporary STATIC_ROOT), and:

1. PARTICIPANTS threads join at once through the join form (code + nickname; rate limits on).
2. The facilitator starts "rate the stages" over HTTP; every participant rates all 12 stages,
   one tap at a time, pausing THINK-MS between taps (a person on a phone, not a robot); a
   share of DUPLICATES of the submits is sent a second time with the same submission id (a
   retry after a lost answer), and must not count again.
3. The facilitator starts a dot vote with DOTS dots on stages; every participant tries to
   spend DOTS + 1 dots: the last must be refused (422), duplicates again count once.
   First taps: a phone shows a new activity at its next poll (every 2 s), then the person
   reads and taps after THINK-MS, so the room's first taps spread over a few seconds;
   --start together sends every first tap at the same instant instead (a stress case).
4. Meanwhile every phone polls for a new activity every 2 s and the projector polls the
   presenter partial every second, as htmx does (with the stamp it last saw; 204 while
   nothing changed). The figure is the time from the last
   acknowledged submit until the projector's poll shows the final count.
5. After the load, the stored ratings and dots (read by this file run with `_verify`) must
   equal exactly what the phones had acknowledged.

Targets (issue 7): submit p95 < 100 ms, presenter up to date within 2 s, totals exact, no
errors. Cookies are handled by hand: the app marks them Secure when DEBUG is off.
"""

from __future__ import annotations

import argparse
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
import uuid
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from _server import free_port, manage, run_threads, stop, wait_for_health

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else sys.executable
PG_ADMIN = [
    "psql",
    "-h",
    "127.0.0.1",
    "-U",
    "postgres",
    "-d",
    "postgres",
    "-q",
    "-v",
    "ON_ERROR_STOP=1",
]
PG_DB = "arvopolku_live_bench"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DB}"

TARGET_SUBMIT_P95_MS = 100.0
TARGET_PRESENTER_S = 2.0
PROJECTOR_POLL_S = 1.0  # hx-trigger="every 1s"
PHONE_POLL_S = 2.0  # the participant page's poller: hx-trigger="every 2s"

TOTAL_RE = re.compile(rb'class="live-total" data-total="(\d+)"')
SEEN_RE = re.compile(rb"present/results/\?seen=([0-9a-f]+)")
PHONE_POLL_RE = re.compile(rb"/poll/\?a=([0-9a-f]+)&amp;t=([0-9a-f]+)")


# --- child mode: runs inside Django with the bench's environment ------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def child_setup(out: Path):
    _django()
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from live import services
    from workshops.models import Membership, Organisation, Role
    from workshops.views import create_workshop

    org = Organisation.objects.create(name="Live Bench Oy", slug="live-bench")
    user = get_user_model()(username="bench-facilitator", email="f@example.invalid")
    user.set_unusable_password()  # no hashing; the session is made directly below
    user.save()
    Membership.objects.create(organisation=org, user=user, role=Role.FACILITATOR)
    workshop = create_workshop(
        organisation=org, name="Live bench", client="Client Oy", language="en", by=user
    )
    journey = workshop.journeys.get()
    session = services.start_session(workshop=workshop, journey=journey, by=user)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    out.write_text(
        json.dumps(
            {
                "session": str(session.pk),
                "code": session.code,
                "facilitator": store.session_key,
                "stages": [str(s.pk) for s in services.journey_stages(journey)],
            }
        )
    )


def child_verify(expected_file: Path):
    """Compare what is stored with what the phones had acknowledged; print one JSON line."""
    _django()
    from django.db.models import Sum

    from live.models import Activity, DotVote, Participant, Rating, Submission

    expected = json.loads(expected_file.read_text())
    rating_activity = Activity.objects.get(pk=expected["rating_activity"])
    dots_activity = Activity.objects.get(pk=expected["dots_activity"])
    names = dict(Participant.objects.values_list("pk", "nickname"))
    stored_ratings = {
        f"{names[p]}|{s}": v
        for p, s, v in Rating.objects.filter(activity=rating_activity).values_list(
            "participant", "stage", "value"
        )
    }
    stored_dots = Counter()
    for p, s, n in DotVote.objects.filter(activity=dots_activity).values_list(
        "participant", "stage", "count"
    ):
        stored_dots[f"{names[p]}|{s}"] += n
    per_participant = (
        DotVote.objects.filter(activity=dots_activity)
        .values("participant")
        .annotate(n=Sum("count"))
        .values_list("n", flat=True)
    )
    want_ratings = expected["ratings"]
    want_dots = {k: v for k, v in expected["dots"].items() if v}
    print(
        json.dumps(
            {
                "participants": len(names),
                "ratings_stored": len(stored_ratings),
                "ratings_expected": len(want_ratings),
                "ratings_exact": stored_ratings == want_ratings,
                "dots_stored": sum(stored_dots.values()),
                "dots_expected": sum(want_dots.values()),
                "dots_exact": dict(stored_dots) == want_dots,
                "max_dots_per_participant": max(per_participant, default=0),
                "submissions": Submission.objects.count(),
            }
        )
    )


# --- a small HTTP client: one connection per simulated person, cookies kept by hand ----------


def percentile(values, p):
    """Nearest-rank percentile of a list of seconds, in ms."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k] * 1000


class Client:
    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = dict(cookies or {})

    def request(self, method, path, body=None, headers=None):
        """Returns (status, body, headers); status 0 on a connection failure."""
        h = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        h.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=h)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            return 0, b"", None
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, data, response.msg

    def post(self, path, data, htmx=True):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if htmx:
            headers["HX-Request"] = "true"
        data = dict(data, csrfmiddlewaretoken=self.cookies.get("csrftoken", ""))
        return self.request("POST", path, urlencode(data), headers)

    def close(self):
        self.conn.close()


# --- the load -----------------------------------------------------------------------------------


class Projector(threading.Thread):
    """Polls the presenter partial every second like htmx; remembers when each total showed."""

    def __init__(self, port, facilitator_session, session_id):
        super().__init__(daemon=True)
        self.client = Client(port, {"sessionid": facilitator_session})
        self.path = f"/live/{session_id}/present/results/"
        self.seen = ""
        self.history = []  # (time, total)
        self.latencies = []
        self.statuses = Counter()
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.is_set():
            t0 = time.perf_counter()
            status, body, _h = self.client.request(
                "GET", f"{self.path}?seen={self.seen}", headers={"HX-Request": "true"}
            )
            t1 = time.perf_counter()
            self.latencies.append(t1 - t0)
            self.statuses[status] += 1
            if status == 200:
                m = SEEN_RE.search(body)
                self.seen = m.group(1).decode() if m else ""
                total = TOTAL_RE.search(body)
                self.history.append((t1, int(total.group(1)) if total else None))
            self.stop_event.wait(max(0.0, PROJECTOR_POLL_S - (time.perf_counter() - t0)))

    def first_seen(self, total, since, after):
        """Seconds from `after` (the last acknowledged submit) until a poll made after `since`
        (the activity's start) showed `total`."""
        for t, value in list(self.history):
            if t >= since and value == total:
                return max(0.0, t - after)
        return None


class PhonePoller(threading.Thread):
    """One phone's page, asking every 2 s whether the activity or the timer changed."""

    def __init__(self, client, session_id, index):
        super().__init__(daemon=True)
        self.client = Client(client.port, client.cookies)
        self.path = f"/live/p/{session_id}/poll/"
        self.rng = random.Random(3000 + index)
        self.stamps = ("", "")
        self.latencies = []
        self.statuses = Counter()
        self.stop_event = threading.Event()

    def run(self):
        self.stop_event.wait(self.rng.uniform(0, PHONE_POLL_S))  # phones opened at other times
        while not self.stop_event.is_set():
            t0 = time.perf_counter()
            a, t = self.stamps
            status, body, _h = self.client.request(
                "GET", f"{self.path}?a={a}&t={t}", headers={"HX-Request": "true"}
            )
            self.latencies.append(time.perf_counter() - t0)
            self.statuses[status] += 1
            m = PHONE_POLL_RE.search(body) if status == 200 else None
            if m:
                self.stamps = (m.group(1).decode(), m.group(2).decode())
            self.stop_event.wait(max(0.0, PHONE_POLL_S - (time.perf_counter() - t0)))


def first_tap(rng, args):
    """How long after the facilitator starts an activity a person taps for the first time.
    "spread": the phone's poller shows the activity within 2 s, then the person reads and
    thinks; "together": everybody at the same instant (a stress case, not a room)."""
    if args.start == "spread":
        time.sleep(rng.uniform(0, PHONE_POLL_S))
        think(rng, args.think)


def think(rng, spec):
    low, high = spec
    if high > 0:
        time.sleep(rng.uniform(low, high) / 1000)


def join_all(port, code, n):
    people = [None] * n
    latencies, statuses = [], Counter()
    barrier = threading.Barrier(n)

    def worker(i):
        client = Client(port)
        client.request("GET", f"/live/join/?code={code}")  # the form sets csrftoken
        barrier.wait()
        t0 = time.perf_counter()
        status, _body, _h = client.post(
            "/live/join/", {"code": code, "nickname": f"bench-{i:02d}"}, htmx=False
        )
        latencies.append(time.perf_counter() - t0)
        statuses[status] += 1
        if status == 302 and "arvopolku_live" in client.cookies:
            people[i] = client

    run_threads(n, worker)
    return people, latencies, statuses


def start_activity(port, facilitator, session_id, **data):
    client = Client(port, {"sessionid": facilitator})
    status, _b, _h = client.request("GET", f"/live/{session_id}/")  # sets csrftoken
    if status != 200:
        raise SystemExit(f"control page answered {status}")
    status, _b, headers = client.post(f"/live/{session_id}/activities/new/", data, htmx=False)
    if status != 302:
        raise SystemExit(f"starting {data} answered {status}")
    client.close()


def current_activity_id(client, session_id):
    status, body, _h = client.request("GET", f"/live/p/{session_id}/")
    m = re.search(rb'name="activity" value="([0-9a-f-]{36})"', body)
    if status != 200 or not m:
        return None
    return m.group(1).decode()


def rate_all(people, session_id, stages, args, result):
    """Every participant rates every stage; some submits are sent twice (same id)."""
    n = len(people)
    lock = threading.Lock()
    barrier = threading.Barrier(n)

    def worker(i):
        client = people[i]
        rng = random.Random(1000 + i)
        activity = current_activity_id(client, session_id)
        barrier.wait()
        first_tap(rng, args)
        for stage in rng.sample(stages, len(stages)):
            value = rng.randint(-3, 3)
            body = {
                "activity": activity,
                "stage": stage,
                "value": value,
                "submission_id": str(uuid.uuid4()),
            }
            sends = 2 if rng.random() < args.duplicates else 1
            for _ in range(sends):
                t0 = time.perf_counter()
                status, _b, _h = client.post(f"/live/p/{session_id}/rate/", body)
                t1 = time.perf_counter()
                with lock:
                    result["latencies"].append(t1 - t0)
                    result["statuses"][status] += 1
                    if status == 200:
                        result["ratings"][f"bench-{i:02d}|{stage}"] = value
                        result["last_ack"] = max(result["last_ack"], t1)
                    else:
                        result["errors"] += 1
            think(rng, args.think)
        result["activity"] = activity

    run_threads(n, worker)


def spend_all(people, session_id, stages, args, result):
    """Every participant tries to spend DOTS + 1 dots: the last one must be refused."""
    n = len(people)
    lock = threading.Lock()
    barrier = threading.Barrier(n)

    def worker(i):
        client = people[i]
        rng = random.Random(2000 + i)
        activity = current_activity_id(client, session_id)
        barrier.wait()
        first_tap(rng, args)
        for attempt in range(args.dots + 1):
            stage = rng.choice(stages)
            body = {
                "activity": activity,
                "target": stage,
                "op": "add",
                "submission_id": str(uuid.uuid4()),
            }
            sends = 2 if rng.random() < args.duplicates else 1
            counted = False
            for _ in range(sends):
                t0 = time.perf_counter()
                status, _b, _h = client.post(f"/live/p/{session_id}/dots/", body)
                t1 = time.perf_counter()
                with lock:
                    result["latencies"].append(t1 - t0)
                    result["statuses"][status] += 1
                    if status == 200 and attempt < args.dots:
                        if not counted:  # the same submission id again: counted once
                            result["dots"][f"bench-{i:02d}|{stage}"] += 1
                            counted = True
                        result["last_ack"] = max(result["last_ack"], t1)
                    elif status == 422 and attempt == args.dots:
                        result["refused"].add(i)
                        result["last_ack"] = max(result["last_ack"], t1)
                    else:
                        result["errors"] += 1
            think(rng, args.think)
        result["activity"] = activity

    run_threads(n, worker)


# --- one database: prepare, serve, load, verify, clean up ---------------------------------------


def psql(sql):
    subprocess.run([*PG_ADMIN, "-c", sql], check=True, stdout=subprocess.DEVNULL)


def wait_for_projector(projector, total, since, after, timeout=10.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        lag = projector.first_seen(total, since, after)
        if lag is not None:
            return lag
        time.sleep(0.05)
    return None


def bench_database(db, args, base_env, static_root):
    tmp = Path(tempfile.mkdtemp(prefix=f"live-bench-{db}-"))
    env = dict(base_env, ARVOPOLKU_DATA_DIR=str(tmp / "data"), STATIC_ROOT=str(static_root))
    env.pop("DATABASE_URL", None)
    pg_created = False
    proc = None
    projector = None
    try:
        if db == "postgres":
            psql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            psql(f"CREATE DATABASE {PG_DB}")
            pg_created = True
            env["DATABASE_URL"] = PG_URL
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable", "-v", "0")
        out = tmp / "setup.json"
        subprocess.run([PYTHON, __file__, "_setup", str(out)], env=env, check=True)
        data = json.loads(out.read_text())

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
                # The server's own time per request, to tell work from waiting in the queue.
                "--access-logfile",
                str(tmp / "access.log"),
                "--access-logformat",
                "%(m)s %(U)s %(s)s %(M)s",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not wait_for_health(port, proc):
            log.flush()
            tail = (tmp / "gunicorn.log").read_text()[-3000:]
            raise SystemExit("gunicorn did not answer /health/:\n" + tail)
        print(f"[{db}] gunicorn -w {args.workers} on :{port}", flush=True)
        session_id, stages = data["session"], data["stages"]

        projector = Projector(port, data["facilitator"], session_id)
        projector.start()

        people, join_lat, join_status = join_all(port, data["code"], args.participants)
        joined = [p for p in people if p is not None]
        print(f"[{db}] joined {len(joined)}/{args.participants}", flush=True)
        if not joined:
            raise SystemExit(f"nobody could join: {dict(join_status)}")
        pollers = [PhonePoller(client, session_id, i) for i, client in enumerate(joined)]
        for poller in pollers:
            poller.start()

        start_activity(port, data["facilitator"], session_id, kind="rating")
        rating_since = time.perf_counter()
        rating = {
            "latencies": [],
            "statuses": Counter(),
            "ratings": {},
            "errors": 0,
            "last_ack": 0.0,
        }
        load_started = time.perf_counter()
        rate_all(joined, session_id, stages, args, rating)
        load_time = time.perf_counter() - load_started
        rating_total = len(rating["ratings"])
        rating_lag = wait_for_projector(projector, rating_total, rating_since, rating["last_ack"])
        print(f"[{db}] ratings done: {len(rating['latencies'])} submits", flush=True)

        start_activity(
            port,
            data["facilitator"],
            session_id,
            kind="dots",
            dots_per_participant=args.dots,
            dot_target="stages",
        )
        dots_since = time.perf_counter()
        dots = {
            "latencies": [],
            "statuses": Counter(),
            "dots": Counter(),
            "errors": 0,
            "refused": set(),
            "last_ack": 0.0,
        }
        load_started = time.perf_counter()
        spend_all(joined, session_id, stages, args, dots)
        load_time += time.perf_counter() - load_started
        dot_total = sum(dots["dots"].values())
        dots_lag = wait_for_projector(projector, dot_total, dots_since, dots["last_ack"])
        print(f"[{db}] dots done: {len(dots['latencies'])} submits", flush=True)
        projector.stop_event.set()
        projector.join(timeout=5)
        for poller in pollers:
            poller.stop_event.set()
        for poller in pollers:
            poller.join(timeout=5)
        phone_polls = [x for poller in pollers for x in poller.latencies]
        phone_statuses = sum((poller.statuses for poller in pollers), Counter())
        for client in joined:
            client.close()
        stop(proc)
        proc = None

        expected = tmp / "expected.json"
        expected.write_text(
            json.dumps(
                {
                    "rating_activity": rating["activity"],
                    "dots_activity": dots["activity"],
                    "ratings": rating["ratings"],
                    "dots": dict(dots["dots"]),
                }
            )
        )
        check = subprocess.run(
            [PYTHON, __file__, "_verify", str(expected)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        verify = json.loads(check.stdout.strip().splitlines()[-1])
        server_ms = server_times(tmp / "access.log")
        return {
            "joined": len(joined),
            "join_p95": percentile(join_lat, 95),
            "join_statuses": dict(join_status),
            "submits": len(rating["latencies"]) + len(dots["latencies"]),
            "p50": percentile(rating["latencies"] + dots["latencies"], 50),
            "p95": percentile(rating["latencies"] + dots["latencies"], 95),
            "p99": percentile(rating["latencies"] + dots["latencies"], 99),
            "rating_p95": percentile(rating["latencies"], 95),
            "dots_p95": percentile(dots["latencies"], 95),
            "errors": rating["errors"] + dots["errors"],
            "statuses": dict(rating["statuses"] + dots["statuses"]),
            "refused": len(dots["refused"]),
            "rating_lag": rating_lag,
            "dots_lag": dots_lag,
            "presenter_p95": percentile(projector.latencies, 95),
            "presenter_statuses": dict(projector.statuses),
            "phone_poll_p95": percentile(phone_polls, 95),
            "phone_poll_statuses": dict(phone_statuses),
            "server_submit_p95": percentile(server_ms["submit"], 95),
            "server_presenter_p95": percentile(server_ms["presenter"], 95),
            "verify": verify,
            "rate_per_s": (len(rating["latencies"]) + len(dots["latencies"])) / load_time,
            # The refused extra dots are logged as 422 warnings by design: leave them out.
            "log": "\n".join(
                line
                for line in (tmp / "gunicorn.log").read_text().splitlines()
                if not line.startswith("Unprocessable Entity: /live/p/")
            )[-1500:],
        }
    finally:
        if projector is not None:
            projector.stop_event.set()
        stop(proc)
        if pg_created:
            subprocess.run([*PG_ADMIN, "-c", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"])
        shutil.rmtree(tmp, ignore_errors=True)


def server_times(access_log: Path) -> dict:
    """Milliseconds gunicorn spent on each submit and presenter poll, from its access log."""
    times = {"submit": [], "presenter": []}
    for line in access_log.read_text().splitlines():
        method, path, _status, ms = line.split()
        if method == "POST" and path.startswith("/live/p/"):
            times["submit"].append(float(ms) / 1000)
        elif "/present/results/" in path:
            times["presenter"].append(float(ms) / 1000)
    return times


# --- report -----------------------------------------------------------------------------------


def report(results, args):
    def mark(ok):
        return "PASS" if ok else "FAIL"

    def lag(value):
        return "never" if value is None else f"{value:.2f}"

    rows = []
    for db, r in results.items():
        v = r["verify"]
        exact = v["ratings_exact"] and v["dots_exact"]
        lags_ok = all(
            x is not None and x <= TARGET_PRESENTER_S for x in (r["rating_lag"], r["dots_lag"])
        )
        all_joined = r["joined"] == args.participants
        all_refused = r["refused"] == r["joined"]
        within_n = v["max_dots_per_participant"] <= args.dots
        ratings = f"{v['ratings_stored']}/{v['ratings_expected']}"
        dot_counts = f"{v['dots_stored']}/{v['dots_expected']}"
        rows.append(
            (
                db,
                [
                    ("joined", f"{r['joined']}/{args.participants}", mark(all_joined)),
                    ("join p95 ms", f"{r['join_p95']:.1f}", ""),
                    ("submits sent", f"{r['submits']}", ""),
                    ("submits per s (offered)", f"{r['rate_per_s']:.0f}", ""),
                    ("submit p50 ms", f"{r['p50']:.1f}", ""),
                    ("submit p95 ms", f"{r['p95']:.1f}", mark(r["p95"] < TARGET_SUBMIT_P95_MS)),
                    ("submit p99 ms", f"{r['p99']:.1f}", ""),
                    ("  rating p95 ms", f"{r['rating_p95']:.1f}", ""),
                    ("  dot p95 ms", f"{r['dots_p95']:.1f}", ""),
                    ("  in the server p95 ms", f"{r['server_submit_p95']:.1f}", ""),
                    ("errors", f"{r['errors']}", mark(r["errors"] == 0)),
                    ("extra dot refused (422)", f"{r['refused']}/{r['joined']}", mark(all_refused)),
                    ("presenter lag, ratings s", lag(r["rating_lag"]), ""),
                    ("presenter lag, dots s", lag(r["dots_lag"]), mark(lags_ok)),
                    ("presenter poll p95 ms", f"{r['presenter_p95']:.1f}", ""),
                    ("  in the server p95 ms", f"{r['server_presenter_p95']:.1f}", ""),
                    ("phone poll p95 ms", f"{r['phone_poll_p95']:.1f}", ""),
                    ("ratings stored/sent", ratings, mark(v["ratings_exact"])),
                    ("dots stored/sent", dot_counts, mark(v["dots_exact"])),
                    ("max dots per person", f"{v['max_dots_per_participant']}", mark(within_n)),
                    ("totals exact", "yes" if exact else "NO", mark(exact)),
                ],
            )
        )
    print()
    low, high = args.think
    print(
        f"Live bench: gunicorn -w {args.workers}, {args.participants} participants, "
        f"12 ratings + {args.dots + 1} dot taps each, think {low:g}-{high:g} ms, "
        f"{args.duplicates:.0%} of submits sent twice, projector polling every "
        f"{PROJECTOR_POLL_S:g} s, phones polling every {PHONE_POLL_S:g} s, "
        f"first taps {args.start}"
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
        f"targets: submit p95 < {TARGET_SUBMIT_P95_MS:g} ms, presenter up to date within "
        f"{TARGET_PRESENTER_S:g} s, totals exact, no errors"
    )
    for db, r in results.items():
        print(
            f"[{db}] join statuses {r['join_statuses']}, submit statuses {r['statuses']}, "
            f"presenter statuses {r['presenter_statuses']}, "
            f"phone polls {r['phone_poll_statuses']}, "
            f"submission rows {r['verify']['submissions']}"
        )
        if r["log"]:
            print(f"[{db}] gunicorn log (tail):\n{r['log']}")


def think_spec(text):
    low, _sep, high = text.partition(":")
    return float(low), float(high or low)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--participants", type=int, default=50)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--dots", type=int, default=5)
    parser.add_argument("--duplicates", type=float, default=0.15)
    parser.add_argument(
        "--think-ms",
        dest="think",
        type=think_spec,
        default=(500.0, 1500.0),
        help="pause between one person's taps, LOW:HIGH ms (0 = no pause)",
    )
    parser.add_argument(
        "--start",
        choices=["spread", "together"],
        default="spread",
        help="first taps: as phones see the activity (spread) or all at one instant (together)",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the start {load} on {os.cpu_count()} CPUs", flush=True)
    base_env = dict(
        os.environ,
        ARVOPOLKU_DEV="1",
        DEBUG="0",
        SECRET_KEY="bench",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
    )
    for name in ("REDIS_URL", "CSRF_TRUSTED_ORIGINS", "DJANGO_SETTINGS_MODULE"):
        base_env.pop(name, None)
    static_root = Path(tempfile.mkdtemp(prefix="live-bench-static-"))
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
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"total {time.perf_counter() - started:.0f} s; load average at the end {load} "
        f"on {os.cpu_count()} CPUs (other work on the machine counts here)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_setup":
        child_setup(Path(sys.argv[2]))
    elif len(sys.argv) > 2 and sys.argv[1] == "_verify":
        child_verify(Path(sys.argv[2]))
    else:
        main()
