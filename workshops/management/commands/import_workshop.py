from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from workshops import exchange
from workshops.models import Organisation


class Command(BaseCommand):
    help = "Import a workshop from a JSON exchange file; prints the new workshop's id last."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="organisation name or slug")

    def handle(self, *args, file, organisation, **options):
        org = Organisation.objects.filter(Q(slug=organisation) | Q(name=organisation)).first()
        if org is None:
            raise CommandError(f"No organisation named {organisation!r}")
        try:
            with open(file, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise CommandError(str(error)) from None
        try:
            workshop = exchange.import_workshop(raw, organisation=org)
        except exchange.ExchangeError as error:
            raise CommandError("The file was not imported:\n" + "\n".join(error.messages)) from None
        self.stdout.write(str(workshop.pk))
