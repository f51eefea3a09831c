import sys

from django.urls import reverse

from live.qr import qr_svg


def test_qr_code_is_an_svg_of_the_join_link():
    svg = qr_svg("https://example.com/join/?code=ABC234", "Join")
    assert svg.startswith("<svg") and "<title>Join</title>" in svg


def test_without_segno_there_is_no_qr_code(monkeypatch):
    monkeypatch.setitem(sys.modules, "segno", None)  # import segno raises ImportError
    assert qr_svg("https://example.com/join/?code=ABC234") is None


def test_without_segno_the_control_page_still_shows_the_link_and_code(
    monkeypatch, live_session, as_facilitator
):
    monkeypatch.setitem(sys.modules, "segno", None)
    html = as_facilitator.get(reverse("live:control", args=[live_session.pk])).text
    assert f"/join/?code={live_session.code}" in html
    assert 'class="segno"' not in html
