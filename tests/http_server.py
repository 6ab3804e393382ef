"""A real aiohttp server on 127.0.0.1 whose answers each test programs, recording requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web
from aiohttp.test_utils import TestServer
from multidict import CIMultiDict

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class SeenRequest:
    """What the server received: enough to assert on conditional headers and User-Agent."""

    path: str
    query: str
    headers: CIMultiDict[str]


@dataclass
class LoopbackServer:
    """Serves whatever handler a test registers for a path and records every request it sees."""

    server: TestServer
    handlers: dict[str, Handler] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)

    def route(self, path: str, handler: Handler) -> str:
        """Answer ``path`` with ``handler``; returns the absolute URL to fetch."""
        self.handlers[path] = handler
        return self.url(path)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return str(self.server.make_url(path))

    def seen(self, path: str) -> list[SeenRequest]:
        """The requests received for ``path``, oldest first."""
        return [request for request in self.requests if request.path == path]

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        """Record the request, then hand it to the handler registered for its path."""
        self.requests.append(
            SeenRequest(request.path, request.query_string, CIMultiDict(request.headers))
        )
        handler = self.handlers.get(request.path)
        if handler is None:
            return web.Response(status=404, text="no handler registered")
        return await handler(request)


@asynccontextmanager
async def loopback_server() -> AsyncIterator[LoopbackServer]:
    """A started loopback server; handlers are cancelled when the client hangs up, as in prod."""
    app = web.Application()
    test_server = TestServer(app, host="127.0.0.1", port=0, handler_cancellation=True)
    loopback = LoopbackServer(test_server)
    app.router.add_route("GET", "/{tail:.*}", loopback.dispatch)
    await test_server.start_server()
    yield loopback
    await test_server.close()
