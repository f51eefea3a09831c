"""The questionnaire's default texts, in Finnish and English, chosen by the workshop's language.

Pure data and small pure functions, no Django (like journey/method.py). Written for Arvopolku:
the two questions per factor and the five standard answers of the Kano questionnaire (Kano et
al. 1984), and the optional self-stated importance (Fong 1996).
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("fi", "en")

# The five standard answers, 1..5, in the order of the evaluation table.
ANSWER_LABELS: dict[str, dict[int, str]] = {
    "fi": {
        1: "Pidän siitä",
        2: "Odotan sitä",
        3: "Yhdentekevää",
        4: "Voin sietää sen",
        5: "En pidä siitä",
    },
    "en": {
        1: "I like it",
        2: "I expect it",
        3: "I am neutral",
        4: "I can live with it",
        5: "I dislike it",
    },
}

# (functional, dysfunctional) question templates; {name} is the factor's name.
QUESTION_TEMPLATES: dict[str, tuple[str, str]] = {
    "fi": (
        "Jos ”{name}” toteutuu, miltä se sinusta tuntuu?",
        "Jos ”{name}” ei toteudu, miltä se sinusta tuntuu?",
    ),
    "en": (
        "If “{name}” is provided, how do you feel?",
        "If “{name}” is not provided, how do you feel?",
    ),
}

IMPORTANCE_QUESTION: dict[str, str] = {
    "fi": "Kuinka tärkeä tämä on sinulle? (1 ei lainkaan tärkeä – 9 erittäin tärkeä)",
    "en": "How important is this to you? (1 not at all important – 9 extremely important)",
}

MAX_ATTRIBUTE_QUESTIONS = 5
MAX_OPTIONS = 30


def language_of(language: str) -> str:
    """The workshop's language if the texts exist in it, else English."""
    return language if language in LANGUAGES else "en"


def default_questions(name: str, language: str) -> tuple[str, str]:
    """The functional and dysfunctional question generated from a factor's name."""
    functional, dysfunctional = QUESTION_TEMPLATES[language_of(language)]
    return functional.format(name=name.strip()), dysfunctional.format(name=name.strip())


def answer_choices(language: str) -> list[tuple[int, str]]:
    """The five standard answers as (value, label) in the workshop's language."""
    return list(ANSWER_LABELS[language_of(language)].items())


@dataclass(frozen=True)
class AttributeQuestion:
    """A respondent attribute asked on the survey (segment, role, customer group)."""

    name: str
    options: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return {"name": self.name, "options": list(self.options)}


def parse_attribute_lines(text: str) -> tuple[list[AttributeQuestion], list[tuple]]:
    """Attribute questions from lines like "Segment: Business, Consumer, Public sector".

    One question per line; the options after the colon are separated by commas; a line
    without a colon is a free-text question. Returns the questions and the problems found as
    (line number, code, name) with code "no_name", "too_long", "repeated", "too_many_options"
    or "too_many_questions" (line 0), for the form to put into words.
    """
    questions: list[AttributeQuestion] = []
    problems: list[tuple] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _colon, rest = line.partition(":")
        name = " ".join(name.split())
        options = tuple(dict.fromkeys(o.strip() for o in rest.split(",") if o.strip()))
        if not name:
            problems.append((number, "no_name", ""))
        elif len(name) > 100 or any(len(o) > 100 for o in options):
            problems.append((number, "too_long", name))
        elif name.casefold() in seen:
            problems.append((number, "repeated", name))
        elif len(options) > MAX_OPTIONS:
            problems.append((number, "too_many_options", name))
        else:
            seen.add(name.casefold())
            questions.append(AttributeQuestion(name=name, options=options))
    if len(questions) > MAX_ATTRIBUTE_QUESTIONS:
        problems.append((0, "too_many_questions", ""))
    return questions, problems


def attribute_lines(questions: list[dict]) -> str:
    """The inverse of `parse_attribute_lines`, for editing stored questions."""
    lines = []
    for question in questions:
        options = question.get("options") or []
        lines.append(question["name"] + (": " + ", ".join(options) if options else ""))
    return "\n".join(lines)
