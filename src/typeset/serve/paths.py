"""The server hands out files only from inside its folders (the issue's build, the page
images, the layout): a requested path that climbs out, is absolute, or leads out through
a link is refused, however it was encoded."""

from __future__ import annotations

from pathlib import Path, PurePosixPath


class RefusedPath(ValueError):
    pass


def inside(root: Path, requested: str) -> Path:
    """The file `requested` (already URL-decoded, as the router gives it) under `root`."""
    if "\\" in requested or "\0" in requested:
        raise RefusedPath(requested)
    relative = PurePosixPath(requested)
    if relative.is_absolute() or ".." in relative.parts:
        raise RefusedPath(requested)
    base = root.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):  # a link pointing out of the folder
        raise RefusedPath(requested)
    return path
