import uuid

from django import template

register = template.Library()


@register.simple_tag
def new_submission_id() -> str:
    """A fresh id for each rendered participant form: a retry of the same request carries the
    same id and counts once; the next submit of a re-rendered form is a new one."""
    return str(uuid.uuid4())


@register.filter
def signed(value):
    """-3..+3 as the scale shows it: −3, 0, +3 (a real minus sign)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        text = f"{value:+.1f}"
    else:
        text = f"{int(value):+d}" if int(value) else "0"
    return text.replace("-", "\u2212")
