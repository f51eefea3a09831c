import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from workshops.exporters import EXPORTERS
from workshops.exports.pdf import ReportError
from workshops.models import Workshop


class Command(BaseCommand):
    help = "Export a workshop: json (exchange format), xlsx, or pdf (the report)."

    def add_arguments(self, parser):
        parser.add_argument("workshop_id")
        parser.add_argument("--format", default="json", choices=sorted(EXPORTERS))
        parser.add_argument(
            "--chapters", nargs="*", help="pdf only: chapter keys, e.g. journey actions kano"
        )
        parser.add_argument(
            "--include-empty",
            action="store_true",
            help="pdf only: keep chapters that have nothing to show yet",
        )
        parser.add_argument("-o", "--output", help="file to write; standard output if left out")

    def handle(self, *args, workshop_id, format, chapters, include_empty, output, **options):
        try:
            workshop = Workshop.objects.select_related("organisation").get(pk=workshop_id)
        except (Workshop.DoesNotExist, ValidationError, ValueError):
            raise CommandError(f"No workshop with id {workshop_id}") from None
        try:
            _name, _type, content = EXPORTERS[format].render(
                workshop, chapters=chapters, include_empty=include_empty
            )
        except ReportError as error:
            raise CommandError(str(error)) from None
        if output:
            with open(output, "wb") as file:
                file.write(content)
        else:
            sys.stdout.buffer.write(content)
