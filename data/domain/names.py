"""Model names: cleaning, a structured parse, canonical identities and the curated alias file.

Leaderboards spell one model many ways (``Qwen2-72B-Instruct``, ``qwen2-72b-instruct``,
``Qwen/Qwen2-72B-Instruct``, ``Qwen2 72B Instruct``) and put dates in many shapes
(``-20240620``, ``(06/20)``, ``-0514``, ``(2024-08-08)``). ``parse_name`` reads a spelling into
a ``ModelName`` (family, version, sizes, tags, date) whose ``slug`` is the same for all of them,
so ``identify`` can link the rows of different boards without any fuzzy guessing. Knowledge that
no rule can derive (Chinese product names, nicknames, renames) lives in ``data/aliases.toml``.

Everything here is pure, deterministic and cheap: ingestion calls ``identify`` for every row.
"""

from __future__ import annotations

import hashlib
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

#: Cleaning never looks further than this into the text, so hostile input stays cheap.
MAX_INPUT_CHARS = 300
#: Real model names are far shorter; the rest of a long text is noise.
MAX_NAME_CHARS = 120

#: Words that carry no identity: access channels (``GPT4(API)``, ``文心一言4.0(网页)``,
#: ``Gemini Advanced App``), the ``v`` of ``v0.1`` and Hugging Face's ``-hf`` suffix.
NOISE_WORDS = frozenset({"api", "app", "hf", "v", "网页", "web"})

#: Tags that keep a model in the same line when they differ: a bare ``llama 3.1`` still means
#: the 405B/70B/8B instruct line whatever the precision or tuning suffix, and ``gpt 5`` the
#: GPT-5 line whatever the reasoning effort.
NEUTRAL_TAGS = frozenset(
    {"instruct", "chat", "it", "fp8", "bf16", "fp16", "bfloat16", "float16", "int4", "int8"}
    | {"minimal", "low", "medium", "high", "xhigh", "effort", "highthinking"}
)
#: Tags that mark a chat/instruct tuning: a family with such rows also publishes base models.
TUNING_TAGS = frozenset({"instruct", "chat", "it"})
#: Words that name a product line of their own: a row carrying one never answers for a model
#: without it on another board (``deepseek v2`` is not DeepSeek-Coder-V2).
PRODUCT_LINE_TAGS = frozenset(
    {"coder", "code", "codex", "lite", "vision", "vl", "mini", "nano", "math", "distill"}
    | {"base", "flash", "pro", "max", "plus", "air", "thinking", "reasoning", "omni", "audio"}
    | {"small", "large", "guard", "embedding", "reward"}
)
#: Product lines for another task than the family's general model: a query that does not name
#: one never gets it (``deepseek v2`` is not DeepSeek-Coder-V2, ``qwen3`` not Qwen3-VL).
TASK_LINE_TAGS = frozenset(
    {"coder", "code", "codex", "vision", "vl", "math", "distill", "guard", "embedding"}
    | {"reward", "audio"}
)
#: The tag of a pretrained (base) model, which users get only when they ask for it.
BASE_TAG = "base"
#: Release-status tags: a snapshot still in testing, not another kind of model.
STATUS_TAGS = frozenset({"preview", "exp", "experimental", "beta", "latest"})

# --- cleaning ----------------------------------------------------------------------------------

