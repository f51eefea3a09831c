"""The loaded model: validated polars frames, stored as Parquet between analyses."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import polars as pl

# Drivers every model derives from its order lines.
ORDER_LINE_DRIVERS = ("orders", "order_lines", "quantity", "revenue", "cogs", "gross_margin")
# Drivers spread in proportion (full allocation of marketing, channel or administration costs).
PROPORTIONAL_DRIVERS = ("revenue", "cogs", "gross_margin")
COST_GROUPS = ("product", "order", "customer", "overhead")
ORDER_LINE_BASE_COLUMNS = ("customer_id", "order_id", "quantity", "revenue", "cogs")
ORDER_LINE_TEXT_COLUMNS = ("customer_id", "order_id", "product_id", "date")

ACTIVITY_SCHEMA = {
    "activity": pl.String,
    "kind": pl.String,  # pool | capacity | rate | time | unallocated
    "cost_group": pl.String,
    "driver": pl.String,
    "cost": pl.Int64,  # cents
    "capacity": pl.Float64,  # practical capacity in driver units
    "rate": pl.String,  # euros per driver unit, exact decimal text
    "resource": pl.String,
    "unit_time": pl.Float64,  # minutes per driver unit
    "row": pl.Int64,  # row in the activities file, for messages
}
RESOURCE_SCHEMA = {
    "resource": pl.String,
    "cost": pl.Int64,  # cents
    "practical_capacity": pl.Float64,  # minutes
    "rate_per_minute": pl.String,  # euros, exact decimal text
    "row": pl.Int64,
}
CUSTOMER_DRIVER_SCHEMA = {"customer_id": pl.String, "driver": pl.String, "quantity": pl.Float64}

_FRAMES = ("customers", "order_lines", "activities", "resources", "customer_drivers")


@dataclass(frozen=True, eq=False)
class Model:
    """A validated model; money columns are Int64 cents.

    - ``customers``: customer_id, name[, segment][, attribute columns] (text)
    - ``order_lines``: customer_id, order_id, quantity, revenue, cogs[, date][, product_id]
      [, other numeric columns as Float64]
    - ``activities``: ``ACTIVITY_SCHEMA``; a time-driven activity with several terms has one
      row per term (same activity and resource, a driver and unit_time each)
    - ``resources``: ``RESOURCE_SCHEMA``
    - ``customer_drivers``: customer_id, driver, quantity
    - ``driver_scale``: what-if multipliers applied to customers' driver totals
    - ``files``: the file name each frame came from, for messages
    """

    customers: pl.DataFrame
    order_lines: pl.DataFrame
    activities: pl.DataFrame
    resources: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=RESOURCE_SCHEMA))
    customer_drivers: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=CUSTOMER_DRIVER_SCHEMA)
    )
    driver_scale: dict[str, float] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def replace(self, **changes) -> Model:
        return dataclasses.replace(self, **changes)

    def file(self, name: str) -> str:
        return self.files.get(name, name)

    @property
    def has_segments(self) -> bool:
        return "segment" in self.customers.columns

    @property
    def numeric_order_line_columns(self) -> list[str]:
        """Extra numeric order-line columns: each one's sum per customer is a driver."""
        return [
            name
            for name, dtype in self.order_lines.schema.items()
            if name not in ORDER_LINE_BASE_COLUMNS
            and name not in ORDER_LINE_TEXT_COLUMNS
            and dtype.is_numeric()
        ]

    @property
    def customer_driver_names(self) -> list[str]:
        return sorted(self.customer_drivers.get_column("driver").unique().to_list())

    @property
    def available_drivers(self) -> list[str]:
        return [*ORDER_LINE_DRIVERS, *self.numeric_order_line_columns, *self.customer_driver_names]

    @cached_property
    def customer_totals(self) -> pl.DataFrame:
        """One row per customer, in the customers file's order: every driver's total.

        revenue, cogs and gross_margin are Int64 cents; orders counts distinct order_id.
        Computed once per model (the 2-million-line pass) and reused by every analysis.
        """
        ids = self.customers.get_column("customer_id")
        count = len(ids)
        extras = self.numeric_order_line_columns
        lines = self.order_lines.lazy().select(
            pl.col("customer_id").cast(pl.Enum(ids)).to_physical().cast(pl.Int64).alias("_idx"),
            "order_id",
            "quantity",
            "revenue",
            "cogs",
            *extras,
        )
        per_customer = (
            lines.group_by("_idx")
            .agg(
                pl.col("order_id").n_unique().cast(pl.Int64).alias("orders"),
                pl.len().cast(pl.Int64).alias("order_lines"),
                pl.col("quantity").sum(),
                pl.col("revenue").sum(),
                pl.col("cogs").sum(),
                *[pl.col(name).sum() for name in extras],
            )
            .collect()
        )
        totals = (
            pl.DataFrame({"_idx": np.arange(count, dtype=np.int64)})
            .join(per_customer, on="_idx", how="left")
            .sort("_idx")
            .fill_null(0)
            .with_columns(gross_margin=pl.col("revenue") - pl.col("cogs"))
        )
        if self.customer_drivers.height:
            drivers = (
                self.customer_drivers.lazy()
                .with_columns(pl.col("customer_id").cast(pl.Enum(ids)).to_physical().cast(pl.Int64))
                .group_by("customer_id", "driver")
                .agg(pl.col("quantity").sum())
                .collect()
            )
            columns = {}
            for name in self.customer_driver_names:
                part = drivers.filter(pl.col("driver") == name)
                values = np.zeros(count)
                values[part.get_column("customer_id").to_numpy()] = part.get_column("quantity")
                columns[name] = values
            totals = totals.with_columns(
                [pl.Series(name, values) for name, values in columns.items()]
            )
        return totals.with_columns(customer_id=ids).drop("_idx")

    def driver_weights(self, driver: str) -> np.ndarray:
        """A driver's quantity per customer (what-if scale applied), negatives counted as 0.

        A customer with a negative total (more returns than sales, a negative margin) causes
        none of a cost driven by it; so no customer gets a negative share of a cost.
        """
        values = self.customer_totals.get_column(driver).to_numpy()
        scale = self.driver_scale.get(driver)
        if scale is not None and scale != 1:
            values = values * scale
        return np.clip(values, 0, None)

    def write_parquet(self, directory: str | Path) -> None:
        """Write every frame as Parquet, and the what-if scale and file names as meta.json."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name in _FRAMES:
            getattr(self, name).write_parquet(directory / f"{name}.parquet")
        meta = {"driver_scale": self.driver_scale, "files": self.files}
        (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def read_parquet(cls, directory: str | Path) -> Model:
        directory = Path(directory)
        frames = {name: pl.read_parquet(directory / f"{name}.parquet") for name in _FRAMES}
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        return cls(**frames, driver_scale=meta["driver_scale"], files=meta["files"])
