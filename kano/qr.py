"""The public survey link as a QR code (SVG), for the projector.

`segno` is imported lazily: without it the page shows only the link and the short code.
"""

import io


def qr_svg(url: str, *, title: str = "") -> str | None:
    """An inline SVG QR code of `url`, or None when segno is not installed."""
    try:
        import segno
    except ImportError:
        return None
    code = segno.make(url, error="m")
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        scale=6,
        border=2,
        xmldecl=False,
        svgns=True,
        title=title or None,
        svgclass="qr",
        lineclass=None,
    )
    return buffer.getvalue().decode()
