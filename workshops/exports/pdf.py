"""The workshop report: HTML built from every registered chapter, rendered by WeasyPrint in a
child process under a time limit."""

import json
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from workshops import registry
from workshops.charts import DrawLater
from workshops.language import in_method_language

from .fetcher import LATER_CHARTS_URL, REPORT_BASE_URL

REPORT_STATIC = ["css/report.css"] + [
    f"fonts/inter-5.3.0/inter-{subset}-{weight}-normal.woff2"
    for subset in ("latin", "latin-ext")
    for weight in (400, 600, 700)
]
DEFAULT_TIMEOUT = 120
ACCENT = re.compile(r"#[0-9a-fA-F]{6}")


class ReportError(Exception):
    pass


class ReportTimeout(ReportError):
    pass


@dataclass
class RenderedPDF:
    content: bytes
    peak_memory_mb: float = 0.0
    refused: list = field(default_factory=list)


def chapter_choices():
    return [
        (chapter.key, chapter.title()) for chapter in registry.ordered(registry.report_chapters)
    ]


def build_report_html(
    workshop,
    *,
    chapters=None,
    lanes=None,
    facilitator="",
    include_empty=False,
    base_url=REPORT_BASE_URL,
    later: DrawLater | None = None,
) -> str:
    """The whole report (or the chosen chapters) as one HTML document, in the workshop's
    language. A chapter with nothing to show is left out unless `include_empty`.
    `later`: charts not drawn before wait there instead of being drawn now (the chapters
    pass it on to every chart as `options["later"]`). `base_url` is REPORT_BASE_URL for the
    PDF renderer; the browser's preview passes its own site root, and the stylesheet and logo
    then come from the site."""
    with in_method_language(workshop):
        selected = [
            c
            for c in registry.ordered(registry.report_chapters)
            if chapters is None or c.key in chapters
        ]
        options = {"lanes": lanes, "later": later}
        sections = []
        for chapter in selected:
            context = chapter.context(workshop, options)
            if not include_empty and not _has_content(chapter, workshop, context):
                continue
            context = {
                "workshop": workshop,
                "chapter": chapter,
                "chapter_title": chapter.title(),
                **context,
            }
            sections.append(
                {
                    "key": chapter.key,
                    "title": chapter.title(),
                    "landscape": chapter.opens_landscape,
                    "html": render_to_string(chapter.template, context),
                }
            )
        organisation = workshop.organisation
        return render_to_string(
            "reports/report.html",
            {
                "workshop": workshop,
                "organisation": organisation,
                "sections": sections,
                "date": timezone.localdate(),
                "facilitator": facilitator or _full_name(workshop.created_by),
                "accent": (
                    organisation.accent_color
                    if ACCENT.fullmatch(organisation.accent_color or "")
                    else "#1f5f8b"
                ),
                "logo_url": _logo_url(organisation, base_url),
                "stylesheet_url": _stylesheet_url(base_url),
                # Only the PDF renderer resolves the report's URLs against a base: in the
                # browser's preview a <base> would send the contents' #links to another page.
                "base_url": base_url if base_url == REPORT_BASE_URL else "",
            },
        )


def _has_content(chapter, workshop, context) -> bool:
    return chapter.has_content is None or chapter.has_content(workshop, context)


def _full_name(user) -> str:
    return "" if user is None else user.get_full_name() or user.get_username()


def _stylesheet_url(base_url):
    if base_url == REPORT_BASE_URL:
        return f"{REPORT_BASE_URL}static/css/report.css"
    # The browser's preview loads it like any page's stylesheet (hashed name in production).
    return urljoin(base_url, static("css/report.css"))


def _logo_url(organisation, base_url):
    if not organisation.logo:
        return ""
    if base_url == REPORT_BASE_URL:
        return f"{REPORT_BASE_URL}media/{organisation.logo.name}"
    # The HTML preview in the browser loads the logo through the access-checked view.
    return urljoin(base_url, reverse("workshops:logo", args=[organisation.pk]))


