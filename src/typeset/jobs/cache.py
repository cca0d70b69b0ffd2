"""A content-keyed cache of layout results under build/.cache/layout/<issue>/<purpose>/.

A result's key is a hash of everything that can change it: the HTML laid out, the bytes
of every file that HTML names (fonts, stylesheet, pictures, or their press versions), the
layout folder, the PDF title and standard, SOURCE_DATE_EPOCH, and the code (typeset's
sources, WeasyPrint's version). Modification times never enter a key, so a touched file
with the same bytes is still a hit, and a changed file is never missed.

Entries are pickles written by this program into its own build folder (not input from
users); one that cannot be read counts as a miss.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
from pathlib import Path

import weasyprint

import typeset
from typeset.render.fetcher import file_of

FILE_URL = re.compile(r"file://([^\"')\s]+)")


class ResultCache:
    """Results by key. New results are written by `commit`, after the build's output: a
    build that fails leaves nothing under build/, not even in the cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: a build that caches nothing
        self.used: set[str] = set()
        self.pending: dict[str, object] = {}

    @property
    def empty(self) -> bool:
        """Nothing kept from an earlier build: every page will be laid out."""
        return self.folder is None or not self.folder.is_dir() or not any(self.folder.iterdir())

    def get(self, key: str) -> object | None:
        self.used.add(key)
        if key in self.pending:
            return self.pending[key]
        if self.folder is None:
            return None
        try:
            return pickle.loads((self.folder / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, value: object) -> None:
        self.used.add(key)
        self.pending[key] = value

    def commit(self) -> None:
        """Write the new results and forget those the build did not use (earlier
        versions), so the cache holds one build's worth."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for key, value in self.pending.items():
            partial = self.folder / f".{key}.{os.getpid()}"
            partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(self.folder / key)
        self.pending.clear()
        for entry in self.folder.iterdir():
            if entry.name not in self.used:
                entry.unlink(missing_ok=True)


def layout_key(
    html: str,
    layout: Path,
    stand_ins: dict[Path, Path],
    issue_folder: Path,
    *extra: str | None,
) -> str:
    """The key of laying out `html` with the files it names (the issue's own by
    render/fetcher.py's ISSUE_URL); `extra`: title, standard…"""
    digest = hashlib.sha256()
    for part in (
        _code_digest(),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        *(value or "" for value in extra),
        _folder_digest(layout),
        html,
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    for url in sorted(set(FILE_URL.findall(html))):
        path = file_of(f"file://{url}", issue_folder)
        digest.update(f"{url}={file_digest(stand_ins.get(path, path))}\0".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The hash of a file's bytes; remembered while its size and time stay the same."""
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return _bytes_digest(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _bytes_digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder_digest(folder: Path) -> str:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return "".join(f"{path.relative_to(folder)}={file_digest(path)};" for path in files)


@functools.cache
def _code_digest() -> str:
    """typeset's own sources and WeasyPrint's version: new code never reuses old pages."""
    package = Path(typeset.__file__).parent
    digest = hashlib.sha256(weasyprint.__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
