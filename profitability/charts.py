"""Profitability charts as server-made SVG (workshops.charts): the same pictures on the page
and in the PDF. User text (customer names) goes through ``plain_label``; matplotlib escapes
<, > and & when it writes the SVG.

The scatter charts of a large model draw a sample: the best and the worst customers and an
evenly spaced selection between them (``chart_sample``), so 50,000 customers stay a light
page.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from django.db.models import F, Q
from django.db.models.functions import Mod
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.ticker import FuncFormatter, PercentFormatter

from workshops.charts import PALETTE, DrawLater, cached_svg, figure_to_svg, plain_label

from .models import CustomerResult, ProfitabilityModel
from .money import format_money, format_share

SAMPLE_LIMIT = 4000
SAMPLE_EDGE = 250


def _clean_axes(ax):
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(color="#eeeeee", zorder=0)


def _euro_axis(language: str):
    return FuncFormatter(
        lambda value, _pos: format_money(round(value * 100), language, decimals=False)
    )


def _version(pm: ProfitabilityModel) -> str:
    return f"{pm.pk}:{pm.analysed_at.isoformat() if pm.analysed_at else ''}"


def group_colours(count: int) -> list[str]:
    """Green for the best group to red for the worst."""
    cmap = colormaps["RdYlGn_r"]
    colours = []
    for i in range(count):
        red, green, blue = (int(c * 255) for c in cmap(0.08 + 0.84 * i / max(count - 1, 1))[:3])
        colours.append(f"#{red:02x}{green:02x}{blue:02x}")
    return colours


def chart_sample(pm: ProfitabilityModel, limit: int = SAMPLE_LIMIT):
    """(customers to draw, how many there are): all when few, else the best and worst
    ``SAMPLE_EDGE`` and every k-th customer by rank between them."""
    count = pm.customer_count
    rows = CustomerResult.objects.filter(model=pm)
    if count > limit:
        step = max(1, (count - 2 * SAMPLE_EDGE) // (limit - 2 * SAMPLE_EDGE))
        rows = rows.annotate(_every=Mod(F("rank"), step)).filter(
            Q(rank__lte=SAMPLE_EDGE) | Q(rank__gt=count - SAMPLE_EDGE) | Q(_every=0)
        )
    fields = ("rank", "name", "revenue", "profit", "group", "profit_pct", "cost_to_serve_pct")
    return list(rows.order_by("rank").values(*fields)), count


def whale_svg(
    pm: ProfitabilityModel, *, labels: dict, language: str, later: DrawLater | None = None
) -> str:
    """The whale curve: cumulative profit of customers ranked best first, against the share
    of customers; its peak annotated, the 100 % line drawn. When total customer profit is
    zero or negative the curve shows euros (``mode`` amount)."""
    curve = pm.whale_curve
    payload = {"curve": _version(pm), "labels": labels, "language": language}
    return cached_svg(
        "profitability-whale",
        payload,
        lambda: _draw_whale([(curve, None)], labels, language),
        later=later,
    )


def curve_svg(curve: dict, *, labels: dict, language: str, later: DrawLater | None = None) -> str:
    """The whale curve of any group of customers (points as the engine's whale_curve gives
    them), e.g. one customer segment's."""
    payload = {"curve": curve, "labels": labels, "language": language}
    return cached_svg(
        "profitability-whale-curve",
        payload,
        lambda: _draw_whale([(curve, None)], labels, language),
        later=later,
    )


def whale_compare_svg(
    before: dict, after: dict, *, labels: dict, language: str, later: DrawLater | None = None
) -> str:
    """Base case and what-if whale curves on one chart (points as the engine gives them)."""
    payload = {"before": before, "after": after, "labels": labels, "language": language}
    series = [(before, labels["before"]), (after, labels["after"])]
    return cached_svg(
        "profitability-whale-compare",
        payload,
        lambda: _draw_whale(series, labels, language),
        later=later,
    )


