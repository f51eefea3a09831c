"""Result records of an analysis. Money is integer cents; ``to_json`` gives decimal text."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .numbers import format_cents


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class UnusedCapacity(_Record):
    """Capacity paid for but not used by customers: shown, never loaded on customers.

    ``kind`` is ``resource`` (time-driven ABC; ``minutes`` is the unused time) or
    ``activity`` (a pool with a practical capacity of its driver; ``minutes`` is None).
    A negative amount means the capacity was overrun.
    """

    resource: str
    kind: Literal["resource", "activity"]
    unit: str  # "minutes" or the activity's driver
    capacity: float
    used: float
    unused: float
    minutes: float | None
    cost: int

    def to_json(self) -> dict:
        return {
            "resource": self.resource,
            "kind": self.kind,
            "minutes": None if self.minutes is None else round(self.minutes, 4),
            "cost": format_cents(self.cost),
            "unit": self.unit,
            "capacity": round(self.capacity, 4),
            "used": round(self.used, 4),
            "unused": round(self.unused, 4),
        }


class UnallocatedCost(_Record):
    """A cost no buying customer causes (or no customer has its driver): its own line."""

    activity: str
    cost: int
    reason: str

    def to_json(self) -> dict:
        return {"activity": self.activity, "cost": format_cents(self.cost), "reason": self.reason}


class Totals(_Record):
    """The reconciliation, all in cents.

    customer_profit = gross_margin - activity_costs (the sum of the customers' profits);
    company_result = customer_profit - unused_capacity - unallocated
                   = revenue - cogs - total_costs, to the cent.
    """

    customers: int
    revenue: int
    cogs: int
    gross_margin: int
    activity_costs: int
    customer_profit: int
    unused_capacity: int
    unallocated: int
    total_costs: int
    company_result: int

    def to_json(self) -> dict:
        data = {key: format_cents(value) for key, value in self.model_dump().items()}
        data["customers"] = self.customers
        return data


class WhaleCurve(_Record):
    """Cumulative profit of customers ranked by profit, best first.

    ``mode`` is ``share`` when total customer profit is positive: points are
    [share of customers, cumulative profit / total profit], so the peak is e.g. 1.8 (180 %).
    When the total is zero or negative, shares mean nothing and ``mode`` is ``amount``:
    points are [share of customers, cumulative profit in euros] and the share fields are None.
    Shares are fractions (0.2 = 20 %).
    """

    mode: Literal["share", "amount"]
    points: list[tuple[float, float]]
    peak_share_of_profit: float | None
    peak_at_share_of_customers: float
    peak_customers: int
    crosses_100_at_share_of_customers: float | None
    loss_makers: int
    loss_makers_share_of_customers: float
    total_profit: int
    peak_profit: int
    loss_makers_profit: int

    def to_json(self) -> dict:
        data = self.model_dump()
        data["points"] = [list(point) for point in self.points]
        for key in ("total_profit", "peak_profit", "loss_makers_profit"):
            data[key] = format_cents(data[key])
        return data
