"""Changing proof-notes.yaml from the browser without losing what people wrote in it.

ruamel.yaml edits the file as a round trip: comments, key order and notes written by hand
stay as they were, and a new note is one more `- round: …` entry at the end, so the file
stays readable and its diff shows just that note. A write goes to a temporary file that
replaces the old one (a reader sees the old file or the new one, never half of one), and
one lock makes the writes of one server (several browsers) follow one another, each
reading the file as the last one left it: no note is lost.
"""

from __future__ import annotations

import io
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from typeset.diagnostics import Diagnostics
from typeset.proof.notes import Note, read_notes

HEADER = "# Proofreaders' notes (校对意见): one entry per note; docs/proofs.md explains the keys.\n"


class NotesFileError(Exception):
    """The file cannot be changed as asked; the message says why, for the proofreader."""


class NoteGone(NotesFileError):
    """The note was changed or deleted meanwhile (in another browser or by hand)."""


class NotesFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def notes(self) -> tuple[Note, ...]:
        with self._lock:
            return self._valid()

    def add(self, note: Note) -> Note:
        def append(items: CommentedSeq, _: tuple[Note, ...]) -> None:
            items.append(CommentedMap(note.model_dump()))

        self._change(append)
        return note

    def update(self, key: str, text: str | None = None, status: str | None = None) -> Note:
        """The note `key` with a new text or status, checked as a whole."""
        changed: list[Note] = []

        def edit(items: CommentedSeq, notes: tuple[Note, ...]) -> None:
            index = _index(notes, key)
            fields = {"text": text, "status": status}
            new = {name: value for name, value in fields.items() if value is not None}
            note = Note.model_validate({**notes[index].model_dump(), **new})
            for name in new:
                items[index][name] = getattr(note, name)
            changed.append(note)

        self._change(edit)
        return changed[0]

    def delete(self, key: str) -> None:
        def remove(items: CommentedSeq, notes: tuple[Note, ...]) -> None:
            del items[_index(notes, key)]

        self._change(remove)

    def _valid(self) -> tuple[Note, ...]:
        out = Diagnostics()
        notes = read_notes(self.path.parent, out)
        if out.has_errors:
            problems = "; ".join(str(d) for d in out.sorted())
            raise NotesFileError(f"{self.path.name} 有错误，请先改正：{problems}")
        return tuple(written.note for written in notes)

    def _change(self, change: Callable[[CommentedSeq, tuple[Note, ...]], None]) -> None:
        with self._lock:
            notes = self._valid()
            yaml = _yaml()
            text = self.path.read_text("utf-8") if self.path.is_file() else ""
            items = yaml.load(text) if text.strip() else None
            # A file of comments only (or none yet) keeps them above the first note.
            prefix = "" if items is not None else text if text.strip() else HEADER
            items = CommentedSeq() if items is None else items
            change(items, notes)
            buffer = io.StringIO()
            yaml.dump(items, buffer)
            _write_atomically(self.path, prefix + buffer.getvalue())


def _index(notes: tuple[Note, ...], key: str) -> int:
    for index, note in enumerate(notes):
        if note.key == key:
            return index
    raise NoteGone("这条意见已被别人修改或删除，请刷新后再试")


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments and order kept
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096  # a long note stays on one line instead of being folded
    yaml.allow_unicode = True
    return yaml


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
