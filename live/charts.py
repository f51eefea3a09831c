"""The room's emotion curve: the average rating of each stage, -3..+3, drawn on the server."""

import textwrap

import matplotlib.pyplot as plt

from workshops.charts import PALETTE, DrawLater, cached_svg, figure_to_svg, plain_label


def room_curve_svg(
    labels: list[str], averages: list[float | None], *, large=False, later: DrawLater | None = None
) -> str:
    """One point per stage at the room's average. Averages are rounded to one decimal first,
    and the counts stay out of the picture (they are in the table beside it), so a poll that
    brings no visible change draws nothing new: the SVG comes from the cache."""
    averages = [None if a is None else round(a, 1) for a in averages]
    payload = {"labels": labels, "averages": averages, "large": large}

    def draw():
        width = max(7.0, (1.1 if large else 0.85) * len(labels))
        fig, ax = plt.subplots(figsize=(width, 3.8 if large else 3.2))
        xs = list(range(len(labels)))
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.plot(
            xs,
            [float("nan") if v is None else v for v in averages],
            marker="o",
            markersize=9 if large else 6,
            color=PALETTE["blue"],
            linewidth=3 if large else 2,
        )
        for x, value in zip(xs, averages, strict=True):
            if value is not None:
                ax.annotate(
                    f"{value:+.1f}",
                    (x, value),
                    textcoords="offset points",
                    xytext=(0, 10 if value >= 0 else -18),  # away from the line
                    ha="center",
                    fontsize=12 if large else 9,
                )
        ax.set_ylim(-3.6, 3.6)
        ax.set_yticks(range(-3, 4))
        ax.set_xticks(xs)
        # Level labels, wrapped to three short lines: nothing sticks out of a fixed margin.
        ax.set_xticklabels(
            ["\n".join(textwrap.wrap(plain_label(label, 36), 13)[:3]) for label in labels],
            fontsize=10 if large else 8,
            linespacing=1.1,
        )
        ax.grid(axis="y", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        height = fig.get_figheight()
        fig.subplots_adjust(left=0.5 / width, right=1 - 0.2 / width, top=1 - 0.1 / height)
        fig.subplots_adjust(bottom=(0.8 if large else 0.65) / height)
        return figure_to_svg(fig, tight=False)

    return cached_svg("live-curve", payload, draw, later=later)
