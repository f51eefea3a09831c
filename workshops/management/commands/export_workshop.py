import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from workshops import exchange
from workshops.exporters import EXPORTERS
from workshops.models import Workshop


class Command(BaseCommand):
    help = "Export a workshop (JSON exchange format, or another registered format)."

    def add_arguments(self, parser):
        parser.add_argument("workshop_id")
        parser.add_argument("--format", default="json", choices=sorted({"json", *EXPORTERS}))
        parser.add_argument("-o", "--output", help="file to write; standard output if left out")

    def handle(self, *args, workshop_id, format, output, **options):
        try:
            workshop = Workshop.objects.get(pk=workshop_id)
        except (Workshop.DoesNotExist, ValidationError, ValueError):
            raise CommandError(f"No workshop with id {workshop_id}") from None
        if format == "json":
            content = exchange.export_json(workshop)
        else:
            _filename, _content_type, content = EXPORTERS[format].render(workshop)
        if output:
            with open(output, "wb") as file:
                file.write(content)
        else:
            sys.stdout.buffer.write(content)
