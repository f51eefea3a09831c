import io
import re
import time
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from journey.models import Stage
from workshops.exports.fetcher import REPORT_BASE_URL
from workshops.exports.pdf import ReportTimeout, build_report_html, render_pdf, workshop_pdf
from workshops.models import Workshop

MM = 72 / 25.4


def fullness(page) -> float:
    """How far down the page's body (inside the margins, without the running header and
    footer) the text reaches: 0 empty, 1 full. Charts are SVG with real text, so they count."""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    top, bottom = (16, 14) if width > height else (20, 18)  # the @page margins, mm
    ceiling, floor = height - top * MM, bottom * MM
    ys = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            ys.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    body = [y for y in ys if floor < y < ceiling]
    return 0.0 if not body else (ceiling - min(body)) / (ceiling - floor)


def page_texts(reader):
    return [page.extract_text() or "" for page in reader.pages]


def outline_pages(reader):
    """Chapter bookmarks (h1) -> 1-based page number."""
    result = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        result[item.title.strip()] = reader.get_destination_page_number(item) + 1
    return result


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=StringIO())
    return {w.language: w for w in Workshop.objects.filter(organisation__slug="demo")}


@pytest.mark.parametrize(
    ("language", "contents", "chapter", "modules"),
    [
        ("fi", "Sisällys", "Asiakkaan polut", ("Asiakaskannattavuus", "Seuranta")),
        ("en", "Contents", "Customer journeys", ("Customer profitability", "Follow-up")),
    ],
)
def test_demo_report_has_cover_contents_every_stage_and_charts(
    demo, language, contents, chapter, modules
):
    workshop = demo[language]
    reader = PdfReader(io.BytesIO(workshop_pdf(workshop).content))
    texts = page_texts(reader)

    # cover: client, workshop, organisation and the facilitator by full name on page 1
    assert workshop.name in texts[0].replace("\n", " ")
    assert workshop.client in texts[0]
    assert "Northlight Consulting" in texts[0] and "Kaisa Lehtonen" in texts[0]
    assert "Demo" not in texts[0]

    # contents: each entry's page number is the page where that chapter starts
    assert contents in texts[1]
    toc = dict(
        (title.strip(" ."), int(number))
        for title, number in re.findall(r"^(.+?)[ .]*\.{3,}\s*(\d+)\s*$", texts[1], re.MULTILINE)
    )
    bookmarks = outline_pages(reader)
    assert chapter in toc
    for title in modules:  # the demo shows every module
        assert title in toc, (title, toc)

    # pages are filled: only a chapter's last page may be under a third full
    starts = set(bookmarks.values())
    ends = {number - 1 for number in starts} | {len(reader.pages)}
    thin = [
        (number, round(fullness(page), 2))
        for number, page in enumerate(reader.pages, start=1)
        if number > 1 and number not in ends and fullness(page) < 1 / 3
    ]
    assert thin == []
    for title, number in toc.items():
        assert bookmarks[title] == number, (title, number, bookmarks)
        assert title in texts[number - 1]

    # every stage name of every journey appears
    everything = "\n".join(texts).replace("\n", " ")
    for stage in Stage.objects.filter(phase__journey__workshop=workshop):
        assert " ".join(stage.name.split()) in everything, stage.name

    # the emotion curve is drawn on its page: its legend and axis labels are text in the PDF
    heading, curve_label = (
        ("Tunnekäyrä: nyt verrattuna", "Tavoite")
        if language == "fi"
        else ("Emotion curve: today against", "Target")
    )
    curve_pages = [text for text in texts if heading in text]
    assert curve_pages
    assert all(curve_label in text and "−3" in text for text in curve_pages)
    # running footer "page x / y"
    assert f"2 / {len(reader.pages)}" in texts[1]


def test_report_of_chosen_chapters_only(workshop):
    html = build_report_html(workshop, chapters=["actions"], include_empty=True)
    assert "Toimenpidesuunnitelma" in html or "Action plan" in html
    assert 'id="chapter-journey"' not in html


def test_rendering_past_the_time_limit_fails_with_a_clear_message(workshop):
    html = build_report_html(workshop)
    with pytest.raises(ReportTimeout, match="longer than"):
        render_pdf(html, organisation=workshop.organisation, timeout=0.01)


def test_time_limit_holds_while_charts_are_still_being_drawn(workshop):
    from workshops.charts import LaterChart

    def slow_chart():
        time.sleep(1.5)
        return "<svg xmlns='http://www.w3.org/2000/svg'/>"

    later = [LaterChart("chart:test-slow", f"{REPORT_BASE_URL}charts/later-1.svg", slow_chart)]
    html = build_report_html(workshop, chapters=["actions"])
    started = time.monotonic()
    with pytest.raises(ReportTimeout, match="longer than"):
        render_pdf(html, organisation=workshop.organisation, timeout=0.5, later=later * 3)
    assert time.monotonic() - started < 3  # stopped during the second chart, not after all


def test_export_command_writes_pdf_and_xlsx(workshop, tmp_path):
    target = tmp_path / "r.pdf"
    call_command(
        "export_workshop",
        str(workshop.pk),
        "--format",
        "pdf",
        "--chapters",
        "actions",
        "-o",
        str(target),
    )
    assert target.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "w.xlsx"
    call_command("export_workshop", str(workshop.pk), "--format", "xlsx", "-o", str(xlsx))
    assert xlsx.read_bytes()[:2] == b"PK"
