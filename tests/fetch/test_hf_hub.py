"""Addresses of the Hugging Face Hub and the file list it answers with, page after page."""

from __future__ import annotations

import json
import re

import pytest

from data.domain.errors import SourceFormatError
from data.sources import hf_hub
from data.sources.hf_hub import (
    HubFile,
    is_dataset_url,
    list_files,
    read_tree,
    resolve_url,
    tree_url,
)
from tests.fetch.conftest import MakeFetcher
from tests.http_server import LoopbackServer
from tests.lmarena_mirror import TREE_PATH, HubMirror

HUB = "https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset"


def test_tree_and_resolve_addresses_of_the_hub_and_of_a_mirror_under_a_prefix() -> None:
    assert tree_url(HUB) == (
        "https://huggingface.co/api/datasets/lmarena-ai/leaderboard-dataset/tree/main"
        "?recursive=true"
    )
    assert resolve_url(HUB, "text/latest-00000-of-00001.parquet") == (
        f"{HUB}/resolve/main/text/latest-00000-of-00001.parquet"
    )
    mirror = "http://127.0.0.1:8080/hf/datasets/lmarena-ai/leaderboard-dataset/"
    assert tree_url(mirror) == (
        "http://127.0.0.1:8080/hf/api/datasets/lmarena-ai/leaderboard-dataset/tree/main"
        "?recursive=true"
    )


@pytest.mark.parametrize(
    ("url", "dataset"),
    [
        (HUB, True),
        (f"{HUB}/", True),
        (
            "https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/main/csv/lmarena_text.csv",
            False,
        ),
        (f"{HUB}/resolve/main/text/latest-00000-of-00001.parquet", False),
        ("http://127.0.0.1:9/csv/lmarena_text.csv", False),
    ],
)
def test_only_a_dataset_repository_address_is_read_as_the_dataset(url: str, dataset: bool) -> None:
    assert is_dataset_url(url) is dataset


def test_the_file_list_keeps_files_with_the_lfs_id_when_there_is_one() -> None:
    listing = [
        {"type": "directory", "oid": "d1", "size": 0, "path": "text"},
        {"type": "file", "oid": "a1", "size": 21783, "path": "README.md"},
        {
            "type": "file",
            "oid": "b2",
            "size": 605667,
            "path": "text/latest-00000-of-00001.parquet",
            "lfs": {"oid": "sha256hex", "size": 605667, "pointerSize": 134},
        },
    ]
    assert read_tree(json.dumps(listing).encode(), "tree", "lmarena") == [
        HubFile("README.md", "a1", 21783),
        HubFile("text/latest-00000-of-00001.parquet", "sha256hex", 605667),
    ]


@pytest.mark.parametrize(
    "content", [b"<html>rate limited</html>", b'{"error": "not found"}', b'[{"type": "file"}]']
)
def test_a_file_list_that_is_not_one_is_refused(content: bytes) -> None:
    with pytest.raises(SourceFormatError):
        read_tree(content, "tree", "lmarena")


def paged_mirror(server: LoopbackServer) -> HubMirror:
    """Five files (README and four parquet) listed two entries a page, after their four folders."""
    mirror = HubMirror(server, page_size=2)
    for subset in ("agent", "text", "vision", "webdev"):
        mirror.publish(f"{subset}/latest-00000-of-00001.parquet", subset.encode())
    return mirror


async def test_the_file_list_is_read_across_its_pages(
    server: LoopbackServer, make_fetcher: MakeFetcher
) -> None:
    """Folders fill the first page, so the files only appear on the next ones."""
    mirror = paged_mirror(server)
    files = await list_files(make_fetcher(), mirror.url, "lmarena")
    assert sorted(file.path for file in files) == [
        "README.md",
        "agent/latest-00000-of-00001.parquet",
        "text/latest-00000-of-00001.parquet",
        "vision/latest-00000-of-00001.parquet",
        "webdev/latest-00000-of-00001.parquet",
    ]
    assert [seen.query for seen in server.seen(TREE_PATH)] == [
        "recursive=true",
        "recursive=true&cursor=2",
        "recursive=true&cursor=4",
        "recursive=true&cursor=6",
        "recursive=true&cursor=8",
    ]


@pytest.mark.parametrize(
    ("next_link", "problem"),
    [
        (
            "http://hub.invalid/api/datasets/lmarena-ai/leaderboard-dataset/tree/main?cursor=2",
            "sends its next page to another host (hub.invalid); only 127.0.0.1 is followed",
        ),
        (TREE_PATH + "?recursive=true", "sends its next page back to a page already read"),
    ],
)
async def test_a_next_page_elsewhere_or_already_read_is_refused(
    server: LoopbackServer, make_fetcher: MakeFetcher, next_link: str, problem: str
) -> None:
    mirror = paged_mirror(server)
    mirror.next_link = next_link
    with pytest.raises(SourceFormatError, match=re.escape(problem)):
        await list_files(make_fetcher(), mirror.url, "lmarena")
    assert len(server.seen(TREE_PATH)) == 1
    assert not [seen for seen in server.requests if seen.path != TREE_PATH]


async def test_a_file_list_longer_than_the_page_limit_is_refused(
    server: LoopbackServer, make_fetcher: MakeFetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hf_hub, "MAX_TREE_PAGES", 3)
    mirror = paged_mirror(server)
    with pytest.raises(SourceFormatError, match="runs past 3 pages"):
        await list_files(make_fetcher(), mirror.url, "lmarena")
    assert len(server.seen(TREE_PATH)) == 3
