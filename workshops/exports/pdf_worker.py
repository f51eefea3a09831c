"""Renders one report in its own process, PDF out on stdout. The parent kills it when the time
limit passes, so a runaway report cannot hold up the server. Imports no Django: it needs
nothing but WeasyPrint and the files it is allowed to read.

On stdin: first one line of JSON (the HTML and the allowed files), then one line of JSON per
chart the parent draws while this process already parses and styles the HTML
({"url": ..., "svg": ...}; see workshops.charts.DrawLater). The parent starts this
process before it builds the HTML, so WeasyPrint is imported meanwhile too.
"""

import json
import logging
import resource
import sys

from weasyprint import HTML

from workshops.exports.fetcher import ReportURLFetcher
from workshops.exports.prepare import GlyphWidths, charts_as_images, fix_table_columns

FONT_REGULAR = "fonts/inter-5.3.0/inter-latin-400-normal.woff2"
FONT_BOLD = "fonts/inter-5.3.0/inter-latin-600-normal.woff2"  # table headers are 600


class LaterCharts:
    """Reads the charts the parent sends after the job, each when WeasyPrint first asks."""

    def __init__(self, stream):
        self.stream = stream
        self.received: dict[str, bytes] = {}

    def __call__(self, url: str) -> bytes | None:
        while url not in self.received:
            line = self.stream.readline()
            if not line:
                return None  # the parent has sent everything: no such chart
            chart = json.loads(line)
            self.received[chart["url"]] = chart["svg"].encode()
        return self.received.pop(url)


def main():
    # WeasyPrint's warnings would fill the stderr pipe while the parent is still writing
    # charts to stdin; only errors are worth reporting.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    job = json.loads(sys.stdin.buffer.readline())
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
    fetcher = ReportURLFetcher(
        static_files=static,
        media_files=job["media"],
        charts=charts,
        later_charts=LaterCharts(sys.stdin.buffer),
    )
    document.url_fetcher = fetcher
    pdf = document.write_pdf()
    sys.stdout.buffer.write(pdf)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(
        json.dumps({"peak_memory_mb": round(peak_kb / 1024, 1), "refused": fetcher.refused}) + "\n"
    )


if __name__ == "__main__":
    main()
