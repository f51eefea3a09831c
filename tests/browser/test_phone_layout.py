"""On a 390 x 844 phone the pages fit the screen: nothing scrolls sideways, even with a
200-character name without spaces, and the header leaves the screen to the content."""

from io import StringIO

import pytest
from django.core.management import call_command

from journey.models import Stage
from live.models import LiveSession
from workshops.models import Workshop

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LONG = ("Asiakaskokemuksenkehittämisohjelma" * 6)[:200]  # 200 letters, no place to break


@pytest.mark.django_db(transaction=True)
def test_pages_fit_a_phone_with_a_200_character_name(new_page):
    call_command("loaddemo", stdout=StringIO())
    workshop = Workshop.objects.get(organisation__slug="demo", language="fi")
    Workshop.objects.filter(pk=workshop.pk).update(name=LONG, client=LONG)
    journey = workshop.journeys.get(kind="today")
    stage = Stage.objects.filter(phase__journey=journey).order_by("phase__position", "position")[0]
    Stage.objects.filter(pk=stage.pk).update(name=LONG)
    pages = [
        "/",
        f"/workshops/{workshop.pk}/",
        f"/journeys/{journey.pk}/",
        f"/stages/{stage.pk}/",
        f"/journeys/{journey.pk}/map/",
        f"/workshops/{workshop.pk}/report/",
    ]
    session = LiveSession.objects.filter(workshop=workshop).first()
    if session is not None:  # the demo's live session, when the demo has one
        pages.append(f"/live/{session.pk}/results/")

    page = new_page(viewport=PHONE)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("demo")
    page.locator("#id_password").fill("demo")
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/")

    too_wide, header_heights = {}, {}
    for path in pages:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
        header_heights[path] = page.evaluate(
            "document.querySelector('header') ? document.querySelector('header')"
            ".getBoundingClientRect().height : 0"
        )
    assert not too_wide, f"pages wider than {PHONE['width']} px: {too_wide}"
    assert max(header_heights.values()) <= 160, header_heights
