"""Reading a Hugging Face dataset repository cheaply: its file list, then only changed files.

The Hub's tree API (``/api/datasets/<repo>/tree/<revision>?recursive=true``) lists every file
with its git ``oid`` and, for LFS files (parquet), ``lfs.oid`` (the content's SHA-256): a file
whose id did not change need not be downloaded again. The list comes in pages, like
``huggingface_hub``'s ``list_repo_tree`` reads it: each answer but the last names the next one
in a ``Link: <…>; rel="next"`` header (an absolute address carrying a ``cursor``). Pages are
followed on the same host only, each at most once, up to ``MAX_TREE_PAGES``; each page is one
GET of the fetcher, with its timeouts and size cap. Files are downloaded from
``/datasets/<repo>/resolve/<revision>/<path>``, which answers with a redirect to a CDN that
the HTTP client follows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from yarl import URL

from data.domain.errors import SourceFormatError
from data.sources.base import Fetcher
from data.sources.http import redact_url

_REVISION = "main"
#: The Hub pages its tree at 1,000 entries: 50 pages is 50 times the dataset's size today.
MAX_TREE_PAGES = 50


@dataclass(frozen=True, slots=True)
class HubFile:
    """One file of the repository: its path and the id that changes when its content does."""

    path: str
    file_id: str
    size: int


def is_dataset_url(url: str) -> bool:
    """Whether ``url`` names a dataset repository (``…/datasets/<owner>/<name>``), not a file."""
    path = URL(url).path.rstrip("/")
    _, found, repo = path.rpartition("/datasets/")
    return bool(found) and repo.count("/") == 1


def tree_url(dataset_url: str) -> str:
    """The tree API address of the dataset at ``dataset_url`` (same host and path prefix)."""
    url = URL(dataset_url)
    prefix, _, repo = url.path.rstrip("/").rpartition("/datasets/")
    return str(
        url.with_path(f"{prefix}/api/datasets/{repo}/tree/{_REVISION}").with_query(recursive="true")
    )


def resolve_url(dataset_url: str, path: str) -> str:
    """The download address of ``path`` in the dataset at ``dataset_url``."""
    url = URL(dataset_url)
    return str(url.with_path(f"{url.path.rstrip('/')}/resolve/{_REVISION}/{path}").with_query(None))


async def list_files(fetcher: Fetcher, dataset_url: str, source_id: str) -> list[HubFile]:
    """Every file of the dataset at ``dataset_url``, across the tree API's pages.

    A next page on another host (where the Hub would never send us), one already read (a
    loop) or past ``MAX_TREE_PAGES`` is refused with ``SourceFormatError``: nothing listed
    is used, so the refresh fails and the stored data stays as it was.
    """
    first = tree_url(dataset_url)
    origin = URL(first).origin()
    files: list[HubFile] = []
    seen: set[str] = set()
    url: str | None = first
    while url is not None:
        where = redact_url(url)
        if URL(url).origin() != origin:
            raise SourceFormatError(
                source_id,
                f"the Hub's file list sends its next page to another host "
                f"({URL(url).host}); only {origin.host} is followed",
                redact_url(first),
            )
        if url in seen:
            raise SourceFormatError(
                source_id,
                "the Hub's file list sends its next page back to a page already read",
                where,
            )
        if len(seen) == MAX_TREE_PAGES:
            raise SourceFormatError(
                source_id, f"the Hub's file list runs past {MAX_TREE_PAGES} pages", where
            )
        seen.add(url)
        page = await fetcher.get(url)
        files.extend(read_tree(page.content, where, source_id))
        url = page.next_url
    return files


def read_tree(content: bytes, where: str, source_id: str) -> list[HubFile]:
    """The files of a tree API answer (directories are left out)."""
    try:
        entries = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceFormatError(source_id, "the Hub's file list is not JSON", where) from exc
    if not isinstance(entries, list):
        raise SourceFormatError(source_id, "the Hub's file list is not a JSON array", where)
    files = []
    for entry in entries:
        if not isinstance(entry, Mapping) or entry.get("type") != "file":
            continue
        path, oid = entry.get("path"), entry.get("oid")
        lfs = entry.get("lfs")
        lfs_oid = lfs.get("oid") if isinstance(lfs, Mapping) else None
        file_id = lfs_oid or oid
        if not isinstance(path, str) or not isinstance(file_id, str):
            raise SourceFormatError(source_id, "a file in the Hub's list has no path or id", where)
        size = entry.get("size")
        files.append(HubFile(path, file_id, size if isinstance(size, int) else 0))
    return files
