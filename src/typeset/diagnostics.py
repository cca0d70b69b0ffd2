"""Errors and warnings that point at a place in the user's files.

Every stage reports into one `Diagnostics` list instead of raising, so that a single run
shows every problem of an issue, each as `file:line:col: message`.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{_display(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{self.message}"


@dataclass
class Diagnostics:
    """Collects what every stage finds, in the order found."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str) -> None:
        self.items.append(Diagnostic(location, message))

    def warning(self, location: Location, message: str) -> None:
        self.items.append(Diagnostic(location, message, "warning"))

    @property
    def has_errors(self) -> bool:
        return any(item.severity == "error" for item in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Errors in file order, so they read like a compiler's output."""
        return sorted(
            self.items,
            key=lambda d: (str(d.location.path), d.location.line, d.location.column),
        )


def read_source(path: Path, out: Diagnostics, limit: int = 10_000_000) -> str | None:
    """A user's UTF-8 text file (a byte order mark is dropped), or None with the reason in
    `out`: a folder, a pipe or a device is refused before it is opened (a pipe would block),
    as is a file over `limit` bytes; a bad byte is reported at its line and column."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            out.error(Location(path), f"cannot read file: '{path.name}' is {kind}")
            return None
        if status.st_size > limit:
            out.error(Location(path), f"file too large: more than {limit:,} bytes")
            return None
        data = path.read_bytes()
    except OSError as error:
        out.error(Location(path), f"cannot read file: {error.strerror or error}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        byte = data[error.start]
        out.error(Location(path, line, column), f"not UTF-8: byte 0x{byte:02X} ({error.reason})")
        return None


def find_in_lines(path: Path, lines: list[str], first_line: int, needle: str) -> Location:
    """Where `needle` first stands at or after `first_line` (from 1) of `path`'s `lines`;
    the start of that line when it is not found."""
    for number in range(first_line - 1, len(lines)):
        column = lines[number].find(needle) if needle else -1
        if column >= 0:
            return Location(path, number + 1, column + 1)
    return Location(path, first_line)


def _display(path: Path) -> str:
    """Paths relative to the working directory, as the user typed them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
