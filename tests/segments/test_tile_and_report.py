from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from segments import services
from segments.models import CriterionScore
from workshops import registry


def render_tile(workshop, user):
    """The tile as the dashboard renders it (without the other modules' tiles)."""
    request = RequestFactory().get("/")
    request.user = user
    workshop.user_role = "manager"
    tile = registry.dashboard_tiles["segments"]
    context = {"tile_context": tile.context(request, workshop), "workshop": workshop}
    with translation.override("en"):
        return render_to_string(tile.template, context)


def test_dashboard_tile_counts_segments_and_names_the_most_valuable(
    manager, workshop, segment, other_segment
):
    CriterionScore.objects.filter(segment=other_segment, criterion__key="margin").update(score=5)
    CriterionScore.objects.filter(segment=segment, criterion__key="margin").update(score=3)
    tile = render_tile(workshop, manager)
    assert "2 segments" in tile
    assert "Yrittäjät" in tile and "5.00" in tile
    assert "Perheelliset" not in tile
    for name in ("list", "matrix", "value", "selection"):
        assert reverse(f"segments:{name}", args=[workshop.pk]) in tile


def test_tile_names_every_segment_tied_for_first(manager, workshop, segment, other_segment):
    CriterionScore.objects.filter(criterion__key="margin").update(score=4)
    tile = render_tile(workshop, manager)
    assert "Yrittäjät" in tile and "Perheelliset" in tile


def test_tile_escapes_segment_names(manager, workshop):
    segment = services.create_segment(workshop=workshop, name="<script>alert(1)</script>")
    CriterionScore.objects.filter(segment=segment, criterion__key="margin").update(score=4)
    tile = render_tile(workshop, manager)
    assert "<script>" not in tile and "&lt;script&gt;" in tile


def test_segments_are_registered_in_the_exchange_tiles_and_report():
    assert registry.exchange_sections["segments"].order == 30
    tile = registry.dashboard_tiles["segments"]
    assert tile.template == "segments/tile.html" and tile.order == 30
    chapter = registry.report_chapters["segments"]
    assert chapter.template == "segments/report_chapter.html"


def test_report_chapter_shows_profiles_matrix_ranking_and_value_experience(workshop, segment):
    services.apply_example(matrix=services.get_matrix(workshop), language="fi")
    cell = services.get_matrix(workshop).cells.get(row_value="Taksi", column_value="Pullistelija")
    cell.text = "Näyttävyys"
    cell.save()
    segment.identification_criteria = "Lapsiperhe"
    segment.save()
    CriterionScore.objects.filter(segment=segment, criterion__key="margin").update(score=4)
    experience = segment.experience.get(kind="gain", dimension="emotional", moment="after")
    experience.strength = 2
    experience.save()
    chapter = registry.report_chapters["segments"]
    with translation.override("en"):
        html = render_to_string(chapter.template, chapter.context(workshop, {}))
    assert html.count('<section class="chapter"') == 1 and "<h1>" in html
    assert "Lapsiperhe" in html
    assert "Näyttävyys" in html and "Maasturi" in html
    assert html.count("<svg") == 2  # the ranking and this segment's value experience
    assert "<td>4.00</td>" in html


def test_report_chapter_escapes_user_text(workshop):
    services.create_segment(workshop=workshop, name="<script>alert(1)</script>")
    chapter = registry.report_chapters["segments"]
    html = render_to_string(chapter.template, chapter.context(workshop, {}))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_report_chapter_of_a_workshop_without_segments(workshop):
    chapter = registry.report_chapters["segments"]
    html = render_to_string(chapter.template, chapter.context(workshop, {}))
    assert "<svg" not in html and "<h1>" in html
