from live.qr import qr_svg


def test_qr_code_is_an_svg_of_the_join_link():
    svg = qr_svg("https://example.com/join/?code=ABC234", "Join")
    assert svg.startswith("<svg") and "<title>Join</title>" in svg
