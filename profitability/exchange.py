"""The ``profitability`` section of the workshop exchange format.

Each model travels with its settings (activities, resources, groups), group actions, the
summaries of its last analysis and its per-customer results, never its raw order lines.
Money is integer cents throughout, so a round trip is lossless. An imported model shows its
results but cannot be re-run until its files are uploaded again (status ``imported``).
"""

from typing import Any, Literal

from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field

from .models import (
    MAX_GROUPS,
    MIN_GROUPS,
    ActivitySetting,
    CostGroup,
    CustomerResult,
    GroupAction,
    ModelStatus,
    ProfitabilityModel,
    SettingKind,
)
from .services import BATCH_SIZE, CUSTOMER_COLUMNS, insert_customer_results

DECIMAL_TEXT = r"^(\d+(\.\d+)?)?$"


class SettingData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal[tuple(SettingKind.values)]
    name: str = Field(min_length=1, max_length=200)
    cost_group: Literal[("", *CostGroup.values)] = ""
    driver: str = Field("", max_length=200)
    cost: int | None = Field(None, ge=0, description="cents")
    capacity: float | None = Field(None, ge=0)
    rate: str = Field("", max_length=40, pattern=DECIMAL_TEXT)
    resource: str = Field("", max_length=200)
    unit_time: float | None = Field(None, ge=0)
    unallocated: bool = False
    practical_capacity: float | None = Field(None, ge=0)
    rate_per_minute: str = Field("", max_length=40, pattern=DECIMAL_TEXT)


class GroupActionData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group: int = Field(ge=1, le=100)
    action: str = Field("", max_length=30)
    text: str = ""
    edited: bool = False


class CustomerData(BaseModel):
    """One customer's result; every amount in cents."""

    model_config = ConfigDict(extra="forbid")

    customer_id: str = Field(min_length=1, max_length=200)
    name: str = Field("", max_length=300)
    segment: str = Field("", max_length=200)
    revenue: int
    cogs: int
    gross_margin: int
    cost_product: int
    cost_order: int
    cost_customer: int
    cost_overhead: int
    cost_to_serve: int
    profit: int
    profit_pct: float | None = None
    cost_to_serve_pct: float | None = None
    volume: float = 0
    orders: int = Field(0, ge=0)
    lines: int = Field(0, ge=0)
    rank: int = Field(ge=1)
    group: int = Field(ge=1, le=100)
    quadrant: str = Field("", max_length=30)
    activity_costs: dict[str, int] = Field(default_factory=dict)
    drivers: dict[str, float] = Field(default_factory=dict)
    attributes: dict[str, str | None] = Field(default_factory=dict)


class ModelData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    groups: int = Field(10, ge=MIN_GROUPS, le=MAX_GROUPS)
    files: dict[str, str] = Field(default_factory=dict)
    totals: dict[str, int] = Field(default_factory=dict)
    whale_curve: dict[str, Any] = Field(default_factory=dict)
    group_summary: list[dict[str, Any]] = Field(default_factory=list)
    segment_summary: list[dict[str, Any]] | None = None
    activity_summary: list[dict[str, Any]] = Field(default_factory=list)
    unused_capacity: list[dict[str, Any]] = Field(default_factory=list)
    unallocated: list[dict[str, Any]] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    settings: list[SettingData] = Field(default_factory=list)
    actions: list[GroupActionData] = Field(default_factory=list)
    customers: list[CustomerData] = Field(default_factory=list)


class ProfitabilityData(BaseModel):
    model_config = ConfigDict(extra="forbid")

    models: list[ModelData] = Field(default_factory=list)


SETTING_FIELDS = tuple(name for name in SettingData.model_fields)
SUMMARY_FIELDS = (
    "totals",
    "whale_curve",
    "group_summary",
    "segment_summary",
    "activity_summary",
    "unused_capacity",
    "unallocated",
    "warnings",
)


def export_profitability(workshop) -> ProfitabilityData:
    models = []
    for pm in workshop.profitability_models.order_by("created_at", "id"):
        models.append(
            ModelData(
                name=pm.name,
                groups=pm.groups,
                files=pm.files,
                **{key: getattr(pm, key) for key in SUMMARY_FIELDS},
                settings=[
                    SettingData(**{key: getattr(s, key) for key in SETTING_FIELDS})
                    for s in pm.settings.order_by("kind", "position")
                ],
                actions=[
                    GroupActionData(group=a.group, action=a.action, text=a.text, edited=a.edited)
                    for a in pm.group_actions.order_by("group")
                ],
                customers=[
                    CustomerData(**row)
                    for row in CustomerResult.objects.filter(model=pm)
                    .order_by("rank")
                    .values(*CUSTOMER_COLUMNS)
                    .iterator(chunk_size=BATCH_SIZE)
                ],
            )
        )
    return ProfitabilityData(models=models)


def load_profitability(workshop, data: ProfitabilityData, by) -> None:
    """Create the models of ``data`` (called inside import_workshop's transaction)."""
    for item in data.models:
        pm = ProfitabilityModel.objects.create(
            workshop=workshop,
            name=item.name,
            groups=item.groups,
            files=item.files,
            status=ModelStatus.IMPORTED,
            analysed_at=timezone.now(),
            created_by=by if by is not None and by.is_authenticated else None,
            **{key: getattr(item, key) for key in SUMMARY_FIELDS},
        )
        positions = {SettingKind.ACTIVITY: 0, SettingKind.RESOURCE: 0}
        settings = []
        for setting in item.settings:
            positions[setting.kind] += 1
            settings.append(
                ActivitySetting(model=pm, position=positions[setting.kind], **setting.model_dump())
            )
        ActivitySetting.objects.bulk_create(settings)
        GroupAction.objects.bulk_create(
            GroupAction(model=pm, **action.model_dump()) for action in item.actions
        )
        insert_customer_results(
            pm,
            ([getattr(c, name) for name in CUSTOMER_COLUMNS] for c in item.customers),
        )