_MARKUP = re.compile(
    r"<a?:\w+:\d+>"  # Discord custom emoji <:name:123>
    r"|<(?:@[!&]?|#)\d+>"  # mentions <@123>, <@!123>, <@&123>, channels <#123>
    r"|@(?:everyone|here)\b"
    r"|<[^<>]{0,200}>"  # HTML tags (SuperCLUE cells hold <a href=...>)
    r"|\]\([^()]{0,300}\)"  # the "(url)" half of a markdown link
    r"|https?://\S+"
)
_STRIP = re.compile(r"[^\w\s.\-/:+()]+")  # emoji, arrows, control characters, stray symbols
_DISPLAY_STRIP = re.compile(r"[\[\]↗*`]+|[\x00-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Lower-cased, NFKC text with markup, mentions, emoji and control characters removed.

    The input is cut to ``MAX_INPUT_CHARS`` before any work and the result to ``MAX_NAME_CHARS``.
    """
    return _clean(text[:MAX_INPUT_CHARS])


@lru_cache(maxsize=1 << 16)  # boards repeat names across categories and snapshots
def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MARKUP.sub(" ", text)
    text = _STRIP.sub(" ", text.replace("_", " "))
    return _SPACES.sub(" ", text).strip()[:MAX_NAME_CHARS].strip()


def display_name(name: str) -> str:
    """A name fit to show: NFKC, single-spaced, without an ``org/`` prefix or markup."""
    text = unicodedata.normalize("NFKC", name[:MAX_INPUT_CHARS])
    text = _SPACES.sub(" ", _DISPLAY_STRIP.sub(" ", _MARKUP.sub(" ", text))).strip()
    if "/" in text and " " not in text.split("/", 1)[0]:
        text = text.rsplit("/", 1)[1]
    return text[:MAX_NAME_CHARS].strip() or name.strip()[:MAX_NAME_CHARS]


# --- dates ------------------------------------------------------------------------------------

# One pattern for every date shape, so a name is scanned once. Each shape yields a compact
# 4-character date. A full date keeps only MMDD: boards cite one snapshot as 20240620, (06/20)
# or 0620, and no model line has two releases on one day of different years. Month-year dates
# become YYMM like Mistral's own ``2407``.
_MONTH = r"0[1-9]|1[0-2]"
_DAY = r"0[1-9]|[12]\d|3[01]"
_DATE = re.compile(
    rf"(?<![\d.])20\d\d[-./]?(?P<full_m>{_MONTH})[-./]?(?P<full_d>{_DAY})(?![\d.])"  # 2024-06-20
    r"|\((?P<slash_a>\d\d)/(?P<slash_b>\d\d)\)"  # AlpacaEval (06/20), (24/02)
    rf"|(?<![\d.])(?P<my_m>{_MONTH})[-/]20(?P<my_y>\d\d)(?![\d.])"  # Command A (03-2025)
    rf"|(?<![\d.a-z])(?P<md_m>{_MONTH})-(?P<md_d>{_DAY})(?![\d.a-z])"  # Grok-2-08-13
)


def _compact(match: re.Match[str]) -> str:
    if match["full_m"]:
        return match["full_m"] + match["full_d"]
    if match["slash_a"]:
        return match["slash_a"] + match["slash_b"]
    if match["my_m"]:
        return match["my_y"] + match["my_m"]
    return match["md_m"] + match["md_d"]


def _extract_date(text: str) -> tuple[str, str | None]:
    """The text without its written dates, and the last of them in compact form."""
    last = None
    for last in _DATE.finditer(text):  # noqa: B007 - only the last date counts
        pass
    if last is None:
        return text, None
    return _DATE.sub(" ", text), _compact(last)


# --- tokens -----------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<ctx>\d+k|(?<!\d)[1-9]m)(?![a-z])"  # context windows and budgets: 4k, 128k, 1m
    r"|(?P<size>(?:\d+x)?\d+(?:\.\d+)?[bm]|[ae]\d+(?:\.\d+)?[bm]|\d+e)(?![a-z])"  # 72b 8x7b a22b
    r"|(?P<precision>(?:b?float|fp|bf|int)\d+)(?![a-z0-9])"  # fp8, bf16, bfloat16, int4
    r"|(?P<glued>(?<![a-z])[a-uw-z]\d+(?:\.\d+)?)(?![a-z0-9])"  # r1, o3, k2.5 (not v: a marker)
    r"|(?P<word>[a-z]*\d+[a-z]{2,}[a-z\d]*|[a-z]+|[\u3400-\u9fff]+)"  # c4ai, 360gpt, qwen, 通义千问
    r"|(?P<num>\d+(?:\.\d+)*(?:[a-z](?![a-z]))?)"  # 2, 2.5, 4o, 3n
)


class Token(NamedTuple):
    """One piece of a name: its text and kind (``size``, ``ctx``, ``word`` or ``num``)."""

    text: str
    kind: str


#: The kind of token each group of ``_TOKEN`` matches (``r1`` and ``fp8`` are words).
_GROUP_KINDS = {
    "ctx": "ctx",
    "size": "size",
    "precision": "word",
    "glued": "word",
    "word": "word",
    "num": "num",
}


def tokenize(text: str) -> list[Token]:
    """The tokens of cleaned text without its dates: ``qwen2.5-72b`` -> qwen, 2.5, 72b.

    Words are interned: thousands of names share ``instruct``, ``7b`` or ``qwen``, and the name
    index keeps the words of every name (one copy each instead of one per name).
    """
    return [
        Token(sys.intern(match[0]), _GROUP_KINDS[match.lastgroup or ""])
        for match in _TOKEN.finditer(text.replace("+", " plus ").replace(":", "."))
    ]


def join_split_versions(tokens: list[Token]) -> list[Token]:
    """``claude-3-5-sonnet`` -> claude 3.5 sonnet: two single digits in a row are one version."""
    joined: list[Token] = []
    for token in tokens:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and token.kind == previous.kind == "num"
            and len(token.text) == len(previous.text) == 1
            and token.text.isdigit()
            and previous.text.isdigit()
        ):
            joined[-1] = Token(f"{previous.text}.{token.text}", "num")
        else:
            joined.append(token)
    return joined


def _version(text: str) -> str:
    """A version without trailing ``.0`` parts: ``2.0`` and ``2`` are one version."""
    while text.endswith(".0"):
        text = text[:-2]
    return text


# --- the structured name ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelName:
    """A model name read into parts.

    ``family`` is the first word (``qwen``, ``claude``, ``o1``, ``通义千问``); ``version`` the
    first number (``2``, ``3.5``, ``4o``); ``sizes`` parameter counts (``72b``, ``8x7b``,
    ``a22b``); ``tags`` every other word or number (``instruct``, ``mini``, ``turbo``, ``4k``);
    ``date`` the compact release date or tag (``0620``, ``2407``, ``001``); ``org`` the
    ``org/`` prefix of a Hugging Face id.
    """

    family: str
    version: str | None = None
    sizes: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    date: str | None = None
    org: str | None = None
    #: The canonical spelling: family, version, sizes, sorted tags, date (org not included).
    slug: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        parts = (self.family, self.version, *sorted(self.sizes), *sorted(self.tags), self.date)
        object.__setattr__(self, "slug", "-".join(filter(None, parts)))

    @property
    def line_tags(self) -> frozenset[str]:
        """Tags that tell model lines apart (neutral tuning and precision tags removed)."""
        return shared_words(self.tags - NEUTRAL_TAGS)


@lru_cache(maxsize=1 << 12)
def shared_words(words: frozenset[str]) -> frozenset[str]:
    """One copy of a set of words that many names have (``{instruct}``, ``{72b}``): the name
    index keeps several such sets per name (sizes, tags, line tags); at 50,000 names a fresh
    copy of each was ~40 MiB. Bounded: a set seen after the cache is full is not shared."""
    return words


_ORG = re.compile(r"^(?P<org>[\w.\-]+)/(?P<rest>.+)$")
_RELEASE_TAG = re.compile(r"^0\d\d$")  # Google's -001 / -002 releases
_SHORT_DATE = re.compile(r"^\d{4}$")  # -0314, -2407
_YEAR_MONTH = re.compile(r"^20(\d\d)(0[1-9]|1[0-2])$")  # -202412


def parse_name(text: str, aliases: Aliases | None = None) -> ModelName:
    """Read a model name (or a user's query) into a ``ModelName``.

    ``aliases`` supplies the data-driven rules: vendor words to drop (``meta``, ``amazon``),
    phrase rewrites (``gpt 4 omni`` -> ``gpt 4o``) and implied families (``sonnet`` -> claude).
    Results are cached: boards repeat the same names across categories and snapshots.
    """
    return _parse(text[:MAX_INPUT_CHARS], aliases or EMPTY_ALIASES)


#: A parenthesised build stamp (SuperCLUE's "通义千问2.0(v1030)"): the same model as without it,
#: unlike a parenthesised date or a meaningful part such as "(API)".
_BUILD_STAMP = re.compile(r"\(v\d{3,}\)")


@lru_cache(maxsize=1 << 16)
def _parse(text: str, rules: Aliases) -> ModelName:
    cleaned, date = _extract_date(_BUILD_STAMP.sub(" ", clean(text)))
    org = None
    match = _ORG.match(cleaned)
    if match:
        org, cleaned = match["org"].strip(".-"), match["rest"].rsplit("/", 1)[-1]
    tokens = join_split_versions(rules.rewrite(tokenize(cleaned)))
    return _assemble(tokens, date, org, rules)


def _assemble(tokens: list[Token], date: str | None, org: str | None, rules: Aliases) -> ModelName:
    """Sort tokens into the parts of a ``ModelName`` (see ``parse_name``)."""
    tokens = [token for token in tokens if token.text not in NOISE_WORDS]
    while len(tokens) > 1 and tokens[0].text in rules.vendors:
        tokens = tokens[1:]
    family, version = "", None
    sizes: set[str] = set()
    tags: set[str] = set()
    for token in tokens:
        if token.kind == "size":
            sizes.add(token.text)
        elif token.kind == "word" and not family:
            family = token.text
        elif token.kind == "num" and date is None and _is_date_like(token.text):
            date = _compact_date(token.text)
        elif token.kind == "num" and version is None:
            version = _version(token.text)
        else:
            tags.add(token.text)
    if family in rules.family_members:
        tags.add(family)
        family = rules.family_members[family]
    family = rules.family_names.get(family, family)
    sizes_, tags_ = shared_words(frozenset(sizes)), shared_words(frozenset(tags))
    return ModelName(family, version, sizes_, tags_, date, org)


def _is_date_like(text: str) -> bool:
    return bool(_SHORT_DATE.match(text) or _RELEASE_TAG.match(text) or _YEAR_MONTH.match(text))


def _compact_date(text: str) -> str:
    year_month = _YEAR_MONTH.match(text)
    return f"{year_month[1]}{year_month[2]}" if year_month else text


# --- identities -------------------------------------------------------------------------------


class ModelIdentity(NamedTuple):
    """The canonical model a board row belongs to: a stable ``slug`` and a display name.

    A ``NamedTuple`` so it unpacks as the ``(slug, display)`` pair ingestion expects.
    """

    slug: str
    display: str


#: The database column holding slugs is 200 characters wide.
MAX_SLUG_CHARS = 200


def identify(name: str, key: str = "", aliases: Aliases | None = None) -> ModelIdentity:
    """The canonical identity of a board row, from the name it shows and its key.

    Curated renames (matched on the key, or on the name of a board without keys) and aliases
    win. Otherwise the slug comes from the structured parse of ``name``, completed by ``key``
    when the key is a cleaner, more specific id of the same model (the Arena's
    ``claude-3-5-sonnet-20240620`` behind the display ``Claude 3.5 Sonnet``). Rows of an
    unofficial ``org/`` (fine-tunes, re-uploads) keep the org in their slug, so they never merge
    with the official model.
    """
    rules = aliases if aliases is not None else default_aliases()
    renamed = rules.renames.get((key or name).strip())
    if renamed is not None:
        return renamed
    parsed = parse_name(name, rules)
    from_key = parse_name(key, rules) if key and key != name else None
    for candidate in (name, key):
        # A nickname names one maker's model: "LLM360/K2" is not Moonshot's Kimi K2.
        known = rules.lookup(candidate) if candidate else None
        if known is not None:
            return known
    if from_key is not None:
        parsed = _complete_from_key(parsed, from_key, key)
    slug = _slug_of(parsed, name, rules)
    # Another maker's upload shows its org, so it never reads as the original ("LLM360/K2").
    display = display_name(name)
    if "/" in slug and parsed.org and not display.casefold().startswith(parsed.org.casefold()):
        display = f"{name.strip().split('/', 1)[0]}/{display}"
    return ModelIdentity(slug, display)


def family_of(slug: str, aliases: Aliases | None = None) -> str:
    """The family of a canonical slug (``kimi-k2`` -> ``kimi``)."""
    return parse_name(slug.rsplit("/", 1)[-1], aliases).family


def _complete_from_key(parsed: ModelName, from_key: ModelName, key: str) -> ModelName:
    """Take the key's structure when it names the same model more precisely, else its date."""
    if from_key.family != parsed.family or from_key.version != parsed.version:
        return parsed
    covers = from_key.sizes >= parsed.sizes and from_key.tags >= parsed.tags
    if is_clean_key(key) and covers and parsed.date in (None, from_key.date):
        return replace(from_key, org=parsed.org)
    if parsed.date is None and from_key.date and covers:
        return replace(parsed, date=from_key.date)
    return parsed


def is_clean_key(key: str) -> bool:
    """Whether a row key is a plain model id, not an ``org/model_precision_sha`` compound."""
    return bool(key) and "/" not in key and " " not in key.strip() and len(key) <= 64


def _slug_of(parsed: ModelName, name: str, rules: Aliases) -> str:
    """The slug of a parsed row name, org-qualified for unofficial orgs, never empty."""
    slug = parsed.slug
    if not slug:  # nothing readable (emoji, punctuation): a stable hash keeps rows apart
        return "unnamed-" + hashlib.sha1(name.encode()).hexdigest()[:12]  # noqa: S324 - an id
    if parsed.org and not rules.is_official(parsed.org, parsed.family):
        slug = f"{parsed.org}/{slug}"
    return slug[:MAX_SLUG_CHARS]


# --- the alias file ---------------------------------------------------------------------------


#: Phrase rewrites filed by their first word, longest phrase first.
Rewrites = Mapping[str, tuple[tuple[tuple[str, ...], tuple[Token, ...]], ...]]


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: a cache key
class Aliases:
    """Curated naming knowledge, read from ``data/aliases.toml`` (see that file's header).

    ``spellings`` maps the parse slug of a nickname or product name to its model, for rows and
    queries alike; ``renames`` maps an exact row key to its model, for rows only (the Arena's
    ``Claude 3.5 Sonnet`` was the 20240620 model, but a user typing it today means the line);
    ``vendors`` are leading words to drop; ``family_names`` other names of a family
    (``文心一言`` -> ``ernie``); ``family_members`` words that imply their family and stay a tag
    (``sonnet`` -> ``claude``); ``rewrites`` token phrases to replace (``gpt 4 omni`` ->
    ``gpt 4o``); ``family_owners`` the Hugging Face orgs that publish each family's originals;
    ``family_fallbacks`` the family a query of another family means when no row of its own
    fits (``通义千问2.5`` is Qwen2.5, ``通义千问2.0`` SuperCLUE's own row).
    """

    spellings: Mapping[str, ModelIdentity]
    renames: Mapping[str, ModelIdentity]
    vendors: frozenset[str]
    family_names: Mapping[str, str]
    family_members: Mapping[str, str]
    rewrites: Rewrites
    family_owners: Mapping[str, frozenset[str]]
    #: Maker words (``智谱``, ``零一万物``) and the families of their models.
    makers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    family_fallbacks: Mapping[str, str] = field(default_factory=dict)

    def lookup(self, text: str) -> ModelIdentity | None:
        """The curated model a nickname or product name stands for, if any (never for another
        maker's upload: ``LLM360/K2`` is not Kimi K2)."""
        parsed = parse_name(text, self)
        known = self.spellings.get(parsed.slug)
        if known is None or parsed.org is None:
            return known
        return known if self.is_official(parsed.org, family_of(known.slug, self)) else None

    def is_official(self, org: str, family: str) -> bool:
        """Whether ``org/`` publishes the original of a ``family`` model (``Qwen/`` for qwen).

        A family nobody is known to own belongs to whoever uploads it.
        """
        owners = self.family_owners.get(family)
        return owners is None or org in owners or org.replace("-", "") == family

    def rewrite(self, tokens: list[Token]) -> list[Token]:
        """Tokens with every curated phrase replaced (the longest phrase wins)."""
        if not self.rewrites:
            return tokens
        out: list[Token] = []
        index = 0
        while index < len(tokens):
            for phrase, replacement in self.rewrites.get(tokens[index].text, ()):
                end = index + len(phrase)
                if tuple(token.text for token in tokens[index:end]) == phrase:
                    out.extend(replacement)
                    index = end
                    break
            else:
                out.append(tokens[index])
                index += 1
        return out


EMPTY_ALIASES = Aliases({}, {}, frozenset(), {}, {}, {}, {}, {})


def load_aliases(source: str | Path | bytes) -> Aliases:
    """Read an alias file from a path or from its bytes; ``ValueError`` names a bad entry."""
    raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"alias file is not valid UTF-8 TOML: {exc}") from exc
    rules = Aliases(
        spellings={},
        renames={},
        vendors=frozenset(_strings(document, "vendors")),
        family_names=dict(_table(document, "family_names")),
        family_members=dict(_table(document, "family_members")),
        rewrites=_rewrites(document),
        family_owners=_family_owners(document),
        makers=_makers(document),
        family_fallbacks=dict(_table(document, "family_fallbacks")),
    )
    spellings: dict[str, ModelIdentity] = {}
    renames: dict[str, ModelIdentity] = {}
    for identity, aliases, renamed in _models(document):
        for spelling in aliases:
            spellings[parse_name(spelling, rules).slug] = identity
        for spelling in renamed:
            renames[spelling.strip()] = identity
    spellings.pop("", None)
    return replace(rules, spellings=spellings, renames=renames)


@cache
def default_aliases() -> Aliases:
    """The alias file shipped in the ``data`` package (read once)."""
    return load_aliases(resources.files("data").joinpath("aliases.toml").read_bytes())


def _strings(document: Mapping[str, object], name: str) -> list[str]:
    value = document.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"alias file: '{name}' must be a list of strings")
    return value


