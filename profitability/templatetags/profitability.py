"""Money and shares on profitability pages, written the way the current language writes them."""

from django import template

from workshops.language import ui_language

from ..money import euros, format_money, format_number, format_share

register = template.Library()


@register.filter
def money(cents):
    """Integer cents as euros with cents: ``1 234,56 €`` (fi) or ``€1,234.56`` (en)."""
    try:
        return format_money(cents, ui_language())
    except (TypeError, ValueError):
        return ""


@register.filter
def money0(cents):
    """Integer cents as whole euros, for tiles and summaries."""
    try:
        return format_money(cents, ui_language(), decimals=False)
    except (TypeError, ValueError):
        return ""


@register.filter
def share(value, digits=1):
    """A fraction (0.2) as a percentage (20,0 %)."""
    try:
        return format_share(None if value is None else float(value), ui_language(), digits)
    except (TypeError, ValueError):
        return ""


@register.filter
def pct(value, digits=1):
    """A value already in percent (12.34) as ``12,3 %``."""
    if value is None or value == "":
        return ""
    try:
        return format_share(float(value) / 100, ui_language(), digits)
    except (TypeError, ValueError):
        return ""


@register.filter
def figure(value, digits=1):
    """A plain figure with thousands separators."""
    if value is None or value == "":
        return ""
    try:
        return format_number(float(value), ui_language(), int(digits))
    except (TypeError, ValueError):
        return ""


@register.filter
def decimal_euros(cents):
    """Cents as a plain Decimal of euros (for form fields and spreadsheets)."""
    return euros(cents)
