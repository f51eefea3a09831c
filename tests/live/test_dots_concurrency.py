"""Exactly-once counting under concurrent requests, with real database transactions.

Several threads (each its own database connection, like gunicorn workers) spend dots for one
participant at the same time. On PostgreSQL the participant row is locked (SELECT ... FOR
UPDATE); on SQLite each transaction takes the write lock at BEGIN (IMMEDIATE). Run on both:

    .venv/bin/pytest -q tests/live/test_dots_concurrency.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/arvopolku_live_test \
        .venv/bin/pytest -q tests/live/test_dots_concurrency.py
"""

import threading
import time
import uuid

import pytest
from django.db import OperationalError, connection

from journey.models import Stage
from live import services
from live.models import Activity, ActivityKind, DotVote, Participant, Submission

pytestmark = pytest.mark.django_db(transaction=True)

N = 5
THREADS = 8
TRIES_EACH = 4


def run_in_threads(work):
    barrier = threading.Barrier(THREADS)
    errors = []

    def target(i):
        try:
            barrier.wait()
            work(i)
        except Exception as exc:  # reported below; a thread's exception is otherwise lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors


def retrying(call):
    """A client retrying a request that failed, with the same submission id.

    SQLite's in-memory test database (shared cache) answers "database table is locked" at
    once instead of waiting like the file database does (busy_timeout); a retry is what a
    phone does after a failed request, and the submission id keeps it from counting twice.
    On PostgreSQL the row lock makes the others wait, and no retry happens."""
    for attempt in range(400):
        try:
            return call()
        except OperationalError as exc:
            if "locked" not in str(exc):
                raise
            time.sleep(min(0.02, 0.001 * 2**attempt))
    raise AssertionError("no answer after 400 tries")


@pytest.fixture
def setup(live_session):
    activity = services.start_activity(
        session=live_session, kind=ActivityKind.DOTS, dots_per_participant=N
    )
    participant, _token = services.join(session=live_session, nickname="Two tabs")
    stages = list(Stage.objects.filter(phase__journey=live_session.journey))
    return activity, participant, stages


def test_concurrent_dot_spending_never_exceeds_n(setup):
    activity, participant, stages = setup
    outcomes = []

    def work(i):
        for k in range(TRIES_EACH):
            stage = stages[(i + k) % len(stages)]
            outcomes.append(
                retrying(
                    lambda stage=stage: services.change_dots(
                        participant=Participant.objects.get(pk=participant.pk),
                        activity=Activity.objects.get(pk=activity.pk),
                        stage=stage,
                        delta=1,
                        submission_id=uuid.uuid4(),
                    )
                )
            )

    run_in_threads(work)
    spent = sum(DotVote.objects.filter(participant=participant).values_list("count", flat=True))
    assert spent == N
    assert outcomes.count("saved") == N
    assert outcomes.count("no_dots") == THREADS * TRIES_EACH - N


def test_the_same_submission_sent_at_once_from_many_threads_counts_once(setup):
    activity, participant, stages = setup
    same = uuid.uuid4()
    outcomes = []

    def work(i):
        outcomes.append(
            retrying(
                lambda: services.change_dots(
                    participant=Participant.objects.get(pk=participant.pk),
                    activity=Activity.objects.get(pk=activity.pk),
                    stage=stages[0],
                    delta=1,
                    submission_id=same,
                )
            )
        )

    run_in_threads(work)
    assert DotVote.objects.get(participant=participant).count == 1
    assert Submission.objects.filter(submission_id=same).count() == 1
    assert sorted(outcomes) == ["duplicate"] * (THREADS - 1) + ["saved"]
