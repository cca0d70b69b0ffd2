"""Notes on the proof pages in `typeset serve` (校对意见): the latest proof round's pages, the
notes on them, and adding, editing, marking done and deleting notes, all kept in the
issue's proof-notes.yaml (proof/notes_file.py writes it).

Notes are put on the round's pages, not on the live preview, because a note names the
round it was made on and is traced back through that round's page (proof/note_sources.py).
A note is stored as the proofreader typed it and sent back as JSON text: the page shows
it with `textContent`, never as HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from typeset.proof.note_places import MM
from typeset.proof.notes import Note, notes_path
from typeset.proof.notes_file import NoteGone, NotesFile, NotesFileError
from typeset.proof.round_page import reading_image_name
from typeset.proof.rounds import last_round
from typeset.proof.snapshot import read_snapshot

MAX_BODY = 16 * 1024  # bytes of one request: a note of MAX_TEXT characters fits


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class _Round:
    number: int  # 0 when no round was made yet
    folder: Path

    def pages(self) -> list[dict[str, Any]]:
        text = self.folder / "text.json"
        if not text.is_file():
            return []
        return [
            {
                "number": page.page,
                "section": page.section,
                "image": f"/build/proof/{self.folder.name}/{reading_image_name(page.page)}",
                "size_mm": _size_mm(self.folder / f"page-{page.page:02d}.pdf"),
            }
            for page in read_snapshot(text.read_text("utf-8"))
        ]


def notes_routes(issue_folder: Path, output: Path) -> list[Route]:
    """The routes under /notes for the issue in `issue_folder` built into `output`."""
    store = NotesFile(notes_path(issue_folder))

    def current_round() -> _Round:
        proofs = output / "proof"
        number = last_round(proofs)
        return _Round(number, proofs / f"round-{number}")

    async def listing(request: Request) -> Response:
        proof = current_round()
        try:
            notes = [{"key": note.key, **note.model_dump()} for note in store.notes()]
        except NotesFileError as problem:
            return _refusal(409, str(problem))
        return JSONResponse({"round": proof.number, "pages": proof.pages(), "notes": notes})

    async def add(request: Request) -> Response:
        try:
            data = await _json_body(request)
            proof = current_round()
            if proof.number == 0:
                raise _Refused(409, "还没有校样：先出第1轮校样，再在校样上批注")
            fields = {key: data.get(key) for key in ("page", "x_mm", "y_mm", "text", "by")}
            note = store.add(_note({**fields, "round": proof.number, "status": "open"}))
        except (_Refused, NotesFileError) as refused:
            return _refusal(getattr(refused, "status", 409), str(refused))
        return JSONResponse({"key": note.key, **note.model_dump()}, status_code=201)

    async def change(request: Request) -> Response:
        key = request.path_params["key"]
        try:
            if request.method == "DELETE":
                store.delete(key)
                return Response(status_code=204)
            data = await _json_body(request)
            note = store.update(key, text=data.get("text"), status=data.get("status"))
        except ValidationError as invalid:
            return _refusal(422, _problems(invalid))
        except NoteGone as gone:
            return _refusal(409, str(gone))
        except (_Refused, NotesFileError) as refused:
            return _refusal(getattr(refused, "status", 409), str(refused))
        return JSONResponse({"key": note.key, **note.model_dump()})

    return [
        Route("/notes", listing, methods=["GET"]),
        Route("/notes", add, methods=["POST"]),
        Route("/notes/{key:str}", change, methods=["PUT", "DELETE"]),
    ]


def _note(fields: dict[str, Any]) -> Note:
    try:
        return Note.model_validate(fields)
    except ValidationError as invalid:
        raise _Refused(422, _problems(invalid)) from invalid


async def _json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object, refused over MAX_BODY bytes (counted as it arrives, not
    from what the client says) or when it is not JSON: a form on another site cannot send
    JSON without the browser asking this server first, which it never allows."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise _Refused(415, "expected JSON")
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:
        raise _Refused(413, f"意见太长：最多 {MAX_BODY} 字节")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise _Refused(413, f"意见太长：最多 {MAX_BODY} 字节")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as bad:
        raise _Refused(400, "expected JSON") from bad
    if not isinstance(data, dict):
        raise _Refused(400, "expected a JSON object")
    return data


def _problems(invalid: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in invalid.errors()
    )


def _refusal(status: int, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=status)


def _size_mm(pdf: Path) -> tuple[float, float]:
    """The page's size (the trim, in proofs) in millimetres."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
        return round(width / MM, 2), round(height / MM, 2)
    finally:
        document.close()
