"""Errors and warnings that point at a place in the user's files.

Every stage reports into one `Diagnostics` list instead of raising, so that a single run
shows every problem of an issue, each as `file:line:col: message`.
"""

from __future__ import annotations

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


def read_source(path: Path, out: Diagnostics) -> str | None:
    """A user's UTF-8 text file, or None with the reason in `out`."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        out.error(Location(path), f"cannot read file: {error}")
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
