"""Web respondents' secret tokens stay in the respondent's browser.

A respondent's token (in their cookie and resume link) lets them change their answers, so it
is never stored or shown: the database keeps `sha256:<hex>` of it, which is also the
respondent's id in exports. The id proves nothing: the resume link needs the token itself.
Respondents saved before keys were hashed still have the bare token as key; they are found
by it and exported hashed.
"""

import hashlib
import re

HASHED_PREFIX = "sha256:"
# secrets.token_urlsafe(16), the tokens handed out before keys were hashed.
BARE_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


def hashed_key(token: str) -> str:
    return HASHED_PREFIX + hashlib.sha256(token.encode()).hexdigest()


def lookup_keys(token: str) -> list[str]:
    """The stored keys a resume token can match: its hash, or itself if saved before hashing.
    An id from an export (`sha256:...`) matches nothing."""
    if not token or ":" in token:
        return []
    keys = [hashed_key(token)]
    if BARE_TOKEN.fullmatch(token):
        keys.append(token)
    return keys


def public_id(key: str, *, web: bool) -> str:
    """The id of a respondent in exports: never a web respondent's token."""
    if web and BARE_TOKEN.fullmatch(key):
        return hashed_key(key)
    return key
