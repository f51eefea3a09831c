"""Editing activities, resources and rates re-runs the analysis from the Parquet files;
an edit that would break the model is refused with its table, row and column."""

import html
import re

import pytest
from django.urls import reverse

from profitability.forms import setting_version
from profitability.models import ActivitySetting, CustomerResult, ProfitabilityModel

from ..conftest import HTMX

FIELDS = ("name", "cost_group", "driver", "capacity", "rate", "resource", "unit_time")


def activity(pm, name):
    return pm.settings.get(kind="activity", name=name)


def post_data(setting, **changes):
    data = {"base_version": setting_version(setting)}
    for field in FIELDS:
        value = getattr(setting, field)
        data[field] = "" if value is None else value
    data["cost"] = "" if setting.cost is None else f"{setting.cost / 100:.2f}"
    if setting.unallocated:
        data["unallocated"] = "on"
    data.update(changes)
    return data


def profits(pm):
    return dict(CustomerResult.objects.filter(model=pm).values_list("customer_id", "profit"))


def settings_errors(response) -> list[list[str]]:
    rows = re.findall(r'<tr class="settings-error">(.*?)</tr>', response.text, re.S)
    return [[html.unescape(c).strip() for c in re.findall(r"<td>(.*?)</td>", r)] for r in rows]


def test_page_lists_activities_and_resources(pm, viewer, en_client_for):
    response = en_client_for(viewer).get(reverse("profitability:settings", args=[pm.pk]))
    assert response.status_code == 200
    assert "Order handling" in response.text and "Warehousing" in response.text
    assert "Save and re-run" not in response.text  # a viewer only reads


