"""Start the preview: the page pool, the watcher and the web server, on this machine only."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import uvicorn
import yaml

from typeset.issue.load import Project
from typeset.jobs.pool import PagePool
from typeset.progress import BuildProgress
from typeset.serve.access import AccessGate, listening_host
from typeset.serve.app import preview_app
from typeset.serve.session import PreviewSession
from typeset.serve.watch import watch


def serve(
    folder: Path,
    project: Project,
    build_root: Path,
    host: str,
    port: int,
    workers: int | None,
    progress: BuildProgress,
    token: str | None = None,
) -> None:
    host = listening_host(host, token)
    # uvicorn stops on SIGTERM, then raises it again: let that end the process through
    # SystemExit, so the page pool is shut down on the way out.
    signal.signal(signal.SIGTERM, _exit)
    with PagePool(workers) as pool:
        session = PreviewSession(folder, project, build_root, pool, progress)
        layout = _layout(folder, project.layouts)
        app = AccessGate(preview_app(session, layout), token)
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,  # addresses may carry the access token
            timeout_graceful_shutdown=1,
        )
        server = uvicorn.Server(config)
        access = " (access token required)" if token else ""
        progress.say(
            f"preview of {folder} on http://{_url_host(host)}:{port}/{access} (Ctrl-C stops)"
        )
        asyncio.run(_run(server, session, [folder, layout, project.fonts]))


async def _run(server: uvicorn.Server, session: PreviewSession, folders: list[Path]) -> None:
    stop = asyncio.Event()
    watcher = asyncio.create_task(watch(session, [f for f in folders if f.exists()], stop))
    try:
        await server.serve()
    finally:
        stop.set()
        watcher.cancel()


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _layout(folder: Path, layouts: Path) -> Path:
    """The layout folder issue.yaml names, read before any build (which may fail), to
    watch and serve it; all of layouts/ when the name is not one of its folders."""
    try:
        name = str(yaml.safe_load((folder / "issue.yaml").read_text("utf-8"))["paper"])
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        return layouts
    chosen = layouts / name
    inside = chosen.resolve().parent == layouts.resolve()
    return chosen if inside and chosen.is_dir() else layouts


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
