"""Renders one report in its own process: HTML and allowed files in on stdin (JSON), PDF out on
stdout. The parent kills it when the time limit passes, so a runaway report cannot hold up the
server. Imports no Django: it needs nothing but WeasyPrint and the files it is allowed to read.
"""

import json
import resource
import sys

from weasyprint import HTML

from workshops.exports.fetcher import ReportURLFetcher


def main():
    job = json.loads(sys.stdin.buffer.read())
    fetcher = ReportURLFetcher(static_files=job["static"], media_files=job["media"])
    pdf = HTML(string=job["html"], base_url=job["base_url"], url_fetcher=fetcher).write_pdf()
    sys.stdout.buffer.write(pdf)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sys.stderr.write(
        json.dumps({"peak_memory_mb": round(peak_kb / 1024, 1), "refused": fetcher.refused}) + "\n"
    )


if __name__ == "__main__":
    main()
