import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from workshops.exports.pdf import workshop_pdf


def png_bytes(color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), color).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_facilitator_sets_accent_and_logo_and_the_report_uses_them(
    client_for, facilitator, organisation, workshop, media
):
    response = client_for(facilitator).post(
        reverse("workshops:organisation", args=[organisation.pk]),
        {
            "name": "Konsultit Oy",
            "accent_color": "#aa3300",
            "logo": SimpleUploadedFile("logo.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.accent_color == "#aa3300" and organisation.logo
    workshop.refresh_from_db()
    rendered = workshop_pdf(workshop, chapters=["actions"])
    cover = PdfReader(io.BytesIO(rendered.content)).pages[0]
    images = list(cover.images)
    assert len(images) == 1  # the logo, fetched through the allowed media file
    assert rendered.refused == []


def test_accent_colour_must_be_a_hex_colour(client_for, facilitator, organisation, media):
    response = client_for(facilitator).post(
        reverse("workshops:organisation", args=[organisation.pk]),
        {"name": "X", "accent_color": "red; } body { display:none"},
    )
    assert response.status_code == 422
    organisation.refresh_from_db()
    assert organisation.accent_color == "#1f5f8b"


def test_logo_must_be_an_image(client_for, facilitator, organisation, media):
    response = client_for(facilitator).post(
        reverse("workshops:organisation", args=[organisation.pk]),
        {
            "name": "X",
            "accent_color": "#123456",
            "logo": SimpleUploadedFile("logo.svg", b"<svg onload='x'/>", "image/svg+xml"),
        },
    )
    assert response.status_code == 422
    organisation.refresh_from_db()
    assert not organisation.logo


def test_manager_cannot_change_branding(client_for, manager, organisation):
    response = client_for(manager).get(reverse("workshops:organisation", args=[organisation.pk]))
    assert response.status_code == 404


def test_logo_is_served_only_to_members(client_for, facilitator, outsider, organisation, media):
    organisation.logo.save("logo.png", io.BytesIO(png_bytes()))
    response = client_for(facilitator).get(reverse("workshops:logo", args=[organisation.pk]))
    assert response.status_code == 200
    # Reading the stream to its end closes the file (the test client wraps it).
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    response = client_for(outsider).get(reverse("workshops:logo", args=[organisation.pk]))
    assert response.status_code == 404
