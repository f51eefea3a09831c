"""The ``profitability`` section of the workshop JSON: settings, group actions and results
per customer travel, raw order lines do not; export -> import -> export is identical."""

import json

from django.urls import reverse

from profitability.models import GroupAction, ModelStatus
from workshops.exchange import export_workshop, import_workshop

from .conftest import make_model


def test_round_trip_is_lossless(workshop, facilitator, en_client_for):
    pm = make_model(workshop, facilitator)
    GroupAction.objects.filter(model=pm, group=1).update(text="Pidetään <b>kiinni</b>", edited=True)
    first = export_workshop(workshop)
    copy = import_workshop(first, organisation=workshop.organisation, by=facilitator)
    second = export_workshop(copy)
    assert second == first
    [data] = first["profitability"]["models"]
    assert data["totals"]["company_result"] == -35000
    assert [c["customer_id"] for c in data["customers"]] == ["A", "B", "C"]
    assert data["customers"][0]["activity_costs"] == {
        "Order handling": 20000,
        "Warehousing": 37500,
        "Marketing": 7500,
    }
    assert [s["name"] for s in data["settings"]][:2] == ["Order handling", "Warehousing"]
    assert data["actions"][0] == {
        "group": 1,
        "action": "protect",
        "text": "Pidetään <b>kiinni</b>",
        "edited": True,
    }


def test_export_leaves_the_order_lines_out(workshop, facilitator):
    make_model(workshop, facilitator)
    text = json.dumps(export_workshop(workshop))
    assert '"a1"' not in text and "order_lines.parquet" not in text


def test_imported_model_shows_results_but_cannot_rerun(workshop, facilitator, en_client_for):
    make_model(workshop, facilitator)
    copy = import_workshop(export_workshop(workshop), organisation=workshop.organisation)
    pm = copy.profitability_models.get()
    assert pm.status == ModelStatus.IMPORTED and pm.parquet_dir == ""
    client = en_client_for(facilitator)
    page = client.get(reverse("profitability:results", args=[pm.pk])).text
    assert "-€350.00" in page and "without its order lines" in page
    rerun = client.post(reverse("profitability:rerun", args=[pm.pk]), {"groups": "10"})
    assert rerun.status_code == 422
    what_if = client.get(reverse("profitability:what-if", args=[pm.pk]))
    assert "upload its files again" in what_if.text


def test_workshop_without_models_exports_an_empty_section(workshop):
    assert export_workshop(workshop)["profitability"] == {"models": []}


def test_customer_schema_has_the_stored_columns_in_order():
    from profitability.exchange import CustomerData
    from profitability.services import CUSTOMER_COLUMNS

    assert tuple(CustomerData.model_fields) == CUSTOMER_COLUMNS


def test_customer_attributes_travel_and_round_trip(workshop, facilitator):
    customers = (
        "customer_id,name,segment,Toimiala,region\n"
        "A,Alpha,,Ruoka <&>,North\nB,Beta,,Metalli,\nC,Gamma,,,South\n"
    )
    make_model(workshop, facilitator, customers=customers)
    first = export_workshop(workshop)
    [data] = first["profitability"]["models"]
    assert [c["attributes"] for c in data["customers"]] == [
        {"toimiala": "Ruoka <&>", "region": "North"},
        {"toimiala": "Metalli", "region": None},
        {"toimiala": None, "region": "South"},
    ]
    copy = import_workshop(first, organisation=workshop.organisation, by=facilitator)
    assert export_workshop(copy) == first
