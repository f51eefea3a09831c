"""Uploaded survey exports kept between the mapping step and the import.

The file lies under MEDIA_ROOT/followup/imports/<workshop id>/<upload id>.<csv|xlsx>; the
workshop id in the path means another workshop's upload is never found, and both ids are
UUIDs, so the path cannot leave the folder. Files older than a day are removed on the next
upload.
"""

import time
import uuid
from pathlib import Path

from django.conf import settings

EXTENSIONS = (".csv", ".xlsx")
MAX_AGE_SECONDS = 24 * 60 * 60


def folder(workshop) -> Path:
    return Path(settings.MEDIA_ROOT) / "followup" / "imports" / str(workshop.pk)


def save(workshop, upload) -> uuid.UUID:
    target = folder(workshop)
    target.mkdir(parents=True, exist_ok=True)
    _remove_old(target)
    upload_id = uuid.uuid4()
    extension = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
    with open(target / f"{upload_id}{extension}", "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return upload_id


def find(workshop, upload_id) -> Path | None:
    for extension in EXTENSIONS:
        path = folder(workshop) / f"{uuid.UUID(str(upload_id))}{extension}"
        if path.is_file():
            return path
    return None


def remove(path: Path):
    path.unlink(missing_ok=True)


def _remove_old(target: Path):
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in target.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass
