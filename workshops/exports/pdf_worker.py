"""Renders one report in its own process: HTML and allowed files in on stdin (JSON), PDF out on
stdout. The parent kills it when the time limit passes, so a runaway report cannot hold up the
server. Imports no Django: it needs nothing but WeasyPrint and the files it is allowed to read.

The parent starts it before it builds the HTML, so WeasyPrint is imported while the chapters
are put together.
"""

import json
import resource
import sys

from weasyprint import HTML

from workshops.exports.fetcher import ReportURLFetcher
from workshops.exports.prepare import GlyphWidths, charts_as_images, fix_table_columns

FONT_REGULAR = "fonts/inter-5.3.0/inter-latin-400-normal.woff2"
FONT_BOLD = "fonts/inter-5.3.0/inter-latin-600-normal.woff2"  # table headers are 600


def main():
    job = json.loads(sys.stdin.buffer.read())
    base_url = job["base_url"]
    document = HTML(string=job["html"], base_url=base_url)
    static = job["static"]
    widths = (
        GlyphWidths.from_font_files(static[FONT_REGULAR], static[FONT_BOLD])
        if FONT_REGULAR in static and FONT_BOLD in static
        else GlyphWidths()
    )
    fix_table_columns(document.etree_element, widths)
    charts = charts_as_images(document.etree_element, f"{base_url}charts/")
    fetcher = ReportURLFetcher(static_files=static, media_files=job["media"], charts=charts)
    document.url_fetcher = fetcher
    pdf = document.write_pdf()
    sys.stdout.buffer.write(pdf)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(
        json.dumps({"peak_memory_mb": round(peak_kb / 1024, 1), "refused": fetcher.refused}) + "\n"
    )


if __name__ == "__main__":
    main()
