import pytest

from segments import charts

pytestmark = pytest.mark.django_db  # the chart cache lives in the database

XSS = "<script>alert(1)</script>"


def test_ranking_chart_draws_a_bar_per_scored_segment_with_escaped_names():
    svg = charts.ranking_svg([(XSS, 4.5), ("Perheelliset", 3.25), ("Uudet", None)], axis_label="x")
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "Perheelliset" in svg and "3.25" in svg
    assert "Uudet" not in svg  # no total, no bar


def test_cube_chart_escapes_names():
    svg = charts.cube_svg(
        [(XSS, 3, 4, 5)], volume_label="V", efficiency_label="E", duration_label="D"
    )
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_experience_chart_shows_each_moment_and_escapes_the_title():
    svg = charts.experience_svg(
        [("Ennen ostoa", 5, -2, 3), ("Kaupanteko", 0, 0, 0), ("Oston jälkeen", 2, -3, -1)],
        gains_label="Hyödyt",
        sacrifices_label="Uhraukset",
        net_label="Netto",
        title=XSS,
    )
    assert "<script" not in svg
    assert all(text in svg for text in ("Ennen ostoa", "Oston jälkeen", "Hyödyt", "Uhraukset"))


def test_dollar_signs_in_names_are_text_not_mathtext():
    svg = charts.ranking_svg([("$5 $10 buyers", 3.0)], axis_label="x")
    assert "$5 $10 buyers" in svg
