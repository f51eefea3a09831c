"""python manage.py kano_analyze FILE [--threshold] --format json|table"""

import json

import pytest
from django.core.management import CommandError, call_command

ROWS = [
    # Speed: 3 x (1,5)=O, 1 x (2,5)=M, 1 x (1,3)=A  -> O
    ("a", "Speed", 1, 5, 9),
    ("b", "Speed", 1, 5, 7),
    ("c", "Speed", 1, 5, ""),
    ("d", "Speed", 2, 5, 5),
    ("e", "Speed", 1, 3, ""),
    # Gift: 2 x A, 2 x I, 1 x M -> tie A/I, mode tie-break M, O, A, I gives A
    ("a", "Gift", 1, 3, ""),
    ("b", "Gift", 1, 4, ""),
    ("c", "Gift", 3, 3, ""),
    ("d", "Gift", 3, 4, ""),
    ("e", "Gift", 2, 5, ""),
]


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.csv"
    lines = ["respondent,factor,functional,dysfunctional,importance"]
    lines += [",".join(str(v) for v in row) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("kano_analyze", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_has_every_documented_figure(answers_file):
    out, _ = run(str(answers_file), "--format", "json")
    document = json.loads(out)
    speed, gift = document["factors"]
    assert speed == {
        "factor": "Speed",
        "n": 5,
        "counts": {"A": 1, "O": 3, "M": 1, "I": 0, "R": 0, "Q": 0},
        "category": "O",
        "category_moai": "O",
        "category_aom": "O",
        "category_strength": pytest.approx(0.4),
        "total_strength": 1.0,
        "better": pytest.approx(0.8),
        "worse": pytest.approx(-0.8),
        "fong": {
            "difference": 2.0,
            # 1.65 * sqrt((3+1)(10-3-1)/10) = 1.65 * sqrt(2.4)
            "threshold": pytest.approx(1.65 * 2.4**0.5),
            "significant": False,
        },
        "continuous": {
            # functional answers 1,1,1,2,1 -> scores 4,4,4,2,4
            "functional_mean": pytest.approx(3.6),
            "functional_sd": pytest.approx(0.894427191),
            # dysfunctional answers 5,5,5,5,3 -> 4,4,4,4,0
            "dysfunctional_mean": pytest.approx(3.2),
            "dysfunctional_sd": pytest.approx(1.788854382),
        },
        "importance_mean": pytest.approx(7.0),
    }
    assert gift["category"] == "A"
    assert gift["importance_mean"] is None
    assert gift["better"] == pytest.approx(2 / 5)  # shares as fractions of 1


def test_threshold_changes_the_moai_rule(answers_file):
    # Gift: A 2, I 2, M 1 of 5: category strength 0; below any threshold A wins over I.
    # Speed: strength 0.4; with threshold 0.5 the rule picks the first of M, O, A, I among
    # the two most frequent (O 3, then A and M tie at 1, M first): M.
    document = json.loads(run(str(answers_file), "--threshold", "0.5")[0])
    speed = document["factors"][0]
    assert speed["category"] == "O"
    assert speed["category_moai"] == "M"


def test_table_output_has_a_header_and_one_line_per_factor(answers_file):
    out, _ = run(str(answers_file), "--format", "table")
    lines = out.strip().split("\n")
    assert lines[0].split()[:3] == ["factor", "n", "A"]
    assert lines[1].split()[:9] == ["Speed", "5", "1", "3", "1", "0", "0", "0", "O"]
    assert len(lines) == 3


def test_bad_input_prints_row_and_column_to_stderr_and_fails(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "respondent,factor,functional,dysfunctional\nr1,Speed,1,4\nr2,Speed,maybe,4\n",
        encoding="utf-8",
    )
    from io import StringIO

    err = StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("kano_analyze", str(path), stderr=err)
    assert "row 3, column 'functional'" in err.getvalue()
    assert "'maybe' is not an answer" in err.getvalue()


def test_missing_file_and_bad_threshold_fail(tmp_path, answers_file):
    with pytest.raises(CommandError):
        call_command("kano_analyze", str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError, match="fraction"):
        call_command("kano_analyze", str(answers_file), "--threshold", "6")
