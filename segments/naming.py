"""A gentle check on segment names: names that rank people get a hint, never a block.

The method's rule (DOMAIN.md section 3): a segment has a positive name that says what the group
values. A class letter ("C customers", "C-asiakkaat", "D-luokka", "tier 3") or a judging word
("bad", "losers", "huonot", "luuserit") ranks people, and the team starts treating them so; call
them "Potential" ("Potentiaaliset") instead. Both languages' patterns are checked whatever the
workshop language, since Finnish teams often write English labels and vice versa; the language
only picks the hint's wording (in `segments/texts/<language>.toml`).
"""

import re

from workshops.method_texts import MethodTexts

TEXTS = MethodTexts.of(__file__)

_CUSTOMER_WORDS_EN = r"(?:customers?|clients?|accounts?|class|tier|segments?|groups?|buyers?)"
_CUSTOMER_WORDS_FI = r"(?:asiakk\w*|asiakas\w*|luok\w*|ryhm\w*|segment\w*|ostaj\w*|kategori\w*)"

_PATTERNS = (
    # A class letter before a word for customers or classes: "C customers", "C-asiakkaat",
    # "D-luokka", "B segment". "A" alone needs a hyphen or a plural, so "A customer in a hurry"
    # or "A group of friends" stays a plain sentence.
    re.compile(rf"\b[B-F]\s*[-‐–]?\s*(?i:{_CUSTOMER_WORDS_EN}|{_CUSTOMER_WORDS_FI})"),
    re.compile(rf"\bA\s*[-‐–]\s*(?i:{_CUSTOMER_WORDS_EN}|{_CUSTOMER_WORDS_FI})"),
    re.compile(r"\bA\s+(?i:customers|clients|asiakkaat)\b"),
    # A class or tier named after the word: "class C", "tier 3", "luokka D", "luokan C".
    re.compile(r"(?i:\b(?:class|tier|grade|luokka|luokan|luokkaan)\s*[-‐–]?\s*)(?:[A-F]|[1-9])\b"),
    re.compile(
        r"(?i:\b(?:second|third|2nd|3rd|kakkos|kolmos|toisen|kolmannen)\s*[-‐–]?\s*"
        r"(?:class|rate|luok\w*))"
    ),
    # Words that judge people.
    re.compile(
        r"(?i:\b(?:bad|worst|losers?|useless|worthless|hopeless|deadbeats?|freeloaders?|"
        r"leech(?:es)?|parasites?|dead\s*weight|low[-\s]?value|unprofitable|scum|"
        r"bottom[-\s]?feeders?|problem\s+(?:customers?|clients?))\b)"
    ),
    re.compile(
        r"(?i:\b(?:huono\w*|huonoimm\w*|pahimm\w*|pahin\w*|luuseri\w*|surke\w*|turhak\w*|"
        r"turhat\b|kannattamatto\w*|tappiolli\w*|roskasak\w*|pohjasak\w*|loise\w*|"
        r"siivellä\w*|vapaamatkusta\w*|riesa\w*|hankalimm\w*|ongelma-?asiak\w*))"
    ),
)


def ranking_name_hint(name: str, language: str) -> str | None:
    """The hint for a name that ranks people, in `language` ("fi" or "en"); None if fine."""
    text = " ".join(str(name or "").split())
    if not text:
        return None
    if any(pattern.search(text) for pattern in _PATTERNS):
        return TEXTS.get("ranking_name_hint", language)
    return None
