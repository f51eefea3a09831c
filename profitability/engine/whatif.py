"""What-if: change rates, driver volumes, prices or the minimum order size, and compare."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import polars as pl

from .analysis import ProfitabilityResult
from .model import Model
from .numbers import format_cents


def apply_what_if(
    model: Model,
    *,
    rate_overrides: Mapping[str, Decimal | str | float] | None = None,
    driver_scale: Mapping[str, float] | None = None,
    price_change_pct: float | Decimal = 0,
    min_order_size: float | Decimal | None = None,
) -> Model:
    """A new model with the changes applied; ``model`` itself is left as it was.

    - ``rate_overrides``: a key naming an activity gives it that rate (euros per driver
      unit) in place of its cost, capacity or time; a key naming a resource sets its
      rate_per_minute (its practical capacity stays, so unused minutes are still priced).
    - ``driver_scale``: multiplies every customer's total of a driver (``{"orders": 0.8}``:
      a fifth fewer orders). Only the driver changes: scaling ``revenue`` moves the costs
      spread by revenue, not the revenue itself.
    - ``price_change_pct``: every order line's revenue times (1 + pct / 100), rounded to the
      cent (halves away from zero); quantities and cogs stay.
    - ``min_order_size`` (euros of revenue): a customer's orders worth less than this are
      merged. Rule: per customer, the small orders are laid end to end in date order (then
      file order) and cut every ``min_order_size`` euros; each small order joins the merged
      order where its value starts (merged order k holds the orders whose running total
      before them lies in [k x size, (k + 1) x size)). Order lines stay as they are, so only
      the ``orders`` driver (and what is driven by it) changes.
    """
    changes: dict = {}
    if rate_overrides:
        activities, resources = _override_rates(model, rate_overrides)
        changes.update(activities=activities, resources=resources)
    if driver_scale:
        unknown = sorted(set(driver_scale) - set(model.available_drivers))
        if unknown:
            raise ValueError(f"unknown drivers: {', '.join(unknown)}")
        scale = dict(model.driver_scale)
        for name, factor in driver_scale.items():
            if factor < 0:
                raise ValueError(f"the scale of {name} must not be negative")
            scale[name] = scale.get(name, 1.0) * float(factor)
        changes["driver_scale"] = scale
    lines = model.order_lines
    if price_change_pct:
        lines = _change_prices(lines, price_change_pct)
    if min_order_size is not None:
        if min_order_size <= 0:
            raise ValueError("min_order_size must be greater than zero")
        lines = _merge_small_orders(lines, min_order_size)
    if lines is not model.order_lines:
        changes["order_lines"] = lines
    return model.replace(**changes)


def _decimal_text(value: Decimal | str | float) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a rate: {value!r}") from None
    if number < 0 or not number.is_finite():
        raise ValueError(f"a rate must not be negative: {value!r}")
    return format(number, "f")


def _override_rates(model: Model, overrides: Mapping) -> tuple[pl.DataFrame, pl.DataFrame]:
    activities, resources = model.activities, model.resources
    activity_names = set(activities.get_column("activity"))
    resource_names = set(resources.get_column("resource"))
    for name, value in overrides.items():
        rate = _decimal_text(value)
        if name in activity_names:
            rows = activities.filter(pl.col("activity") == name)
            if rows.height > 1:
                raise ValueError(f"{name} has several time terms; override its resource instead")
            if rows.get_column("kind")[0] == "unallocated":
                raise ValueError(f"{name} is unallocated and has no driver to give a rate")
            is_it = pl.col("activity") == name
            activities = activities.with_columns(
                kind=pl.when(is_it).then(pl.lit("rate")).otherwise("kind"),
                rate=pl.when(is_it).then(pl.lit(rate)).otherwise("rate"),
                cost=pl.when(is_it).then(None).otherwise("cost"),
                capacity=pl.when(is_it).then(None).otherwise("capacity"),
                resource=pl.when(is_it).then(None).otherwise("resource"),
                unit_time=pl.when(is_it).then(None).otherwise("unit_time"),
            )
        elif name in resource_names:
            is_it = pl.col("resource") == name
            resources = resources.with_columns(
                rate_per_minute=pl.when(is_it).then(pl.lit(rate)).otherwise("rate_per_minute"),
                cost=pl.when(is_it).then(None).otherwise("cost"),
            )
        else:
            raise ValueError(f"no activity or resource is called {name!r}")
    return activities, resources


def _change_prices(lines: pl.DataFrame, pct: float | Decimal) -> pl.DataFrame:
    factor = (1 + Fraction(str(pct)) / 100).limit_denominator(10**6)
    if factor < 0:
        raise ValueError("a price change below -100 % makes prices negative")
    numerator, denominator = factor.numerator, factor.denominator
    magnitude = (pl.col("revenue").abs() * (2 * numerator) + denominator) // (2 * denominator)
    return lines.with_columns(
        revenue=pl.when(pl.col("revenue") < 0).then(-magnitude).otherwise(magnitude)
    )


def _merge_small_orders(lines: pl.DataFrame, size: float | Decimal) -> pl.DataFrame:
    size_cents = int(Fraction(str(size)) * 100)
    keys = ["customer_id", "order_id"]
    sort_keys = (["date"] if "date" in lines.columns else []) + ["_position"]
    indexed = lines.with_row_index("_position")
    orders = indexed.group_by(keys).agg(
        pl.col("revenue").sum().alias("_value"),
        pl.col("_position").min(),
        *([pl.col("date").min()] if "date" in lines.columns else []),
    )
    small = (
        orders.filter(pl.col("_value") < size_cents)
        .sort(["customer_id", *sort_keys])
        .with_columns(
            _before=pl.col("_value").cum_sum().over("customer_id") - pl.col("_value"),
        )
        .select(
            *keys,
            _merged=pl.concat_str(
                pl.lit("merged:"),
                pl.col("customer_id"),
                pl.lit(":"),
                (pl.col("_before") // size_cents).cast(pl.String),
            ),
        )
    )
    return (
        indexed.join(small, on=keys, how="left")
        .sort("_position")
        .with_columns(order_id=pl.coalesce("_merged", "order_id"))
        .drop("_position", "_merged")
    )


@dataclass(frozen=True, eq=False)
class WhatIfComparison:
    """Base case against what-if: totals, customers' profits and groups, whale curves."""

    totals_before: dict[str, int]
    totals_after: dict[str, int]
    customers: pl.DataFrame  # customer_id, profit_before/after, delta, group_before/after
    group_moves: pl.DataFrame  # group_before, group_after, customers (only moves)
    whale_before: dict
    whale_after: dict

    @property
    def company_result_delta(self) -> int:
        return self.totals_after["company_result"] - self.totals_before["company_result"]

    @property
    def customers_changing_group(self) -> int:
        return int(self.group_moves.get_column("customers").sum())

    def to_json_dict(self) -> dict:
        keys = [key for key in self.totals_before if key != "customers"]
        return {
            "totals": {
                key: {
                    "before": format_cents(self.totals_before[key]),
                    "after": format_cents(self.totals_after[key]),
                    "change": format_cents(self.totals_after[key] - self.totals_before[key]),
                }
                for key in keys
            },
            "company_result_delta": format_cents(self.company_result_delta),
            "customers_changing_group": self.customers_changing_group,
            "group_moves": self.group_moves.to_dicts(),
            "whale_curve": {"before": self.whale_before, "after": self.whale_after},
        }


