"""A respondent answers the Kano survey on a phone; the facilitator sees the response."""

import pytest
from playwright.sync_api import expect

from kano.models import Survey
from kano.services import create_factor
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_respondent_answers_on_a_phone_and_the_facilitator_sees_it(
    new_page, live_server, facilitator, en_workshop
):
    create_factor(workshop=en_workshop, name="Fast delivery")
    create_factor(workshop=en_workshop, name="Clear invoice")
    survey = Survey.objects.create(workshop=en_workshop, name="Spring round", status="open")

    facilitator_page = new_page()
    log_in(facilitator_page, "alice")
    english(facilitator_page, live_server)
    facilitator_page.goto(f"/kano/surveys/{survey.pk}/")
    expect(facilitator_page.locator("#survey-progress")).to_contain_text("0 respondents")
    link = facilitator_page.locator("#public-link").get_attribute("href")

    phone = new_page(viewport=PHONE)
    english(phone, live_server)
    phone.goto(link)
    for name, functional, dysfunctional in (
        ("Fast delivery", "I like it", "I dislike it"),  # one-dimensional
        ("Clear invoice", "I expect it", "I dislike it"),  # must-be
    ):
        phone.get_by_role("group", name=f"If “{name}” is provided, how do you feel?").get_by_label(
            functional
        ).check()
        phone.get_by_role(
            "group", name=f"If “{name}” is not provided, how do you feel?"
        ).get_by_label(dysfunctional).check()
    submit = phone.get_by_role("button", name="Save my answers")
    submit.scroll_into_view_if_needed()
    box = submit.bounding_box()
    assert box["width"] <= PHONE["width"]  # fits the phone without sideways scrolling
    submit.click()
    expect(phone.get_by_role("heading", name="Thank you! Your answers are saved.")).to_be_visible()

    # the facilitator's page counts the response by itself (HTMX polling every 3 s)
    expect(facilitator_page.locator("#survey-progress")).to_contain_text("1 respondent")

    results = new_page()
    log_in(results, "alice")
    english(results, live_server)
    results.goto(f"/workshops/{en_workshop.pk}/kano/results/")
    expect(results.locator("#respondent-count")).to_have_text("n = 1")
    table = results.locator("table.kano-figures")
    expect(table.get_by_role("row", name="Fast delivery")).to_contain_text("One-dimensional")
    expect(table.get_by_role("row", name="Clear invoice")).to_contain_text("Must-be")
