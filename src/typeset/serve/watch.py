"""Rebuild on every save: watchfiles on the issue's folder, its layout and the fonts."""

from __future__ import annotations

import asyncio
from pathlib import Path

from watchfiles import awatch

from typeset.serve.session import PreviewSession

# Wait this long after a change for the next one before building (milliseconds): an
# editor's save is often a write and a rename.
QUIET_MS = 30


async def watch(session: PreviewSession, folders: list[Path], stop: asyncio.Event) -> None:
    """Build once, then again after each batch of changes until `stop` is set."""
    await session.rebuild()
    async for _ in awatch(*folders, step=QUIET_MS, stop_event=stop, debounce=1000):
        await session.rebuild()
