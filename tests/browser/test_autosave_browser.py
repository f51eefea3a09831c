"""Autosave never pretends: a failed save says so at the field, keeps the text, saves it later."""

import pytest
from playwright.sync_api import expect

from journey.models import Action, Stage
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

SAVE = "**/stages/*/fields/expectation/save/"


def open_stage(page, stage):
    log_in(page, "bob")
    page.goto(f"/stages/{stage.pk}/")
    return page.get_by_label("Odotus", exact=True)


def type_and_leave(field, text):
    field.fill(text)
    field.press("Tab")


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (500, "palvelimella oli ongelma (virhe 500)"),
        (403, "ei ole oikeutta muuttaa tätä"),
        (404, "tätä kohdetta ei enää ole"),
    ],
)
def test_failed_save_shows_error_at_field_and_keeps_text(new_page, manager, stage, status, message):
    page = new_page()
    field = open_stage(page, stage)
    page.route(SAVE, lambda route: route.fulfill(status=status, body="no"))
    type_and_leave(field, "Vastaamme tunnissa")
    state = page.locator("#field-expectation .status")
    expect(state).to_contain_text(message)
    expect(state).not_to_contain_text("Tallennettu")
    expect(field).to_have_value("Vastaamme tunnissa")
    stage.refresh_from_db()
    assert stage.expectation == ""

    page.unroute(SAVE)
    state.get_by_role("button", name="Yritä uudelleen").click()
    expect(state).to_contain_text("Tallennettu")
    stage.refresh_from_db()
    assert stage.expectation == "Vastaamme tunnissa"


def test_busy_server_with_retry_after_is_retried_by_itself(new_page, manager, stage):
    page = new_page()
    field = open_stage(page, stage)
    answers = []

    def busy_once(route):
        answers.append(route.request.url)
        if len(answers) == 1:
            route.fulfill(status=503, headers={"Retry-After": "1"}, body="busy")
        else:
            route.continue_()

    page.route(SAVE, busy_once)
    type_and_leave(field, "Odotettu tallennus")
    state = page.locator("#field-expectation .status")
    expect(state).to_contain_text("palvelin on kiireinen")
    expect(state).to_contain_text("Tallennettu")  # retried after Retry-After, no click
    stage.refresh_from_db()
    assert stage.expectation == "Odotettu tallennus"


def test_reload_restores_the_unsaved_draft_and_saves_it(new_page, manager, stage):
    page = new_page()
    field = open_stage(page, stage)
    page.route(SAVE, lambda route: route.abort())
    type_and_leave(field, "Luonnos, jota palvelin ei saanut")
    expect(page.locator("#field-expectation .status")).to_contain_text("ei yhteyttä")

    page.unroute(SAVE)
    page.reload()
    field = page.get_by_label("Odotus", exact=True)
    expect(field).to_have_value("Luonnos, jota palvelin ei saanut")
    expect(page.locator("#field-expectation .draft-note")).to_contain_text("Palautettiin")
    expect(page.locator("#field-expectation .status")).to_contain_text("Tallennettu")
    stage.refresh_from_db()
    assert stage.expectation == "Luonnos, jota palvelin ei saanut"


def test_session_ended_elsewhere_keeps_text_and_saves_after_logging_in_again(
    new_page, manager, stage
):
    page = new_page()
    field = open_stage(page, stage)
    other = page.context.new_page()  # another tab of the same browser
    other.goto("/")
    other.get_by_role("button", name="Kirjaudu ulos").click()

    type_and_leave(field, "Kirjoitettu istunnon päätyttyä")
    state = page.locator("#field-expectation .status")
    login = state.get_by_role("link", name="Istuntosi päättyi — kirjaudu uudelleen")
    expect(login).to_be_visible()
    expect(login).to_have_attribute("target", "_blank")
    expect(field).to_have_value("Kirjoitettu istunnon päätyttyä")
    expect(page.get_by_label("Salasana")).to_have_count(0)  # no login page inside the field
    stage.refresh_from_db()
    assert stage.expectation == ""

    with page.context.expect_page() as opened:
        login.click()
    tab = opened.value
    tab.get_by_label("Käyttäjätunnus").fill("bob")
    tab.get_by_label("Salasana").fill("pw-12345")
    tab.get_by_role("button", name="Kirjaudu sisään").click()
    tab.wait_for_url("**/")
    tab.close()

    page.bring_to_front()
    state.get_by_role("button", name="Yritä uudelleen").click()
    expect(state).to_contain_text("Tallennettu")
    stage.refresh_from_db()
    assert stage.expectation == "Kirjoitettu istunnon päätyttyä"


def test_saving_updates_the_stage_filled_percentage_without_reload(new_page, manager, stage):
    Stage.objects.filter(pk=stage.pk).update(expectation="")
    page = new_page()
    field = open_stage(page, stage)
    before = page.locator("#stage-completion .pct").inner_text()
    type_and_leave(field, "Vastaamme samana päivänä")
    expect(page.locator("#field-expectation .status")).to_contain_text("Tallennettu")
    expect(page.locator("#stage-completion .pct")).not_to_have_text(before)


def test_failed_row_save_says_so_in_the_row_and_keeps_the_values(new_page, manager, stage):
    action = Action.objects.create(stage=stage, what="Alkuperäinen", owner="Liisa")
    page = new_page()
    open_stage(page, stage)
    page.route("**/rows/actions/*/save/", lambda route: route.fulfill(status=500, body="no"))
    row = page.locator(".row-form", has=page.locator(f"textarea[id$='{action.pk.hex[:8]}_what']"))
    what = row.locator("textarea[name=what]")
    what.fill("Uusi teksti")
    what.press("Tab")
    expect(row.locator(".status")).to_contain_text("palvelimella oli ongelma (virhe 500)")
    expect(what).to_have_value("Uusi teksti")
    action.refresh_from_db()
    assert action.what == "Alkuperäinen"
