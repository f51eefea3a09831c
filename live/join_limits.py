"""How many joins a live session takes, counted with the shared limiter (workshops/ratelimit.py).

Codes are short, so wrong guesses are what is limited hard: 10 failed attempts a minute from
one address. A whole room often shares one address (the venue's Wi-Fi), so joins that succeed
are limited more loosely, per address and per code. The limits can be set in settings as
LIVE_JOIN_LIMITS = {"failures_per_ip": 10, "attempts_per_ip": 100, "joins_per_code": 200}.
"""

from django.conf import settings

from workshops import ratelimit

WINDOW = 60  # seconds
DEFAULTS = {"failures_per_ip": 10, "attempts_per_ip": 100, "joins_per_code": 200}


def limits() -> dict:
    return DEFAULTS | getattr(settings, "LIVE_JOIN_LIMITS", {})


def join_blocked(ip: str) -> bool:
    """True when this address must wait: too many wrong codes, or too many attempts."""
    limit = limits()
    if ratelimit.count(f"live:join-fail:{ip}", WINDOW) >= limit["failures_per_ip"]:
        return True
    return not ratelimit.hit(f"live:join-try:{ip}", limit["attempts_per_ip"], WINDOW)


def join_failed(ip: str):
    ratelimit.hit(f"live:join-fail:{ip}", limits()["failures_per_ip"], WINDOW)


def code_full(code: str) -> bool:
    """True when this code has had too many joins this minute (a flood of fake participants)."""
    return not ratelimit.hit(f"live:join-code:{code}", limits()["joins_per_code"], WINDOW)
