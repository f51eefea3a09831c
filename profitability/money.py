"""Euros from integer cents, written the way each language writes money. No Django here.

Finnish: ``1 234,56 €`` (no-break space between thousands and before the sign);
English: ``€1,234.56``. Cents are exact, so no rounding happens on the way to the page.
"""

from __future__ import annotations

from decimal import Decimal

NBSP = "\u00a0"


def euros(cents: int | None) -> Decimal | None:
    """Cents as an exact Decimal of euros (``123456`` -> ``Decimal("1234.56")``)."""
    if cents is None:
        return None
    return Decimal(int(cents)).scaleb(-2)


def format_money(cents: int | None, language: str = "fi", *, decimals: bool = True) -> str:
    """``123456`` -> ``"1 234,56 €"`` (fi) or ``"€1,234.56"`` (en); None -> ``""``.

    ``decimals=False`` rounds to whole euros (halves away from zero) for charts and tiles.
    """
    if cents is None:
        return ""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    magnitude = abs(cents)
    if decimals:
        whole, part = divmod(magnitude, 100)
    else:
        whole, part = (magnitude + 50) // 100, None
    if language.startswith("fi"):
        digits = f"{whole:,}".replace(",", NBSP)
        number = digits if part is None else f"{digits},{part:02d}"
        return f"{sign}{number}{NBSP}€"
    digits = f"{whole:,}"
    number = digits if part is None else f"{digits}.{part:02d}"
    return f"{sign}€{number}"


def format_share(value: float | None, language: str = "fi", digits: int = 1) -> str:
    """A fraction as a percentage: ``0.1234`` -> ``"12,3 %"`` (fi) or ``"12.3 %"`` (en)."""
    if value is None:
        return ""
    text = f"{value * 100:.{digits}f}"
    if language.startswith("fi"):
        text = text.replace(".", ",")
    return f"{text}{NBSP}%"


def format_number(value: float | None, language: str = "fi", digits: int = 1) -> str:
    """A plain figure with thousands separators: ``12345.6`` -> ``"12 345,6"`` (fi)."""
    if value is None:
        return ""
    text = f"{value:,.{digits}f}"
    if language.startswith("fi"):
        text = text.replace(",", NBSP).replace(".", ",")
    return text
