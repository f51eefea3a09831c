"""Server-side SVG charts, so the page and the PDF show the same picture."""

import hashlib
import io
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from django.core.cache import cache  # noqa: E402

plt.rcParams.update({"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 10})


def _cached_svg(kind: str, payload: dict, draw) -> str:
    key = (
        f"chart:{kind}:"
        + hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, 60 * 60 * 24)
    return svg


def _to_svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    # Drop the XML prolog and doctype so the SVG can sit inline in HTML.
    return svg[svg.index("<svg") :]


def _plain(text: str, limit: int = 28) -> str:
    """User text as a literal label: short, and '$' escaped so matplotlib does no mathtext."""
    text = text if len(text) < limit else text[: limit - 2] + "…"
    return text.replace("$", r"\$")


def emotion_curve_svg(
    labels: list[str],
    today: list[int | None],
    target: list[int | None],
    *,
    today_label: str,
    target_label: str,
    title: str = "",
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
        ax.set_xticklabels([_plain(label) for label in labels], rotation=35, ha="right")
        ax.grid(axis="y", color="#e5e5e5")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if title:
            ax.set_title(_plain(title, 80))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        return _to_svg(fig)

    return _cached_svg("emotion", payload, draw)
