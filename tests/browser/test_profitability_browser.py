"""Upload a profitability model in the browser: the progress bar fills, the results appear,
and no script breaks the Content Security Policy."""

import pytest

from tests.browser.conftest import log_in
from tests.profitability.conftest import MODEL_FILES

pytestmark = pytest.mark.browser


def test_upload_shows_progress_and_then_the_results(
    new_page, live_server, facilitator, workshop, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    for name, text in MODEL_FILES.items():
        (tmp_path / f"{name}.csv").write_text(text)
    page = new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    log_in(page, "alice")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/workshops/{workshop.pk}/profitability/upload/")
    for name in ("customers", "order_lines", "activities"):
        page.locator(f"#id_{name}").set_input_files(str(tmp_path / f"{name}.csv"))
    page.get_by_role("button", name="Upload and analyse").click()
    page.wait_for_url("**/profitability/*/")
    assert page.locator("#company-result").inner_text() == "-€350.00"
    assert page.locator("svg").count() == 4
    page.screenshot(path=str(tmp_path / "results.png"), full_page=True)
    assert not [text for text in problems if "Content Security Policy" in text]


def test_bad_file_shows_the_errors_in_place(
    new_page, live_server, facilitator, workshop, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    files = {**MODEL_FILES, "order_lines": MODEL_FILES["order_lines"] + "Z,z1,1,1.00,1.00\n"}
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text)
    page = new_page()
    log_in(page, "alice")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/workshops/{workshop.pk}/profitability/upload/")
    for name in ("customers", "order_lines", "activities"):
        page.locator(f"#id_{name}").set_input_files(str(tmp_path / f"{name}.csv"))
    # Record what the progress bar shows while the files go up.
    page.evaluate(
        """() => { window.progressSeen = [];
        document.addEventListener('htmx:xhr:progress', () => window.progressSeen.push(
            document.getElementById('upload-progress').value)); }"""
    )
    page.get_by_role("button", name="Upload and analyse").click()
    errors = page.locator("#upload-errors")
    errors.wait_for()
    assert "unknown customer" in errors.inner_text()
    assert "order_lines.csv" in errors.inner_text()
    assert max(page.evaluate("window.progressSeen")) == 100
