"""Kano charts as server-made SVG (the page and the PDF show the same pictures).

Each function takes plain data and translated labels, and draws only when these data were
not drawn before (`workshops.charts.cached_svg`). User text goes through `plain_label`;
matplotlib escapes <, > and & when it writes the SVG.
"""

import matplotlib.pyplot as plt

from workshops.charts import PALETTE, DrawLater, cached_svg, figure_to_svg, plain_label

from .analysis import CATEGORIES
from .figures import CONTINUOUS_LINE, QUADRANT_LINE

COLORS = {
    "M": PALETTE["red"],
    "O": PALETTE["blue"],
    "A": PALETTE["green"],
    "I": PALETTE["grey"],
    "R": PALETTE["purple"],
    "Q": PALETTE["amber"],
}


def _clean_axes(ax):
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def better_worse_svg(points: list[dict], *, labels: dict, later: DrawLater | None = None) -> str:
    """The Better/Worse scatter: x = |Worse|, y = Better, both 0..1, lines at 0.5.

    `points`: [{"label", "x", "y", "category"}]. `labels`: translated "x", "y" and the
    quadrant names "A" (top-left), "O" (top-right), "M" (bottom-right), "I" (bottom-left).
    """
    payload = {"points": points, "labels": labels}

    def draw():
        fig, ax = plt.subplots(figsize=(6.4, 5.2))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.axvline(QUADRANT_LINE, color="#888888", linewidth=0.9)
        ax.axhline(QUADRANT_LINE, color="#888888", linewidth=0.9)
        corners = {"A": (0.02, 0.98), "O": (0.98, 0.98), "M": (0.98, 0.02), "I": (0.02, 0.02)}
        for key, (x, y) in corners.items():
            ax.text(
                x,
                y,
                plain_label(labels[key], 40),
                transform=ax.transAxes,
                ha="left" if x < 0.5 else "right",
                va="top" if y > 0.5 else "bottom",
                color=COLORS[key],
                fontsize=10,
                fontweight="bold",
                alpha=0.85,
            )
        for point in points:
            ax.scatter(
                point["x"], point["y"], s=46, color=COLORS.get(point["category"], "#333"), zorder=3
            )
            ax.annotate(
                plain_label(point["label"]),
                (point["x"], point["y"]),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=8,
            )
        ax.set_xlabel(plain_label(labels["x"], 80))
        ax.set_ylabel(plain_label(labels["y"], 80))
        ax.grid(color="#eeeeee")
        _clean_axes(ax)
        return figure_to_svg(fig)

    return cached_svg("kano-better-worse", payload, draw, later=later)


def category_bars_svg(
    rows: list[dict], *, names: dict, xlabel: str, later: DrawLater | None = None
) -> str:
    """Stacked horizontal bars: the share of each category per factor (0..1).

    `rows`: [{"label", "shares": {"A": .., ...}}] in display order; `names`: translated
    category names for the legend.
    """
    payload = {"rows": rows, "names": names, "x": xlabel}

    def draw():
        height = max(2.2, 0.42 * len(rows) + 1.2)
        fig, ax = plt.subplots(figsize=(7.2, height))
        ys = list(range(len(rows)))[::-1]
        left = [0.0] * len(rows)
        for category in CATEGORIES:
            widths = [row["shares"].get(category, 0.0) for row in rows]
            ax.barh(
                ys,
                widths,
                left=left,
                color=COLORS[category],
                label=plain_label(names[category], 30),
                height=0.65,
            )
            left = [a + b for a, b in zip(left, widths, strict=True)]
        ax.set_yticks(ys)
        ax.set_yticklabels([plain_label(row["label"]) for row in rows])
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
        ax.set_xticklabels(["0 %", "25 %", "50 %", "75 %", "100 %"])
        ax.set_xlabel(plain_label(xlabel, 80))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8)
        _clean_axes(ax)
        return figure_to_svg(fig)

    return cached_svg("kano-bars", payload, draw, later=later)


def continuous_svg(points: list[dict], *, labels: dict, later: DrawLater | None = None) -> str:
    """DuMouchel's continuous plot: x = dysfunctional mean, y = functional mean (-2..4), with
    standard deviations as error bars and the point size by mean importance (1..9).

    `points`: [{"label", "f_mean", "f_sd", "d_mean", "d_sd", "importance", "category"}];
    `labels`: translated "x", "y" and quadrant names as for `better_worse_svg`, placed where
    those categories lie (attractive: high functional, low dysfunctional, ...).
    """
    payload = {"points": points, "labels": labels}

    def draw():
        fig, ax = plt.subplots(figsize=(6.4, 5.2))
        ax.set_xlim(-2, 4)
        ax.set_ylim(-2, 4)
        ax.axvline(CONTINUOUS_LINE, color="#888888", linewidth=0.9)
        ax.axhline(CONTINUOUS_LINE, color="#888888", linewidth=0.9)
        corners = {"A": (0.02, 0.98), "O": (0.98, 0.98), "M": (0.98, 0.02), "I": (0.02, 0.02)}
        for key, (x, y) in corners.items():
            ax.text(
                x,
                y,
                plain_label(labels[key], 40),
                transform=ax.transAxes,
                ha="left" if x < 0.5 else "right",
                va="top" if y > 0.5 else "bottom",
                color=COLORS[key],
                fontsize=10,
                fontweight="bold",
                alpha=0.85,
            )
        for point in points:
            importance = point.get("importance")
            size = 30 + 22 * importance if importance else 46
            color = COLORS.get(point["category"], "#333")
            ax.errorbar(
                point["d_mean"],
                point["f_mean"],
                xerr=point["d_sd"],
                yerr=point["f_sd"],
                fmt="none",
                ecolor=color,
                elinewidth=0.8,
                alpha=0.6,
                capsize=2,
            )
            ax.scatter(point["d_mean"], point["f_mean"], s=size, color=color, alpha=0.85, zorder=3)
            ax.annotate(
                plain_label(point["label"]),
                (point["d_mean"], point["f_mean"]),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=8,
            )
        ax.set_xlabel(plain_label(labels["x"], 80))
        ax.set_ylabel(plain_label(labels["y"], 80))
        ax.grid(color="#eeeeee")
        _clean_axes(ax)
        return figure_to_svg(fig)

    return cached_svg("kano-continuous", payload, draw, later=later)
