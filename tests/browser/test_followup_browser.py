"""Follow-up in the browser: a customer answers a stage's feedback link on a phone and the
dashboard flags it; a value typed in the measures grid changes the journey map's lane."""

import pytest
from playwright.sync_api import expect

from followup.measures import period_label
from followup.models import FeedbackLink, Measure
from followup.services import today
from journey.models import Stage
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


@pytest.fixture
def en_stage(en_workshop):
    stage = Stage.objects.get(phase__journey__workshop=en_workshop, name="Finding the company")
    Stage.objects.filter(pk=stage.pk).update(gate_stage=True)
    return stage


def test_respondent_answers_on_a_phone_and_the_dashboard_shows_the_flag(
    new_page, live_server, facilitator, en_workshop, en_stage
):
    link = FeedbackLink.objects.create(stage=en_stage, question="Did you find our phone number?")

    phone = new_page(viewport=PHONE)
    phone.goto(f"/f/{link.feedback_token}/")
    expect(phone.get_by_role("heading", name="Did you find our phone number?")).to_be_visible()
    phone.get_by_role("radio", name="1", exact=True).check()
    phone.get_by_label("Anything you want to tell us? (optional)").fill("Searched for ten minutes")
    send = phone.get_by_role("button", name="Send")
    send.scroll_into_view_if_needed()
    assert send.bounding_box()["width"] <= PHONE["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    send.click()
    expect(phone.get_by_role("heading", name="Thank you for your feedback!")).to_be_visible()

    page = new_page()
    log_in(page, "alice")
    english(page, live_server)
    page.goto(f"/workshops/{en_workshop.pk}/followup/")
    flags = page.locator("#flags")
    expect(flags).to_contain_text("Searched for ten minutes")
    expect(flags.locator(".flag-item .badge.critical")).to_have_text("Flagged")
    flags.get_by_label("What was done").fill("Phone number added to the front page")
    flags.get_by_role("button", name="Mark as handled").click()
    expect(flags).to_contain_text("Reaction recorded")


def test_value_typed_in_the_grid_changes_the_maps_measures_lane(
    new_page, live_server, facilitator, en_workshop, en_stage
):
    Measure.objects.create(stage=en_stage, name="NPS", target=50, tolerance=10)
    page = new_page()
    log_in(page, "alice")
    english(page, live_server)
    page.goto(f"/workshops/{en_workshop.pk}/followup/grid/")
    cell = page.get_by_label(f"NPS, {period_label(today().replace(day=1), 'month')}")
    cell.fill("42")
    cell.press("Tab")
    expect(page.locator("td.cell.saved")).to_have_count(1)

    journey = en_workshop.journeys.get()
    page.goto(f"/journeys/{journey.pk}/map/")
    badge = page.locator(".journey-map .badge", has_text="NPS 42 / 50")
    expect(badge).to_be_visible()
    expect(badge).to_have_class("badge gate")  # within the tolerance: amber
