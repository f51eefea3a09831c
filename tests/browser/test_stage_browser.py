"""The facilitator's stage in Chromium: presenter mode at projector size, slides moved with
the keys, the speaker view's notes and its sync with the room view, and axe-core."""

import uuid

import pytest
from playwright.sync_api import expect

from live import services
from live.models import ActivityKind
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import serious_findings

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture
def session(workshop, facilitator):
    journey = workshop.journeys.get()
    return services.start_session(workshop=workshop, journey=journey, by=facilitator)


@pytest.fixture
def stages(session):
    return services.journey_stages(session.journey)


def open_presenter(new_page):
    page = new_page(viewport=PROJECTOR)
    log_in(page, "alice")
    return page


def test_presenter_at_1920_shows_the_qr_code_and_join_address_and_no_app_menu(
    new_page, live_server, session
):
    page = open_presenter(new_page)
    page.goto(f"/live/{session.pk}/present/")
    qr = page.locator(".stage-qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box["width"] >= 250, box  # readable by a phone from the back of the room
    assert box["x"] + box["width"] <= 1920 and box["y"] + box["height"] <= 1080
    host = live_server.url.split("://", 1)[1]
    expect(page.locator(".stage-join")).to_contain_text(f"{host}/join")
    expect(page.locator(".stage-join")).to_contain_text(session.code)
    assert page.locator(".site-header, .site-nav, #language-switch").count() == 0
    assert page.get_by_role("button", name="Kirjaudu ulos").count() == 0
    # the room's headline is large: at least 60 px at 1920x1080
    size = page.locator(".stage-slide:not([hidden]) h1").evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert size >= 60, size

    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement !== null")
    expect(page.get_by_role("button", name="Poistu koko näytöstä")).to_be_visible()
    expect(qr).to_be_visible()
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")


def test_arrow_keys_and_page_keys_move_stage_by_stage(new_page, session, stages):
    page = open_presenter(new_page)
    page.goto(f"/live/{session.pk}/present/")
    current = page.locator(".stage-slide:not([hidden]) h1")
    qr = page.locator(".stage-qr svg")
    assert qr.bounding_box()["width"] >= 450  # before the first activity: join now, big
    page.keyboard.press("ArrowRight")
    expect(current).to_have_text(stages[0].name)
    assert qr.bounding_box()["width"] < 450  # the stage's content gets the room
    expect(page.locator(".stage-slide:not([hidden]) .stage-phase")).to_contain_text(
        stages[0].phase.name
    )
    page.keyboard.press("ArrowRight")
    expect(current).to_have_text(stages[1].name)
    page.keyboard.press("ArrowLeft")
    expect(current).to_have_text(stages[0].name)
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    expect(current).to_have_text(stages[2].name)
    page.keyboard.press("PageUp")
    expect(current).to_have_text(stages[1].name)
    expect(page.locator("[data-stage-number]")).to_have_text("3")
    assert page.locator(".stage-slide:not([hidden])").count() == 1
    # the stage's QR code and join address stay while walking the journey
    expect(page.locator(".stage-qr svg")).to_be_visible()


def test_speaker_view_shows_notes_the_room_view_does_not_and_both_move_together(
    new_page, session, stages
):
    stages[0].notes = "Ask who waited longest for an answer"
    stages[0].save()
    room = open_presenter(new_page)
    room.goto(f"/live/{session.pk}/present/")
    speaker = room.context.new_page()
    speaker.goto(f"/live/{session.pk}/present/?view=speaker")

    speaker.keyboard.press("ArrowRight")
    expect(speaker.locator(".stage-slide:not([hidden]) h1")).to_have_text(stages[0].name)
    expect(speaker.get_by_text("Ask who waited longest for an answer")).to_be_visible()
    # the room tab followed the speaker's key press, and shows no notes
    expect(room.locator(".stage-slide:not([hidden]) h1")).to_have_text(stages[0].name)
    assert "Ask who waited longest" not in room.content()
    assert room.locator(".stage-notes").count() == 0

    room.keyboard.press("ArrowRight")
    expect(speaker.locator(".stage-slide:not([hidden]) h1")).to_have_text(stages[1].name)


def test_stage_follows_the_rooms_answers_without_leaving_its_slide(
    new_page, session, stages, live_server
):
    activity = services.start_activity(session=session, kind=ActivityKind.RATING)
    page = open_presenter(new_page)
    page.goto(f"/live/{session.pk}/present/")
    page.keyboard.press("ArrowRight")
    participant, _token = services.join(session=session, nickname="Aino")
    services.rate(
        participant=participant, activity=activity, stage=stages[0], value=-2,
        submission_id=uuid.uuid4(),
    )  # fmt: skip
    expect(page.locator(".stage-slide:not([hidden]) [data-stage-average]")).to_have_text("−2.0")
    expect(page.locator(".stage-slide:not([hidden]) h1")).to_have_text(stages[0].name)


@pytest.mark.parametrize("query", ["", "?view=speaker"])
def test_presenter_and_speaker_views_have_no_serious_accessibility_findings(
    new_page, session, stages, query
):
    services.start_activity(session=session, kind=ActivityKind.RATING)
    page = open_presenter(new_page)
    page.goto(f"/live/{session.pk}/present/{query}")
    assert serious_findings(page) == []
    page.keyboard.press("ArrowRight")
    assert serious_findings(page) == []


@pytest.mark.parametrize("size", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}])
def test_the_whole_qr_code_shows_on_a_laptop_and_a_phone_without_sideways_scrolling(
    new_page, session, size
):
    page = new_page(viewport=size)
    log_in(page, "alice")
    page.goto(f"/live/{session.pk}/present/")
    box = page.locator(".stage-qr svg").bounding_box()
    assert box["width"] >= 110 and abs(box["width"] - box["height"]) < 2, box  # square, not cut
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]
