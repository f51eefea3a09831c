"""Segment charts: the value ranking, the value cube and the value experience summary.

All are matplotlib SVG made on the server through workshops.charts, cached by their data.
User text goes in through plain_label; matplotlib escapes it when it writes the SVG.
"""

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from workshops.charts import PALETTE, DrawLater, cached_svg, figure_to_svg, plain_label


def _tidy(ax):
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def ranking_svg(
    rows: list[tuple[str, float | None]], *, axis_label: str, later: DrawLater | None = None
) -> str:
    """Weighted totals (1-5) as horizontal bars, the most valuable on top."""
    rows = [(name, total) for name, total in rows if total is not None]
    payload = {"rows": rows, "axis": axis_label}

    def draw():
        fig, ax = plt.subplots(figsize=(6.4, 0.45 * max(len(rows), 1) + 1.0))
        names = [plain_label(name, 40) for name, _ in rows][::-1]
        totals = [total for _, total in rows][::-1]
        bars = ax.barh(range(len(rows)), totals, color=PALETTE["blue"], height=0.6)
        for bar, total in zip(bars, totals, strict=True):
            ax.text(
                bar.get_width() + 0.05,
                bar.get_y() + bar.get_height() / 2,
                f"{total:.2f}",
                va="center",
                fontsize=9,
            )
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels(names)
        ax.set_xlim(0, 5.4)
        ax.set_xticks(range(0, 6))
        ax.set_xlabel(plain_label(axis_label, 80))
        ax.grid(axis="x", color="#e5e5e5")
        ax.set_axisbelow(True)
        _tidy(ax)
        return figure_to_svg(fig)

    return cached_svg("segment-ranking", payload, draw, later=later)


def cube_svg(
    points: list[tuple[str, int, int, int]],
    *,
    volume_label: str,
    efficiency_label: str,
    duration_label: str,
    later: DrawLater | None = None,
) -> str:
    """The value cube of every segment: volume across, efficiency up, duration as size."""
    payload = {"p": points, "v": volume_label, "e": efficiency_label, "d": duration_label}

    def draw():
        fig, ax = plt.subplots(figsize=(5.6, 4.2))
        for name, volume, efficiency, duration in points:
            ax.scatter(
                volume,
                efficiency,
                s=80 * duration,
                color=PALETTE["green"],
                alpha=0.55,
                edgecolors=PALETTE["green"],
            )
            ax.annotate(
                plain_label(name, 24),
                (volume, efficiency),
                textcoords="offset points",
                xytext=(8, 6),
                fontsize=8,
            )
        ax.set_xlim(0.5, 5.5)
        ax.set_ylim(0.5, 5.5)
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.set_xlabel(plain_label(volume_label, 60))
        ax.set_ylabel(plain_label(efficiency_label, 60))
        ax.set_title(plain_label(duration_label, 80), fontsize=9, loc="left")
        ax.grid(color="#eeeeee")
        ax.set_axisbelow(True)
        _tidy(ax)
        return figure_to_svg(fig)

    return cached_svg("segment-cube", payload, draw, later=later)


def experience_svg(
    moments: list[tuple[str, int, int, int]],
    *,
    gains_label: str,
    sacrifices_label: str,
    net_label: str,
    title: str = "",
    later: DrawLater | None = None,
) -> str:
    """Gains against sacrifices per moment: gains up, sacrifices down, the net as a marker."""
    payload = {"m": moments, "g": gains_label, "s": sacrifices_label, "n": net_label, "t": title}

    def draw():
        fig, ax = plt.subplots(figsize=(5.6, 3.2))
        xs = list(range(len(moments)))
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.bar(
            [x - 0.18 for x in xs],
            [m[1] for m in moments],
            width=0.36,
            color=PALETTE["green"],
            label=gains_label,
        )
        ax.bar(
            [x + 0.18 for x in xs],
            [m[2] for m in moments],
            width=0.36,
            color=PALETTE["red"],
            label=sacrifices_label,
        )
        ax.plot(
            xs,
            [m[3] for m in moments],
            marker="D",
            linestyle="none",
            color=PALETTE["blue"],
            label=net_label,
        )
        ax.set_xticks(xs)
        ax.set_xticklabels([plain_label(m[0], 30) for m in moments])
        values = [v for m in moments for v in m[1:]]
        ax.set_ylim(min([-1, *values]) - 0.5, max([1, *values]) + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        if title:
            ax.set_title(plain_label(title, 80))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        _tidy(ax)
        return figure_to_svg(fig)

    return cached_svg("segment-experience", payload, draw, later=later)
