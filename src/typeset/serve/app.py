"""The preview's routes (Starlette). Everything is read-only: the page, its script and
style, the state as JSON and as server-sent events, the page images, and the files of
the build and the layout, never anything outside them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from typeset.serve.notes import notes_routes
from typeset.serve.paths import RefusedPath, inside
from typeset.serve.session import PreviewSession

HERE = Path(__file__).parent
KEEPALIVE_S = 15  # a comment line now and then, so proxies and browsers keep the stream


def preview_app(session: PreviewSession, layout: Path) -> Starlette:
    templates = Jinja2Templates(directory=HERE / "templates")
    roots = {
        "build": lambda: session.output,
        "preview": lambda: session.images,
        "layout": lambda: layout,
    }

    async def index(request: Request) -> Response:
        return templates.TemplateResponse(request, "index.html", {"issue": session.folder.name})

    async def state(request: Request) -> Response:
        return Response(session.state.to_json(), media_type="application/json")

    async def events(request: Request) -> Response:
        return StreamingResponse(_events(session), media_type="text/event-stream")

    def files(root: str):
        async def serve_file(request: Request) -> Response:
            try:
                path = inside(roots[root](), request.path_params["path"])
            except RefusedPath as refused:
                raise HTTPException(404) from refused  # as if it were not there
            if not path.is_file():
                raise HTTPException(404)
            return FileResponse(path, headers={"Cache-Control": "no-cache"})

        return serve_file

    return Starlette(
        routes=[
            Route("/", index),
            Route("/state", state),
            Route("/events", events),
            Route("/build/{path:path}", files("build")),
            Route("/preview/{path:path}", files("preview")),
            Route("/layout/{path:path}", files("layout")),
            *notes_routes(session.folder, session.output),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]
    )


async def _events(session: PreviewSession) -> AsyncIterator[str]:
    """The state now, then each new one as it comes (server-sent events)."""
    state = session.state
    yield f"data: {state.to_json()}\n\n"
    while True:
        try:
            state = await asyncio.wait_for(session.next_state(state.version), KEEPALIVE_S)
        except TimeoutError:
            yield ": keepalive\n\n"
            continue
        yield f"data: {state.to_json()}\n\n"
