"""Shared helpers for server-side SVG charts (matplotlib), cached by their data.

Every chart is an SVG string made on the server, so the page and the PDF show the same picture.
"""

import hashlib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

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


@dataclass
class DrawLater:
    """The charts of one report that wait to be drawn.

    A report passes one to every chart it asks for (`cached_svg(..., later=...)`): a chart
    that is not in the cache is then not drawn at once but becomes an <img> of
    url_prefix + "N.svg", and its drawing waits in `charts`. The report renderer starts on
    the HTML meanwhile and gets the charts as they are drawn (workshops.exports.pdf). Pages
    pass nothing and get the SVG itself."""

    url_prefix: str
    charts: list[LaterChart] = field(default_factory=list)

    def image(self, key: str, draw: Callable[[], str]) -> str:
        chart = LaterChart(key, f"{self.url_prefix}{len(self.charts) + 1}.svg", draw)
        self.charts.append(chart)
        return f'<img class="chart-image" src="{chart.url}" alt="">'


def cached_svg(kind: str, payload: dict, draw, later: DrawLater | None = None) -> str:
    """`draw()` returns the SVG; it runs only when these data were not drawn before.
    With `later`, a chart not drawn before waits there and an <img> of it is returned."""
    key = (
        f"chart:{kind}:"
        + hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        if later is not None:
            return later.image(key, draw)
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
