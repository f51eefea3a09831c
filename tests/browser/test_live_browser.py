"""A live session in the browser: the presenter view on the projector and three phones."""

import re

import pytest
from playwright.sync_api import expect

from live.models import DotVote, LiveSession
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def watch_csp(page, violations):
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )


def test_phones_join_with_the_code_and_their_votes_appear_on_the_presenter_view(
    new_page, live_server, facilitator, workshop
):
    violations = []
    facilitator_page = new_page()
    watch_csp(facilitator_page, violations)
    log_in(facilitator_page, "alice")
    english(facilitator_page, live_server)
    facilitator_page.goto(f"/workshops/{workshop.pk}/")
    facilitator_page.get_by_role("button", name="Start a live session").click()
    expect(facilitator_page.get_by_role("heading", name=re.compile("Live session"))).to_be_visible()
    session = LiveSession.objects.get(workshop=workshop)

    presenter = facilitator_page.context.new_page()
    watch_csp(presenter, violations)
    presenter.goto(f"/live/{session.pk}/present/")
    expect(presenter.locator(".live-join-bar")).to_contain_text(session.code)
    presenter.evaluate("window.notReloaded = true")

    phones = []
    for nickname in ("Aino", "Bertta", "Cecilia"):
        phone = new_page(viewport=PHONE)
        watch_csp(phone, violations)
        english(phone, live_server)
        phone.goto("/join/")
        phone.get_by_label("Code").fill(session.code.lower())
        phone.get_by_label("Nickname (optional)").fill(nickname)
        phone.get_by_role("button", name="Join").click()
        expect(phone.get_by_text("Waiting for the facilitator")).to_be_visible()
        phones.append(phone)
    expect(presenter.locator("[data-participants]").first).to_have_attribute(
        "data-participants", "3"
    )

    # The facilitator starts a dot vote; the phones switch to it by themselves.
    # Only the chosen activity's options show.
    expect(facilitator_page.get_by_label("Dots per participant")).to_be_hidden()
    facilitator_page.get_by_label("Dot voting", exact=True).check()
    facilitator_page.get_by_label("Dots per participant").fill("3")
    facilitator_page.get_by_role("button", name="Start", exact=True).click()
    stages = list(session.journey.phases.order_by("position")[1].stages.order_by("position"))
    for n, phone in enumerate(phones):
        # the question is the method's, in the workshop's language (Finnish here)
        expect(phone.get_by_role("heading", name=re.compile("Mitkä vaiheet"))).to_be_visible()
        phone.get_by_role("button", name=f"Put a dot on {stages[0].name}").click()
        expect(phone.locator(".live-dots-left")).to_contain_text("2 dots of 3 left")
        if n == 0:
            phone.get_by_role("button", name=f"Put a dot on {stages[1].name}").click()
            expect(phone.locator(".live-dots-left")).to_contain_text("1 dot of 3 left")

    total = presenter.locator("#live-results .live-total")
    expect(total).to_have_attribute("data-total", "4")
    expect(presenter.locator("#live-results")).to_contain_text(stages[0].name)
    assert presenter.evaluate("window.notReloaded") is True
    assert sum(DotVote.objects.values_list("count", flat=True)) == 4
    assert violations == []
