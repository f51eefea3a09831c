"""The upload page: the hand-computed model through the view, and every bad input named by
file, row and column with nothing saved (no rows, no Parquet folder)."""

import html
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profitability.file_templates import TEMPLATE_COLUMNS
from profitability.forms import FILE_FIELDS
from profitability.models import ActivitySetting, CustomerResult, GroupAction, ProfitabilityModel

from ..conftest import HTMX
from .conftest import ACTIVITIES, CUSTOMERS, MODEL_FILES, ORDER_LINES, upload_data, zip_bytes


def url(workshop):
    return reverse("profitability:upload", args=[workshop.pk])


def error_rows(response) -> list[tuple[str, ...]]:
    """The (file, row, column, problem) cells of the error table, as the user reads them."""
    rows = re.findall(r'<tr class="upload-error">(.*?)</tr>', response.text, re.S)
    return [
        tuple(html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S))[:4]
        for row in rows
    ]


def assert_nothing_saved(media_root):
    assert ProfitabilityModel.objects.count() == 0
    assert CustomerResult.objects.count() == 0
    assert ActivitySetting.objects.count() == 0
    assert GroupAction.objects.count() == 0
    store = media_root / "profitability"
    assert not store.exists() or not any(store.iterdir())


def test_get_shows_every_file_field_and_the_progress_bar(workshop, facilitator, en_client_for):
    response = en_client_for(facilitator).get(url(workshop))
    assert response.status_code == 200
    for name in ("customers", "order_lines", "activities", "resources", "customer_drivers"):
        assert f'name="{name}"' in response.text
    assert 'name="archive"' in response.text
    assert '<progress id="upload-progress"' in response.text
    assert 'hx-encoding="multipart/form-data"' in response.text
    assert "profitability/upload.js" in response.text
    assert "<script>" not in response.text


def test_hand_computed_model_shows_the_right_profits(workshop, facilitator, en_client_for):
    client = en_client_for(facilitator)
    response = client.post(url(workshop), upload_data())
    pm = ProfitabilityModel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("profitability:results", args=[pm.pk])
    page = client.get(response["Location"]).text
    profits = dict(CustomerResult.objects.values_list("customer_id", "profit"))
    assert profits == {"A": 30000, "B": -10000, "C": -15000}
    for amount in ("€300.00", "-€100.00", "-€150.00", "€150.00", "€250.00", "-€350.00"):
        assert amount in page
    assert (
        "Customer profit €50.00 − unused capacity €150.00 − unallocated €250.00 = "
        "company result -€350.00" in html.unescape(page)
    )
    assert 'id="company-result">-€350.00<' in page


def test_htmx_upload_sends_the_browser_to_the_results(workshop, facilitator, en_client_for):
    response = en_client_for(facilitator).post(url(workshop), upload_data(), headers=HTMX)
    pm = ProfitabilityModel.objects.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("profitability:results", args=[pm.pk])


def test_upload_keeps_order_lines_in_parquet_and_results_in_rows(
    workshop, facilitator, en_client_for, media_root
):
    en_client_for(facilitator).post(url(workshop), upload_data(groups=9))
    pm = ProfitabilityModel.objects.get()
    folder = media_root / "profitability" / str(pm.pk)
    assert pm.parquet_dir == f"profitability/{pm.pk}"
    assert (folder / "order_lines.parquet").exists()
    assert pm.groups == 9
    assert pm.customers.count() == 3
    assert pm.settings.filter(kind="activity").count() == 4
    assert list(pm.group_actions.values_list("group", flat=True)) == [1, 2, 3]
    assert pm.totals["company_result"] == -35000
    alpha = pm.customers.get(customer_id="A")
    assert alpha.activity_costs == {
        "Order handling": 20000,
        "Warehousing": 37500,
        "Marketing": 7500,
    }
    assert alpha.drivers["orders"] == 2
    assert (alpha.rank, alpha.group, alpha.segment) == (1, 1, "wholesale")


BOMB = io.BytesIO()
with zipfile.ZipFile(BOMB, "w", zipfile.ZIP_DEFLATED) as _archive:
    _archive.writestr("[Content_Types].xml", "<Types/>")
    _archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 12_000_000)

