"""python manage.py profitability_analyze MODEL_FOLDER [--groups 10] --format json|table

Reads a model folder (customers, order_lines, activities[, resources][, customer_drivers];
CSV or XLSX), analyses it and prints the result. No database is used: the command works on
a machine without one. Bad input prints every problem (file, row, column) to stderr and
exits with status 1.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from profitability.engine import ModelError, analyze, format_table, load_folder
from profitability.method import MAX_GROUPS, MIN_GROUPS


class Command(BaseCommand):
    help = "Analyse the customer profitability of a model folder and print JSON or a table."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("model_folder", help="folder of the model's CSV/XLSX files")
        parser.add_argument(
            "--groups",
            type=int,
            default=10,
            help=f"profitability groups, {MIN_GROUPS}-{MAX_GROUPS} (default 10)",
        )
        parser.add_argument("--format", choices=("json", "table"), default="json")

    def handle(self, *args, **options):
        groups = options["groups"]
        if not MIN_GROUPS <= groups <= MAX_GROUPS:
            raise CommandError(f"--groups must be between {MIN_GROUPS} and {MAX_GROUPS}")
        try:
            result = analyze(load_folder(options["model_folder"]), groups=groups)
        except ModelError as error:
            for item in error.errors:
                self.stderr.write(str(item))
            sys.exit(1)
        if options["format"] == "json":
            self.stdout.write(result.to_json())
        else:
            self.stdout.write(format_table(result), ending="")
