"""The bad files that used to answer 500 or a raw Python error: each now gets a message the
person can act on, a 422 and no change."""

import html

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profitability.models import ProfitabilityModel
from workshops.models import Workshop

from .test_upload_fuzz import GOOD_XLSX, _billion_laughs, _nested, _truncated_sheet

ORDER_LINES = b"customer_id,order_id,quantity,revenue,cogs\nA,a1,1,10,5\n"
ACTIVITIES = b"activity,cost_group,driver,cost\nHandling,order,orders,100\n"


def import_json(client, organisation, content: bytes):
    upload = SimpleUploadedFile("workshop.json", content)
    return client.post(
        reverse("workshops:import"),
        {"file": upload, "organisation": organisation.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def upload_customers(client, workshop, filename: str, content: bytes):
    data = {
        "groups": "10",
        "customers": SimpleUploadedFile(filename, content),
        "order_lines": SimpleUploadedFile("order_lines.csv", ORDER_LINES),
        "activities": SimpleUploadedFile("activities.csv", ACTIVITIES),
    }
    url = reverse("profitability:upload", args=[workshop.pk])
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def test_deeply_nested_json_import_is_refused_not_a_recursion_error(
    client_for, facilitator, organisation
):
    before = Workshop.objects.count()
    response = import_json(client_for(facilitator), organisation, _nested(100_000))
    assert response.status_code == 422
    assert "The file nests its values too deeply to be a workshop file." in response.text
    assert Workshop.objects.count() == before


def test_png_imported_as_a_workshop_names_the_image_not_a_decode_error(
    client_for, facilitator, organisation
):
    response = import_json(client_for(facilitator), organisation, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "The file is a PNG image, not a workshop file." in text
    assert "codec" not in text and "0x89" not in text


def test_utf16_profitability_file_names_the_encoding_not_a_missing_column(
    client_for, facilitator, workshop
):
    content = "customer_id,name\nA,Alpha\n".encode("utf-16")
    response = upload_customers(client_for(facilitator), workshop, "customers.csv", content)
    assert response.status_code == 422
    text = html.unescape(response.text)
    assert "the file is UTF-16 text, which is not supported" in text
    assert "customer_id is missing" not in text
    assert not ProfitabilityModel.objects.exists()


def test_truncated_xlsx_in_the_profitability_upload_is_refused(client_for, facilitator, workshop):
    client = client_for(facilitator)
    cut = GOOD_XLSX[: len(GOOD_XLSX) // 2]
    response = upload_customers(client, workshop, "customers.xlsx", cut)
    assert response.status_code == 422
    assert "the file is not a valid XLSX file" in html.unescape(response.text)
    # A whole ZIP whose worksheet XML stops mid-way: the XML parser's error, told as such.
    response = upload_customers(client, workshop, "customers.xlsx", _truncated_sheet())
    assert response.status_code == 422
    assert "the XLSX workbook is damaged or truncated" in html.unescape(response.text)
    assert not ProfitabilityModel.objects.exists()


def test_billion_laughs_xlsx_in_the_profitability_upload_is_refused(
    client_for, facilitator, workshop
):
    response = upload_customers(
        client_for(facilitator), workshop, "customers.xlsx", _billion_laughs()
    )
    assert response.status_code == 422
    assert "the XLSX workbook is damaged or truncated" in html.unescape(response.text)
    assert not ProfitabilityModel.objects.exists()
