"""WeasyPrint may read only the issue's folder, the paper's layout and `fonts/`.

Validation already refuses paths that leave the issue; this fetcher is the second lock, so
that nothing a template or stylesheet names can reach the network or the rest of the disk.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    pass


class RestrictedFetcher(URLFetcher):
    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve()
        if parsed.scheme != "file" or not any(path.is_relative_to(r) for r in self.roots):
            raise RefusedURL(f"refused to read {url}")
        return super().fetch(url, headers)
