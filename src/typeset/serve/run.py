"""Start the preview: the page pool, the watcher and the web server, on this machine only."""

from __future__ import annotations

import asyncio
import ipaddress
from pathlib import Path

import uvicorn

from typeset.issue.load import Project
from typeset.jobs.pool import PagePool
from typeset.progress import BuildProgress
from typeset.serve.app import preview_app
from typeset.serve.session import PreviewSession
from typeset.serve.watch import watch


class NotLocal(ValueError):
    """The preview has no access control yet: it listens on this machine only."""


def local_host(host: str) -> str:
    """`host` if it is a loopback address (or `localhost`), else NotLocal."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise NotLocal(
            f"refusing to listen on {host}: the preview has no access control, "
            "so it serves this machine only (127.0.0.1 or ::1)"
        )
    return host


def serve(
    folder: Path,
    project: Project,
    build_root: Path,
    host: str,
    port: int,
    workers: int | None,
    progress: BuildProgress,
) -> None:
    host = local_host(host)
    with PagePool(workers) as pool:
        session = PreviewSession(folder, project, build_root, pool, progress)
        layout = project.layouts / _paper_name(folder)
        app = preview_app(session, layout)
        config = uvicorn.Config(
            app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=1
        )
        server = uvicorn.Server(config)
        progress.say(f"preview of {folder} on http://{_url_host(host)}:{port}/ (Ctrl-C stops)")
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
