from django.core.management.base import BaseCommand

from workshops.models import Workshop


class Command(BaseCommand):
    help = "List workshops: id, organisation, name (tab separated)."

    def handle(self, *args, **options):
        for workshop in Workshop.objects.select_related("organisation").order_by("created_at"):
            self.stdout.write(f"{workshop.pk}\t{workshop.organisation.name}\t{workshop.name}")
