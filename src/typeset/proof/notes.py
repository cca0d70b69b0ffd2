"""Proofreaders' notes: `issues/<id>/proof-notes.yaml`, one entry per note, each a place on
a page of a proof round and what should change there (docs/proofs.md has the format).

Read and checked like issue.yaml (every error as file:line:col, all in one run)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from typeset.diagnostics import Diagnostics, Location
from typeset.issue.strict import Strict
from typeset.issue.validate import validate
from typeset.issue.yaml_source import load_yaml

NOTES_FILE = "proof-notes.yaml"
MAX_TEXT = 2000  # characters of one note: a correction, not an article
MAX_NAME = 40


class Note(Strict):
    round: int = Field(ge=1)  # the proof round it was made on
    page: int = Field(ge=1)  # 第N版
    x_mm: float = Field(ge=0, le=2000)  # from the trim's left edge
    y_mm: float = Field(ge=0, le=2000)  # from the trim's top edge
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    by: str = Field(default="", max_length=MAX_NAME)
    status: Literal["open", "done"] = "open"

    @property
    def key(self) -> str:
        """Names the note as it stands, for the browser to say which one it edits: a note
        changed or moved meanwhile (by another browser, by hand) no longer matches."""
        data = json.dumps(self.model_dump(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]

    @property
    def heading(self) -> str:
        """校对意见（第2轮·第1版·温可）"""
        who = f"·{self.by}" if self.by else ""
        return f"校对意见（第{self.round}轮·第{self.page}版{who}）"


@dataclass(frozen=True)
class WrittenNote:
    """A note with the place in proof-notes.yaml it was written at."""

    note: Note
    location: Location


def notes_path(issue_folder: Path) -> Path:
    return issue_folder / NOTES_FILE


def read_notes(issue_folder: Path, out: Diagnostics) -> tuple[WrittenNote, ...]:
    """Every note of the issue, none when it has no notes file; errors go to `out`."""
    path = notes_path(issue_folder)
    if not path.is_file():
        return ()
    document = load_yaml(path, out)
    if document is None or document.data is None:
        return ()
    if not isinstance(document.data, list):
        out.error(document.locate(()), "expected a list of notes, each starting with '- round:'")
        return ()
    notes = []
    for index, item in enumerate(document.data):
        note = validate(document, Note, out, data=item, at=(index,))
        if note is not None:
            notes.append(WrittenNote(note, document.locate((index,))))
    return tuple(notes)
