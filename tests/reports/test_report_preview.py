import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The test client has no runserver: whitenoise serves the static files from the finders.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    return tmp_path


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_preview_loads_its_stylesheet_and_the_logo(media, facilitator, organisation, workshop):
    organisation.logo.save("logo.png", io.BytesIO(png_bytes()))
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("workshops:report-preview", args=[workshop.pk])).text

    assert "<base" not in page  # the contents' #links stay on the preview page
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', page).group(1)
    logo = re.search(r'<img class="logo" src="([^"]+)"', page).group(1)
    css = client.get(stylesheet)
    assert css.status_code == 200
    assert b"@page" in b"".join(css.streaming_content if css.streaming else [css.content])
    image = client.get(logo)
    assert image.status_code == 200
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
