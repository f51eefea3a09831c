import json

from django.core.management.base import BaseCommand

from workshops import exchange


class Command(BaseCommand):
    help = "Print the JSON Schema of the workshop exchange format."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(exchange.json_schema(), indent=2, ensure_ascii=False))
