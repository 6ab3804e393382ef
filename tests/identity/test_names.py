"""Table tests of name cleaning, the structured parse, identities and the alias file."""

from __future__ import annotations

from pathlib import Path

import pytest

from data.domain.names import (
    ModelIdentity,
    clean,
    default_aliases,
    display_name,
    identify,
    load_aliases,
    parse_name,
)

ALIASES = default_aliases()


def slug(name: str, key: str = "") -> str:
    return identify(name, key, ALIASES).slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Qwen2-72B-Instruct  ", "qwen2-72b-instruct"),
        ("<a href='https://openai.com/'>GPT-4</a>", "gpt-4"),
        ("[GPT-4 ↗](https://openai.com/)", "gpt-4"),
        ("<@123456> @everyone gpt-4o", "gpt-4o"),
        ("Ｑｗｅｎ２", "qwen2"),  # full-width letters (NFKC)
        ("gpt\x00-4o\u200b 🤖", "gpt -4o"),
        ("Llama_2_13B_Chat", "llama 2 13b chat"),
        ("x" * 10_000, "x" * 120),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("name", "family", "version", "sizes", "tags", "date"),
    [
        ("Qwen2-72B-Instruct", "qwen", "2", {"72b"}, {"instruct"}, None),
        ("Qwen/Qwen2.5-72B-Instruct", "qwen", "2.5", {"72b"}, {"instruct"}, None),
        ("claude-3-5-sonnet-20240620", "claude", "3.5", set(), {"sonnet"}, "0620"),
        ("Claude 3.5 Sonnet (06/20)", "claude", "3.5", set(), {"sonnet"}, "0620"),
        ("ChatGPT-4o-latest (2024-08-08)", "chatgpt", "4o", set(), {"latest"}, "0808"),
        ("Gemini-1.5-Pro-API-0514", "gemini", "1.5", set(), {"pro"}, "0514"),
        ("Gemini-1.5-Pro-002", "gemini", "1.5", set(), {"pro"}, "002"),
        ("Grok-2-08-13", "grok", "2", set(), set(), "0813"),
        ("Command R+ (08-2024)", "command", None, set(), {"r", "plus"}, "2408"),
        ("Mistral Large (24/02)", "mistral", None, set(), {"large"}, "2402"),
        ("step-2-16k-exp-202412", "step", "2", set(), {"16k", "exp"}, "2412"),
        ("Mixtral-8x22b-Instruct-v0.1", "mixtral", "0.1", {"8x22b"}, {"instruct"}, None),
        ("Qwen3-235B-A22B-Instruct-2507", "qwen", "3", {"235b", "a22b"}, {"instruct"}, "2507"),
        ("Meta-Llama-3.1-405B-Instruct-fp8", "llama", "3.1", {"405b"}, {"instruct", "fp8"}, None),
        ("amazon.nova-pro-v1:0", "nova", "1", set(), {"pro"}, None),
        ("DeepSeek-R1-0528", "deepseek", None, set(), {"r1"}, "0528"),
        ("o3-mini-2025-01-31-high", "o3", None, set(), {"mini", "high"}, "0131"),
        ("Gemma-3n-e4b-it", "gemma", "3n", {"e4b"}, {"it"}, None),
        ("360GPT_Pro", "360gpt", None, set(), {"pro"}, None),
        ("c4ai-aya-expanse-32b", "aya", None, {"32b"}, {"expanse"}, None),  # vendor word
        ("GPT4All-13B-Snoozy", "gpt4all", None, {"13b"}, {"snoozy"}, None),
        ("GPT-4 Omni (05/13)", "gpt", "4o", set(), set(), "0513"),  # curated rewrite
        ("sonnet 3.5", "claude", "3.5", set(), {"sonnet"}, None),  # implied family
        ("文心一言4.0(网页)", "ernie", "4", set(), set(), None),  # family name, channel noise
        ("internlm2_5-20b-chat", "internlm", "2.5", {"20b"}, {"chat"}, None),
    ],
)
def test_parse_name(
    name: str,
    family: str,
    version: str | None,
    sizes: set[str],
    tags: set[str],
    date: str | None,
) -> None:
    parsed = parse_name(name, ALIASES)
    assert (parsed.family, parsed.version, parsed.sizes, parsed.tags, parsed.date) == (
        family,
        version,
        sizes,
        tags,
        date,
    )


