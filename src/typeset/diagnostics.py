"""Errors and warnings that point at a place in the user's files.

Every stage reports into one `Diagnostics` list instead of raising, so that a single run
shows every problem of an issue, each as `file:line:col: error: message` followed, like a
compiler's, by the source line with a caret under the column.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TextIO


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column count from 1 (line 0: the whole file)."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        if self.line == 0:  # about the file or folder as a whole
            return display_path(self.path)
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Note:
    """A second place that belongs to a finding, printed after it as a compiler's `note:`."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: note: {self.message}"


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    severity: Literal["error", "warning"] = "error"
    notes: tuple[Note, ...] = ()

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


@dataclass
class Diagnostics:
    """Collects what every stage finds, in the order found."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location, message: str, *notes: Note) -> None:
        self.items.append(Diagnostic(location, message, "error", notes))

    def warning(self, location: Location, message: str, *notes: Note) -> None:
        self.items.append(Diagnostic(location, message, "warning", notes))

    @property
    def has_errors(self) -> bool:
        return any(item.severity == "error" for item in self.items)

    def count(self, severity: str) -> int:
        return sum(1 for item in self.items if item.severity == severity)

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
            kind = "a folder, not a file" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            out.error(Location(path), f"cannot read file: '{path.name}' is {kind}")
            return None
        if status.st_size > limit:
            out.error(Location(path), f"file too large: more than {limit:,} bytes")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        out.error(Location(path), "the file does not exist")
        return None
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
        out.error(
            Location(path, line, column),
            f"not UTF-8: byte 0x{byte:02X} ({error.reason}); save the file as UTF-8",
        )
        return None


def find_in_lines(path: Path, lines: list[str], first_line: int, needle: str) -> Location:
    """Where `needle` first stands at or after `first_line` (from 1) of `path`'s `lines`;
    the start of that line when it is not found."""
    for number in range(first_line - 1, len(lines)):
        column = lines[number].find(needle) if needle else -1
        if column >= 0:
            return Location(path, number + 1, column + 1)
    return Location(path, first_line)


# ANSI colours as compilers use them: bold red errors, bold magenta warnings, bold cyan
# notes, green caret.
_COLOURS = {
    "error": "\033[1;31m",
    "warning": "\033[1;35m",
    "note": "\033[1;36m",
    "caret": "\033[1;32m",
}
_BOLD, _RESET = "\033[1m", "\033[0m"


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def format_diagnostic(item: Diagnostic, colour: bool = False) -> str:
    """The message line, then the source line and a caret under the column; the same for
    each of its notes."""
    parts = [(item.location, item.severity, item.message)]
    parts += [(note.location, "note", note.message) for note in item.notes]
    return "\n".join(_located(*part, colour) for part in parts)


def _located(location: Location, severity: str, message: str, colour: bool) -> str:
    if colour:
        tag = f"{_COLOURS[severity]}{severity}:{_RESET}"
        head = f"{_BOLD}{location}:{_RESET} {tag} {message}"
    else:
        head = f"{location}: {severity}: {message}"
    excerpt = _excerpt(location, colour)
    return f"{head}\n{excerpt}" if excerpt else head


def summary(items: Iterable[Diagnostic]) -> str:
    """'2 errors, 1 warning': the count a compiler prints at the end."""
    found = list(items)
    parts = []
    for severity in ("error", "warning"):
        n = sum(1 for item in found if item.severity == severity)
        if n:
            parts.append(f"{n} {severity}{'s' if n > 1 else ''}")
    return ", ".join(parts)


def _excerpt(location: Location, colour: bool) -> str:
    lines = _source_lines(location.path)
    if not 1 <= location.line <= len(lines):
        return ""
    text = lines[location.line - 1].replace("\t", " ")
    column = max(location.column - 1, 0)
    if len(text) > EXCERPT_CHARS:
        # A window around the column: a line of thousands of characters with an error on
        # each would make every excerpt as long as the line (quadratic, found by fuzzing).
        start = max(column - EXCERPT_CHARS // 2, 0)
        text, column = text[start : start + EXCERPT_CHARS], column - start
    before = text[:column]
    # The caret stands under the column on screen: a Chinese character takes two cells.
    pad = "".join("  " if _is_wide(char) else " " for char in before)
    caret = f"{_COLOURS['caret']}^{_RESET}" if colour else "^"
    return f"{location.line:>5} | {text}\n      | {pad}{caret}"


def _source_lines(path: Path) -> tuple[str, ...]:
    """The lines of a regular text file that `read_source` would read; nothing for a pipe
    (it would block), a device, or a file too large."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) or status.st_size > EXCERPT_LIMIT:
            return ()
        return tuple(path.read_bytes().decode("utf-8-sig", "replace").splitlines())
    except OSError:
        return ()


EXCERPT_LIMIT = 10_000_000  # bytes: read_source's own limit
EXCERPT_CHARS = 160  # the most of a source line an excerpt shows


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def display_path(path: Path) -> str:
    """Paths relative to the working directory, as the user typed them."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
