"""Ranking customers by profit and cutting them into profitability groups."""

from __future__ import annotations

import numpy as np
import polars as pl

MIN_GROUPS = 2
MAX_GROUPS = 20
ACTIONS = ("protect", "adapt_processes", "teach_to_buy", "price_for_profit")


def check_group_count(groups: int) -> None:
    """The method uses 9-16 groups; 2-20 are accepted (a small model needs fewer)."""
    if isinstance(groups, bool) or not isinstance(groups, int):
        raise ValueError("groups must be a whole number")
    if not MIN_GROUPS <= groups <= MAX_GROUPS:
        raise ValueError(f"groups must be between {MIN_GROUPS} and {MAX_GROUPS}, not {groups}")


def rank_and_group(customers: pl.DataFrame, groups: int) -> pl.DataFrame:
    """Add ``rank`` (1 = most profitable, ties by customer_id) and ``group`` (1 = best).

    Groups hold equal numbers of customers ranked by profit in euros; when the count does
    not divide evenly, the groups differ by at most one customer (customer at rank r, of n,
    is in group floor((r - 1) * groups / n) + 1).
    """
    count = customers.height
    order = (
        customers.select(pl.arg_sort_by(["profit", "customer_id"], descending=[True, False]))
        .to_series()
        .to_numpy()
    )
    rank = np.empty(count, dtype=np.int64)
    rank[order] = np.arange(1, count + 1)
    group = (rank - 1) * groups // count + 1
    return customers.with_columns(rank=pl.Series(rank), group=pl.Series(group))


def suggested_actions(group_profits: list[int]) -> list[str]:
    """The method's action for each group, best group first.

    Rule (from the case in DOMAIN.md section 4): the groups, in rank order, are cut into
    four bands as even as possible, the upper bands one larger when uneven (10 groups:
    3, 3, 2, 2): protect and add value; adapt our own processes; teach the customer to buy;
    price so that every deal pays. A group in the first two bands whose customers lose money
    in total moves to teach_to_buy. The consultant can edit the suggestions.
    """
    bands = np.array_split(np.arange(len(group_profits)), len(ACTIONS))
    actions = [""] * len(group_profits)
    for action, positions in zip(ACTIONS, bands, strict=True):
        for position in positions:
            actions[position] = action
    return [
        "teach_to_buy" if action in ACTIONS[:2] and profit < 0 else action
        for action, profit in zip(actions, group_profits, strict=True)
    ]


def group_summary(customers: pl.DataFrame, company_result: int) -> pl.DataFrame:
    """Per group: size, money (cents) and typical behaviour, with the suggested action."""
    customer_profit = int(customers.get_column("profit").sum())
    summary = (
        customers.group_by("group")
        .agg(
            customers=pl.len().cast(pl.Int64),
            revenue=pl.col("revenue").sum(),
            cogs=pl.col("cogs").sum(),
            gross_margin=pl.col("gross_margin").sum(),
            cost_to_serve=pl.col("activity_costs_total").sum(),
            profit=pl.col("profit").sum(),
            min_profit=pl.col("profit").min(),
            max_profit=pl.col("profit").max(),
            loss_makers=(pl.col("profit") < 0).sum().cast(pl.Int64),
            orders=pl.col("orders").sum(),
            order_lines=pl.col("order_lines").sum(),
            volume=pl.col("volume").sum(),
        )
        .sort("group")
    )
    orders = pl.col("orders").cast(pl.Float64)
    per_order = pl.when(pl.col("orders") > 0)
    summary = summary.with_columns(
        share_of_company_result=(pl.col("profit") / company_result) if company_result else None,
        share_of_customer_profit=(pl.col("profit") / customer_profit) if customer_profit else None,
        orders_per_customer=orders / pl.col("customers"),
        lines_per_order=per_order.then(pl.col("order_lines") / orders),
        average_order_size=per_order.then((pl.col("revenue") / orders).round(0).cast(pl.Int64)),
        average_order_quantity=per_order.then(pl.col("volume") / orders),
        cost_to_serve_per_customer=(pl.col("cost_to_serve") / pl.col("customers"))
        .round(0)
        .cast(pl.Int64),
        cost_to_serve_pct=pl.when(pl.col("revenue") > 0).then(
            pl.col("cost_to_serve") / pl.col("revenue") * 100
        ),
    ).with_columns(pl.col("share_of_company_result", "share_of_customer_profit").cast(pl.Float64))
    actions = suggested_actions(summary.get_column("profit").to_list())
    return summary.with_columns(action=pl.Series(actions, dtype=pl.String))
