"""Follow-up charts: measure sparklines and the emotion curve then and now (matplotlib SVG)."""

import hashlib
import json
import re

import matplotlib.pyplot as plt
from django.core.cache import cache

from workshops.charts import PALETTE, DrawLater, cached_svg, figure_to_svg, plain_label

from . import measures

STATUS_COLOURS = {
    measures.ON_TARGET: PALETTE["green"],
    measures.WITHIN_TOLERANCE: PALETTE["amber"],
    measures.OFF_TARGET: PALETTE["red"],
    measures.NO_DATA: PALETTE["grey"],
}
CACHE_SECONDS = 60 * 60 * 24


def _key(kind: str, payload: dict) -> str:
    # The same key scheme as workshops.charts.cached_svg.
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode())
    return f"chart:{kind}:{digest.hexdigest()}"


def sparklines(series: list[dict]) -> list[str]:
    """Small trend charts, one per item {"values": [float | None], "target": float,
    "status": str}. All cached charts are read in one cache query, so a page with many
    measures does not cost one query per chart; only the missing ones are drawn."""
    keys = [_key("sparkline", item) for item in series]
    # The extra key makes the read happen also without charts: a page costs the same
    # number of queries with no measures as with many.
    found = cache.get_many([*keys, "chart:sparkline:-"])
    missing = {}
    result = []
    for key, item in zip(keys, series, strict=True):
        svg = found.get(key) or missing.get(key)
        if svg is None:
            svg = missing[key] = _draw_sparkline(item)
        result.append(svg)
    if missing:
        cache.set_many(missing, CACHE_SECONDS)
    return result


def _draw_sparkline(item: dict) -> str:
    values = item["values"]
    fig, ax = plt.subplots(figsize=(1.6, 0.42))
    fig.patch.set_visible(False)
    xs = list(range(len(values)))
    ys = [float("nan") if v is None else float(v) for v in values]
    if item.get("target") is not None:
        ax.axhline(float(item["target"]), color="#9aa5b1", linewidth=0.7, linestyle="--")
    colour = STATUS_COLOURS.get(item.get("status"), PALETTE["blue"])
    ax.plot(xs, ys, color=PALETTE["blue"], linewidth=1.2)
    known = [(x, y) for x, y in zip(xs, ys, strict=True) if y == y]
    if known:
        ax.plot([known[-1][0]], [known[-1][1]], marker="o", markersize=3.5, color=colour)
    ax.set_xlim(-0.5, max(len(values) - 0.5, 0.5))
    ax.axis("off")
    fig.subplots_adjust(0, 0, 1, 1)
    return _compact(figure_to_svg(fig))


def _compact(svg: str) -> str:
    """A page shows dozens of sparklines: leave out matplotlib's metadata and the ids of its
    groups (they would repeat on the page); the ids that are referenced stay."""
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    return re.sub(r'<g id="[^"]*">', "<g>", svg)


def emotion_then_now_svg(
    labels: list[str],
    then: list[int | None],
    now: list[int | None],
    *,
    then_label: str,
    now_label: str,
    title: str = "",
    later: DrawLater | None = None,
) -> str:
    """The emotion curve (-3..+3 per stage) at the previous review and now, two lines."""
    payload = {"labels": labels, "then": then, "now": now, "a": then_label, "b": now_label}
    payload["title"] = title

    def draw():
        width = max(6.0, 0.75 * len(labels))
        fig, ax = plt.subplots(figsize=(width, 3.2))
        xs = list(range(len(labels)))
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.plot(
            xs,
            [float("nan") if v is None else v for v in then],
            marker="s",
            color=PALETTE["grey"],
            linestyle="--",
            label=then_label,
        )
        ax.plot(
            xs,
            [float("nan") if v is None else v for v in now],
            marker="o",
            color=PALETTE["blue"],
            linewidth=2,
            label=now_label,
        )
        ax.set_ylim(-3.4, 3.4)
        ax.set_yticks(range(-3, 4))
        ax.set_xticks(xs)
        ax.set_xticklabels([plain_label(label) for label in labels], rotation=35, ha="right")
        ax.grid(axis="y", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if title:
            ax.set_title(plain_label(title, 80))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        return figure_to_svg(fig)

    return cached_svg("emotion-review", payload, draw, later=later)


def distribution_svg(
    counts: list[tuple[str, int]], *, xlabel: str, ylabel: str, later: DrawLater | None = None
) -> str:
    """Bars of how many ratings each value got."""
    payload = {"counts": counts, "x": xlabel, "y": ylabel}

    def draw():
        fig, ax = plt.subplots(figsize=(max(4.0, 0.5 * len(counts)), 2.4))
        ax.bar(range(len(counts)), [n for _, n in counts], color=PALETTE["blue"])
        ax.set_xticks(range(len(counts)))
        ax.set_xticklabels([label for label, _ in counts])
        ax.set_xlabel(plain_label(xlabel, 60))
        ax.set_ylabel(plain_label(ylabel, 40))
        ax.yaxis.get_major_locator().set_params(integer=True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return figure_to_svg(fig)

    return cached_svg("feedback-distribution", payload, draw, later=later)
