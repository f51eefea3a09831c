"""The Kano tile on the workshop dashboard and the Kano chapter of the report."""

from django.template.loader import render_to_string
from django.urls import reverse

from kano.models import ConsensusClassification
from kano.services import create_factor
from tests.kano.conftest import add_answers
from workshops import registry


def test_dashboard_tile_summarises_kano(en_client_for, viewer, workshop, survey, factors):
    add_answers(survey, [("a", factors[0], 1, 4), ("b", factors[0], 1, 4)])
    response = en_client_for(viewer).get(reverse("workshops:dashboard", args=[workshop.pk]))
    assert response.status_code == 200
    context = dict(response.context["tiles"])[registry.dashboard_tiles["kano"]]
    assert (context["factors"], context["rounds"], context["responses"]) == (2, 1, 2)
    assert "<strong>2</strong> factors" in response.text
    assert reverse("kano:results", args=[workshop.pk]) in response.text
    assert survey.short_code in response.text  # the open round's code


def render_chapter(workshop):
    chapter = registry.report_chapters["kano"]
    context = chapter.context(workshop, {})
    return render_to_string(chapter.template, context)


def test_report_chapter_has_table_charts_and_priorities(workshop, survey, factors):
    add_answers(
        survey,
        [("a", factors[0], 2, 5, 9), ("a", factors[1], 1, 3), ("b", factors[0], 2, 5)],
    )
    ConsensusClassification.objects.create(factor=factors[1], category="A", note="Ilahduttaa")
    html = render_chapter(workshop)
    assert html.lstrip().startswith('<section class="chapter">')
    assert "<h1>" in html
    assert 'class="report-table"' in html
    assert html.count('<figure class="chart">') == 2
    assert html.count("<svg") == 2
    assert "<li>Nopea toimitus:" in html  # priorities, must-be first
    assert html.index("<li>Nopea toimitus:") < html.index("<li>Selkeä lasku:")
    assert "Ilahduttaa" in html


def test_report_chapter_without_answers(workshop):
    html = render_chapter(workshop)
    assert '<section class="chapter">' in html
    assert "<svg" not in html


def test_report_chapter_escapes_factor_names(workshop, survey):
    evil = create_factor(workshop=workshop, name="<img src=x onerror=alert(1)>")
    add_answers(survey, [("a", evil, 1, 5)])
    html = render_chapter(workshop)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_export_tables_list_factors_figures_and_consensus(workshop, survey, factors):
    from workshops.exports.tables import tables_xlsx

    add_answers(survey, [("a", factors[0], 2, 5, 9), ("b", factors[0], 2, 5)])
    ConsensusClassification.objects.create(factor=factors[1], category="A", note="=HYPERLINK(1)")
    tables = {t.key: t for t in registry.export_tables["kano"].tables(workshop)}
    assert [row["name"] for row in tables["kano_factors"].rows] == [
        "Nopea toimitus",
        "Selkeä lasku",
    ]
    [figures] = tables["kano_results"].rows
    assert (figures["factor"], figures["n"], figures["M"], figures["category"]) == (
        "Nopea toimitus",
        2,
        2,
        "M",
    )
    assert figures["importance_mean"] == 9.0
    assert tables["kano_consensus"].rows[0]["note"] == "=HYPERLINK(1)"
    assert tables_xlsx(list(tables.values())).startswith(b"PK")


def test_counts_of_one_are_singular_in_finnish_and_english(
    client_for, en_client_for, manager, workshop, survey, factors
):
    add_answers(survey, [("r1", factors[0], 1, 4)])
    dashboard = client_for(manager).get(reverse("workshops:dashboard", args=[workshop.pk])).text
    assert "<strong>1</strong> kyselykierros<" in dashboard
    assert "<strong>1</strong> vastaus<" in dashboard
    page = en_client_for(manager).get(reverse("kano:survey", args=[survey.pk])).text
    assert "<strong>1</strong> respondent<" in page
    assert "1</strong> respondents" not in page
