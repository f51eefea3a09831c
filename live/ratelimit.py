"""Rate limits for joining a live session, counted in the shared cache (the database cache, or
Redis), so every app server sees the same counts.

Codes are short, so wrong guesses are what is limited hard: 10 failed attempts a minute from
one address. A whole room often shares one address (the venue's Wi-Fi), so joins that succeed
are limited more loosely, per address and per code. The limits can be set in settings as
LIVE_JOIN_LIMITS = {"failures_per_ip": 10, "attempts_per_ip": 100, "joins_per_code": 200}.
"""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 60  # seconds
DEFAULTS = {"failures_per_ip": 10, "attempts_per_ip": 100, "joins_per_code": 200}


def limits() -> dict:
    return DEFAULTS | getattr(settings, "LIVE_JOIN_LIMITS", {})


def _key(name: str, value: str) -> str:
    return f"live:rl:{name}:{value}:{int(time.time() // WINDOW)}"


def _count(name, value) -> int:
    return cache.get(_key(name, value), 0)


def _hit(name, value) -> int:
    key = _key(name, value)
    if cache.add(key, 1, WINDOW * 2):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW * 2)
        return 1


def client_ip(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client wants it to be. Behind a
    # proxy, the proxy sets REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips with a middleware).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def join_blocked(ip: str) -> bool:
    """True when this address must wait: too many wrong codes, or too many attempts."""
    limit = limits()
    if _count("fail", ip) >= limit["failures_per_ip"]:
        return True
    return _hit("try", ip) > limit["attempts_per_ip"]


def join_failed(ip: str):
    _hit("fail", ip)


def code_full(code: str) -> bool:
    """True when this code has had too many joins this minute (a flood of fake participants)."""
    return _hit("code", code) > limits()["joins_per_code"]