@pytest.mark.parametrize(
    "spellings",
    [
        # Arena page and key, Open LLM id, AlpacaEval docs, LiveBench / Arena-Hard key.
        [
            ("Qwen2-72B-Instruct", ""),
            ("qwen2-72b-instruct", ""),
            ("Qwen/Qwen2-72B-Instruct", "Qwen/Qwen2-72B-Instruct_bfloat16_1af63c69_False"),
            ("Qwen2 72B Instruct", "Qwen2-72B-Instruct"),
            ("Qwen2-72B-Instruct", "qwen2-72b-instruct"),
        ],
        [
            ("Claude 3.5 Sonnet", "claude-3-5-sonnet-20240620"),  # Arena metadata table
            ("Claude 3.5 Sonnet", "Claude 3.5 Sonnet"),  # Arena page of 2024-07 (renamed)
            ("Claude 3.5 Sonnet (20240620)", "Claude 3.5 Sonnet (20240620)"),
            ("Claude 3.5 Sonnet (06/20)", "claude-3-5-sonnet-20240620"),  # AlpacaEval docs
            ("claude-3-5-sonnet-20240620", "claude-3-5-sonnet-20240620"),
        ],
        [("GPT-4o-2024-05-13", ""), ("GPT-4 Omni (05/13)", "gpt-4o-2024-05-13")],
        [("Claude Sonnet 4 (20250514)", ""), ("claude-4-sonnet-20250514", "")],
        [("Grok-2-08-13", "grok-2-2024-08-13"), ("grok-2-2024-08-13", "")],
        [("Command R+ (08-2024)", ""), ("command-r-plus-08-2024", "")],
        [("Amazon Nova Pro 1.0", ""), ("amazon.nova-pro-v1:0", ""), ("amazon-nova-pro-v1.0", "")],
        [("Meta-Llama-3.1-70B-Instruct", ""), ("meta-llama/Llama-3.1-70B-Instruct", "")],
        # A fine-tune brand nobody else owns links with and without its uploader's org.
        [("abacusai/Smaug-Qwen2-72B-Instruct", ""), ("smaug-qwen2-72b-instruct", "")],
        [("allenai/Llama-3.1-Tulu-3-70B", ""), ("Llama-3.1-Tulu-3-70B", "")],
        # Two keys, one display name: the Arena renamed the key.
        [
            ("ChatGPT-4o-latest (2024-08-08)", "chatgpt-4o-latest"),
            ("ChatGPT-4o-latest (2024-08-08)", "chatgpt-4o-latest-20240808"),
            ("chatgpt-4o-latest", "chatgpt-4o-latest"),  # LiveBench, Aug-Sep 2024
        ],
        [("Gemini-1.5-Pro-001", "gemini-1.5-pro-api-0514"), ("Gemini-1.5-Pro-001", "")],
        [("GPT-4", "GPT-4"), ("GPT-4-0314", "gpt-4-0314")],  # Arena rename of 2023-12
        [("文心一言4.0(API)", ""), ("文心一言4.0(网页)", ""), ("ERNIE Bot 4.0", "")],
        [("GPT4(API)", ""), ("GPT4(网页)", ""), ("gpt-4", "")],
    ],
)
def test_spellings_of_one_model_share_a_slug(spellings: list[tuple[str, str]]) -> None:
    assert len({slug(name, key) for name, key in spellings}) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("GPT-4o-2024-05-13", "gpt-4o-2024-08-06"),  # dated snapshots are different models
        ("gpt-4o-2024-05-13", "chatgpt-4o-latest"),
        ("gpt-4o", "gpt-4"),
        ("gpt-4", "gpt-4-turbo"),
        ("Qwen2-72B-Instruct", "Qwen2.5-72B-Instruct"),
        ("Qwen2-72B-Instruct", "Qwen/Qwen2-72B"),  # base vs instruct
        ("Qwen2-72B-Instruct", "smaug-qwen2-72b-instruct"),
        ("Qwen/Qwen2-72B-Instruct", "unsloth/Qwen2-72B-Instruct"),  # re-upload keeps its org
        ("meta-llama/Meta-Llama-3-8B-Instruct", "NousResearch/Meta-Llama-3-8B-Instruct"),
        ("通义千问2.0", "Qwen2-72B-Instruct"),  # the 2023 product is not the 2024 open model
        ("Llama-3-70B-Instruct", "Meta-Llama-3.1-70B-Instruct"),
        ("Gemini Pro", "Gemini-1.5-Pro-002"),
        ("Command R (08-2024)", "Command R+ (08-2024)"),
        ("Phi-3-Mini-4k-Instruct", "Phi-3-Mini-128k-Instruct"),
        ("Claude 3.5 Sonnet (20240620)", "Claude 3.5 Sonnet (20241022)"),
    ],
)
def test_different_models_get_different_slugs(first: str, second: str) -> None:
    assert slug(first) != slug(second)


