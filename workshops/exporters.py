"""Export formats. Each exporter has an identifier, a label and `render(workshop, **options)`
returning (filename, content type, bytes)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Exporter:
    identifier: str
    label: str
    extension: str
    content_type: str
    build: Callable

    def render(self, workshop, **options):
        name = f"{slugify(workshop.name) or 'workshop'}.{self.extension}"
        return name, self.content_type, self.build(workshop, **options)


def _json(workshop, **options):
    from .exchange import export_json

    return export_json(workshop)


def _xlsx(workshop, **options):
    from . import registry
    from .exports.tables import tables_xlsx

    return tables_xlsx(registry.all_tables(workshop))


def _pdf(workshop, *, chapters=None, lanes=None, include_empty=False, **options):
    from .exports.pdf import workshop_pdf

    return workshop_pdf(
        workshop, chapters=chapters, lanes=lanes, include_empty=include_empty
    ).content


EXPORTERS = {
    exporter.identifier: exporter
    for exporter in (
        Exporter("json", _("Workshop file (JSON)"), "json", "application/json", _json),
        Exporter(
            "xlsx",
            _("XLSX workbook"),
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _xlsx,
        ),
        Exporter("pdf", _("PDF report"), "pdf", "application/pdf", _pdf),
    )
}