def _family_owners(document: Mapping[str, object]) -> dict[str, frozenset[str]]:
    """``[family_owners]`` (org = [families]) turned around: family -> orgs."""
    table = document.get("family_owners", {})
    if not isinstance(table, dict) or not all(
        isinstance(families, list) and all(isinstance(f, str) for f in families)
        for families in table.values()
    ):
        raise ValueError("alias file: 'family_owners' must map orgs to lists of families")
    owners: dict[str, set[str]] = {}
    for org, families in table.items():
        for family in families:
            owners.setdefault(clean(family), set()).add(org.casefold())
    return {family: frozenset(orgs) for family, orgs in owners.items()}


def _makers(document: Mapping[str, object]) -> dict[str, frozenset[str]]:
    """``[makers]``: a maker's word (as a user types it) -> the families of its models."""
    table = document.get("makers", {})
    if not isinstance(table, dict) or not all(
        isinstance(families, list) and all(isinstance(f, str) for f in families)
        for families in table.values()
    ):
        raise ValueError("alias file: 'makers' must map maker words to lists of families")
    return {
        clean(maker): frozenset(clean(f) for f in families) for maker, families in table.items()
    }


def _table(document: Mapping[str, object], name: str) -> Iterator[tuple[str, str]]:
    value = document.get(name, {})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"alias file: '{name}' must be a table of strings")
    for word, replacement in value.items():
        yield clean(word), clean(replacement)