def test_alpacaeval_gpt4_is_not_renamed() -> None:
    """The Arena's 2023 ``GPT-4`` row was gpt-4-0314; AlpacaEval's ``GPT-4`` (key gpt4) is not."""
    assert slug("GPT-4", "GPT-4") == "gpt-4-0314"
    assert slug("GPT-4", "gpt4") == "gpt-4"


def test_identity_unpacks_as_slug_and_display() -> None:
    found_slug, display = identify("Qwen/Qwen2-72B-Instruct", "", ALIASES)
    assert (found_slug, display) == ("qwen-2-72b-instruct", "Qwen2-72B-Instruct")
    assert identify("通义千问2.0", "", ALIASES) == ModelIdentity(
        "tongyi-2", "Tongyi Qianwen 2.0 (通义千问2.0)"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Qwen/Qwen2-72B-Instruct", "Qwen2-72B-Instruct"),
        ("[GPT-4 ↗](https://openai.com/)", "GPT-4"),
        ("  Claude   3.5 Sonnet ", "Claude 3.5 Sonnet"),
        ("Claude 3.5 Sonnet (06/20)", "Claude 3.5 Sonnet (06/20)"),
    ],
)
def test_display_name(name: str, expected: str) -> None:
    assert display_name(name) == expected


@pytest.mark.parametrize("name", ["🤖🤖", "???", "", " "])
def test_unreadable_names_get_a_stable_slug(name: str) -> None:
    first = identify(name, "", ALIASES).slug
    assert first == identify(name, "", ALIASES).slug
    assert first.startswith("unnamed-")
    assert first != identify(name + "!", "", ALIASES).slug


def test_slugs_fit_the_database_column() -> None:
    assert len(identify("a-" * 500, "", ALIASES).slug) <= 200


# --- the alias file ---------------------------------------------------------------------------

ALIAS_FILE = b"""
vendors = ["acme"]
[family_owners]
"acme-ai" = ["pixie"]
[family_names]
"\xe5\xa4\xa9\xe5\xb7\xa5" = "tiangong"
[family_members]
"sprite" = "pixie"
[rewrites]
"pixie one" = "pixie 1"
[[model]]
slug = "pixie-1"
display = "Pixie One"
aliases = ["PX1"]
renames = ["Pixie"]
"""


def test_load_aliases_from_bytes_and_path(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_bytes(ALIAS_FILE)
    for aliases in (load_aliases(ALIAS_FILE), load_aliases(path), load_aliases(str(path))):
        assert identify("PX1", "", aliases) == ModelIdentity("pixie-1", "Pixie One")
        assert identify("Pixie", "", aliases).slug == "pixie-1"  # rename, rows only
        assert identify("Acme Pixie One", "", aliases).slug == "pixie-1"  # vendor + rewrite
        assert parse_name("sprite 2", aliases).family == "pixie"
        assert parse_name("天工 3", aliases).family == "tiangong"
        assert identify("acme-ai/Pixie-2", "", aliases).slug == "pixie-2"  # the owner
        assert identify("bob/Pixie-2", "", aliases).slug == "bob/pixie-2"  # a re-upload
        assert identify("bob/Elf-2", "", aliases).slug == "elf-2"  # nobody owns elf: bob's


@pytest.mark.parametrize(
    "content",
    [
        b"vendors = [",  # not TOML
        b"\xff\xfe",  # not UTF-8
        b"vendors = 'meta'",
        b"[[model]]\nslug = 'x'",  # no display
        b"[[model]]\nslug = 'x'\ndisplay = 'X'\naliases = [1]",
        b"model = 3",
        b"[family_names]\nx = 1",
        b"[family_owners]\nx = 'llama'",
    ],
)
def test_load_aliases_refuses_bad_files(content: bytes) -> None:
    with pytest.raises(ValueError, match="alias file"):
        load_aliases(content)


def test_packaged_alias_slugs_are_canonical() -> None:
    """Every curated slug is spelled the way the parser spells it, so queries can reuse it."""
    document = (Path(__file__).parents[2] / "data" / "aliases.toml").read_bytes()
    aliases = load_aliases(document)
    identities = {*aliases.spellings.values(), *aliases.renames.values()}
    assert identities
    for identity in identities:
        assert parse_name(identity.slug, aliases).slug == identity.slug, identity
