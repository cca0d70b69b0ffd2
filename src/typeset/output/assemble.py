"""issue.pdf put together from the page PDFs, instead of WeasyPrint writing every page a
second time. Its pages share one program per font (output/shared_fonts.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf

from typeset.output.shared_fonts import share_font_programs


def assembled(pages: list[bytes], title: str, fonts: Sequence[Path] = ()) -> bytes:
    """One PDF of `pages` in order; its information (dates, producer) is the first page's,
    with `title`; `fonts` are the font files the pages were set in. The same pages give
    the same bytes."""
    with ExitStack() as stack, pikepdf.new() as whole:
        sources = [stack.enter_context(pikepdf.open(io.BytesIO(pdf))) for pdf in pages]
        for source in sources:
            whole.pages.extend(source.pages)
        share_font_programs(whole, fonts)
        if sources:
            for key, value in sources[0].docinfo.items():
                whole.docinfo[key] = value
        whole.docinfo["/Title"] = title
        out = io.BytesIO()
        whole.save(out, deterministic_id=True)
    return out.getvalue()
