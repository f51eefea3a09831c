"""The report's tables get their column widths, and its charts become images, before layout."""

from xml.etree.ElementTree import fromstring

import pytest

from workshops.exports.fetcher import REPORT_BASE_URL, RefusedURL, ReportURLFetcher
from workshops.exports.prepare import (
    AVERAGE_EMS,
    CELL_PADDING_EMS,
    ColumnText,
    GlyphWidths,
    charts_as_images,
    fix_table_columns,
    measure,
    shares,
)

LONG = "The customer compares offers and expects a quick, clear answer on the same day " * 3


def table(body: str, css="report-table") -> str:
    return f'<div><table class="{css}">{body}</table></div>'


def widths(root):
    return [float(col.get("style").split()[1].rstrip("%")) for col in root.iter("col")]


def test_text_column_gets_the_room_and_the_number_column_its_digits():
    root = fromstring(
        table(
            "<thead><tr><th>#</th><th>What</th><th class='num'>Score</th></tr></thead>"
            f"<tbody><tr><td>1</td><td>{LONG}</td><td class='num'>1234567</td></tr></tbody>"
        )
    )
    assert fix_table_columns(root) == 1
    number, text, score = widths(root)
    assert round(number + text + score) == 100
    assert text > 60
    assert number < score < text
    assert "table-layout: fixed" in root.find("table").get("style")


def test_short_columns_are_as_wide_as_their_text():
    pad = CELL_PADDING_EMS
    expected = [100 * (10 + pad) / (40 + 2 * pad), 100 * (30 + pad) / (40 + 2 * pad)]
    assert shares([ColumnText(3, 10), ColumnText(5, 30)]) == pytest.approx(expected)


def test_a_column_never_gets_less_than_its_longest_word():
    columns = [ColumnText(10, 400), ColumnText(30, 400)]
    narrow, wide = shares(columns, line=45)
    assert narrow / 100 * 45 >= 10 + CELL_PADDING_EMS
    assert wide / 100 * 45 >= 30 + CELL_PADDING_EMS


def test_a_table_wider_than_its_page_is_left_to_weasyprint():
    assert shares([ColumnText(10, 400), ColumnText(30, 400)], line=20) == []
    figures = "".join(f"<td class='num'>{'1 234 567,89 €'}</td>" for _ in range(12))
    root = fromstring(table(f"<tr>{figures}</tr>"))
    assert fix_table_columns(root) == 0
    assert root.find("table").get("style") is None


def test_a_table_a_little_too_wide_gets_smaller_type_and_a_landscape_page_has_room():
    figures = "".join("<td class='num'>1 234 567 €</td>" for _ in range(9))
    portrait = fromstring(f"<div class='page'>{table(f'<tr>{figures}</tr>')}</div>")
    landscape = fromstring(f"<div class='wide'>{table(f'<tr>{figures}</tr>')}</div>")
    assert fix_table_columns(portrait) == 1
    size = portrait.find(".//table").get("style").split("font-size: ")[1]
    assert 7.0 <= float(size.removesuffix("pt")) < 8.5
    assert widths(portrait) == pytest.approx([100 / 9] * 9, abs=0.01)
    assert fix_table_columns(landscape) == 1
    assert "font-size" not in landscape.find(".//table").get("style")


def test_headers_wrap_at_their_words_even_over_figures():
    root = fromstring(table("<tr><th class='num'>Cost to serve per customer</th></tr>"))
    column = measure(root.find("table"), GlyphWidths())[0]
    assert column.narrowest == pytest.approx(len("customer") * AVERAGE_EMS)


def test_room_left_over_goes_to_the_columns_with_more_text():
    columns = [ColumnText(5, 10), ColumnText(5, 100)]
    short, long = shares(columns, line=60)
    assert short > 100 * (5 + CELL_PADDING_EMS) / 60  # more than its longest word
    assert long > 3 * short


def test_glyph_widths_come_from_the_font_file():
    from django.contrib.staticfiles import finders

    from workshops.exports.pdf_worker import FONT_BOLD, FONT_REGULAR

    width = GlyphWidths.from_font_files(finders.find(FONT_REGULAR), finders.find(FONT_BOLD))
    assert width("iiii") < width("MMMM")
    assert width("Score") < width("Score", bold=True)
    assert width("52 %") == pytest.approx(width("52") + width(" ") + width("%"))


def test_spanning_cells_count_for_no_single_column():
    root = fromstring(
        table(
            "<tr><th colspan='2'>A heading much longer than both columns below it</th></tr>"
            "<tr><td>ab</td><td>cdef</td></tr>"
        )
    )
    columns = measure(
        root.find("table"), GlyphWidths({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1})
    )
    assert [(c.narrowest, c.widest) for c in columns] == [(2, 2), (4, 4)]


