import re

import pytest
from playwright.sync_api import expect

from journey.models import Stage
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_log_in_create_workshop_fill_field_and_see_it_after_reload(
    new_page, facilitator, organisation
):
    page = new_page()
    log_in(page, "alice")
    page.get_by_label("Työpajan nimi").fill("Selaintesti")
    page.get_by_role("button", name="Luo työpaja").click()
    expect(page.get_by_role("heading", name="Selaintesti")).to_be_visible()
    page.get_by_role("link", name="Yhteydenotto").first.click()
    field = page.get_by_label("Odotus", exact=True)
    field.fill("Vastaamme samana päivänä")
    field.press("Tab")
    expect(page.locator("#field-expectation .status")).to_contain_text("Tallennettu")
    page.reload()
    expect(page.get_by_label("Odotus", exact=True)).to_have_value("Vastaamme samana päivänä")


def test_reorder_stages_by_keyboard(new_page, facilitator, workshop):
    journey = workshop.journeys.get()
    page = new_page()
    log_in(page, "alice")
    page.goto(f"/journeys/{journey.pk}/")
    first = Stage.objects.get(phase__journey=journey, name="Tarpeen tai mielihalun ilmeneminen")
    button = page.locator(f"#move-down-{first.pk}")
    names = page.locator("#stage-list .stage-item .name")
    button.focus()
    page.keyboard.press("Enter")
    expect(names.nth(1)).to_have_text("Tarpeen tai mielihalun ilmeneminen")
    # the list re-renders, and focus stays on the same stage's button for the next press
    expect(page.locator(f"#move-down-{first.pk}")).to_be_focused()
    page.keyboard.press("Enter")
    expect(names.nth(2)).to_have_text("Tarpeen tai mielihalun ilmeneminen")
    assert names.all_inner_texts()[:2] == ["Vaihtoehtojen pohdinta", "Valitseminen"]
    page.reload()
    assert page.locator("#stage-list .stage-item .name").all_inner_texts()[2] == (
        "Tarpeen tai mielihalun ilmeneminen"
    )


def test_two_people_editing_one_field_get_a_conflict_not_an_overwrite(
    new_page, facilitator, manager, stage
):
    alice, bob = new_page(), new_page()
    log_in(alice, "alice")
    log_in(bob, "bob")
    for page in (alice, bob):
        page.goto(f"/stages/{stage.pk}/")
    alice_field = alice.get_by_label("Odotus", exact=True)
    alice_field.fill("Alicen odotus")
    alice_field.press("Tab")
    expect(alice.locator("#field-expectation .status")).to_contain_text("Tallennettu")

    bob_field = bob.get_by_label("Odotus", exact=True)
    bob_field.fill("Bobin odotus")
    bob_field.press("Tab")
    conflict = bob.locator("#field-expectation .conflict-box")
    expect(conflict).to_contain_text("Alicen odotus")
    expect(bob.get_by_label("Odotus", exact=True)).to_have_value("Bobin odotus")
    stage.refresh_from_db()
    assert stage.expectation == "Alicen odotus"

    bob.get_by_role("button", name="Säilytä oma versioni").click()
    expect(bob.locator("#field-expectation .status")).to_contain_text("Tallennettu")
    stage.refresh_from_db()
    assert stage.expectation == "Bobin odotus"


def test_journey_map_shows_stages_and_the_emotion_curve(new_page, facilitator, workshop):
    journey = workshop.journeys.get()
    Stage.objects.filter(phase__journey=journey).update(
        experience_today=-1, experience_target=2, importance=4
    )
    page = new_page()
    log_in(page, "alice")
    page.goto(f"/journeys/{journey.pk}/map/")
    expect(page.get_by_role("columnheader", name=re.compile("Yhteydenotto"))).to_be_visible()
    curve = page.locator("figure svg")
    expect(curve).to_be_visible()
    assert curve.bounding_box()["width"] > 300
    expect(page.locator("section[aria-labelledby=gaps] table tbody tr")).to_have_count(12)