def _whale_summary(result: ProfitabilityResult) -> dict:
    curve = result.whale_curve
    return {
        "mode": curve.mode,
        "peak_share_of_profit": curve.peak_share_of_profit,
        "peak_at_share_of_customers": curve.peak_at_share_of_customers,
        "peak_profit": format_cents(curve.peak_profit),
        "total_profit": format_cents(curve.total_profit),
        "loss_makers_share_of_customers": curve.loss_makers_share_of_customers,
    }


def compare(base: ProfitabilityResult, what_if: ProfitabilityResult) -> WhatIfComparison:
    """What changed between the base case and a what-if of the same customers."""
    before = base.customers.select(
        "customer_id", profit_before="profit", group_before="group", rank_before="rank"
    )
    after = what_if.customers.select(
        "customer_id", profit_after="profit", group_after="group", rank_after="rank"
    )
    customers = (
        before.join(after, on="customer_id", how="inner")
        .with_columns(profit_change=pl.col("profit_after") - pl.col("profit_before"))
        .sort("rank_before")
    )
    moves = (
        customers.filter(pl.col("group_before") != pl.col("group_after"))
        .group_by("group_before", "group_after")
        .agg(customers=pl.len().cast(pl.Int64))
        .sort("group_before", "group_after")
    )
    return WhatIfComparison(
        totals_before=base.totals.model_dump(),
        totals_after=what_if.totals.model_dump(),
        customers=customers,
        group_moves=moves,
        whale_before=_whale_summary(base),
        whale_after=_whale_summary(what_if),
    )
