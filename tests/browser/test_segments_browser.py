import pytest
from playwright.sync_api import expect

from segments.models import CriterionScore, MatrixCell, Segment
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def in_english(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_fill_a_matrix_cell_turn_it_into_a_segment_score_it_and_see_the_ranking(
    new_page, live_server, facilitator, en_workshop
):
    page = new_page()
    log_in(page, "alice")  # the login page speaks Finnish until the language is chosen
    in_english(page, live_server)
    page.goto(f"/workshops/{en_workshop.pk}/segment-matrix/")
    page.get_by_role("button", name="Use the car dealer example").click()
    expect(page.get_by_role("columnheader", name="The show-off")).to_be_visible()

    cell = page.get_by_role("textbox", name="Taxi × The show-off")
    cell.fill("A car that turns heads at the rank")
    cell.press("Tab")
    cell_id = MatrixCell.objects.get(row_value="Taxi", column_value="The show-off").pk.hex
    expect(page.locator(f"#field-cell-{cell_id}-text .status")).to_contain_text("Saved")

    page.get_by_role("button", name="Make a segment of Taxi × The show-off").click()
    expect(page.get_by_role("heading", name="The show-off · Taxi")).to_be_visible()
    segment = Segment.objects.get(workshop=en_workshop)
    assert segment.sought_benefits == "A car that turns heads at the rank"

    page.goto(f"/workshops/{en_workshop.pk}/customer-value/")
    page.get_by_label("Score of The show-off · Taxi on Sales margin").select_option("4")
    ranking = page.locator("#ranking")
    expect(ranking.locator("tbody tr").first).to_contain_text("The show-off · Taxi")
    expect(ranking.locator("tbody tr").first).to_contain_text("4.00")
    expect(ranking.locator("svg")).to_be_visible()
    assert CriterionScore.objects.get(segment=segment, criterion__key="margin").score == 4

    page.reload()
    expect(page.get_by_label("Score of The show-off · Taxi on Sales margin")).to_have_value("4")
    expect(page.locator("#ranking tbody tr").first.locator("td").first).to_have_text("1")


def test_a_name_that_ranks_people_gets_a_hint_but_is_saved(
    new_page, live_server, facilitator, en_workshop
):
    page = new_page()
    log_in(page, "alice")
    in_english(page, live_server)
    page.goto(f"/workshops/{en_workshop.pk}/segments/")
    page.get_by_label("Name of the new segment").fill("Families")
    page.get_by_role("button", name="Add segment").click()
    name = page.get_by_label("Name", exact=True)
    name.fill("C customers")
    name.press("Tab")
    expect(page.locator(".naming-hint")).to_contain_text("Potential")
    expect(page.locator(".status.saved").first).to_contain_text("Saved")
    assert Segment.objects.get(workshop=en_workshop).name == "C customers"
