"""Transparency, which PDF/X-1a forbids: its RIPs cannot flatten it."""

from __future__ import annotations

import pikepdf

from typeset.preflight.content import Event, Image, StateUse
from typeset.preflight.findings import FileFindings

_OPAQUE_BLENDS = ("/Normal", "/Compatible")


def check_transparency(events: list[Event], number: int, out: FileFindings) -> None:
    """Soft masks, alpha below 1 and blend modes in graphics states; images with soft masks."""
    for event in events:
        if isinstance(event, StateUse) and event.state is not None:
            problems = _state_transparency(event.state)
            what = f"graphics state {event.name}"
        elif isinstance(event, Image):
            problems = ["has a soft mask"] if _soft_masked(event.image) else []
            what = event.name
        else:
            continue
        for problem in problems:
            out.error(f"transparency, not allowed in PDF/X-1a: {what} {problem}", number)


def _soft_masked(image: pikepdf.Object) -> bool:
    return "/SMask" in image or int(image.get("/SMaskInData", 0)) != 0


def _state_transparency(state: pikepdf.Object) -> list[str]:
    found = []
    soft_mask = state.get("/SMask")
    if soft_mask is not None and soft_mask != "/None":
        found.append("has a soft mask")
    for key in ("/CA", "/ca"):
        if float(state.get(key, 1)) < 1:
            found.append(f"sets {key.lstrip('/')} {float(state[key]):g}")
    blend = state.get("/BM", "/Normal")
    if str(blend) not in _OPAQUE_BLENDS:
        found.append(f"uses blend mode {blend}")
    return found
