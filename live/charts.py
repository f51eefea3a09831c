"""The room's emotion curve: the average rating of each stage, -3..+3, drawn on the server."""

import matplotlib.pyplot as plt

from workshops.charts import PALETTE, cached_svg, figure_to_svg, plain_label


def room_curve_svg(labels: list[str], averages: list[float | None], *, large=False) -> str:
    """One point per stage at the room's average. Averages are rounded to one decimal first,
    and the counts stay out of the picture (they are in the table beside it), so a poll that
    brings no visible change draws nothing new: the SVG comes from the cache."""
    averages = [None if a is None else round(a, 1) for a in averages]
    payload = {"labels": labels, "averages": averages, "large": large}

    def draw():
        width = max(7.0, 0.85 * len(labels))
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
                    xytext=(0, 10),
                    ha="center",
                    fontsize=12 if large else 9,
                )
        ax.set_ylim(-3.6, 3.6)
        ax.set_yticks(range(-3, 4))
        ax.set_xticks(xs)
        ax.set_xticklabels(
            [plain_label(label) for label in labels],
            rotation=35,
            ha="right",
            fontsize=11 if large else 9,
        )
        ax.grid(axis="y", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        return figure_to_svg(fig)

    return cached_svg("live-curve", payload, draw)
