"""The public survey link as a QR code (SVG), for the projector."""

import io

import segno


def qr_svg(url: str, *, title: str = "") -> str:
    """An inline SVG QR code of `url`."""
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
