"""Files of a profitability upload that arrived, kept until the upload succeeds: after a
failed upload the browser clears every file input, so the user re-chooses only the bad file.

Kept in the default storage under a random name; the session remembers which file is which,
per workshop, so another person never sees them."""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict


def _key(workshop) -> str:
    return f"profitability-staged-{workshop.pk}"


def received(request, workshop) -> dict:
    """{field name: original file name} of the files kept for this workshop."""
    return {name: item["name"] for name, item in request.session.get(_key(workshop), {}).items()}


def with_staged(request, workshop, fields) -> MultiValueDict:
    """The request's files, plus the kept file of every field the user did not choose again.
    A newly chosen file is kept in place of the old one; a ZIP replaces them all."""
    if request.FILES.get("archive"):  # a ZIP of the whole model replaces the kept files
        clear(request, workshop)
        return request.FILES
    files = request.FILES.copy()
    staged = dict(request.session.get(_key(workshop), {}))
    for name in fields:
        chosen = request.FILES.get(name)
        if chosen is not None:
            content = b"".join(chosen.chunks())
            chosen.seek(0)
            if name in staged:
                default_storage.delete(staged[name]["path"])
            path = default_storage.save(
                f"profitability-staged/{secrets.token_hex(16)}.upload", ContentFile(content)
            )
            staged[name] = {"path": path, "name": chosen.name}
        elif name in staged and default_storage.exists(staged[name]["path"]):
            with default_storage.open(staged[name]["path"], "rb") as handle:
                files[name] = SimpleUploadedFile(staged[name]["name"], handle.read())
    request.session[_key(workshop)] = staged
    return files


def clear(request, workshop) -> None:
    for item in request.session.pop(_key(workshop), {}).values():
        default_storage.delete(item["path"])
