"""The one rate limiter: counts events per key in fixed windows in the shared cache (the
database cache, or Redis), so every app server sees the same counts.

    if not ratelimit.hit(f"kano:survey:{survey.pk}:{ratelimit.client_ip(request)}", 120, 60):
        return too_many_requests()

`hit` counts one event and answers whether it is still within the limit; `count` only reads
(e.g. "ten failures already?" before trying again); `reset` forgets a key. Keys name the scope
and the thing counted (an address, an e-mail, a participant); the window's number is added here.
"""

import time

from django.core.cache import cache

PREFIX = "rl"


def _key(key: str, window: int) -> str:
    return f"{PREFIX}:{key}:{window}:{int(time.time() // window)}"


def hit(key: str, limit: int, window: int) -> bool:
    """Counts one event under `key`; True while at most `limit` events fell in this
    `window`-second window, False once the limit is exceeded."""
    full = _key(key, window)
    # Twice the window, so the entry outlives its window even when written at its very end.
    if cache.add(full, 1, window * 2):
        return 1 <= limit
    try:
        return cache.incr(full) <= limit
    except ValueError:  # expired between add and incr
        cache.set(full, 1, window * 2)
        return 1 <= limit


def count(key: str, window: int) -> int:
    """Events counted under `key` in the current window, without counting one more."""
    return cache.get(_key(key, window), 0)


def reset(key: str, window: int) -> None:
    cache.delete(_key(key, window))


def client_ip(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client wants it to be. Behind a
    # proxy, the proxy sets REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips with a middleware).
    return request.META.get("REMOTE_ADDR", "") or "unknown"
