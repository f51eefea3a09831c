"""The PDF renderer fetches nothing but our own static files and the organisation's logo."""

import http.server
import io
import threading

import pytest
from pypdf import PdfReader

from journey.models import Action, Stage, Touchpoint
from workshops.exports.pdf import workshop_pdf


@pytest.fixture
def canary():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body{}")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_hostile_field_text_fetches_nothing_and_embeds_nothing(workshop, stage, canary):
    url, hits = canary
    payloads = [
        '<img src="file:///etc/passwd">',
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<object data="{url}/object"></object><embed src="{url}/embed">',
        f'<style>@import url("{url}/import.css"); body {{ background: url({url}/bg.png) }}</style>',
        f'<base href="{url}/"><img src="/relative.png">',
        f'<img src="{url}/img.png">',
    ]
    Stage.objects.filter(pk=stage.pk).update(
        name=payloads[0][:200],
        expectation=payloads[1],
        customer_does=payloads[2],
        customer_thinks=payloads[3],
        target_level=payloads[4],
        notes=payloads[5],
    )
    Touchpoint.objects.create(stage=stage, description=payloads[3])
    Action.objects.create(stage=stage, what=payloads[2])

    rendered = workshop_pdf(workshop)

    assert hits == []
    reader = PdfReader(io.BytesIO(rendered.content))
    assert reader.attachments == {}
    assert b"/EmbeddedFile" not in rendered.content
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "root:x:0:0" not in text
    # the hostile text is shown as text
    assert "file:///etc/passwd" in text.replace("\n", "")


def test_fetcher_refuses_everything_but_our_files(tmp_path):
    from workshops.exports.fetcher import REPORT_BASE_URL, RefusedURL, ReportURLFetcher

    css = tmp_path / "report.css"
    css.write_text("body{}")
    fetcher = ReportURLFetcher(static_files={"css/report.css": str(css)}, media_files={})
    assert fetcher.fetch(f"{REPORT_BASE_URL}static/css/report.css").read() == b"body{}"
    for url in [
        "file:///etc/passwd",
        "http://127.0.0.1:1/x",
        "https://example.com/a.css",
        f"{REPORT_BASE_URL}static/../../etc/passwd",
        f"{REPORT_BASE_URL}media/x.png",
        f"{REPORT_BASE_URL}static/css/other.css",
        "data:text/html,<b>x</b>",
        "data:image/svg+xml,<svg/>",
        "ftp://example.com/x",
    ]:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert fetcher.fetch("data:image/png;base64,iVBORw0KGgo=").read() == b"\x89PNG\r\n\x1a\n"
