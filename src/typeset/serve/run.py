"""Start the preview: the page pool, the watcher and the web server, on this machine only."""

from __future__ import annotations

import asyncio
from pathlib import Path

import uvicorn

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
    with PagePool(workers) as pool:
        session = PreviewSession(folder, project, build_root, pool, progress)
        layout = project.layouts / _paper_name(folder)
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


def _paper_name(folder: Path) -> str:
    """The paper issue.yaml names, for watching its layout even before a build works."""
    import yaml

    try:
        data = yaml.safe_load((folder / "issue.yaml").read_text("utf-8"))
        return str(data["paper"])
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        return ""


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
