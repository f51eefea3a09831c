"""Profitability objects in the victim workshop, for tests/workshops/test_isolation.py.

Made as rows (no Parquet files), with "SECRET" in every text a page could show."""

from profitability.models import (
    ActivitySetting,
    CustomerResult,
    GroupAction,
    ModelStatus,
    ProfitabilityModel,
)


def victim_params(*, workshop, stage) -> dict:
    pm = ProfitabilityModel.objects.create(
        workshop=workshop,
        name="SECRET model",
        status=ModelStatus.IMPORTED,
        totals={"customers": 1, "company_result": 123},
        warnings=["SECRET warning"],
    )
    money = dict.fromkeys(
        (
            "revenue",
            "cogs",
            "gross_margin",
            "cost_product",
            "cost_order",
            "cost_customer",
            "cost_overhead",
            "cost_to_serve",
            "profit",
        ),
        0,
    )
    customer = CustomerResult.objects.create(
        model=pm, customer_id="SECRET-1", name="SECRET customer", rank=1, group=1, **money
    )
    setting = ActivitySetting.objects.create(
        model=pm, kind="activity", position=1, name="SECRET activity", driver="orders"
    )
    action = GroupAction.objects.create(model=pm, group=1, action="protect", text="SECRET action")
    return {
        "profitability_model_id": pm.pk,
        "customer_result_id": customer.pk,
        "activity_setting_id": setting.pk,
        "group_action_id": action.pk,
        "file_kind": "customers",
    }
