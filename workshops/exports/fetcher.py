"""The PDF renderer's only way to the outside world.

It serves our own static files, the organisation's uploaded logo, the report's own charts
(handed over in memory, see prepare.py) and images given as data: URLs. Everything else
(file:, http(s): anywhere, other data:, redirects) is refused, so text a user typed can never
make the renderer read a local file or call a server.
"""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

REPORT_BASE_URL = "https://report.arvopolku.invalid/"
LATER_CHARTS_URL = f"{REPORT_BASE_URL}charts/later-"  # see workshops.charts.DrawLater
ALLOWED_DATA_PREFIXES = ("data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp")


class RefusedURL(ValueError):
    """WeasyPrint catches ValueError, skips the resource and goes on rendering."""


class ReportURLFetcher(URLFetcher):
    def __init__(
        self,
        *,
        static_files: dict[str, str],
        media_files: dict[str, str],
        charts: dict[str, bytes] | None = None,
        later_charts=None,
        **kwargs,
    ):
        # No redirects, no protocols of its own: fetch() below decides everything.
        super().__init__(allow_redirects=False, allowed_protocols=set(), **kwargs)
        self.static_files = static_files  # "css/report.css" -> absolute path
        self.media_files = media_files  # "logos/x.png" -> absolute path
        self.charts = charts or {}  # REPORT_BASE_URL + "charts/chart-1.svg" -> our own SVG
        # Charts still being drawn by the parent: later_charts(url) waits for one and returns
        # its SVG, or None when the parent sent no such chart.
        self.later_charts = later_charts
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            if url.startswith(ALLOWED_DATA_PREFIXES):
                return self._data(url)
            return self._refuse(url)
        if not url.startswith(REPORT_BASE_URL):
            return self._refuse(url)
        parts = urlsplit(url)
        path = unquote(parts.path).lstrip("/")
        if parts.query or ".." in path.split("/"):
            return self._refuse(url)
        if path.startswith("static/") and path[len("static/") :] in self.static_files:
            return self._file(url, self.static_files[path[len("static/") :]])
        if path.startswith("media/") and path[len("media/") :] in self.media_files:
            return self._file(url, self.media_files[path[len("media/") :]])
        if url not in self.charts and url.startswith(LATER_CHARTS_URL) and self.later_charts:
            svg = self.later_charts(url)
            if svg is not None:
                self.charts[url] = svg
        if url in self.charts:
            self.fetched.append(url)
            return URLFetcherResponse(
                url, body=self.charts[url], headers={"Content-Type": "image/svg+xml"}
            )
        return self._refuse(url)

    def _file(self, url, file_path):
        self.fetched.append(url)
        content_type = mimetypes.guess_type(file_path)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=Path(file_path).read_bytes(), headers={"Content-Type": content_type}
        )

    def _data(self, url):
        header, _sep, payload = url.partition(",")
        content_type = header[len("data:") :].split(";")[0]
        body = base64.b64decode(payload) if ";base64" in header else unquote(payload).encode()
        self.fetched.append(url[:40])
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})

    def _refuse(self, url):
        self.refused.append(url[:200])
        raise RefusedURL(f"refused: {url[:100]}")
