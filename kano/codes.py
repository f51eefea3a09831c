"""Short survey codes that a respondent types on a phone.

Pure logic, no Django. Six characters from an alphabet without the look-alikes 0/O and
1/I/L, so a code read from a projector is typed right the first time.
"""

import secrets

SHORT_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SHORT_CODE_LENGTH = 6


def new_short_code() -> str:
    """A random code of `SHORT_CODE_LENGTH` characters from `SHORT_CODE_ALPHABET`."""
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def normalise_code(text: str) -> str:
    """The code as stored: upper case, with spaces and dashes dropped ("ab3 k-7x" -> "AB3K7X")."""
    return "".join(ch for ch in str(text).upper() if ch not in " -\t")
