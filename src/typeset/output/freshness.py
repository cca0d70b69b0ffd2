"""Whether an issue's outputs are up to date, decided by the content of its inputs.

Make compares file times of the files it is told about: a file name with a space, a new
or a deleted file, or `pip install` touching the package's folder fooled it. The build
knows its inputs instead: every file of the issue folder, of the paper layouts and of the
fonts, and the pipeline's own code, each by name and content. Their digest is stored
beside the output; a build whose digest matches has nothing to do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import typeset
from typeset.proof.rounds import last_round

STAMP = ".inputs.sha256"  # beside each output: the digest it was built from
_CODE = Path(typeset.__file__).resolve().parent


def input_digest(folder: Path, layouts: Path, fonts: Path, options: str) -> str:
    """The digest of everything a build of `folder` reads, and of how it was asked."""
    digest = hashlib.sha256(options.encode())
    for root in (folder, layouts, fonts, _CODE):
        for path in _files(root):
            digest.update(f"{root.name}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(_content_digest(path))
    return digest.hexdigest()


def _content_digest(path: Path) -> bytes:
    """The file's digest; a file gone or unreadable meanwhile counts as a change."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return b"unreadable"


def _files(root: Path) -> Iterable[Path]:
    """Every file under `root` in a stable order; caches and hidden files are not inputs."""
    if not root.is_dir():
        return []
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def last_output(folder: Path, purpose: str) -> Path | None:
    """Where the last build of this kind is: the issue's folder, its print files or its
    last proof round."""
    if purpose == "print":
        return folder / "print"
    if purpose == "proof":
        number = last_round(folder / "proof")
        return folder / "proof" / f"round-{number}" if number else None
    return folder if (folder / "issue.pdf").is_file() else None


def is_fresh(output: Path | None, digest: str) -> bool:
    """True when `output` (a folder) exists and was built from exactly these inputs."""
    if output is None:
        return False
    stamp = output / STAMP
    return stamp.is_file() and stamp.read_text(encoding="ascii").strip() == digest


def record(output: Path, digest: str) -> None:
    """Written last, after the output is complete: a killed build leaves no stamp."""
    (output / STAMP).write_text(digest + "\n", encoding="ascii")