def _draw_whale(series: list[tuple[dict, str | None]], labels: dict, language: str) -> str:
    fig, ax = plt.subplots(figsize=(7.2, 4.4))
    share_mode = all(curve["mode"] == "share" for curve, _ in series)
    styles = [PALETTE["blue"], PALETTE["amber"]]
    for index, (curve, label) in enumerate(series):
        points = np.array(curve["points"], dtype=float).reshape(-1, 2)
        ys = points[:, 1]
        if not share_mode and curve["mode"] == "share":
            ys = ys * curve["total_profit"] / 100
        ax.plot(
            points[:, 0],
            ys,
            color=styles[index % 2],
            linewidth=2,
            label=plain_label(label, 60) if label else None,
            zorder=3,
        )
        at = curve["peak_at_share_of_customers"]
        if share_mode:
            peak = curve["peak_share_of_profit"]
            text = labels["peak"].format(
                customers=format_share(at, language, 0), profit=format_share(peak, language, 0)
            )
        else:
            peak = curve["peak_profit"] / 100
            text = labels["peak_amount"].format(
                customers=format_share(at, language, 0),
                profit=format_money(curve["peak_profit"], language, decimals=False),
            )
        ax.scatter([at], [peak], color=styles[index % 2], s=36, zorder=4)
        ax.annotate(
            plain_label(text, 90),
            (at, peak),
            xytext=(10, 6 - 16 * index),
            textcoords="offset points",
            fontsize=9,
            color=styles[index % 2],
        )
    if share_mode:
        ax.axhline(1.0, color=PALETTE["grey"], linewidth=1, linestyle="--", zorder=2)
        ax.annotate(
            plain_label(labels["hundred"], 40),
            (0.99, 1.0),
            xytext=(0, 4),
            textcoords="offset points",
            ha="right",
            fontsize=8,
            color=PALETTE["grey"],
        )
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_ylabel(plain_label(labels["y_share"], 80))
    else:
        ax.axhline(0, color=PALETTE["grey"], linewidth=1, zorder=2)
        ax.yaxis.set_major_formatter(_euro_axis(language))
        ax.set_ylabel(plain_label(labels["y_amount"], 80))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlim(0, 1)
    ax.set_xlabel(plain_label(labels["x"], 80))
    if len(series) > 1:
        ax.legend(frameon=False, loc="lower left")
    _clean_axes(ax)
    return figure_to_svg(fig)


def matrix_svg(
    pm: ProfitabilityModel, *, labels: dict, language: str, later: DrawLater | None = None
) -> str:
    """Profit against purchase volume (revenue), each customer coloured by its group; the
    best and the worst customer are named."""
    payload = {"matrix": _version(pm), "labels": labels, "language": language}

    def draw():
        rows, count = chart_sample(pm)
        fig, ax = plt.subplots(figsize=(7.2, 4.8))
        groups = max(len(pm.group_summary), max((r["group"] for r in rows), default=1))
        colours = group_colours(groups)
        if rows:
            x = np.array([r["revenue"] / 100 for r in rows])
            y = np.array([r["profit"] / 100 for r in rows])
            g = np.array([r["group"] for r in rows])
            cmap = ListedColormap(colours)
            norm = BoundaryNorm(np.arange(0.5, groups + 1.5), groups)
            points = ax.scatter(
                x, y, c=g, cmap=cmap, norm=norm, s=14, alpha=0.8, zorder=3, linewidths=0
            )
            bar = fig.colorbar(points, ax=ax, ticks=range(1, groups + 1), fraction=0.04)
            bar.set_label(plain_label(labels["group"], 40))
            for row in (rows[0], rows[-1]):
                ax.annotate(
                    plain_label(row["name"], 30),
                    (row["revenue"] / 100, row["profit"] / 100),
                    xytext=(6, 0),
                    textcoords="offset points",
                    fontsize=8,
                )
            # Long tails both ways: logarithmic beyond a linear band around zero, so the
            # many small customers and their losses stay visible next to the few large ones.
            if x.max() > 0:
                ax.set_xscale("symlog", linthresh=max(1.0, float(np.percentile(x, 5))))
            if np.abs(y).max() > 0:
                ax.set_yscale("symlog", linthresh=max(1.0, float(np.percentile(np.abs(y), 25))))
        ax.axhline(0, color=PALETTE["grey"], linewidth=1, zorder=2)
        ax.xaxis.set_major_formatter(_euro_axis(language))
        ax.yaxis.set_major_formatter(_euro_axis(language))
        ax.set_xlabel(plain_label(labels["x"], 80))
        ax.set_ylabel(plain_label(labels["y"], 80))
        if len(rows) < count:
            ax.set_title(
                plain_label(labels["sample"].format(shown=len(rows), total=count), 90),
                fontsize=9,
                loc="left",
                color=PALETTE["grey"],
            )
        _clean_axes(ax)
        return figure_to_svg(fig)

    return cached_svg("profitability-matrix", payload, draw, later=later)


