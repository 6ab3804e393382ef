"""Addresses of the Hugging Face Hub and the file list it answers with."""

from __future__ import annotations

import json

import pytest

from data.domain.errors import SourceFormatError
from data.sources.hf_hub import HubFile, is_dataset_url, read_tree, resolve_url, tree_url

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