def test_tables_with_their_own_widths_are_left_alone():
    own = fromstring(table("<colgroup><col/></colgroup><tr><td>x</td></tr>"))
    journey_map = fromstring(table("<tr><td>x</td></tr>", css="report-table map-table"))
    page_table = fromstring(table("<tr><td>x</td></tr>", css="data"))
    for root in (own, journey_map, page_table):
        assert fix_table_columns(root) == 0
        assert root.find("table").get("style") is None


SVG = (
    '<div><figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" width="10pt" '
    'height="5pt"><text>Target &amp; today</text></svg><figcaption>Caption</figcaption>'
    "</figure></div>"
)


def test_charts_become_images_served_from_memory():
    root = fromstring(SVG)
    charts = charts_as_images(root, f"{REPORT_BASE_URL}charts/")
    figure = root.find("figure")
    image = figure[0]
    assert image.tag == "img"
    assert list(charts) == [image.get("src")]
    assert figure[1].tag == "figcaption"
    # the image is the same SVG, still well-formed and with its text escaped
    svg = fromstring(charts[image.get("src")])
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert b"Target &amp; today" in charts[image.get("src")]

    fetcher = ReportURLFetcher(static_files={}, media_files={}, charts=charts)
    response = fetcher.fetch(image.get("src"))
    assert response.headers["Content-Type"] == "image/svg+xml"
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{REPORT_BASE_URL}charts/chart-99.svg")
    with pytest.raises(RefusedURL):
        fetcher.fetch("data:image/svg+xml;base64,PHN2Zy8+")


def test_short_values_such_as_percentages_and_dates_stay_on_one_line():
    root = fromstring(
        table("<tr><td>52 %</td><td>2025-04-24</td><td>a b c d e f g h i j k</td></tr>")
    )
    columns = measure(root.find("table"), GlyphWidths())  # every character AVERAGE_EMS wide
    assert [c.narrowest / AVERAGE_EMS for c in columns] == pytest.approx([4, 10, 1])


def test_charts_not_in_the_cache_are_drawn_while_the_renderer_works(db):
    from django.core.cache import cache

    from workshops.charts import DrawLater, cached_svg
    from workshops.exports.fetcher import LATER_CHARTS_URL

    cache.clear()
    drawn = []

    def draw():
        drawn.append(1)
        return "<svg xmlns='http://www.w3.org/2000/svg'><text>Later</text></svg>"

    later = DrawLater(LATER_CHARTS_URL)
    html = cached_svg("test-later", {"n": 1}, draw, later=later)
    assert drawn == []  # not yet
    assert html == f'<img class="chart-image" src="{LATER_CHARTS_URL}1.svg" alt="">'
    svg = later.charts[0].svg()
    assert "Later" in svg and drawn == [1]
    # drawn once, then cached for the pages and the next report
    assert cached_svg("test-later", {"n": 1}, draw) == svg
    assert drawn == [1]


def test_the_renderer_waits_for_a_later_chart_and_refuses_unknown_ones():
    import io
    import json

    from workshops.exports.fetcher import LATER_CHARTS_URL
    from workshops.exports.pdf_worker import LaterCharts

    stream = io.BytesIO(
        b"".join(
            json.dumps({"url": f"{LATER_CHARTS_URL}{n}.svg", "svg": f"<svg>{n}</svg>"}).encode()
            + b"\n"
            for n in (1, 2)
        )
    )
    fetcher = ReportURLFetcher(static_files={}, media_files={}, later_charts=LaterCharts(stream))
    assert fetcher.fetch(f"{LATER_CHARTS_URL}2.svg").read() == b"<svg>2</svg>"
    assert fetcher.fetch(f"{LATER_CHARTS_URL}1.svg").read() == b"<svg>1</svg>"
    with pytest.raises(RefusedURL):
        fetcher.fetch(f"{LATER_CHARTS_URL}3.svg")  # the parent sent no third chart


def test_a_report_defers_its_charts_to_the_draw_later_it_passes_and_pages_get_the_same(workshop):
    from django.core.cache import cache

    from workshops.charts import DrawLater
    from workshops.exports.fetcher import LATER_CHARTS_URL
    from workshops.exports.pdf import build_report_html

    cache.clear()
    later = DrawLater(LATER_CHARTS_URL)
    deferred = build_report_html(workshop, chapters=["journey"], later=later)
    assert later.charts  # the emotion curves wait to be drawn
    for chart in later.charts:
        assert f'<img class="chart-image" src="{chart.url}"' in deferred
    svgs = [chart.svg() for chart in later.charts]
    # Without a DrawLater nothing is deferred: the same pictures, drawn once, sit inline.
    inline = build_report_html(workshop, chapters=["journey"])
    assert "chart-image" not in inline
    for svg in svgs:
        assert svg in inline
