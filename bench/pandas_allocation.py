"""The straightforward pandas way: the bench's yardstick for profitability_analyze.

Reads the same model folder (CSV) and does the same allocation the plain way (float euros,
rounded to cents at the end), then prints per-customer results and totals as JSON.

    python bench/pandas_allocation.py MODEL_FOLDER > result.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

GROUPS = 10


def read(folder: Path, name: str) -> pd.DataFrame | None:
    path = folder / f"{name}.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8-sig") as handle:
        header = handle.readline()
    separator = ";" if header.count(";") > header.count(",") else ","
    return pd.read_csv(
        path,
        sep=separator,
        decimal="," if separator == ";" else ".",
        dtype={"customer_id": str, "order_id": str, "product_id": str},
        encoding="utf-8-sig",
    )


def main(folder: Path) -> dict:
    customers = read(folder, "customers")
    lines = read(folder, "order_lines")
    activities = read(folder, "activities")
    resources = read(folder, "resources")
    customer_drivers = read(folder, "customer_drivers")

    lines["gross_margin"] = lines["revenue"] - lines["cogs"]
    by_customer = lines.groupby("customer_id")
    totals = pd.DataFrame(
        {
            "orders": by_customer["order_id"].nunique(),
            "order_lines": by_customer.size(),
            "quantity": by_customer["quantity"].sum(),
            "revenue": by_customer["revenue"].sum(),
            "cogs": by_customer["cogs"].sum(),
            "gross_margin": by_customer["gross_margin"].sum(),
        }
    )
    base = {
        "customer_id",
        "order_id",
        "product_id",
        "date",
        "quantity",
        "revenue",
        "cogs",
        "gross_margin",
    }
    for column in lines.select_dtypes("number").columns:
        if column not in base:
            totals[column] = by_customer[column].sum()
    totals = totals.reindex(customers["customer_id"], fill_value=0)
    if customer_drivers is not None:
        pivot = customer_drivers.pivot_table(
            index="customer_id", columns="driver", values="quantity", aggfunc="sum"
        )
        totals = totals.join(pivot).fillna(0)

    per_minute = {}
    capacity = {}
    if resources is not None:
        for resource in resources.itertuples():
            if pd.notna(getattr(resource, "cost", None)):
                per_minute[resource.resource] = resource.cost / resource.practical_capacity
            else:
                per_minute[resource.resource] = resource.rate_per_minute
            capacity[resource.resource] = resource.practical_capacity
    used_minutes = dict.fromkeys(per_minute, 0.0)

    costs = pd.DataFrame(index=totals.index)
    groups = {}
    unused = {}
    unallocated = {}
    for activity in activities.itertuples():
        name = activity.activity
        if str(activity.unallocated).lower() in ("yes", "true", "1"):
            unallocated[name] = activity.cost
            continue
        weights = totals[activity.driver].clip(lower=0)
        if pd.notna(activity.resource):
            minutes = activity.unit_time * weights
            used_minutes[activity.resource] += minutes.sum()
            amount = minutes * per_minute[activity.resource]
        elif pd.notna(activity.rate):
            amount = activity.rate * weights
        elif pd.notna(activity.capacity):
            amount = activity.cost / activity.capacity * weights
            unused[name] = activity.cost - amount.sum()
        else:
            amount = activity.cost * weights / weights.sum()
        costs[name] = costs[name] + amount if name in costs else amount
        groups[name] = activity.cost_group
    for resource, minutes in used_minutes.items():
        unused[resource] = (capacity[resource] - minutes) * per_minute[resource]

    costs = costs.round(2)
    result = totals[["revenue", "cogs", "gross_margin", "quantity", "orders", "order_lines"]].copy()
    for group in ("product", "order", "customer", "overhead"):
        names = [name for name, owner in groups.items() if owner == group]
        result[f"cost_{group}"] = costs[names].sum(axis=1)
    result["activity_costs"] = costs.sum(axis=1)
    result["profit"] = result["gross_margin"] - result["activity_costs"]
    result = result.join(costs.add_prefix("activity:"))
    result = result.sort_values("profit", ascending=False)
    result["rank"] = range(1, len(result) + 1)
    result["group"] = (result["rank"] - 1) * GROUPS // len(result) + 1
    group_table = result.groupby("group")[["revenue", "profit", "activity_costs"]].sum()

    customer_profit = result["profit"].sum()
    return {
        "customers": json.loads(result.reset_index().round(2).to_json(orient="records")),
        "groups": json.loads(group_table.round(2).reset_index().to_json(orient="records")),
        "unused_capacity": {key: round(value, 2) for key, value in unused.items()},
        "unallocated": {key: round(value, 2) for key, value in unallocated.items()},
        "totals": {
            "revenue": round(result["revenue"].sum(), 2),
            "customer_profit": round(customer_profit, 2),
            "company_result": round(
                customer_profit - sum(unused.values()) - sum(unallocated.values()), 2
            ),
        },
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1]))))
