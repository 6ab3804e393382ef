"""A loopback mirror of the Hugging Face dataset ``lmarena-ai/leaderboard-dataset``.

It answers like the Hub: the tree API lists every file with its git ``oid``, ``size`` and, for
parquet (LFS) files, ``lfs.oid`` (SHA-256 of the content); ``resolve/main/<path>`` answers 302
to a CDN address that serves the bytes. With a ``page_size``, the list comes in pages linked by
``Link: <absolute address with a cursor>; rel="next"`` headers, as the Hub pages it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from aiohttp import web

from tests.conftest import FIXTURES
from tests.http_server import LoopbackServer

REPO = "lmarena-ai/leaderboard-dataset"
DATASET_PATH = f"/datasets/{REPO}"
TREE_PATH = f"/api/datasets/{REPO}/tree/main"


def fixture(name: str) -> bytes:
    """A constructed dataset file from ``tests/fixtures/lmarena_dataset``."""
    return (FIXTURES / "lmarena_dataset" / name).read_bytes()


@dataclass
class HubMirror:
    """The dataset's files as the mirror currently publishes them (``path -> bytes``)."""

    server: LoopbackServer
    files: dict[str, bytes] = field(default_factory=dict)
    #: Entries per page of the file list (``None``: one page).
    page_size: int | None = None
    #: Where every page's next link points instead of the real next page (a hostile Hub).
    next_link: str | None = None

    def __post_init__(self) -> None:
        self.server.route(TREE_PATH, self._tree)
        self.publish("README.md", b"---\nlicense: cc-by-4.0\n---\n")

    @property
    def url(self) -> str:
        """What ``PODIUM_SOURCE_LMARENA_URL`` is set to."""
        return self.server.url(DATASET_PATH)

    def publish(self, path: str, content: bytes) -> None:
        """Serve ``content`` at ``path`` from now on (a new commit of the dataset)."""
        self.files[path] = content
        self.server.route(f"{DATASET_PATH}/resolve/main/{path}", self._redirect)
        self.server.route(f"/cdn/{_sha256(content)}", self._cdn)

    def downloads(self, path: str) -> int:
        """How many times ``path`` was asked for at its resolve address."""
        return len(self.server.seen(f"{DATASET_PATH}/resolve/main/{path}"))

    async def _tree(self, request: web.Request) -> web.Response:
        assert request.query.get("recursive") == "true"
        folders = sorted({path.split("/")[0] for path in self.files if "/" in path})
        entries: list[dict[str, object]] = [
            {"type": "directory", "oid": _git_oid(name.encode()), "size": 0, "path": name}
            for name in folders
        ]
        for path, content in sorted(self.files.items()):
            entry: dict[str, object] = {
                "type": "file",
                "oid": _git_oid(content),
                "size": len(content),
                "path": path,
            }
            if path.endswith(".parquet"):
                entry["lfs"] = {"oid": _sha256(content), "size": len(content), "pointerSize": 134}
            entries.append(entry)
        start = int(request.query.get("cursor", "0"))
        end = len(entries) if self.page_size is None else start + self.page_size
        headers = {}
        if end < len(entries) or self.next_link is not None:
            following = self.next_link or str(request.url.update_query(cursor=str(end)))
            headers["Link"] = f'<{following}>; rel="next"'
        return web.Response(
            text=json.dumps(entries[start:end]), content_type="application/json", headers=headers
        )

    async def _redirect(self, request: web.Request) -> web.Response:
        path = request.path.split("/resolve/main/", 1)[1]
        raise web.HTTPFound(f"/cdn/{_sha256(self.files[path])}?X-Amz-Signature=abc")

    async def _cdn(self, request: web.Request) -> web.Response:
        digest = request.path.rsplit("/", 1)[1]
        [content] = [c for c in self.files.values() if _sha256(c) == digest]
        return web.Response(body=content, content_type="application/octet-stream")


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _git_oid(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()
