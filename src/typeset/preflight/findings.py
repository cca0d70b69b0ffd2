"""What preflight finds, one line per problem: `file: page N: error: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "note"]  # a note: a measure within its limit


@dataclass(frozen=True)
class Finding:
    file: str
    page: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        page = f"page {self.page}: " if self.page is not None else ""
        return f"{self.file}: {page}{self.severity}: {self.message}"


@dataclass
class Findings:
    """Every finding of a run, in the order found; a problem met once per content-stream
    operator is kept once, so a page of RGB text gives one line, not thousands."""

    items: list[Finding] = field(default_factory=list)
    files: int = 0
    _seen: set[Finding] = field(default_factory=set, repr=False)

    def add(self, finding: Finding) -> None:
        if finding not in self._seen:
            self._seen.add(finding)
            self.items.append(finding)

    def count(self, severity: Severity) -> int:
        return sum(item.severity == severity for item in self.items)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0

    @property
    def summary(self) -> str:
        return (
            f"preflight: {_plural(self.files, 'file')}, {_plural(self.count('error'), 'error')}, "
            f"{_plural(self.count('warning'), 'warning')}"
        )


@dataclass(frozen=True)
class FileFindings:
    """Findings about one file, so that checks need not carry its name around."""

    file: str
    out: Findings

    def error(self, message: str, page: int | None = None) -> None:
        self.out.add(Finding(self.file, page, "error", message))

    def warning(self, message: str, page: int | None = None) -> None:
        self.out.add(Finding(self.file, page, "warning", message))

    def note(self, message: str, page: int | None = None) -> None:
        self.out.add(Finding(self.file, page, "note", message))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
