"""Who may use `typeset serve`: without an access token, this machine only; with one, any
request that carries it. The token comes once in the address (`/?token=…`), is then kept
in a cookie and taken out of the address (so it stays out of the history and of anything
that logs addresses); scripts may send it as `Authorization: Bearer …`.

Without a token the server listens on a loopback address, and requests must name it as
their host: a web page elsewhere cannot reach the preview by a DNS name that points here.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

TOKEN_VARIABLE = "TYPESET_SERVE_TOKEN"
COOKIE = "typeset_token"
# At least 12 characters that need no quoting in an address or a cookie.
TOKEN = re.compile(r"[A-Za-z0-9._~-]{12,}")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class NotLocal(ValueError):
    """Listening beyond this machine without an access token."""


def listening_host(host: str, token: str | None) -> str:
    """The address to listen on: any with a token, else a loopback one only."""
    if token is not None and not TOKEN.fullmatch(token):
        raise NotLocal(
            "the access token must have at least 12 characters, letters, digits and . _ ~ - only"
        )
    if host == "localhost":
        return "127.0.0.1"
    if token is None and not _loopback(host):
        raise NotLocal(
            f"refusing to listen on {host} without an access token: give one with --token "
            f"or the {TOKEN_VARIABLE} environment variable, or serve this machine only "
            "(127.0.0.1 or ::1)"
        )
    return host


def token_from(option: str | None) -> str | None:
    return option or os.environ.get(TOKEN_VARIABLE) or None


class AccessGate:
    """ASGI middleware in front of every route, the event stream included."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no other kind is served (websockets)
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = {
            key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]
        }
        if self.token is None:
            allowed = _host_name(headers.get("host", "")) in LOOPBACK_NAMES
        else:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            if self._matches(query.get("token")):
                await _keep_in_cookie(scope, send, self.token, query)
                return
            allowed = self._matches(_cookie(headers)) or self._matches(_bearer(headers))
        if not allowed:
            await _forbidden(send)
            return
        await self.app(scope, receive, send)

    def _matches(self, given: str | None) -> bool:
        return (
            given is not None
            and self.token is not None
            and hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))
        )


async def _keep_in_cookie(scope: Scope, send: Send, token: str, query: dict[str, str]) -> None:
    """The same address without the token, with the token in a cookie for what follows."""
    rest = urlencode({key: value for key, value in query.items() if key != "token"})
    location = scope["path"] + (f"?{rest}" if rest else "")
    cookie = f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("utf-8")),
                (b"set-cookie", cookie.encode("utf-8")),
                (b"cache-control", b"no-store"),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


async def _forbidden(send: Send) -> None:
    body = "403: 需要访问口令（access token）\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _cookie(headers: dict[str, str]) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:  # a malformed cookie header carries no token
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else None


def _bearer(headers: dict[str, str]) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def _host_name(host: str) -> str:
    """`host` of a Host header, without its port."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
