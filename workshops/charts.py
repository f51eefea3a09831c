"""Shared helpers for server-side SVG charts (matplotlib), cached by their data.

Every chart is an SVG string made on the server, so the page and the PDF show the same picture.
"""

import hashlib
import io
import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from django.core.cache import cache  # noqa: E402

plt.rcParams.update(
    {
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.size": 10,
        "svg.hashsalt": "arvopolku",
    }
)

PALETTE = {
    "blue": "#1f5f8b",
    "green": "#2a7d4f",
    "red": "#b42318",
    "amber": "#b7791f",
    "grey": "#6b7785",
    "purple": "#6b3fa0",
}


CACHE_SECONDS = 60 * 60 * 24


@dataclass
class LaterChart:
    """A chart the PDF renderer will ask for by `url`; `draw()` makes it."""

    key: str
    url: str
    draw: Callable[[], str]

    def svg(self) -> str:
        svg = self.draw()
        cache.set(self.key, svg, CACHE_SECONDS)
        return svg


_later: ContextVar[tuple[str, list[LaterChart]] | None] = ContextVar("later_charts", default=None)


@contextmanager
def charts_drawn_later(url_prefix: str):
    """While the report's HTML is built, a chart that is not in the cache is not drawn: it
    becomes an <img> of url_prefix + "N.svg", and its drawing waits in the list this yields.
    The report renderer starts on the HTML meanwhile and gets the charts as they are drawn."""
    later: list[LaterChart] = []
    token = _later.set((url_prefix, later))
    try:
        yield later
    finally:
        _later.reset(token)


def cached_svg(kind: str, payload: dict, draw) -> str:
    """`draw()` returns the SVG; it runs only when these data were not drawn before."""
    key = (
        f"chart:{kind}:"
        + hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        drawing_later = _later.get()
        if drawing_later is not None:
            url_prefix, later = drawing_later
            chart = LaterChart(key, f"{url_prefix}{len(later) + 1}.svg", draw)
            later.append(chart)
            return f'<img class="chart-image" src="{chart.url}" alt="">'
        svg = draw()
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def figure_to_svg(fig, *, tight: bool = True) -> str:
    """`tight=False` is for charts that set their own margins: a tight bounding box draws
    the figure twice, which a chart redrawn every second on the projector cannot afford."""
    buffer = io.StringIO()
    bbox = None
    if tight:
        # The same box as bbox_inches="tight", measured with the figure's own Agg renderer:
        # savefig would first run a whole extra drawing pass through the SVG backend for it.
        bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(
            plt.rcParams["savefig.pad_inches"]
        )
    fig.savefig(buffer, format="svg", bbox_inches=bbox)
    plt.close(fig)
    svg = buffer.getvalue()
    # Drop the XML prolog and doctype so the SVG can sit inline in HTML.
    return unique_ids(svg[svg.index("<svg") :])


def unique_ids(svg: str) -> str:
    """Prefix every id (and its references) with a hash of the chart, so that several charts on
    one page or in one PDF never share an id and a clip path always finds its own chart."""
    prefix = "c" + hashlib.sha256(svg.encode()).hexdigest()[:8] + "-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    return re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)


def plain_label(text: str, limit: int = 28) -> str:
    """User text as a literal label: short, and '$' escaped so matplotlib does no mathtext.
    matplotlib escapes <, > and & itself when it writes the SVG."""
    text = str(text)
    text = text if len(text) < limit else text[: limit - 2] + "…"
    return text.replace("$", r"\$")