BAD_INPUTS = {
    "unknown customer": (
        {"order_lines": ORDER_LINES + "Z,z1,1,10.00,5.00\n"},
        ("order_lines.csv", "7", "customer_id", "unknown customer (not in the customers file)"),
    ),
    "missing column": (
        {"order_lines": "customer_id,order_id,quantity,revenue\nA,a1,1,10.00\n"},
        ("order_lines.csv", "1", "cogs", "the required column cogs is missing"),
    ),
    "text in a number column": (
        {"order_lines": ORDER_LINES + "A,a3,1,ten euros,5.00\n"},
        ("order_lines.csv", "7", "revenue", "not a number"),
    ),
    "negative capacity": (
        {"activities": ACTIVITIES.replace("600.00,40", "600.00,-40")},
        ("activities.csv", "3", "capacity", "must not be negative"),
    ),
    "driver no file provides": (
        {"activities": ACTIVITIES + "Sales visits,customer,visits,900.00,,,,,\n"},
        (
            "activities.csv",
            "6",
            "driver",
            "no file provides this driver (order_lines columns or customer_drivers)",
        ),
    ),
    "empty file": ({"customers": ""}, ("customers.csv", "—", "—", "the file is empty")),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_named_by_file_row_and_column_and_nothing_is_saved(
    case, workshop, facilitator, en_client_for, media_root
):
    files, expected = BAD_INPUTS[case]
    response = en_client_for(facilitator).post(url(workshop), upload_data(**files), headers=HTMX)
    assert response.status_code == 422
    assert "<html" not in response.text
    assert "Nothing was saved" in response.text
    assert expected in error_rows(response)
    assert_nothing_saved(media_root)


def test_zip_bomb_xlsx_is_refused_and_nothing_is_saved(
    workshop, facilitator, en_client_for, media_root
):
    data = upload_data(customers=("customers.xlsx", BOMB.getvalue()))
    response = en_client_for(facilitator).post(url(workshop), data)
    assert response.status_code == 422
    [(file, row, column, message)] = error_rows(response)
    assert (file, row, column) == ("customers.xlsx", "—", "—")
    assert "refused as a zip bomb" in message
    assert_nothing_saved(media_root)


def test_every_problem_is_listed_at_once(workshop, facilitator, en_client_for, media_root):
    data = upload_data(
        order_lines=ORDER_LINES + "Z,z1,1,10.00,5.00\nA,a3,1,ten,5.00\n",
        activities=ACTIVITIES + "Sales visits,customer,visits,900.00,,,,,\n",
    )
    rows = error_rows(en_client_for(facilitator).post(url(workshop), data))
    assert [row[:3] for row in rows] == [
        ("order_lines.csv", "7", "customer_id"),
        ("order_lines.csv", "8", "revenue"),
        ("activities.csv", "6", "driver"),
    ]
    assert_nothing_saved(media_root)


def test_zip_of_the_model_folder_is_imported(workshop, facilitator, en_client_for):
    archive = zip_bytes({f"model/{name}.csv": text for name, text in MODEL_FILES.items()})
    data = {"groups": "10", "archive": SimpleUploadedFile("muovitukku.zip", archive)}
    response = en_client_for(facilitator).post(url(workshop), data)
    pm = ProfitabilityModel.objects.get()
    assert response.status_code == 302
    assert pm.name == "muovitukku"
    assert pm.totals["company_result"] == -35000
    assert pm.files == {
        "customers": "customers.csv",
        "order_lines": "order_lines.csv",
        "activities": "activities.csv",
    }


def test_zip_with_a_bad_file_names_the_file_inside_it(
    workshop, facilitator, en_client_for, media_root
):
    files = {**MODEL_FILES, "order_lines": ORDER_LINES + "Z,z1,1,10.00,5.00\n"}
    archive = zip_bytes({f"{name}.csv": text for name, text in files.items()})
    data = {"groups": "10", "archive": SimpleUploadedFile("model.zip", archive)}
    response = en_client_for(facilitator).post(url(workshop), data)
    assert response.status_code == 422
    assert error_rows(response)[0][:3] == ("order_lines.csv", "7", "customer_id")
    assert_nothing_saved(media_root)


def test_zip_bomb_archive_is_refused_before_extraction(
    workshop, facilitator, en_client_for, media_root
):
    archive = zip_bytes({"customers.csv": CUSTOMERS, "order_lines.csv": b"\0" * 12_000_000})
    data = {"groups": "10", "archive": SimpleUploadedFile("model.zip", archive)}
    response = en_client_for(facilitator).post(url(workshop), data)
    assert response.status_code == 422
    [(file, row, column, message)] = error_rows(response)
    assert (file, row, column) == ("model.zip", "—", "—")
    assert "zip bomb" in message
    assert_nothing_saved(media_root)


def test_zip_without_model_files_says_so(workshop, facilitator, en_client_for, media_root):
    archive = zip_bytes({"notes.txt": "hello", "../../evil.csv": "x"})
    data = {"groups": "10", "archive": SimpleUploadedFile("model.zip", archive)}
    response = en_client_for(facilitator).post(url(workshop), data)
    assert response.status_code == 422
    assert "the ZIP holds no model files" in html.unescape(response.text)
    assert_nothing_saved(media_root)


def test_missing_required_file_is_a_form_error(workshop, facilitator, en_client_for, media_root):
    response = en_client_for(facilitator).post(url(workshop), upload_data(activities=None))
    assert response.status_code == 422
    assert "This file is required." in response.text
    assert_nothing_saved(media_root)


def test_groups_outside_9_to_16_are_refused(workshop, facilitator, en_client_for, media_root):
    response = en_client_for(facilitator).post(url(workshop), upload_data(groups=8))
    assert response.status_code == 422
    assert_nothing_saved(media_root)


def test_database_failure_removes_the_parquet_folder(
    workshop, facilitator, en_client_for, media_root, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("profitability.services.insert_customer_results", fail)
    with pytest.raises(RuntimeError):
        en_client_for(facilitator).post(url(workshop), upload_data())
    assert_nothing_saved(media_root)


def test_manager_can_upload(workshop, manager, en_client_for):
    response = en_client_for(manager).post(url(workshop), upload_data())
    assert response.status_code == 302
    assert ProfitabilityModel.objects.get().created_by == manager


def test_viewer_gets_403(workshop, viewer, en_client_for, media_root):
    client = en_client_for(viewer)
    assert client.get(url(workshop)).status_code == 403
    assert client.post(url(workshop), upload_data()).status_code == 403
    assert_nothing_saved(media_root)


def test_other_organisation_gets_404(workshop, outsider, en_client_for, media_root):
    client = en_client_for(outsider)
    assert client.get(url(workshop)).status_code == 404
    assert client.post(url(workshop), upload_data()).status_code == 404
    assert_nothing_saved(media_root)


def test_each_upload_file_has_a_template_with_its_columns(client_for, manager, workshop):
    page = client_for(manager).get(reverse("profitability:upload", args=[workshop.pk])).text
    for kind in ("customers", "order_lines", "activities", "resources", "customer_drivers"):
        url = reverse("profitability:file-template", args=[workshop.pk, kind])
        assert f'href="{url}"' in page
    response = client_for(manager).get(
        reverse("profitability:file-template", args=[workshop.pk, "order_lines"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").strip() == (
        "customer_id,order_id,product_id,date,quantity,revenue,cogs"
    )
    unknown = reverse("profitability:file-template", args=[workshop.pk, "secrets"])
    assert client_for(manager).get(unknown).status_code == 404


def test_there_is_a_template_for_every_upload_file():
    assert set(TEMPLATE_COLUMNS) == set(FILE_FIELDS)


def test_after_a_failed_upload_only_the_bad_file_is_chosen_again(
    workshop, facilitator, en_client_for, media_root
):
    client = en_client_for(facilitator)
    bad = "activity,kind,cost_group,driver,cost\nOrder handling,pool,order,orders,lots\n"
    response = client.post(url(workshop), upload_data(activities=bad))
    assert response.status_code == 422
    assert "Already received: customers.csv" in response.text
    assert "Already received: order_lines.csv" in response.text
    assert not re.search(r'<input type="file" name="customers"[^>]*required', response.text)
    assert ProfitabilityModel.objects.count() == 0
    # Only the corrected file: the others were kept from the first try.
    data = upload_data(customers=None, order_lines=None)
    response = client.post(url(workshop), data)
    assert response.status_code == 302
    assert ProfitabilityModel.objects.get().totals["customers"] == 3
    assert "Already received" not in client.get(url(workshop)).text


def test_a_zip_after_a_failed_upload_replaces_the_kept_files(
    workshop, facilitator, en_client_for, media_root
):
    client = en_client_for(facilitator)
    client.post(url(workshop), upload_data(activities=None))
    data = {
        "groups": "10",
        "name": "Zipped",
        "archive": SimpleUploadedFile(
            "m.zip", zip_bytes({f"{name}.csv": text for name, text in MODEL_FILES.items()})
        ),
    }
    response = client.post(url(workshop), data)
    assert response.status_code == 302
    assert ProfitabilityModel.objects.get().name == "Zipped"
