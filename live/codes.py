"""Join codes for live sessions: short, typed on a phone, read from a projector.

Pure module (no Django). Six characters from an alphabet without look-alikes (no 0/O, 1/I/L),
so a code read across the room is typed right the first time: 31**6, about 887 million codes.
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 6


def generate_code(choice=secrets.choice) -> str:
    """A random code; `choice` is injectable for tests."""
    return "".join(choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(text: str) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter."""
    return "".join(ch for ch in str(text).upper() if ch not in " -\t")


def looks_like_code(text: str) -> bool:
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text)
