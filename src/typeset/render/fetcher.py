"""WeasyPrint may read only the issue's folder, the paper's layout and `fonts/`.

Validation already refuses paths that leave the issue; this fetcher is the second lock, so
that nothing a template or stylesheet names can reach the network or the rest of the disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from weasyprint.urls import URLFetcher, URLFetcherResponse

# The issue's files are named in the HTML by this root, not by where the issue lies:
# WeasyPrint names each image in the PDF by a hash of its URL, so an absolute path would
# make the pages' bytes depend on the checkout's folder.
ISSUE_URL = "file:///issue/"


def issue_file_url(issue_folder: Path, path: Path) -> str:
    """The URL the HTML gives `path`, a file inside the issue folder."""
    return ISSUE_URL + quote(path.resolve().relative_to(issue_folder.resolve()).as_posix())


def file_of(url: str, issue_folder: Path | None) -> Path:
    """The file a `file:` URL of the HTML names: the issue's own under ISSUE_URL."""
    if issue_folder is not None and url.startswith(ISSUE_URL):
        return (issue_folder / unquote(url.removeprefix(ISSUE_URL))).resolve()
    return Path(unquote(urlparse(url).path)).resolve()


class RefusedURL(ValueError):
    pass


class RestrictedFetcher(URLFetcher):
    """`stand_ins` serves one file's bytes for another's URL: the press versions of the
    images. The URL names an image in the PDF, so it stays the issue's own file's, and
    where the converted copies are kept never changes the output."""

    def __init__(
        self,
        roots: list[Path],
        stand_ins: Mapping[Path, Path] | None = None,
        issue_folder: Path | None = None,
    ) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]
        self.stand_ins = stand_ins or {}
        self.issue_folder = issue_folder

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = file_of(url, self.issue_folder)
        if urlparse(url).scheme != "file" or not any(path.is_relative_to(r) for r in self.roots):
            raise RefusedURL(f"refused to read {url}")
        return super().fetch(self.stand_ins.get(path, path).as_uri(), headers)
