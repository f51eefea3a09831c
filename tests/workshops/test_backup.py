"""`manage.py backup` while the app writes, then `manage.py restore`: every save acknowledged
before the backup is back, and so are the uploaded files. On PostgreSQL the commands answer
with the pg_dump advice."""

import io
import sqlite3
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from workshops.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4


def write_until(stop, acknowledged, errors, writer):
    """A client saving again and again; a save counts once its transaction committed."""
    n = 0
    try:
        while not stop.is_set():
            slug = f"w{writer}-{n}"
            try:
                Organisation.objects.create(name=f"Saved {slug}", slug=slug)
            except OperationalError:  # in-memory SQLite answers "table is locked": retry
                time.sleep(0.005)
                continue
            acknowledged.append(slug)
            n += 1
    except Exception as error:  # a thread's exception is otherwise lost
        errors.append(error)
    finally:
        connection.close()


def test_backup_during_writes_restores_every_acknowledged_save(tmp_path, settings):
    if connection.vendor != "sqlite":
        assert_postgresql_advice(tmp_path)
        return
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "logos").mkdir(parents=True)
    (tmp_path / "media" / "logos" / "logo.png").write_bytes(b"\x89PNG logo")
    stop, acknowledged, errors = threading.Event(), [], []
    threads = [
        threading.Thread(target=write_until, args=(stop, acknowledged, errors, i))
        for i in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 50:
        time.sleep(0.01)
    before_backup = set(acknowledged)
    archive = tmp_path / "backup.tar.gz"
    for _attempt in range(100):  # the backup, too, may meet "table is locked" in memory
        try:
            call_command("backup", "-o", str(archive), stdout=io.StringIO())
            break
        except (OperationalError, sqlite3.OperationalError):
            time.sleep(0.01)
    else:
        pytest.fail("the backup never got a read lock")
    time.sleep(0.1)  # writes go on after the backup
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    after_backup = set(acknowledged) - before_backup
    assert after_backup, "the writers kept writing during and after the backup"

    # Something goes wrong: data and files are lost.
    Organisation.objects.filter(slug__startswith="w").delete()
    (tmp_path / "media" / "logos" / "logo.png").unlink()

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    restored = set(Organisation.objects.filter(slug__startswith="w").values_list("slug", flat=True))
    assert before_backup <= restored  # every save acknowledged before the backup
    assert restored <= set(acknowledged)  # nothing that was never acknowledged
    assert (tmp_path / "media" / "logos" / "logo.png").read_bytes() == b"\x89PNG logo"


def test_backup_to_a_folder_and_restore_from_it(tmp_path, settings):
    if connection.vendor != "sqlite":
        assert_postgresql_advice(tmp_path)
        return
    settings.MEDIA_ROOT = tmp_path / "media"
    Organisation.objects.create(name="Kept", slug="kept")
    call_command("backup", "-o", str(tmp_path / "copy"), stdout=io.StringIO())
    assert (tmp_path / "copy" / "database.sqlite3").is_file()
    Organisation.objects.filter(slug="kept").delete()
    call_command("restore", str(tmp_path / "copy"), "--yes", stdout=io.StringIO())
    assert Organisation.objects.filter(slug="kept").exists()


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path):
    Organisation.objects.create(name="Kept", slug="kept")
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_bytes(b"not an archive")
    expected = "not a backup archive" if connection.vendor == "sqlite" else "pg_dump"
    with pytest.raises(CommandError, match=expected):
        call_command("restore", str(bogus), "--yes")
    assert Organisation.objects.filter(slug="kept").exists()


def assert_postgresql_advice(tmp_path):
    """PostgreSQL is backed up with its own tools: the commands say how."""
    with pytest.raises(CommandError, match="pg_dump --format=custom"):
        call_command("backup", "-o", str(tmp_path / "backup.tar.gz"))
    (tmp_path / "backup.tar.gz").write_bytes(b"")
    with pytest.raises(CommandError, match="pg_restore"):
        call_command("restore", str(tmp_path / "backup.tar.gz"), "--yes")