def _allowed_files(organisation):
    static = {}
    for name in REPORT_STATIC:
        path = finders.find(name)
        if path is None and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / name
            path = str(candidate) if candidate.exists() else None
        if path:
            static[name] = str(path)
    media = {}
    if organisation.logo:
        media[organisation.logo.name] = organisation.logo.path
    return static, media


def start_renderer() -> subprocess.Popen:
    """The child process that will render one report; it waits for the job on stdin."""
    return subprocess.Popen(
        [sys.executable, "-m", "workshops.exports.pdf_worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=settings.BASE_DIR,
    )


def _stop(renderer: subprocess.Popen):
    renderer.kill()
    renderer.communicate()


def _read_all(stream, into: list):
    with stream:
        into.append(stream.read())


def render_pdf(
    html: str, *, organisation, timeout: float = DEFAULT_TIMEOUT, renderer=None, later=()
) -> RenderedPDF:
    """`renderer`: a process from start_renderer(), started earlier to save its start-up time.
    `later`: the charts left to draw (a workshops.charts.DrawLater's charts); they are drawn
    here and sent one by one while the renderer already works on the HTML."""
    static, media = _allowed_files(organisation)
    job = json.dumps(
        {"html": html, "base_url": REPORT_BASE_URL, "static": static, "media": media}
    ).encode()
    renderer = renderer or start_renderer()
    # Both outputs are read all along, so the renderer never waits on a full pipe while we
    # are still writing to it.
    stdout_parts, stderr_parts = [], []
    readers = [
        threading.Thread(target=_read_all, args=(renderer.stdout, stdout_parts), daemon=True),
        threading.Thread(target=_read_all, args=(renderer.stderr, stderr_parts), daemon=True),
    ]
    for reader in readers:
        reader.start()
    # The time limit holds whatever we are doing meanwhile (drawing, or writing to a full pipe).
    expired = threading.Event()

    def expire():
        expired.set()
        renderer.kill()

    watchdog = threading.Timer(timeout, expire)
    watchdog.start()
    try:
        renderer.stdin.write(job + b"\n")
        renderer.stdin.flush()
        for chart in later:
            line = json.dumps({"url": chart.url, "svg": chart.svg()}).encode()
            renderer.stdin.write(line + b"\n")
            renderer.stdin.flush()
    except BrokenPipeError:
        pass  # the renderer has stopped: its exit code and stderr tell why
    except BaseException:  # a chart failed to draw: no report
        watchdog.cancel()
        renderer.kill()
        raise
    finally:
        try:
            renderer.stdin.close()
        except BrokenPipeError:
            pass
        renderer.wait()
        watchdog.cancel()
        for reader in readers:
            reader.join()
    if expired.is_set():
        raise ReportTimeout(f"The report took longer than {timeout:g} s and was stopped.")
    stdout, stderr = b"".join(stdout_parts), b"".join(stderr_parts)
    if renderer.returncode != 0 or not stdout.startswith(b"%PDF"):
        raise ReportError(
            "The report could not be rendered: " + stderr.decode(errors="replace")[-500:]
        )
    stats = {}
    for line in stderr.decode(errors="replace").splitlines()[::-1]:
        if line.startswith("{"):
            stats = json.loads(line)
            break
    return RenderedPDF(stdout, stats.get("peak_memory_mb", 0.0), stats.get("refused", []))


def workshop_pdf(
    workshop,
    *,
    chapters=None,
    lanes=None,
    facilitator="",
    include_empty=False,
    timeout: float = DEFAULT_TIMEOUT,
) -> RenderedPDF:
    renderer = start_renderer()  # imports WeasyPrint while the chapters are built
    try:
        later = DrawLater(LATER_CHARTS_URL)
        html = build_report_html(
            workshop,
            chapters=chapters,
            lanes=lanes,
            facilitator=facilitator,
            include_empty=include_empty,
            later=later,
        )
    except BaseException:
        _stop(renderer)
        raise
    return render_pdf(
        html,
        organisation=workshop.organisation,
        timeout=timeout,
        renderer=renderer,
        later=later.charts,
    )
