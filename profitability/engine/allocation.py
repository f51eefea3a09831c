"""Activity-based allocation of every cost to the customers who cause it.

Each activity's cost reaches customers through its driver (orders, order lines, visits ...):

- pool: ``cost`` spread over the total driver quantity of all customers (rate = cost / total);
  a driver of revenue, cogs or gross_margin makes it a proportional spread.
- pool with ``capacity``: rate = cost / practical capacity; customers carry rate x use and
  the rest is unused capacity, reported and never loaded on customers (Kaplan & Cooper,
  "Cost & Effect", 1998: cost of unused capacity).
- given ``rate``: euros per driver unit.
- time-driven (Kaplan & Anderson, "Time-Driven Activity-Based Costing", 2007): minutes per
  driver unit (``unit_time``; several rows of one activity are the terms of its time
  equation) on a ``resource`` costing cost / practical_capacity (or rate_per_minute) per
  minute; several activities may share a resource; its unused minutes are reported.
- ``unallocated``: a cost no buying customer causes; its own line, never spread.

Amounts are integer cents. An activity's amount is split over customers with the largest-
remainder method, so the customers' shares of every activity add up to it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
import polars as pl

from .model import COST_GROUPS, PROPORTIONAL_DRIVERS, Model
from .numbers import exact, round_half_away, split_cents
from .results import UnallocatedCost, UnusedCapacity

SUMMARY_SCHEMA = {
    "activity": pl.String,
    "kind": pl.String,
    "cost_group": pl.String,
    "driver": pl.String,
    "resource": pl.String,
    "driver_total": pl.Float64,  # driver units, or minutes for a time-driven activity
    "rate": pl.Float64,  # euros per driver unit, or per minute (display only)
    "cost": pl.Int64,  # cents entering the activity
    "allocated": pl.Int64,  # cents loaded on customers
    "unused": pl.Int64,  # cents of unused capacity (capacity pools)
    "unallocated": pl.Int64,  # cents shown on their own line
    "row": pl.Int64,
}


@dataclass(frozen=True)
class Allocation:
    """``costs[:, j]`` is activity ``activities[j]`` per customer, in cents."""

    activities: list[str]
    cost_groups: list[str]
    costs: np.ndarray
    summary: pl.DataFrame
    unused_capacity: list[UnusedCapacity]
    unallocated: list[UnallocatedCost]
    warnings: list[str]

    def cost_group_totals(self) -> dict[str, np.ndarray]:
        """Per customer, the sum of the activities in each cost group."""
        groups = np.array(self.cost_groups, dtype=object)
        return {
            group: self.costs[:, groups == group].sum(axis=1, dtype=np.int64)
            for group in COST_GROUPS
        }


def _rate(text: str) -> Fraction:
    return Fraction(Decimal(text))


def _units(driver: str, total: float) -> Fraction:
    """A driver total in its own unit: money drivers are weighted in cents, counted in euros."""
    return exact(total) / 100 if driver in PROPORTIONAL_DRIVERS else exact(total)


def allocate(model: Model) -> Allocation:
    """Allocate every activity of ``model`` to its customers (see the module docstring)."""
    count = model.customers.height
    activities = model.activities
    file = model.file("activities")
    warnings: list[str] = []
    unused: list[UnusedCapacity] = []
    unallocated: list[UnallocatedCost] = []
    columns: dict[str, np.ndarray] = {}
    summary: dict[str, dict] = {}

    def record(first: dict, **values) -> None:
        summary[first["activity"]] = {
            "activity": first["activity"],
            "kind": first["kind"],
            "cost_group": first["cost_group"],
            "driver": first["driver"],
            "resource": first["resource"],
            "driver_total": 0.0,
            "rate": None,
            "cost": 0,
            "allocated": 0,
            "unused": 0,
            "unallocated": 0,
            "row": first["row"],
            **values,
        }

    time_driven: dict[str, list[dict]] = {}
    for row in activities.iter_rows(named=True):
        name, kind = row["activity"], row["kind"]
        if kind == "time":
            time_driven.setdefault(name, []).append(row)
            continue
        if kind == "unallocated":
            unallocated.append(
                UnallocatedCost(activity=name, cost=row["cost"], reason="not caused by customers")
            )
            record(row, cost=row["cost"], unallocated=row["cost"])
            continue
        weights = model.driver_weights(row["driver"])
        units = _units(row["driver"], float(weights.sum()))
        total = float(units)
        if kind == "pool":
            if total <= 0:
                reason = f"no customer has any {row['driver']}"
                warnings.append(f"{file}, row {row['row']}: {name}: {reason}; shown as unallocated")
                unallocated.append(UnallocatedCost(activity=name, cost=row["cost"], reason=reason))
                record(row, cost=row["cost"], unallocated=row["cost"])
                continue
            amount = row["cost"]
            rate = row["cost"] / 100 / total
            record(row, driver_total=total, rate=rate, cost=amount, allocated=amount)
        elif kind == "capacity":
            capacity = row["capacity"]
            amount = round_half_away(Fraction(row["cost"]) * units / exact(capacity))
            if total > capacity:
                warnings.append(
                    f"{file}, row {row['row']}: {name}: customers used {total:g} {row['driver']}, "
                    f"more than the capacity {capacity:g}"
                )
            idle = row["cost"] - amount
            unused.append(
                UnusedCapacity(
                    resource=name,
                    kind="activity",
                    unit=row["driver"],
                    capacity=capacity,
                    used=total,
                    unused=capacity - total,
                    minutes=None,
                    cost=idle,
                )
            )
            rate = row["cost"] / 100 / capacity
            record(
                row, driver_total=total, rate=rate, cost=row["cost"], allocated=amount, unused=idle
            )
        else:  # rate
            amount = round_half_away(_rate(row["rate"]) * 100 * units)
            record(row, driver_total=total, rate=float(row["rate"]), cost=amount, allocated=amount)
        columns[name] = split_cents(amount, weights) if amount else np.zeros(count, np.int64)

    for resource in model.resources.iter_rows(named=True):
        _allocate_resource(model, resource, time_driven, columns, record, unused, warnings, count)

    order = sorted(summary.values(), key=lambda item: item["row"])
    loaded = [
        item for item in order if item["kind"] != "unallocated" and item["activity"] in columns
    ]
    names = [item["activity"] for item in loaded]
    costs = (
        np.column_stack([columns[name] for name in names])
        if names
        else np.zeros((count, 0), dtype=np.int64)
    )
    return Allocation(
        activities=names,
        cost_groups=[item["cost_group"] for item in loaded],
        costs=costs,
        summary=pl.DataFrame(order, schema=SUMMARY_SCHEMA, orient="row"),
        unused_capacity=unused,
        unallocated=unallocated,
        warnings=warnings,
    )


def _allocate_resource(model, resource, time_driven, columns, record, unused, warnings, count):
    """Time-driven ABC for one resource: minutes per customer, priced by the minute."""
    name = resource["resource"]
    users = [rows for rows in time_driven.values() if rows[0]["resource"] == name]
    minutes = []
    for rows in users:
        per_customer = np.zeros(count)
        for term in rows:
            weights = model.driver_weights(term["driver"])
            if term["driver"] in PROPORTIONAL_DRIVERS:
                weights = weights / 100
            per_customer = per_customer + term["unit_time"] * weights
        minutes.append(per_customer)
    activity_minutes = np.array([float(m.sum()) for m in minutes])
    used = float(activity_minutes.sum())
    capacity = resource["practical_capacity"]
    if resource["cost"] is not None:
        per_minute = Fraction(resource["cost"]) / exact(capacity)
        resource_cost = resource["cost"]
    else:
        per_minute = _rate(resource["rate_per_minute"]) * 100
        resource_cost = None if capacity is None else round_half_away(per_minute * exact(capacity))
    used_cost = round_half_away(per_minute * exact(used))
    shares = (
        split_cents(used_cost, activity_minutes) if used > 0 else np.zeros(len(users), np.int64)
    )
    for rows, per_customer, activity_total, share in zip(
        users, minutes, activity_minutes, shares, strict=True
    ):
        amount = int(share)
        columns[rows[0]["activity"]] = (
            split_cents(amount, per_customer) if amount else np.zeros(count, np.int64)
        )
        record(
            rows[0],
            driver=" + ".join(term["driver"] for term in rows),
            driver_total=float(activity_total),
            rate=float(per_minute) / 100,
            cost=amount,
            allocated=amount,
        )
    if capacity is not None:
        if used > capacity:
            warnings.append(
                f"{model.file('resources')}, row {resource['row']}: {name}: customers used "
                f"{used:g} minutes, more than the practical capacity {capacity:g}"
            )
        unused.append(
            UnusedCapacity(
                resource=name,
                kind="resource",
                unit="minutes",
                capacity=capacity,
                used=used,
                unused=capacity - used,
                minutes=capacity - used,
                cost=resource_cost - used_cost,
            )
        )
