"""``format_table``: the analysis as plain text (``profitability_analyze --format table``)."""

from __future__ import annotations

from .analysis import ProfitabilityResult
from .numbers import format_cents


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    line = "  ".join(
        "{:<" + str(width) + "}" if index == 0 else "{:>" + str(width) + "}"
        for index, width in enumerate(widths)
    )
    return [line.format(*headers), "  ".join("-" * width for width in widths)] + [
        line.format(*[str(cell) for cell in row]) for row in rows
    ]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f} %"


def _number(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def format_table(result: ProfitabilityResult, *, customers: int = 10) -> str:
    """Totals, groups, activities, unused capacity, unallocated costs, the whale curve and
    the ``customers`` best and worst customers, as aligned text."""
    totals = result.totals
    out = ["Totals"]
    out += _table(
        ["", "EUR"],
        [
            ["Revenue", format_cents(totals.revenue)],
            ["Cost of goods sold", format_cents(totals.cogs)],
            ["Gross margin", format_cents(totals.gross_margin)],
            ["Activity costs on customers", format_cents(totals.activity_costs)],
            ["Customer profit", format_cents(totals.customer_profit)],
            ["Unused capacity", format_cents(totals.unused_capacity)],
            ["Unallocated", format_cents(totals.unallocated)],
            ["Company result", format_cents(totals.company_result)],
        ],
    )
    out += ["", f"Profitability groups ({result.group_count}, best first)"]
    out += _table(
        [
            "Group",
            "Customers",
            "Revenue",
            "Cost to serve",
            "Profit",
            "Share of result",
            "Orders/cust.",
            "Lines/order",
            "Avg order",
            "Action",
        ],
        [
            [
                row["group"],
                row["customers"],
                format_cents(row["revenue"]),
                format_cents(row["cost_to_serve"]),
                format_cents(row["profit"]),
                _pct(row["share_of_company_result"]),
                _number(row["orders_per_customer"]),
                _number(row["lines_per_order"]),
                format_cents(row["average_order_size"]) or "",
                row["action"],
            ]
            for row in result.groups.iter_rows(named=True)
        ],
    )
    out += ["", "Activities"]
    out += _table(
        [
            "Activity",
            "Kind",
            "Group",
            "Driver",
            "Driver total",
            "Rate",
            "Cost",
            "On customers",
            "Unused",
            "Unallocated",
        ],
        [
            [
                row["activity"],
                row["kind"],
                row["cost_group"] or "",
                row["driver"] or "",
                _number(row["driver_total"], 2),
                _number(row["rate"], 4),
                format_cents(row["cost"]),
                format_cents(row["allocated"]),
                format_cents(row["unused"]),
                format_cents(row["unallocated"]),
            ]
            for row in result.activities.iter_rows(named=True)
        ],
    )
    if result.unused_capacity:
        out += ["", "Unused capacity"]
        out += _table(
            ["Resource", "Unit", "Capacity", "Used", "Unused", "Cost"],
            [
                [
                    item.resource,
                    item.unit,
                    _number(item.capacity),
                    _number(item.used),
                    _number(item.unused),
                    format_cents(item.cost),
                ]
                for item in result.unused_capacity
            ],
        )
    if result.unallocated:
        out += ["", "Unallocated costs"]
        out += _table(
            ["Activity", "Cost", "Reason"],
            [[item.activity, format_cents(item.cost), item.reason] for item in result.unallocated],
        )
    curve = result.whale_curve
    out += ["", "Whale curve"]
    if curve.mode == "share":
        out.append(
            f"The best {_pct(curve.peak_at_share_of_customers)} of customers give "
            f"{_pct(curve.peak_share_of_profit)} of customer profit; "
            f"{_pct(curve.crosses_100_at_share_of_customers)} already give 100 %."
        )
    else:
        out.append(
            f"Customer profit is {format_cents(curve.total_profit)} EUR; the best "
            f"{_pct(curve.peak_at_share_of_customers)} of customers give "
            f"{format_cents(curve.peak_profit)} EUR."
        )
    out.append(
        f"Loss-makers: {curve.loss_makers} customers ({_pct(curve.loss_makers_share_of_customers)})"
        f", {format_cents(curve.loss_makers_profit)} EUR."
    )
    if result.segments is not None:
        out += ["", "Segments"]
        out += _table(
            ["Segment", "Customers", "Revenue", "Profit", "Profit %", "Loss-makers"],
            [
                [
                    row["segment"] or "-",
                    row["customers"],
                    format_cents(row["revenue"]),
                    format_cents(row["profit"]),
                    _number(row["profit_pct"]),
                    row["loss_makers"],
                ]
                for row in result.segments.iter_rows(named=True)
            ],
        )
    frame = result.customers
    shown = (
        frame
        if frame.height <= 2 * customers
        else frame.head(customers).vstack(frame.tail(customers))
    )
    out += ["", "Customers (best and worst)" if shown.height < frame.height else "Customers"]
    out += _table(
        ["Rank", "Customer", "Name", "Revenue", "Gross margin", "Cost to serve", "Profit", "Group"],
        [
            [
                row["rank"],
                row["customer_id"],
                row["name"] or "",
                format_cents(row["revenue"]),
                format_cents(row["gross_margin"]),
                format_cents(row["activity_costs_total"]),
                format_cents(row["profit"]),
                row["group"],
            ]
            for row in shown.iter_rows(named=True)
        ],
    )
    if result.warnings:
        out += ["", "Warnings", *[f"- {warning}" for warning in result.warnings]]
    return "\n".join(out) + "\n"
