"""Black overprint: K 100 % text that knocks out leaves white edges where the plates do
not register, on every tint and photo it crosses."""

from __future__ import annotations

from typeset.preflight.colours import is_solid_black
from typeset.preflight.content import Event, Paint
from typeset.preflight.findings import FileFindings


def check_black_overprint(events: list[Event], number: int, out: FileFindings) -> None:
    knocked_out = sum(
        1
        for event in events
        if isinstance(event, Paint)
        and event.what == "text"
        and is_solid_black(event.colour)
        and not event.overprint
    )
    if knocked_out:
        out.warning(
            f"black (K 100 %) text knocks out the colour under it in {knocked_out} places: "
            "it should overprint (/op true, /OPM 1)",
            number,
        )
