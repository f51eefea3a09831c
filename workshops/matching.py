"""Segment name matching shared by segments, Kano and profitability (which never import
segments): which Kano respondents and profitability rows belong to a segment. No Django.

A Kano respondent belongs to a segment when the value of the chosen respondent attribute is the
segment's name or one of the segment's listed values; a profitability segment row belongs to
the segment of the same name. Both compare case-insensitively, ignoring surrounding spaces.
"""

from collections.abc import Iterable


def normalise(value) -> str:
    return " ".join(str(value).split()).casefold()


def kano_values(name: str, listed: str) -> set[str]:
    """The normalised attribute values of a segment: its name plus the comma-separated list."""
    values = {normalise(name)}
    values.update(normalise(part) for part in (listed or "").split(","))
    values.discard("")
    return values


def matching_keys(attributes: Iterable[tuple[object, dict]], attribute: str, values: set[str]):
    """The keys of the (key, attributes) pairs whose `attribute` is one of `values`."""
    found = []
    for key, given in attributes:
        value = (given or {}).get(attribute)
        if value is not None and normalise(value) in values:
            found.append(key)
    return found


def same_name(name: str, candidates: Iterable) -> object | None:
    """The first candidate whose `.name` equals `name`, case-insensitively, or None."""
    wanted = normalise(name)
    for candidate in candidates:
        if normalise(candidate.name) == wanted:
            return candidate
    return None