def _rewrites(document: Mapping[str, object]) -> Rewrites:
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[Token, ...]]]] = {}
    for phrase, replacement in _table(document, "rewrites"):
        words = tuple(token.text for token in tokenize(phrase))
        if words:
            by_first.setdefault(words[0], []).append((words, tuple(tokenize(replacement))))
    return {
        first: tuple(sorted(pairs, key=lambda pair: -len(pair[0])))
        for first, pairs in by_first.items()
    }


def _models(
    document: Mapping[str, object],
) -> Iterator[tuple[ModelIdentity, list[str], list[str]]]:
    """``(identity, aliases, renames)`` of each ``[[model]]`` entry, checked."""
    models = document.get("model", [])
    if not isinstance(models, list):
        raise ValueError("alias file: 'model' must be an array of tables ([[model]])")
    for index, model in enumerate(models, start=1):
        if not isinstance(model, dict):
            raise ValueError(f"alias file: model #{index} is not a table")
        slug, display = model.get("slug"), model.get("display")
        if not (isinstance(slug, str) and slug and isinstance(display, str) and display):
            raise ValueError(f"alias file: model #{index} needs a 'slug' and a 'display'")
        lists = [model.get(part, []) for part in ("aliases", "renames")]
        if not all(
            isinstance(items, list) and all(isinstance(i, str) for i in items) for items in lists
        ):
            raise ValueError(f"alias file: model '{slug}': aliases and renames must be strings")
        yield ModelIdentity(slug, display), lists[0], lists[1]
