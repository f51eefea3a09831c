"""A consistent copy of the SQLite database and the uploaded files, taken while the app runs,
and bringing one back (`manage.py backup`, `manage.py restore`).

The database is copied with SQLite's online backup API, which reads one snapshot: every save
committed before the copy started is in it, none is half in it, and writers are not stopped
(WAL mode lets them go on). The media files are copied after the database, so every file
the copied database refers to is there (uploads are only ever added under new names).

PostgreSQL has its own tools: `pg_dump` and `pg_restore` (see README).
"""

import datetime
import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connections

DATABASE_FILE = "database.sqlite3"
MEDIA_DIR = "media"
MANIFEST = "manifest.json"

PG_ADVICE = (
    "The database is PostgreSQL: back it up with pg_dump, e.g. "
    '`pg_dump --format=custom --file=arvopolku.dump "$DATABASE_URL"`, restore with '
    '`pg_restore --clean --if-exists --dbname="$DATABASE_URL" arvopolku.dump`, and copy the '
    "media folder ({media}) alongside."
)


class BackupError(Exception):
    pass


def _sqlite(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    if connection.vendor != "sqlite":
        raise BackupError(PG_ADVICE.format(media=settings.MEDIA_ROOT))
    connection.ensure_connection()
    return connection.connection


def default_name() -> str:
    return f"arvopolku-backup-{datetime.datetime.now():%Y%m%d-%H%M%S}.tar.gz"


def backup(target: Path, *, alias: str = "default") -> Path:
    """Writes the backup to `target`: a .tar.gz file, or else a folder."""
    source = _sqlite(alias)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "backup"
        folder.mkdir()
        copy = sqlite3.connect(folder / DATABASE_FILE)
        try:
            source.backup(copy)  # one consistent snapshot, writers keep going
        finally:
            copy.close()
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.copytree(media, folder / MEDIA_DIR)
        else:
            (folder / MEDIA_DIR).mkdir()
        manifest = {"created": datetime.datetime.now(datetime.UTC).isoformat(), "format": 1}
        (folder / MANIFEST).write_text(json.dumps(manifest))
        target = Path(target)
        if target.name.endswith(".tar.gz"):
            target.parent.mkdir(parents=True, exist_ok=True)
            with tarfile.open(target, "w:gz") as archive:
                for item in sorted(folder.iterdir()):
                    archive.add(item, arcname=item.name)
        else:
            if target.exists() and any(target.iterdir()):
                raise BackupError(f"{target} exists and is not empty.")
            shutil.copytree(folder, target, dirs_exist_ok=True)
    return target


def restore(source: Path, *, alias: str = "default") -> None:
    """Replaces the database and the media files with those of the backup at `source`."""
    connection = _sqlite(alias)
    source = Path(source)
    with tempfile.TemporaryDirectory() as work:
        if source.is_file():
            try:
                with tarfile.open(source, "r:gz") as archive:
                    archive.extractall(work, filter="data")
            except (tarfile.TarError, OSError) as error:
                raise BackupError(f"{source} is not a backup archive: {error}") from error
            folder = Path(work)
        else:
            folder = source
        database = folder / DATABASE_FILE
        if not database.is_file() or not (folder / MANIFEST).is_file():
            raise BackupError(f"{source} is not an Arvopolku backup (no {DATABASE_FILE}).")
        copy = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"The database in {source} is damaged.")
            copy.backup(connection)
        finally:
            copy.close()
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        shutil.copytree(folder / MEDIA_DIR, media)
