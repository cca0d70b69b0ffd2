"""WeasyPrint may read only the issue's folder, the paper's layout and `fonts/`.

Validation already refuses paths that leave the issue; this fetcher is the second lock, so
that nothing a template or stylesheet names can reach the network or the rest of the disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    pass


class RestrictedFetcher(URLFetcher):
    """`stand_ins` serves one file's bytes for another's URL: the press versions of the
    images. The URL names an image in the PDF, so it stays the issue's own file's, and
    where the converted copies are kept never changes the output."""

    def __init__(self, roots: list[Path], stand_ins: Mapping[Path, Path] | None = None) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]
        self.stand_ins = stand_ins or {}

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve()
        if parsed.scheme != "file" or not any(path.is_relative_to(r) for r in self.roots):
            raise RefusedURL(f"refused to read {url}")
        if path in self.stand_ins:
            return super().fetch(self.stand_ins[path].as_uri(), headers)
        return super().fetch(url, headers)
