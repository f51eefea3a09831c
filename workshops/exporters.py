"""Export formats beyond the JSON exchange file. Each exporter has an identifier, a label and
`render(workshop)` returning (filename, content type, bytes). Modules add theirs here."""

EXPORTERS: dict = {}


def register_exporter(exporter):
    EXPORTERS[exporter.identifier] = exporter
    return exporter
