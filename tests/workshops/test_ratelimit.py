"""The one rate limiter: fixed windows in the shared cache."""

import time
from unittest import mock

from workshops import ratelimit


def test_allows_up_to_the_limit_then_refuses(db):
    assert [ratelimit.hit("t:a", 3, 60) for _ in range(5)] == [True, True, True, False, False]
    assert ratelimit.count("t:a", 60) == 5


def test_keys_are_counted_apart(db):
    for _ in range(3):
        ratelimit.hit("t:a", 3, 60)
    assert ratelimit.hit("t:b", 3, 60)
    assert not ratelimit.hit("t:a", 3, 60)


def test_a_new_window_starts_from_zero(db):
    start = (time.time() // 60) * 60 + 60  # the start of the next window
    with mock.patch("workshops.ratelimit.time.time", return_value=start):
        for _ in range(3):
            ratelimit.hit("t:a", 3, 60)
        assert not ratelimit.hit("t:a", 3, 60)
    with mock.patch("workshops.ratelimit.time.time", return_value=start + 60):
        assert ratelimit.hit("t:a", 3, 60)


def test_reset_forgets(db):
    for _ in range(4):
        ratelimit.hit("t:a", 3, 60)
    ratelimit.reset("t:a", 60)
    assert ratelimit.count("t:a", 60) == 0


def test_client_ip_ignores_forwarded_for(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert ratelimit.client_ip(request) == "10.0.0.1"
