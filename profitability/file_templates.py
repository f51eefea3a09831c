"""Empty CSV files with the right columns, one per file of the profitability upload, so a
consultant starts from a file the import accepts. Columns as in ``engine.model.Model``."""

import csv
import io

from workshops.exports.tables import csv_safe

TEMPLATE_COLUMNS = {
    "customers": ("customer_id", "name", "segment"),
    "order_lines": ("customer_id", "order_id", "product_id", "date", "quantity", "revenue", "cogs"),
    "activities": (
        "activity",
        "kind",
        "cost_group",
        "driver",
        "cost",
        "capacity",
        "rate",
        "resource",
        "unit_time",
    ),
    "resources": ("resource", "cost", "practical_capacity", "rate_per_minute"),
    "customer_drivers": ("customer_id", "driver", "quantity"),
}


def template_csv(kind: str) -> bytes:
    """The header row of one upload file, UTF-8 with a BOM so that Excel reads it right."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(
        [csv_safe(column) for column in TEMPLATE_COLUMNS[kind]]
    )
    return buffer.getvalue().encode("utf-8-sig")
