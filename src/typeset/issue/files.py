"""Paths written in an issue: relative, inside the issue's folder, existing."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


def resolve_inside(folder: Path, written: str) -> tuple[Path | None, str]:
    """The file `written` names inside `folder`, or None and the reason it is refused."""
    if "://" in written or written.startswith(("/", "\\")) or ":" in written:
        return None, f"'{written}' must be a path relative to the issue folder"
    if ".." in PurePosixPath(written).parts:
        return None, f"'{written}' leaves the issue folder"
    path = (folder / written).resolve()
    if not path.is_relative_to(folder.resolve()):
        return None, f"'{written}' leaves the issue folder"
    if not path.is_file():
        return None, f"file '{written}' does not exist"
    return path, ""
