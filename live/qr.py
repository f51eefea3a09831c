"""The QR code of the join link, as inline SVG (segno, imported only when a code is drawn)."""


def qr_svg(url: str, title: str = "") -> str | None:
    """An SVG QR code of `url`, or None when segno is not installed: the page then shows only
    the link and the code, which is enough to join."""
    try:
        import segno
    except ImportError:
        return None
    # Dark on white with a quiet zone, readable from the back of the room on a projector.
    return segno.make(url, error="m").svg_inline(
        scale=8, border=2, dark="#1c2430", light="#ffffff", title=title or None
    )
