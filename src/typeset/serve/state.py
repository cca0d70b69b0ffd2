"""What the preview page shows, as plain data sent to the browser as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Literal

from typeset.diagnostics import Diagnostic


@dataclass(frozen=True)
class Outline:
    """A frame drawn over its page: over (超) or short (缺). Sides as fractions of the page."""

    kind: Literal["over", "short"]
    label: str  # 超 12 字 / 3 行, 缺 2 行
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class PreviewPage:
    number: int
    section: str
    image: str  # URL of the page's PNG: it changes when the page does
    pdf: str  # URL of the page's PDF in the build folder
    outlines: tuple[Outline, ...] = ()


@dataclass(frozen=True)
class Message:
    """A diagnostic as the page lists it: `location` is file:line:col."""

    severity: str
    location: str
    message: str

    @classmethod
    def of(cls, diagnostic: Diagnostic) -> Message:
        return cls(diagnostic.severity, str(diagnostic.location), diagnostic.message)


@dataclass(frozen=True)
class PreviewState:
    version: int  # counts every change pushed to the browsers
    issue: str
    building: bool = True
    summary: str = ""  # the build's one-line summary, or why it failed
    pages: tuple[PreviewPage, ...] = ()  # the last good build's: kept while a build fails
    over: int = 0
    short: int = 0
    findings: tuple[Message, ...] = ()  # the last good build's warnings
    errors: tuple[Message, ...] = ()  # the last build's errors, if it failed
    seconds: float = 0.0  # how long the last build took
    extra: dict[str, object] = field(default_factory=dict)  # for later panels

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)
