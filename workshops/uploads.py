"""Upload limits per kind (settings.UPLOAD_LIMITS), checked before any work starts.

Every upload and import form uses `LimitedFileField`: a file over its kind's byte limit is a
form error naming the file, its size and the limit, so nothing is parsed or written. The row
limit is passed to the reader, which stops at the first row over it.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def upload_limit(kind: str) -> dict:
    """{"bytes": int, "rows": int | None, ...} of an upload kind."""
    return settings.UPLOAD_LIMITS[kind]


def max_rows(kind: str) -> int | None:
    return upload_limit(kind).get("rows")


def check_size(upload, kind: str) -> None:
    """Raise a ValidationError when `upload` is larger than its kind allows."""
    limit = upload_limit(kind)["bytes"]
    if upload is not None and upload.size > limit:
        raise forms.ValidationError(
            _("%(name)s is %(size)s; the limit for this upload is %(limit)s."),
            code="too_large",
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )


class LimitedFileField(forms.FileField):
    """A FileField that refuses a file larger than its upload kind's limit."""

    def __init__(self, *args, kind: str, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_size(upload, self.kind)
        return upload
