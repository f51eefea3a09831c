from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workshops import backup


class Command(BaseCommand):
    help = (
        "Writes a consistent copy of the SQLite database and the media files while the app "
        "runs (a .tar.gz file, or a folder). For PostgreSQL it tells the pg_dump line."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", help="a .tar.gz file or a folder (default: a dated .tar.gz here)"
        )

    def handle(self, *args, **options):
        target = Path(options["output"] or backup.default_name())
        try:
            written = backup.backup(target)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(written))
