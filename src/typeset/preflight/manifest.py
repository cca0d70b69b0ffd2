"""The build's manifest.json: which pages the print folder holds, as they were when built,
and what the build knew about them (standard, trim, bleed, image thresholds, overset)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from typeset.output.manifest import Manifest, ManifestPage
from typeset.preflight.findings import FileFindings, Findings


def read_manifest(path: Path, out: FileFindings) -> Manifest | None:
    """The manifest, or None with every reason it cannot be used in `out`."""
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except OSError as error:
        out.error(f"cannot read the build's manifest: {error.strerror}")
    except ValidationError as error:
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"])
            out.error(f"{where}: {problem['msg']}" if where else problem["msg"])
    return None


def check_overset(manifest: Manifest, out: FileFindings) -> None:
    """Overset text is lost text: only a forced build may go to press with it."""
    for place in manifest.overset:
        if manifest.forced:
            out.warning(f"overset text, build forced: {place}")
        else:
            out.error(f"overset text in a build that was not forced: {place}")


def check_listed_file(path: Path, entry: ManifestPage, out: FileFindings) -> bool:
    """Whether the listed file is there; an error if not, or if it changed since the build."""
    if Path(entry.file).name != entry.file:
        out.error("listed in manifest.json with a folder in its name")
        return False
    if not path.is_file():
        out.error("missing: listed in manifest.json")
        return False
    data = path.read_bytes()
    if len(data) != entry.bytes:
        out.error(f"changed since the build: {len(data)} bytes, the manifest says {entry.bytes}")
    elif hashlib.sha256(data).hexdigest() != entry.sha256.lower():
        out.error("changed since the build: its sha256 is not the manifest's")
    return True


def check_unlisted(folder: Path, manifest: Manifest, out: Findings) -> None:
    """A PDF beside the pages that the build did not make could go to press by mistake."""
    listed = {entry.file for entry in manifest.pages}
    for path in sorted(folder.glob("*.pdf")):
        if path.name not in listed:
            FileFindings(str(path), out).error("not listed in manifest.json")
