"""python manage.py kano_analyze FILE [--threshold 0.06] [--format json|table]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kano.analysis import DEFAULT_THRESHOLD, analyze
from kano.figures import figures_document, format_table, table_rows
from kano.parsing import parse_responses


class Command(BaseCommand):
    help = (
        "Analyse a Kano response file (CSV or XLSX, long form: respondent, factor, functional, "
        "dysfunctional[, importance][, attributes]) and print every figure per factor. Shares, "
        "strengths, Better and Worse are fractions of 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the response file")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help="category strength below which the M>O>A>I rule applies (default 0.06)",
        )
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, **options):
        path = Path(options["file"])
        threshold = options["threshold"]
        if not 0.0 <= threshold <= 1.0:
            raise CommandError("--threshold is a fraction of 1, e.g. 0.06")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from None
        parsed = parse_responses(data, path.name)
        if parsed.errors:
            for error in parsed.errors:
                column = f", column '{error.column}'" if error.column else ""
                self.stderr.write(f"row {error.row}{column}: {error.message}")
            raise CommandError(f"{path}: {len(parsed.errors)} error(s), nothing analysed")
        document = figures_document(analyze(parsed.pairs, threshold=threshold))
        if options["format"] == "table":
            self.stdout.write(format_table(table_rows(document)), ending="")
        else:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
