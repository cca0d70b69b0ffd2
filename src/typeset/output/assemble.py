"""issue.pdf put together from the page PDFs, instead of WeasyPrint writing every page a
second time. Each page keeps its own font subsets, as in its page file."""

from __future__ import annotations

import io
from contextlib import ExitStack

import pikepdf


def assembled(pages: list[bytes], title: str) -> bytes:
    """One PDF of `pages` in order; its information (dates, producer) is the first page's,
    with `title`. The same pages give the same bytes."""
    with ExitStack() as stack, pikepdf.new() as whole:
        sources = [stack.enter_context(pikepdf.open(io.BytesIO(pdf))) for pdf in pages]
        for source in sources:
            whole.pages.extend(source.pages)
        if sources:
            for key, value in sources[0].docinfo.items():
                whole.docinfo[key] = value
        whole.docinfo["/Title"] = title
        out = io.BytesIO()
        whole.save(out, deterministic_id=True)
    return out.getvalue()
