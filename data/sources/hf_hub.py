"""Reading a Hugging Face dataset repository cheaply: its file list, then only changed files.

The Hub's tree API (``/api/datasets/<repo>/tree/<revision>?recursive=true``) lists every file
with its git ``oid`` and, for LFS files (parquet), ``lfs.oid`` (the content's SHA-256): a file
whose id did not change need not be downloaded again. Files are downloaded from
``/datasets/<repo>/resolve/<revision>/<path>``, which answers with a redirect to a CDN that
the HTTP client follows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from yarl import URL

from data.domain.errors import SourceFormatError

_REVISION = "main"


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
