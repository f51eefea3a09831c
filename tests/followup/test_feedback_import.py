"""Importing a survey tool's export: upload, map the columns, preview, import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followup import uploads
from followup.models import Feedback


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


EXPORT = (
    "Vastattu;Arvosana;Vapaa palaute;Vaihe\n"
    "14.3.2025;2;Kukaan ei vastannut;{stage}\n"
    "15.3.2025;5;Kiitos;{stage}\n"
)


def start(client, workshop, content: bytes, name="export.csv"):
    response = client.post(
        reverse("followup:feedback-import", args=[workshop.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302
    return response.url


def mapping(**changes):
    data = {
        "col_date": "0",
        "col_rating": "1",
        "col_text": "2",
        "col_stage": "3",
        "scale": "5",
        "day_first": "1",
    }
    data.update(changes)
    return data


def test_mapping_page_guesses_columns_and_shows_the_file(en_client_for, manager, workshop, stage):
    client = en_client_for(manager)
    url = start(client, workshop, EXPORT.format(stage=stage.name).encode())
    page = client.get(url).text
    assert "Kukaan ei vastannut" in page
    assert '<option value="1" selected>Arvosana</option>' in page
    assert not Feedback.objects.exists()


def test_preview_shows_rows_and_saves_nothing(en_client_for, manager, workshop, stage):
    client = en_client_for(manager)
    url = start(client, workshop, EXPORT.format(stage=stage.name).encode())
    response = client.post(url, mapping(confirm="0"))
    assert response.status_code == 200
    assert "Preview: 2 records will be imported" in response.text
    assert "03/14/2025" in response.text  # the locale's short date format
    assert not Feedback.objects.exists()


def test_import_saves_every_row_flags_and_removes_the_file(en_client_for, manager, workshop, stage):
    stage.gate_stage = True
    stage.save()
    client = en_client_for(manager)
    url = start(client, workshop, EXPORT.format(stage=stage.name).encode())
    response = client.post(url, mapping(confirm="1"))
    assert response.status_code == 302
    rows = list(
        Feedback.objects.order_by("date").values_list("rating", "text", "flagged", "source")
    )
    assert rows == [(2, "Kukaan ei vastannut", True, "import"), (5, "Kiitos", False, "import")]
    assert not any(uploads.folder(workshop).iterdir())


def test_errors_name_row_and_column_and_nothing_is_saved(en_client_for, manager, workshop, stage):
    content = (EXPORT + "32.3.2025;4;Väärä päivä;{stage}\n16.3.2025;9;Liian iso;{stage}\n").format(
        stage=stage.name
    )
    client = en_client_for(manager)
    url = start(client, workshop, content.encode())
    response = client.post(url, mapping(confirm="1"))
    assert response.status_code == 422
    assert "Nothing was saved" in response.text
    assert '<td class="num">4</td><td>Vastattu</td><td>32.3.2025</td>' in response.text
    assert '<td class="num">5</td><td>Arvosana</td><td>9</td>' in response.text
    assert not Feedback.objects.exists()


def test_one_stage_for_all_rows_when_there_is_no_stage_column(client_for, manager, workshop, stage):
    client = client_for(manager)
    url = start(client, workshop, b"date,score,comment\n2025-03-01,9,Suosittelen\n")
    data = mapping(col_rating="1", col_text="2", col_stage="", scale="10", stage=stage.pk)
    response = client.post(url, data | {"confirm": "1"})
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.stage, feedback.rating, feedback.scale) == (stage, 9, 10)


def test_another_workshops_upload_is_not_found(client_for, facilitator, workshop, en_workshop):
    client = client_for(facilitator)
    url = start(client, workshop, b"date,rating\n2025-03-01,4\n")
    upload_id = url.rstrip("/").rsplit("/", 1)[1]
    other = reverse("followup:feedback-import-map", args=[en_workshop.pk, upload_id])
    assert client.get(other).status_code == 404


def test_viewer_cannot_upload(client_for, viewer, workshop):
    response = client_for(viewer).post(
        reverse("followup:feedback-import", args=[workshop.pk]),
        {"file": SimpleUploadedFile("x.csv", b"date\n")},
    )
    assert response.status_code == 403
