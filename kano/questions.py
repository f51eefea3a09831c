"""The questionnaire's default texts, in Finnish and English, chosen by the workshop's language.

Small pure functions, no Django (like journey/method.py); the texts themselves are in
`kano/texts/<language>.toml`, where translators edit them. Written for Arvopolku: the two
questions per factor and the five standard answers of the Kano questionnaire (Kano et al.
1984), and the optional self-stated importance (Fong 1996).
"""

from __future__ import annotations

from dataclasses import dataclass

from workshops.method_texts import MethodTexts

TEXTS = MethodTexts.of(__file__)

# The five standard answers, 1..5, in the order of the evaluation table.
ANSWER_VALUES = (1, 2, 3, 4, 5)

MAX_ATTRIBUTE_QUESTIONS = 5
MAX_OPTIONS = 30


def default_questions(name: str, language: str) -> tuple[str, str]:
    """The functional and dysfunctional question generated from a factor's name."""
    name = name.strip()
    return (
        TEXTS.get("questions.functional", language, name=name),
        TEXTS.get("questions.dysfunctional", language, name=name),
    )


def answer_choices(language: str) -> list[tuple[int, str]]:
    """The five standard answers as (value, label) in the workshop's language."""
    return [(value, TEXTS.get(f"answers.{value}", language)) for value in ANSWER_VALUES]


def importance_question(language: str) -> str:
    """The optional self-stated importance question (1-9)."""
    return TEXTS.get("questions.importance", language)


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
