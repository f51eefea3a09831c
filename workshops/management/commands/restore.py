from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workshops import backup


class Command(BaseCommand):
    help = (
        "Replaces the SQLite database and the media files with a backup written by "
        "`manage.py backup`. Stop the app servers and workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the .tar.gz file or folder written by backup")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask; the current data is replaced"
        )

    def handle(self, *args, **options):
        source = Path(options["backup"])
        if not source.exists():
            raise CommandError(f"{source} does not exist.")
        if not options["yes"] and options.get("interactive", True):
            answer = input("The current database and media files are replaced. Go on? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing was restored.")
        try:
            backup.restore(source)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {source}.")