def quadrant_svg(
    pm: ProfitabilityModel, *, labels: dict, language: str, later: DrawLater | None = None
) -> str:
    """Cost to serve (% of revenue) against net margin (profit % of revenue), split at the
    company's own averages into the four quadrants; extreme percentages (tiny customers) are
    drawn at the edge of the 5th-95th percentiles so the bulk stays readable."""
    payload = {"quadrant": _version(pm), "labels": labels, "language": language}
    totals = pm.totals

    def draw():
        rows, count = chart_sample(pm)
        rows = [
            r for r in rows if r["cost_to_serve_pct"] is not None and r["profit_pct"] is not None
        ]
        fig, ax = plt.subplots(figsize=(7.2, 4.8))
        revenue = totals.get("revenue") or 0
        cost_line = totals["activity_costs"] / revenue * 100 if revenue > 0 else 0
        margin_line = totals["customer_profit"] / revenue * 100 if revenue > 0 else 0
        if rows:
            x = np.array([r["cost_to_serve_pct"] for r in rows])
            y = np.array([r["profit_pct"] for r in rows])
            x_low, x_high = np.percentile(x, [5, 95])
            y_low, y_high = np.percentile(y, [5, 95])
            x_low, x_high = min(x_low, cost_line), max(x_high, cost_line)
            y_low, y_high = min(y_low, margin_line), max(y_high, margin_line)
            pad_x = max((x_high - x_low) * 0.05, 1)
            pad_y = max((y_high - y_low) * 0.05, 1)
            colours = group_colours(max(len(pm.group_summary), max(r["group"] for r in rows)))
            ax.scatter(
                np.clip(x, x_low - pad_x, x_high + pad_x),
                np.clip(y, y_low - pad_y, y_high + pad_y),
                c=[colours[r["group"] - 1] for r in rows],
                s=12,
                alpha=0.75,
                linewidths=0,
                zorder=3,
            )
            ax.set_xlim(x_low - 2 * pad_x, x_high + 2 * pad_x)
            ax.set_ylim(y_low - 2 * pad_y, y_high + 2 * pad_y)
        ax.axvline(cost_line, color=PALETTE["grey"], linewidth=1, zorder=2)
        ax.axhline(margin_line, color=PALETTE["grey"], linewidth=1, zorder=2)
        corners = {
            "passive": (0.02, 0.98),
            "carriage_trade": (0.98, 0.98),
            "aggressive": (0.98, 0.02),
            "bargain_basement": (0.02, 0.02),
        }
        for key, (cx, cy) in corners.items():
            ax.text(
                cx,
                cy,
                plain_label(labels[key], 60),
                transform=ax.transAxes,
                ha="left" if cx < 0.5 else "right",
                va="top" if cy > 0.5 else "bottom",
                fontsize=9,
                fontweight="bold",
                color=PALETTE["blue"],
                alpha=0.85,
            )
        ax.xaxis.set_major_formatter(PercentFormatter(100, decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
        ax.set_xlabel(plain_label(labels["x"], 80))
        ax.set_ylabel(plain_label(labels["y"], 80))
        _clean_axes(ax)
        return figure_to_svg(fig)

    return cached_svg("profitability-quadrant", payload, draw, later=later)


def group_bars_svg(
    groups: list[dict], *, labels: dict, language: str, later: DrawLater | None = None
) -> str:
    """Profit per group (euros), best group first; losses red."""
    data = [{"group": g["group"], "profit": g["profit"]} for g in groups]
    payload = {"groups": data, "labels": labels, "language": language}

    def draw():
        fig, ax = plt.subplots(figsize=(7.2, 3.6))
        names = [str(g["group"]) for g in data]
        values = [g["profit"] / 100 for g in data]
        colours = [PALETTE["green"] if v >= 0 else PALETTE["red"] for v in values]
        ax.bar(names, values, color=colours, zorder=3)
        ax.axhline(0, color=PALETTE["grey"], linewidth=1, zorder=2)
        ax.yaxis.set_major_formatter(_euro_axis(language))
        ax.set_xlabel(plain_label(labels["x"], 80))
        ax.set_ylabel(plain_label(labels["y"], 80))
        _clean_axes(ax)
        return figure_to_svg(fig)

    return cached_svg("profitability-groups", payload, draw, later=later)
