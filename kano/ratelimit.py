"""A modest limit on the public survey POSTs, counted in the shared cache.

Counted per client address and per scope (a survey, or the code entry page), in fixed
windows. A workshop room shares one address behind its Wi-Fi, so the survey limit allows a
full room answering at once; it stops scripted floods, not people.
"""

from django.core.cache import cache

SURVEY_POSTS_PER_MINUTE = 120
CODE_POSTS_PER_MINUTE = 30
WINDOW_SECONDS = 60


def client_address(request) -> str:
    # REMOTE_ADDR only: a forwarded-for header is set by the client and proves nothing here.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request, scope: str, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Counts this request; False once `limit` requests came from the address in the window."""
    key = f"kano-rate:{scope}:{client_address(request)}"
    if cache.add(key, 1, window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, window)
        return True
    return count <= limit
