"""Journey charts: the emotion curve."""

import matplotlib.pyplot as plt

from workshops.charts import DrawLater, cached_svg, figure_to_svg, plain_label


def emotion_curve_svg(
    labels: list[str],
    today: list[int | None],
    target: list[int | None],
    *,
    today_label: str,
    target_label: str,
    title: str = "",
    later: DrawLater | None = None,
) -> str:
    """The emotion curve: experience today against the target, -3..+3, one point per stage."""
    payload = {
        "labels": labels,
        "today": today,
        "target": target,
        "t": today_label,
        "g": target_label,
        "title": title,
    }

    def draw():
        width = max(6.0, 0.75 * len(labels))
        fig, ax = plt.subplots(figsize=(width, 3.2))
        xs = list(range(len(labels)))
        ax.axhline(0, color="#999999", linewidth=0.8)
        ax.plot(
            xs,
            [float("nan") if v is None else v for v in target],
            marker="s",
            color="#2a7d4f",
            linestyle="--",
            label=target_label,
        )
        ax.plot(
            xs,
            [float("nan") if v is None else v for v in today],
            marker="o",
            color="#1f5f8b",
            linewidth=2,
            label=today_label,
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

    return cached_svg("emotion", payload, draw, later=later)
