from django import template
from django.utils.translation import gettext as _

from workshops.models import WorkshopRole

register = template.Library()


@register.filter
def attr_display(obj, name):
    """A model attribute as a person reads it: the choice label, or the value."""
    display = getattr(obj, f"get_{name}_display", None)
    if display is not None:
        return display()
    value = getattr(obj, name, "")
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


@register.filter
def percent(value):
    try:
        return round(float(value) * 100)
    except (TypeError, ValueError):
        return 0


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def role_label(role):
    return dict(WorkshopRole.choices).get(role, role)
