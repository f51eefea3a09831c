"""Pure helpers: short codes, question texts, attribute lines, figures and quadrants."""

import pytest

from kano import codes, figures, questions
from kano.analysis import AnswerPair, analyze


def test_short_code_alphabet_has_no_look_alikes():
    assert not set(codes.SHORT_CODE_ALPHABET) & set("01OIL")
    code = codes.new_short_code()
    assert len(code) == 6 and set(code) <= set(codes.SHORT_CODE_ALPHABET)


def test_normalise_code_drops_spaces_and_dashes_and_upper_cases():
    assert codes.normalise_code(" ab3 k-7x ") == "AB3K7X"


def test_default_questions_in_both_languages():
    assert questions.default_questions("Nopea toimitus", "fi") == (
        "Jos ”Nopea toimitus” toteutuu, miltä se sinusta tuntuu?",
        "Jos ”Nopea toimitus” ei toteudu, miltä se sinusta tuntuu?",
    )
    assert questions.default_questions(" Fast delivery ", "en")[1] == (
        "If “Fast delivery” is not provided, how do you feel?"
    )
    assert questions.default_questions("x", "sv") == questions.default_questions("x", "en")


def test_the_five_answers_in_both_languages():
    assert [label for _, label in questions.answer_choices("fi")] == [
        "Pidän siitä",
        "Odotan sitä",
        "Yhdentekevää",
        "Voin sietää sen",
        "En pidä siitä",
    ]
    assert [label for _, label in questions.answer_choices("en")] == [
        "I like it",
        "I expect it",
        "I am neutral",
        "I can live with it",
        "I dislike it",
    ]


def test_attribute_lines_round_trip():
    text = "Segment: Business, Consumer,  Business\n\nRole"
    parsed, problems = questions.parse_attribute_lines(text)
    assert problems == []
    assert [q.as_json() for q in parsed] == [
        {"name": "Segment", "options": ["Business", "Consumer"]},
        {"name": "Role", "options": []},
    ]
    assert questions.attribute_lines([q.as_json() for q in parsed]) == (
        "Segment: Business, Consumer\nRole"
    )


def test_attribute_lines_problems_name_the_line():
    _, problems = questions.parse_attribute_lines(": a, b\nRole\nrole")
    assert problems == [(1, "no_name", ""), (3, "repeated", "role")]


@pytest.mark.parametrize(
    ("abs_worse", "better", "quadrant"),
    [(0.2, 0.8, "A"), (0.8, 0.8, "O"), (0.8, 0.2, "M"), (0.2, 0.2, "I"), (0.5, 0.5, "O")],
)
def test_better_worse_quadrants(abs_worse, better, quadrant):
    assert figures.quadrant(abs_worse, better) == quadrant


def test_category_counts_from_cells():
    counts = figures.category_counts([(1, 5, 3), (2, 5, 2), (1, 1, 1), (5, 1, 4)])
    assert counts == {"A": 0, "O": 3, "M": 2, "I": 0, "R": 4, "Q": 1}


def test_figures_document_uses_the_given_names_and_fractions():
    pairs = [
        AnswerPair(respondent="a", factor="k1", functional=1, dysfunctional=5, importance=4),
        AnswerPair(respondent="b", factor="k1", functional=2, dysfunctional=5),
    ]
    document = figures.figures_document(analyze(pairs), {"k1": "Speed"})
    [speed] = document["factors"]
    assert speed["factor"] == "Speed"
    assert speed["counts"] == {"A": 0, "O": 1, "M": 1, "I": 0, "R": 0, "Q": 0}
    assert speed["better"] == 0.5 and speed["worse"] == -1.0
    assert speed["importance_mean"] == 4.0
    table = figures.format_table(figures.table_rows(document))
    assert table.splitlines()[1].split()[:3] == ["Speed", "2", "0"]
