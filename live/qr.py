"""The QR code of the join link, as inline SVG."""

import segno


def qr_svg(url: str, title: str = "") -> str:
    """An SVG QR code of `url`."""
    # Dark on white with a quiet zone, readable from the back of the room on a projector.
    # A viewBox and no fixed size, so the page's CSS scales it without cropping it.
    return segno.make(url, error="m").svg_inline(
        scale=8, border=2, dark="#1c2430", light="#ffffff", title=title or None, omitsize=True
    )
