"""Importing measure values from CSV/XLSX: one transaction, nothing saved on any error."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from followup.models import MeasureValue

from .conftest import set_value


def upload(client, workshop, content: bytes, name="values.csv"):
    return client.post(
        reverse("followup:values-import", args=[workshop.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_import_saves_every_value_and_replaces_an_existing_one(
    en_client_for, manager, workshop, stage, measure
):
    set_value(measure, "2025-02-01", 1)
    content = (
        f"vaihe;mittari;jakso;arvo\n{stage.name};NPS;2025-01;30\n{stage.name};NPS;2025-02;35,5\n"
    ).encode()
    response = upload(en_client_for(manager), workshop, content)
    assert response.status_code == 302
    values = dict(MeasureValue.objects.values_list("period_start__month", "value"))
    assert values == {1: Decimal("30"), 2: Decimal("35.5")}


def test_errors_name_row_and_column_and_nothing_is_saved(
    en_client_for, manager, workshop, stage, measure
):
    content = (
        "stage,measure,period,value\n"
        f"{stage.name},NPS,2025-01,30\n"
        f"{stage.name},NPS,2025-02,ei tiedossa\n"
        f"{stage.name},Kadonnut,2025-03,1\n"
    ).encode()
    response = upload(en_client_for(manager), workshop, content)
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    assert '<td class="num">3</td><td>value</td><td>ei tiedossa</td>' in response.text
    assert '<td class="num">4</td><td>measure</td><td>Kadonnut</td>' in response.text
    assert not MeasureValue.objects.exists()


def test_xlsx_upload(en_client_for, manager, workshop, stage, measure):
    workbook = Workbook()
    workbook.active.append(["Stage", "Measure", "Period", "Value"])
    workbook.active.append([stage.name, "NPS", "2025 Q1", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(en_client_for(manager), workshop, buffer.getvalue(), "values.xlsx")
    assert response.status_code == 302
    assert MeasureValue.objects.get().value == Decimal("12")


def test_template_lists_the_manual_measures(client_for, manager, workshop, stage, measure):
    response = client_for(manager).get(reverse("followup:values-template", args=[workshop.pk]))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "journey,stage,measure,period,value"
    assert f"{stage.name},NPS," in text


def test_viewer_cannot_import(client_for, viewer, workshop, stage, measure):
    response = upload(client_for(viewer), workshop, b"stage,measure,period,value\n")
    assert response.status_code == 403


def test_other_organisation_gets_404(client_for, outsider, workshop):
    response = upload(client_for(outsider), workshop, b"stage,measure,period,value\n")
    assert response.status_code == 404


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_template_guards_names_against_formulas_and_imports_back(
    en_client_for, client_for, manager, workshop, stage, make_measure, name
):
    make_measure(name=name)
    stage.name = "=cmd|' /C calc'!A0"
    stage.save()
    response = client_for(manager).get(reverse("followup:values-template", args=[workshop.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert rows[1][2] == "'" + name
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    # The person fills in the value and sends the template back: the names still match.
    rows[1][4] = "42"
    filled = io.StringIO()
    csv.writer(filled).writerows(rows)
    response = upload(en_client_for(manager), workshop, filled.getvalue().encode())
    assert response.status_code == 302
    assert MeasureValue.objects.get().value == Decimal("42")