def test_changing_a_cost_reruns_the_analysis(pm, manager, en_client_for):
    setting = activity(pm, "Order handling")
    response = en_client_for(manager).post(
        reverse("profitability:setting-save", args=[setting.pk]),
        post_data(setting, cost="800.00"),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Saved; the results are updated." in response.text
    # 800.00 over 4 orders: A carries 400.00, B and C 200.00 each.
    assert profits(pm) == {"A": 10000, "B": -20000, "C": -25000}
    pm.refresh_from_db()
    assert pm.totals["company_result"] == -75000
    setting.refresh_from_db()
    assert setting.cost == 80000


def test_a_driver_no_file_provides_is_refused_and_nothing_changes(pm, manager, en_client_for):
    setting = activity(pm, "Marketing")
    before = profits(pm)
    response = en_client_for(manager).post(
        reverse("profitability:setting-save", args=[setting.pk]),
        post_data(setting, driver="visits"),
        headers=HTMX,
    )
    assert response.status_code == 422
    assert settings_errors(response) == [
        [
            "Activities",
            "3 Marketing",
            "driver",
            "no file provides this driver (order_lines columns or customer_drivers)",
            "visits",
        ]
    ]
    setting.refresh_from_db()
    assert setting.driver == "revenue"
    assert profits(pm) == before


def test_adding_a_rate_activity(pm, manager, en_client_for):
    data = {"kind": "activity", "name": "Picking", "cost_group": "product"}
    data.update(driver="order_lines", rate="10")
    response = en_client_for(manager).post(
        reverse("profitability:setting-add", args=[pm.pk]), data, headers=HTMX
    )
    assert response.status_code == 200
    # 10.00 an order line: A has 3, B and C one each.
    assert profits(pm) == {"A": 27000, "B": -11000, "C": -16000}
    assert activity(pm, "Picking").position == 5


def test_adding_a_resource_and_a_time_driven_activity(pm, manager, en_client_for):
    client = en_client_for(manager)
    add = reverse("profitability:setting-add", args=[pm.pk])
    resource = {"kind": "resource", "name": "Customer service", "cost": "300.00"}
    resource["practical_capacity"] = "100"
    assert client.post(add, resource, headers=HTMX).status_code == 200
    pm.refresh_from_db()
    # Nobody uses the resource yet: all 300.00 is unused capacity.
    assert pm.totals["company_result"] == -65000
    timed = {"kind": "activity", "name": "Invoicing", "cost_group": "order", "driver": "orders"}
    timed.update(resource="Customer service", unit_time="10")
    assert client.post(add, timed, headers=HTMX).status_code == 200
    # 4 orders x 10 minutes at 3.00 a minute: A 60.00, B and C 30.00; 60 minutes unused.
    assert profits(pm) == {"A": 24000, "B": -13000, "C": -18000}
    pm.refresh_from_db()
    unused = {item["resource"]: item["cost"] for item in pm.unused_capacity}
    assert unused["Customer service"] == 18000
    assert pm.totals["company_result"] == -65000


def test_an_unknown_resource_is_refused_with_its_row(pm, manager, en_client_for):
    data = {"kind": "activity", "name": "Invoicing", "cost_group": "order", "driver": "orders"}
    data.update(resource="Nobody", unit_time="10")
    response = en_client_for(manager).post(
        reverse("profitability:setting-add", args=[pm.pk]), data, headers=HTMX
    )
    assert response.status_code == 422
    assert settings_errors(response)[0][:3] == ["Activities", "5 Invoicing", "resource"]
    assert not pm.settings.filter(name="Invoicing").exists()


def test_deleting_an_activity(pm, manager, en_client_for):
    setting = activity(pm, "Marketing")
    response = en_client_for(manager).post(
        reverse("profitability:setting-delete", args=[setting.pk]), headers=HTMX
    )
    assert response.status_code == 200
    assert not ActivitySetting.objects.filter(pk=setting.pk).exists()
    assert profits(pm) == {"A": 37500, "B": -8500, "C": -14000}


def test_stale_version_gets_409_and_overwrites_nothing(pm, manager, en_client_for):
    setting = activity(pm, "Order handling")
    data = post_data(setting, cost="900.00")
    ActivitySetting.objects.filter(pk=setting.pk).update(capacity=999)  # someone else's change
    response = en_client_for(manager).post(
        reverse("profitability:setting-save", args=[setting.pk]),
        data,
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Someone else changed this row" in response.text
    setting.refresh_from_db()
    assert setting.cost == 40000


def test_rerun_with_another_group_count(pm, manager, en_client_for):
    response = en_client_for(manager).post(
        reverse("profitability:rerun", args=[pm.pk]), {"groups": "12"}
    )
    assert response.status_code == 302
    pm.refresh_from_db()
    assert pm.groups == 12


def test_group_count_outside_9_to_16_is_refused(pm, manager, en_client_for):
    response = en_client_for(manager).post(
        reverse("profitability:rerun", args=[pm.pk]), {"groups": "20"}, headers=HTMX
    )
    assert response.status_code == 422
    pm.refresh_from_db()
    assert pm.groups == 10


@pytest.mark.parametrize("name", ["setting-save", "setting-delete"])
def test_viewer_gets_403_on_row_writes(name, pm, viewer, en_client_for):
    setting = activity(pm, "Order handling")
    response = en_client_for(viewer).post(reverse(f"profitability:{name}", args=[setting.pk]))
    assert response.status_code == 403
    setting.refresh_from_db()
    assert setting.cost == 40000


@pytest.mark.parametrize("name", ["setting-add", "rerun", "delete"])
def test_viewer_gets_403_on_model_writes(name, pm, viewer, en_client_for):
    response = en_client_for(viewer).post(reverse(f"profitability:{name}", args=[pm.pk]))
    assert response.status_code == 403
    assert ProfitabilityModel.objects.filter(pk=pm.pk).exists()


def test_other_organisation_gets_404(pm, outsider, en_client_for):
    client = en_client_for(outsider)
    setting = activity(pm, "Order handling")
    assert client.get(reverse("profitability:settings", args=[pm.pk])).status_code == 404
    save = reverse("profitability:setting-save", args=[setting.pk])
    assert client.post(save, post_data(setting, cost="1.00")).status_code == 404


def test_deleting_the_model_removes_its_parquet_folder(
    pm, facilitator, en_client_for, media_root, django_capture_on_commit_callbacks
):
    folder = media_root / pm.parquet_dir
    assert folder.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = en_client_for(facilitator).post(reverse("profitability:delete", args=[pm.pk]))
    assert response.status_code == 302
    assert not ProfitabilityModel.objects.exists()
    assert not CustomerResult.objects.exists()
    assert not folder.exists()
