"""Name resolution: which model (and which board rows) a user's words mean.

``NameIndex`` is built once from the rows of the current boards and then answers from memory.
``resolve`` runs a fixed pipeline and stops at the first step that finds something:

1. a bare family (``claude``, ``qwen``) means the family: the best-ranked model when one model
   line fits, else an ambiguity, even on a board that has a row called just "Claude";
2. literal: the query is a board's spelling, key or canonical name (case, spaces and
   punctuation aside); curated nicknames and product names (``4o``, ``文心一言``) are
   replaced by the model they stand for;
3. structure: family, version, sizes, tags and date of the query must all agree with a row.
   A version the user typed must match exactly (``qwen2`` never gives Qwen2.5, ``3.5`` never
   gives 3); among agreeing rows the ones with the fewest extra tags win, and when they all
   belong to one line the best-ranked is the answer (``gpt-4o`` -> the best GPT-4o snapshot);
4. steps 1 and 3 again with misspelt words corrected against the index vocabulary
   (``cluade``, ``gtp``);
5. a looser structure (the family word anywhere in the name: ``nemotron 70b``), only when the
   strict rules find the model on no board at all, so ``qwen2`` never falls back to a
   fine-tune like ``smaug-qwen2-72b-instruct``;
6. rapidfuzz over names sharing a word with the query, which only ever suggests.

Official models win over fine-tunes, merges and re-uploads at every step (``Qwen/...`` over
``someone/...Qwen2...``) unless the query names the org. Work is bounded: queries are cut to a
few hundred characters, candidates come from (family, version) buckets, fine-tunes are only
read when no official model fits, and the fuzzy step scores at most ``_FUZZY_POOL`` names.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations as _combinations
from typing import Literal, TypeVar

from data.domain.names import (
    BASE_TAG,
    NEUTRAL_TAGS,
    NOISE_WORDS,
    PRODUCT_LINE_TAGS,
    STATUS_TAGS,
    TASK_LINE_TAGS,
    Aliases,
    ModelName,
    clean,
    default_aliases,
    is_clean_key,
    parse_name,
    shared_words,
    tokenize,
)
from data.domain.ordering import canonical_names, preference_places
from data.domain.shapes import (
    ANY_VERSION,
    Found,
    Line,
    Shape,
    collect,
    extra_tags,
    file_shapes,
    is_bare,
    mark_tuning,
    record_officiality,
    record_words,
    version_key,
)
from data.domain.spelling import Speller
from data.domain.suggest import Suggester, did_you_mean, name_words
from data.domain.types import NameRecord

_Key = TypeVar("_Key")

#: Candidates listed for an ambiguous query.
MAX_CANDIDATES = 10
#: At most this many names are scored for suggestions (bounds the fuzzy step).
_FUZZY_POOL = 500

_PUNCTUATION = re.compile(r"[^\w.+\u3400-\u9fff]|_")
#: Where a name may be cut into a shorter one: before a separator.
_NAME_CUTS = re.compile(r"(?<=\w)[\s_\-/(]")

# Confidence (0-100) of each pipeline step; a step's later findings never outrank earlier ones.
_LITERAL, _ALIAS, _SLUG, _STRUCTURED, _TYPO_PENALTY, _RELAXED = 100.0, 98.0, 96.0, 90.0, 10.0, 70.0
_EXTRA_PENALTY = 4.0  # per tag the row has and the query did not ask for
_LOOSENED = 85.0  # a dated key or a release status the board does not show
#: A row on the chosen board answers for the model meant only if it fits the query about as
#: closely: one qualifier more at most (``turbo``, a release status, an implied ``base``), and
#: never another product line (each such word counts twice).
_FIT_TOLERANCE = 1.0
#: Words too common to find a model by on their own (``hi`` is in LamarckInfusion-14B-v2-hi).
_COMMON_WORDS = (
    NEUTRAL_TAGS
    | STATUS_TAGS
    | NOISE_WORDS
    | {BASE_TAG, "model", "models", "the", "and", "what", "which", "best", "top"}
    | {"rank", "compare", "search", "history", "board", "boards", "help"}  # command words
)
_MIN_LOOSE_WORD = 3
#: ``split`` reads at most this many words (the cuts grow combinatorially).
_MAX_SPLIT_WORDS = 12


@dataclass(frozen=True, slots=True)
class Match:
    """A row the query may mean, with the resolver's confidence (0-100)."""

    record: NameRecord
    score: float


Status = Literal["match", "ambiguous", "none", "absent"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The resolver's answer.

    ``match``: ``matches`` holds the model's row on each board in scope (``matches[0]`` the best);
    ``ambiguous``: one row per candidate model, best first (at most ``MAX_CANDIDATES``);
    ``none``: suggestions, possibly none;
    ``absent``: the query names a model (or models) Podium knows, but not on the board asked
    for; ``matches`` holds what it means across boards (a match's rows, or candidates).
    """

    query: str
    status: Status
    matches: tuple[Match, ...] = ()
    #: For a match: other versions of the same line on the boards of ``matches`` (dated
    #: snapshots, effort levels, API vs web, the base model), best first on each board.
    alternatives: tuple[Match, ...] = ()
    #: For a match on a line rather than one version of it (``kimi k2``, ``gpt-5``; not
    #: ``gpt-5-high`` or ``gpt-4o-2024-08-06``): on each board in scope, the line's best-ranked
    #: version among those the query fits (``matches`` keep the one model the query means).
    #: Empty when that version is the matched model on every board.
    versions: tuple[Match, ...] = ()
    #: With ``versions``: the line's name (the model's name without date, effort or status).
    line: str = ""


@dataclass(frozen=True, slots=True)
class _Spelling:
    """One distinct spelling of board rows (name, key, model), read once per index."""

    literals: tuple[str, ...]
    shapes: tuple[Shape, ...]
    slugs: tuple[str, ...]
    #: Whether a shape of the spelling carries a date (``gpt-4o-2024-05-13``).
    dated: bool


class NameIndex:
    """In-memory index of board rows for resolution and autocomplete (build once, query often)."""

    def __init__(self, records: Iterable[NameRecord], aliases: Aliases | None = None) -> None:
        """Index ``records``; ``aliases`` defaults to the packaged alias file."""
        self._aliases = aliases if aliases is not None else default_aliases()
        self._records: tuple[NameRecord, ...] = tuple(records)
        board_ids: defaultdict[str, list[int]] = defaultdict(list)
        by_literal: defaultdict[str, list[int]] = defaultdict(list)
        by_slug: defaultdict[str, list[int]] = defaultdict(list)
        self._shapes: dict[tuple[str, str | None], Shape] = {}
        #: Per record, the shapes of its spellings: one shared tuple per distinct spelling.
        self._record_shapes: list[tuple[Shape, ...]] = []
        self._dated: list[bool] = []
        # Boards repeat spellings (the Arena's ~70 category boards list the same models):
        # each distinct spelling is read once, its rows only filed.
        spellings: dict[tuple[str, str, str, str], _Spelling] = {}
        for index, record in enumerate(self._records):
            spelled = (record.name, record.key, record.model_slug, record.model_name)
            spelling = spellings.get(spelled)
            if spelling is None:
                spelling = spellings[spelled] = self._read(*spelled)
            board_ids[record.board_id].append(index)
            for literal in spelling.literals:
                by_literal[literal].append(index)
            for shape in spelling.shapes:
                shape.add(index, record.board_id)
            for slug in spelling.slugs:
                by_slug[slug].append(index)
            self._record_shapes.append(spelling.shapes)
            self._dated.append(spelling.dated)
        self._index_of = {
            record: index for index, record in reversed(list(enumerate(self._records)))
        }
        mark_tuning(self._shapes.values())
        # Plain dicts of tuples from here on: looking up an unknown key must not grow the index,
        # and most keys file one or two rows (a list's spare room adds up).
        self._board_ids = _sealed(board_ids)
        self._by_literal, self._by_slug = _sealed(by_literal), _sealed(by_slug)
        self._strict_buckets, self._loose_buckets = file_shapes(self._shapes.values())
        self._official = record_officiality(self._shapes.values(), len(self._records))
        self._words = record_words(self._record_shapes)
        self._rank_on_board, self._rank_overall = preference_places(self._records, self._official)
        self._canonical = canonical_names(self._records)
        self._sources = _source_counts(self._records)
        self._top: list[str] | None = None
        self._versions_of_line = self._file_versions_of_line()
        self._speller = Speller(self._shapes.values(), self._aliases)
        # Autocomplete indexes are built on first use (``suggest``): a one-shot command that
        # only resolves names does not pay for them.
        self._suggesters: dict[str | None, Suggester] = {}

    @property
    def records(self) -> tuple[NameRecord, ...]:
        """The indexed rows, in the order given."""
        return self._records

    # --- building ----------------------------------------------------------------------------

    def _read(self, name: str, key: str, model_slug: str, model_name: str) -> _Spelling:
        """What a spelling is filed under: its literal forms, parsed shapes and slugs."""
        literals = tuple(
            literal for literal in dict.fromkeys(map(_literal, (name, key, model_name))) if literal
        )
        parsed_name = parse_name(name, self._aliases)
        parsed = [parsed_name]
        if is_clean_key(key) and key != name:
            parsed.append(parse_name(key, self._aliases))
        # The canonical slug is usually the name's own parse (org-qualified for a fine-tune);
        # when it is not (a curated alias or rename), its parse is one more way to the row.
        if model_slug not in (parsed_name.slug, f"{parsed_name.org}/{parsed_name.slug}"):
            parsed.append(parse_name(model_slug, self._aliases))
        slugs = {model_slug}
        shapes: dict[int, Shape] = {}  # by identity, in order
        for spelling in parsed:
            if spelling.family:
                slugs.add(spelling.slug)
                shape = self._shape(spelling)
                shapes.setdefault(id(shape), shape)
        dated = any(shape.parsed.date for shape in shapes.values())
        return _Spelling(literals, tuple(shapes.values()), tuple(slugs), dated)

    def _file_versions_of_line(self) -> dict[object, tuple[int, ...]]:
        """Official records by line version key (see ``_version_key``), best first."""
        filed: dict[object, list[int]] = defaultdict(list)
        for index in sorted(range(len(self._records)), key=self._rank_on_board.__getitem__):
            key = self._version_key(index)
            if key is not None and self._official[index]:
                filed[key].append(index)
        return _sealed(filed)

    def _version_key(self, index: int) -> object:
        """What the versions of one line share: family, version, sizes and distinguishing
        tags, dates, efforts, release status and an implied ``base`` aside."""
        shapes = self._record_shapes[index]
        if not shapes:
            return None
        parsed, (_, _, tags) = shapes[0].parsed, shapes[0].line
        distinguishing = shared_words(tags - {BASE_TAG} - STATUS_TAGS)
        return (parsed.family, parsed.version, parsed.sizes, distinguishing)

    def _alternatives(self, chosen: Sequence[int], board: str | None) -> tuple[Match, ...]:
        """Other versions of the lines of the ``chosen`` rows: on ``board``, or on any board
        (best first on each board; the caller keeps the boards it shows)."""
        shown = {(self._records[i].board_id, self._records[i].name) for i in chosen}
        found: dict[tuple[str, str], Match] = {}
        for key in dict.fromkeys(self._version_key(i) for i in chosen):
            for other in self._versions_of_line.get(key, ()):
                record = self._records[other]
                spelled = (record.board_id, record.name)
                if (board is None or record.board_id == board) and spelled not in shown:
                    found.setdefault(spelled, Match(record, 0.0))
        return tuple(found.values())

    def _shape(self, parsed: ModelName) -> Shape:
        """The shape of a parsed spelling, created on first sight."""
        shape = self._shapes.get((parsed.slug, parsed.org))
        if shape is None:
            official = parsed.org is None or self._aliases.is_official(parsed.org, parsed.family)
            shape = self._shapes[(parsed.slug, parsed.org)] = Shape.of(parsed, official)
        return shape

    # --- resolution --------------------------------------------------------------------------

    def resolve(self, query: str, board: str | None = None) -> Resolution:
        """What ``query`` means, on ``board`` or across all boards (see the module docstring).

        On a board, the answer is checked against what the query means across boards: a row
        that fits less closely than the model meant (a sibling line, a fine-tune, a base
        model) never answers for it; the model is then ``absent`` from the board.
        """
        if not _has_content(clean(query)) or (board is not None and board not in self._board_ids):
            return Resolution(query, "none")
        found, wanted = self._pipeline(query, board)
        if board is not None and not (
            found.status == "match" and found.matches[0].score >= _LITERAL
        ):
            found = self._on_board(query, board, found, wanted)
        return self._with_versions(found, wanted, board)

    def _with_versions(self, found: Resolution, wanted: ModelName, board: str | None) -> Resolution:
        """``found`` with its line's version on each board (see ``Resolution.versions``).

        On each board the matched model's row competes with the official versions of its
        line that have all the query names (sizes, tags, a date, an effort level or a release
        status), a base model only when the query asks for one; the best-ranked answers.
        """
        if found.status != "match":
            return found
        chosen = self._index_of[found.matches[0].record]
        key = self._version_key(chosen)
        if key is None or not self._official[chosen]:
            return found  # a fine-tune is itself only
        best = {m.record.board_id: self._index_of[m.record] for m in found.matches}
        settled: set[str] = set()  # boards whose best fitting version is known
        for other in self._versions_of_line.get(key, ()):  # best first on each board
            board_id = self._records[other].board_id
            if board_id in settled or (board is not None and board_id != board):
                continue
            matched = best.get(board_id)
            if matched is not None and self._rank_on_board[other] >= self._rank_on_board[matched]:
                settled.add(board_id)  # no version further down can beat the matched row
            elif self._has_all(other, wanted):
                best[board_id] = other
                settled.add(board_id)
        slug = self._records[chosen].model_slug
        if all(self._records[i].model_slug == slug for i in best.values()):
            return found
        score = found.matches[0].score
        ordered = sorted(best.values(), key=lambda i: self._preference(i, board))
        versions = tuple(Match(self._records[i], score) for i in ordered)
        return replace(found, versions=versions, line=self._line_name(chosen))

    def _has_all(self, index: int, wanted: ModelName) -> bool:
        """Whether record ``index`` has everything ``wanted`` names (family, version, sizes,
        tags, date), and is no base model the query did not ask for."""
        return not self._implied_base(index, wanted) and any(
            shape.parsed.family == wanted.family
            and (wanted.version is None or shape.parsed.version == wanted.version)
            and extra_tags(wanted, shape) is not None
            for shape in self._record_shapes[index]
        )

    def _line_name(self, index: int) -> str:
        """The name of record ``index``'s line: the shortest leading part of its model's name
        that names the whole line (``kimi-k2`` of ``kimi-k2-0905-preview``, ``claude-sonnet-4``
        of ``claude-sonnet-4-20250514``); the model's name when no part does."""
        name = self._canonical[self._records[index].model_slug]
        key = self._version_key(index)
        for cut in [m.start() for m in _NAME_CUTS.finditer(name)]:
            parsed = parse_name(name[:cut], self._aliases)
            tags = parsed.line_tags - {BASE_TAG} - STATUS_TAGS
            if (parsed.family, parsed.version, parsed.sizes, tags) == key:
                return name[:cut].rsplit("/", 1)[-1]
        return name

    def _pipeline(self, query: str, board: str | None) -> tuple[Resolution, ModelName]:
        """The resolution steps in scope, and the query as finally read (aliases, spelling)."""
        known = self._aliases.lookup(query)
        wanted = (
            parse_name(known.slug, self._aliases) if known else parse_name(query, self._aliases)
        )
        wanted = self._fallen_back(wanted)
        if not _names_something(wanted):
            return Resolution(query, "none", self._suggestions(query, wanted, board)), wanted
        # A row's exact name that only a curated alias reads as a bare family (SuperCLUE's
        # "云雀大模型(豆包)") is that row: the family step is for a family word typed alone.
        typed_bare = known is None or is_bare(parse_name(query, self._aliases))
        found = (
            (None if typed_bare else self._literal_hit(query, wanted, board))
            or self._maker(query, wanted, board)
            or self._bare_family(query, wanted, board, _STRUCTURED)
            or self._literal_hit(query, wanted, board)
            or self._by_structure(query, wanted, board, _ALIAS if known else _SLUG, _STRUCTURED)
        )
        corrected = self._speller.corrected(wanted) if found is None else None
        if corrected is not None:
            found = (
                self._maker(query, corrected, board)
                or self._bare_family(query, corrected, board, _STRUCTURED - _TYPO_PENALTY)
                or self._by_structure(
                    query, corrected, board, _SLUG - _TYPO_PENALTY, _STRUCTURED - _TYPO_PENALTY
                )
            )
        best_guess = corrected or wanted
        if found is None:
            found = self._loosened(query, best_guess, board)
        if found is None and _distinctive(best_guess) and not self._exists(best_guess):
            # Nowhere by the strict rules: the family word may sit inside a longer name.
            found = self._decide(query, self._relaxed(best_guess, board), board, _RELAXED)
        none = Resolution(query, "none", self._suggestions(query, best_guess, board))
        return found or none, best_guess

    def _fallen_back(self, wanted: ModelName) -> ModelName:
        """``wanted`` read as its family's fallback (``[family_fallbacks]``) when no row of its
        own family fits it: ``通义千问2.5`` is Qwen2.5, ``通义千问2.0`` stays SuperCLUE's row."""
        other = self._aliases.family_fallbacks.get(wanted.family)
        if other is None or is_bare(wanted) or self._exists(wanted):
            return wanted
        return replace(wanted, family=other)

    def _on_board(self, query: str, board: str, found: Resolution, wanted: ModelName) -> Resolution:
        """``found`` on ``board``, unless the query means a model that is not there."""
        everywhere, _ = self._pipeline(query, None)
        if everywhere.status != "match":
            if everywhere.status == "ambiguous" and found.status == "none":
                return Resolution(query, "absent", everywhere.matches)
            return found
        if everywhere.matches[0].score <= _RELAXED:
            return found  # only a loose guess across boards: no claim about this board
        meant = self._index_of[everywhere.matches[0].record]
        if found.status == "match":
            chosen = self._index_of[found.matches[0].record]
            if self._records[chosen].model_slug == self._records[meant].model_slug:
                return found
            if self._fits_as_closely(chosen, meant, wanted):
                return found
        elif found.status == "ambiguous":
            fine_tunes_only = not any(
                self._official[self._index_of[m.record]] for m in found.matches
            )
            if not (fine_tunes_only and self._official[meant] and not wanted.org):
                return found
        return Resolution(query, "absent", everywhere.matches)

    def _fits_as_closely(self, chosen: int, meant: int, wanted: ModelName) -> bool:
        """Whether row ``chosen`` fits ``wanted`` about as closely as the model ``meant``."""
        if self._official[meant] and not self._official[chosen] and not wanted.org:
            return False  # a fine-tune never answers for the original
        return self._fit(wanted, chosen) <= self._fit(wanted, meant) + _FIT_TOLERANCE

    def _fit(self, wanted: ModelName, index: int) -> float:
        """Distinguishing tags record ``index`` has beyond ``wanted`` (``inf``: it disagrees).

        A release status the query names, or a date it names for an undated row, is no
        disagreement (see ``_loosened``).
        """
        wanted = replace(wanted, tags=wanted.tags - STATUS_TAGS)
        if not self._dated[index]:
            wanted = replace(wanted, date=None)
        fits = [
            fit + len((shape.line[2] - wanted.tags) & PRODUCT_LINE_TAGS)
            for shape in self._record_shapes[index]
            if shape.parsed.family == wanted.family
            and (wanted.version is None or shape.parsed.version == wanted.version)
            and (fit := extra_tags(wanted, shape)) is not None
        ]
        return min(fits, default=math.inf)

    def _maker(self, query: str, wanted: ModelName, board: str | None) -> Resolution | None:
        """A maker's name alone (``智谱``, ``零一万物``): the models of its families."""
        families = self._aliases.makers.get(wanted.family) if is_bare(wanted) else None
        if not families:
            return None
        found = [
            candidate
            for family in sorted(families)
            for candidate in self._strict(ModelName(family), board)
        ]
        return self._decide(query, found, board, _STRUCTURED, bare=True)

    def _loosened(self, query: str, wanted: ModelName, board: str | None) -> Resolution | None:
        """A dated key typed on a board of undated names (``claude-3-haiku-20240307`` is the
        Arena's "Claude 3 Haiku"), or a release status the board does not show."""
        looser = replace(wanted, date=None, tags=wanted.tags - STATUS_TAGS)
        if looser == wanted or not looser.family:
            return None
        found = self._same_task(self._strict(looser, board), looser)
        if wanted.date:
            found = [candidate for candidate in found if not self._dated[candidate[0]]]
        return self._decide(query, found, board, _LOOSENED)

    def _bare_family(
        self, query: str, wanted: ModelName, board: str | None, confidence: float
    ) -> Resolution | None:
        """A bare family ("claude") means the family, even on a board with a "Claude" row."""
        if not is_bare(wanted):
            return None
        return self._decide(query, self._strict(wanted, board), board, confidence, bare=True)

    def _literal_hit(self, query: str, wanted: ModelName, board: str | None) -> Resolution | None:
        """Rows spelled exactly as typed (case, spacing and punctuation aside)."""
        in_scope = _scope_filter(self._records, board)
        literal = [
            i
            for i in self._by_literal.get(_literal(query), ())
            if in_scope(i) and (wanted.org or not self._implied_base(i, wanted))
        ]
        # A fine-tune's display name drops its org; only a query naming the org means it.
        official = [i for i in literal if self._official[i]]
        if official or (literal and wanted.org):
            hits = official or literal
            widest = self._widest_version(hits, wanted) if board is None else None
            if widest is not None:
                return self._match(query, [widest], _SLUG, board)
            wider = self._wider_model(query, hits, wanted) if board is None else None
            return wider or self._match(query, hits, _LITERAL, board)
        return None

    def _wider_model(self, query: str, hits: Sequence[int], wanted: ModelName) -> Resolution | None:
        """The model the query's structure means, when the hits are a sizeless spelling fewer
        sources list (SWE-bench's generic "Qwen 2.5" tag, one submission): ``qwen2.5`` then
        means the line's instruct flagship many boards list, as ``qwen2`` does; the hits stay
        among the alternatives. A query naming a size means that size only."""
        # The first shape is the model's own name (a submission's key may name sizes).
        named = [self._record_shapes[i][:1] for i in hits]
        if wanted.sizes or any(not shape or shape[0].parsed.sizes for shape in named):
            return None
        hit_slugs = {self._records[i].model_slug for i in hits}
        reach = max(self._sources[slug] for slug in hit_slugs)
        found = [
            candidate
            for candidate in self._same_task(self._strict(wanted, None), wanted)
            if self._records[candidate[0]].model_slug not in hit_slugs
        ]
        decided = self._decide(query, found, None, _SLUG)
        if (
            decided is None
            or decided.status != "match"
            or self._sources[decided.matches[0].record.model_slug] <= reach
        ):
            return None
        listed = {(m.record.board_id, m.record.name) for m in decided.alternatives}
        tags = {
            (self._records[i].board_id, self._records[i].name): Match(self._records[i], 0.0)
            for i in hits
        }
        kept = tuple(match for spelled, match in tags.items() if spelled not in listed)
        return replace(decided, alternatives=decided.alternatives + kept)

    def _widest_version(self, hits: Sequence[int], wanted: ModelName) -> int | None:
        """Another version of the hits' line listed by more sources than any hit, if any: an
        exact spelling one board uses (SWE-bench's undated ``gpt-4o``) does not hide the dated
        version four boards list; the hit stays among the alternatives. Only versions with
        all the query names count (``gpt-4o-2024-08-06`` is that snapshot only)."""
        reach = max(self._sources[self._records[i].model_slug] for i in hits)
        lines = dict.fromkeys(self._version_key(i) for i in hits if self._official[i])
        wider = [
            v
            for line in lines
            for v in self._versions_of_line.get(line, ())
            if self._sources[self._records[v].model_slug] > reach
        ]
        wider.sort(key=lambda v: self._line_preference(v, None))
        return next((v for v in wider if self._has_all(v, wanted)), None)

    def _by_structure(
        self,
        query: str,
        wanted: ModelName,
        board: str | None,
        exact_score: float,
        structured_score: float,
    ) -> Resolution | None:
        """A row spelled exactly like ``wanted``, else the structural decision."""
        in_scope = _scope_filter(self._records, board)
        same = [
            i
            for i in (self._by_slug.get(wanted.slug, ()) if wanted.slug else ())
            if in_scope(i) and not self._implied_base(i, wanted)
        ]
        if any(self._official[i] for i in same):
            official = [i for i in same if self._official[i]]
            wider = self._wider_model(query, official, wanted) if board is None else None
            return wider or self._match(query, official, exact_score, board)
        found = self._same_task(self._strict(wanted, board), wanted)
        # A fine-tune spelled exactly like the query loses to the official model it copies.
        if same and not (found and self._official[found[0][0]]):
            return self._match(query, same, exact_score, board)
        return self._decide(query, found, board, structured_score)

    @staticmethod
    def _same_task(found: Found, wanted: ModelName) -> Found:
        """No candidates when every one is of a task line the query does not name (a coder,
        vision or math model never answers alone for the general one); else ``found``."""
        general = [c for c in found if not (c[2][2] & TASK_LINE_TAGS) - wanted.tags]
        return found if general else []

    def _implied_base(self, index: int, wanted: ModelName) -> bool:
        """Whether a record is a base model the query did not ask for (see ``mark_tuning``)."""
        return BASE_TAG not in wanted.tags and any(
            BASE_TAG in shape.soft for shape in self._record_shapes[index]
        )

    def _strict(self, wanted: ModelName, board: str | None) -> Found:
        """Rows whose structure agrees with every part of ``wanted`` (official rows if any)."""
        key = (wanted.family, version_key(wanted))
        return collect(self._strict_buckets, key, wanted, board)

    def _relaxed(self, wanted: ModelName, board: str | None) -> Found:
        """Rows naming the query's family anywhere (``Llama-3.1-Nemotron`` for ``nemotron``)."""
        key = (wanted.family, version_key(wanted))
        return collect(self._loose_buckets, key, wanted, board)

    def _exists(self, wanted: ModelName) -> bool:
        """Whether any row on any board agrees strictly with ``wanted``."""
        key = (wanted.family, version_key(wanted))
        return any(
            extra_tags(wanted, shape) is not None
            for official in (True, False)
            for shape in self._strict_buckets.get(key, official=official)
        )

    def _decide(
        self,
        query: str,
        found: Found,
        board: str | None,
        confidence: float,
        *,
        bare: bool = False,
    ) -> Resolution | None:
        """One model when the fewest-extras candidates form one line, else an ambiguity.

        A ``bare`` family query is ambiguous as soon as its rows span several lines (versions,
        or tags other than a release status).
        """
        if not found:
            return None
        fewest = min(extras for _, extras, _ in found)
        closest = [(i, line) for i, extras, line in found if extras == fewest]
        # A bare family is one answer only when its rows are of one version (glued versions
        # such as Kimi's k2 and k2.5 included) and of one family (a maker's name spans several).
        versions = {_version_of(line) for _, _, line in found} if bare else set()
        if len(versions) <= 1 and len({line for _, line in closest}) == 1:
            best = min((i for i, _ in closest), key=lambda i: self._line_preference(i, board))
            score = max(confidence - _EXTRA_PENALTY * fewest, 50.0)
            return self._match(query, [best], score, board)
        return Resolution(query, "ambiguous", self._candidates(found, board, confidence))

    def _line_preference(self, index: int, board: str | None) -> tuple[int, int]:
        """Sort key among versions of one line: across boards, the version listed by the
        most sources first (``gpt-4o`` means the dated GPT-4o on four boards, not an undated
        spelling one board uses), then as ``_preference``; on a board, ``_preference``."""
        reach = 0 if board is not None else -self._sources[self._records[index].model_slug]
        return reach, self._preference(index, board)

    def _preference(self, index: int, board: str | None) -> int:
        """Sort key of a record among candidates, on a board or across boards (0 = best)."""
        return (self._rank_on_board if board is not None else self._rank_overall)[index]

    def _candidates(self, found: Found, board: str | None, confidence: float) -> tuple[Match, ...]:
        """One row per model line (its best version: dated snapshots and effort levels are
        one entry), best first."""
        best: dict[object, tuple[int, int, float]] = {}
        for index, extras, _ in found:
            line = self._version_key(index) or self._records[index].model_slug
            place = self._preference(index, board)
            if line not in best or place < best[line][0]:
                best[line] = (place, index, extras)
        return tuple(
            Match(self._records[i], max(confidence - 10.0 - _EXTRA_PENALTY * e, 1.0))
            for _, i, e in heapq.nsmallest(MAX_CANDIDATES, best.values())
        )

    def _match(
        self, query: str, hits: Sequence[int], score: float, board: str | None
    ) -> Resolution:
        """A match on the model of the best hit: its best row on each board in scope."""
        chosen = min(hits, key=lambda i: self._preference(i, board))
        slug = self._records[chosen].model_slug
        hit_set = set(hits)
        per_board: dict[str, int] = {}
        rows = [i for i in self._by_slug[slug] if self._records[i].model_slug == slug]
        for index in sorted(rows, key=lambda i: (i not in hit_set, self._rank_on_board[i])):
            if board is None or self._records[index].board_id == board:
                per_board.setdefault(self._records[index].board_id, index)
        ordered = sorted(per_board.values(), key=lambda i: (i != chosen, i not in hit_set))
        return Resolution(
            query,
            "match",
            tuple(Match(self._records[i], score) for i in ordered),
            self._alternatives(ordered, board),
        )

    def rows_of(self, model_slug: str) -> list[NameRecord]:
        """The rows of one canonical model, best first on each board."""
        rows = [
            i
            for i in self._by_slug.get(model_slug, ())
            if self._records[i].model_slug == model_slug
        ]
        return [self._records[i] for i in sorted(set(rows), key=self._rank_overall.__getitem__)]

    def split(self, text: str, most: int = 4) -> list[str] | None:
        """Several model names typed without separators (``gpt-4o claude``), cut where every
        part names a model (matched, or several candidates to choose from); ``None`` when no
        cut does. Fewer parts first, then more parts matched outright, then confidence.
        """
        words = text.split()
        if len(words) > _MAX_SPLIT_WORDS:
            return None
        best: tuple[float, float] | None = None
        found: list[str] | None = None
        for parts in range(2, min(most, len(words)) + 1):
            for cut in _cuts(len(words), parts):
                names = [" ".join(words[a:b]) for a, b in cut]
                resolutions = [self.resolve(name) for name in names]
                if any(r.status not in ("match", "ambiguous") for r in resolutions):
                    continue
                matched = sum(r.status == "match" for r in resolutions)
                confidence = sum(r.matches[0].score for r in resolutions if r.matches)
                if best is None or (matched, confidence) > best:
                    best, found = (matched, confidence), names
            if found is not None:
                return found
        return None

    # --- "did you mean" ----------------------------------------------------------------------

    def _suggestions(self, query: str, wanted: ModelName, board: str | None) -> tuple[Match, ...]:
        """Fuzzy "did you mean" rows, one per model, among names sharing a word with the query.

        Bounded: only rows of the query's family (or sharing one of its words) are scored.
        """
        records = [self._records[i] for i in self._suggestion_pool(wanted, board)]
        names, models = [r.name for r in records], [r.model_slug for r in records]
        return tuple(Match(records[p], score) for p, score in did_you_mean(query, names, models))

    def _suggestion_pool(self, wanted: ModelName, board: str | None) -> list[int]:
        """Up to ``_FUZZY_POOL`` rows of the query's family (else sharing one of its words)."""
        if board is not None:  # one board is small: filter its rows, best first
            words = {wanted.family} if wanted.family else set(wanted.tags)
            rows = sorted(self._board_ids[board], key=self._rank_on_board.__getitem__)
            return [i for i in rows if not words.isdisjoint(self._words[i])][:_FUZZY_POOL]
        sources = [(self._strict_buckets, wanted.family)] if wanted.family else []
        sources += [(self._loose_buckets, tag) for tag in sorted(wanted.tags)]
        pool: dict[int, None] = {}
        for buckets, word in sources:
            for official in (True, False):
                for shape in buckets.get((word, ANY_VERSION), official=official):
                    pool.update(dict.fromkeys(shape.rows(board)))
                    if len(pool) >= _FUZZY_POOL:
                        return list(pool)[:_FUZZY_POOL]
            if pool:
                break
        return list(pool)

    # --- autocomplete ------------------------------------------------------------------------

    def suggest(self, text: str, board: str | None = None, limit: int = 25) -> list[str]:
        """Autocomplete: one canonical name per model, the models people mean first; at most
        ``limit``.

        Every typed word must start a word of one of the model's spellings (``qwen 72`` finds
        Qwen2-72B-Instruct, ``gpt-4 omni`` AlpacaEval's GPT-4o). Across boards, official models
        come first, then those on more sources, then the better ranked; on a board, its order.
        Empty text gives the best-ranked models; unknown boards give nothing.
        """
        limit = max(0, min(limit, 100))
        if limit == 0 or (board is not None and board not in self._board_ids):
            return []
        if board not in self._suggesters:
            self._suggesters[board] = Suggester(*self._entries_in_order(board))
        suggester = self._suggesters[board]
        if not text.strip():  # nothing typed yet: the best-ranked models
            return (suggester.names if board is not None else self._best_ranked())[:limit]
        words = [token.text for token in tokenize(clean(text))]
        if not words:
            return []
        found = suggester.search(words, complete_last=text[-1:].isspace(), limit=limit)
        if found:
            return found
        resolution = self.resolve(text, board)  # typos: fall back to the resolver's answer
        names = [self._canonical[m.record.model_slug] for m in resolution.matches]
        return list(dict.fromkeys(names))[:limit]

    def _best_ranked(self) -> list[str]:
        """Canonical names across boards, official and best placed first (computed once)."""
        if self._top is None:
            ordered = sorted(range(len(self._records)), key=self._rank_overall.__getitem__)
            slugs = dict.fromkeys(self._records[i].model_slug for i in ordered)
            self._top = [self._canonical[slug] for slug in slugs]
        return self._top

    def _entries_in_order(self, board: str | None) -> tuple[list[str], list[frozenset[str]]]:
        """One entry per model in scope, best first: its canonical name, and the words of all
        its spellings there (see ``suggest``)."""
        ids = self._board_ids[board] if board is not None else range(len(self._records))
        spellings: dict[str, dict[str, None]] = defaultdict(dict)
        place: dict[str, tuple[object, ...]] = {}
        for index in ids:
            record = self._records[index]
            slug = record.model_slug
            spellings[slug].update(((record.name, None), (record.model_name, None)))
            key: tuple[object, ...] = (self._preference(index, board),)
            if board is None:
                key = (not self._official[index], -self._sources[slug], *key)
            place[slug] = min(place.get(slug, key), key)
        ordered = sorted(place, key=place.__getitem__)
        read: dict[str, frozenset[str]] = {}  # each distinct spelling is read once

        def words(slug: str) -> frozenset[str]:
            names = (*spellings[slug], self._canonical[slug])
            first, *others = [
                read[n] if n in read else read.setdefault(n, name_words(n)) for n in names
            ]
            return first.union(*others) if any(not words <= first for words in others) else first

        return [self._canonical[slug] for slug in ordered], [words(slug) for slug in ordered]


# --- helpers ---------------------------------------------------------------------------------


def _sealed(filed: Mapping[_Key, list[int]]) -> dict[_Key, tuple[int, ...]]:
    """Rows filed under keys, as a plain dict of tuples."""
    return {key: tuple(rows) for key, rows in filed.items()}


def _source_counts(records: Sequence[NameRecord]) -> dict[str, int]:
    """Per model, on how many sources' boards it appears (a board id's first word: ``lmarena``
    for ``lmarena_style_coding``), so that category boards do not count as more sources."""
    sources: dict[str, set[str]] = defaultdict(set)
    for record in records:
        sources[record.model_slug].add(record.board_id.split("_", 1)[0])
    return {slug: len(found) for slug, found in sources.items()}


def _cuts(length: int, parts: int) -> Iterable[list[tuple[int, int]]]:
    """Every way to cut ``length`` words into ``parts`` non-empty runs, as (start, end) pairs."""
    for ends in _combinations(range(1, length), parts - 1):
        bounds = [0, *ends, length]
        yield [(bounds[i], bounds[i + 1]) for i in range(parts)]


def _scope_filter(records: Sequence[NameRecord], board: str | None) -> Callable[[int], bool]:
    """A test of "is this record on ``board``" (always true without a board)."""
    if board is None:
        return lambda _index: True
    return lambda index: records[index].board_id == board


def _literal(text: str) -> str:
    """A spelling compared as typed, up to case, markup, spacing and punctuation.

    ``+`` and ``.`` stay: ``Command R+`` is not ``Command R``, ``1.5`` is not ``15``.
    """
    return _PUNCTUATION.sub("", clean(text))


_GLUED_VERSION = re.compile(r"^[a-z]\d+(?:\.\d+)?$")


def _version_of(line: Line) -> tuple[str, str | None, frozenset[str]]:
    """Family, version and glued version tags (``k2``, ``k2.5``) of a line."""
    family, version, tags = line
    return family, version, frozenset(tag for tag in tags if _GLUED_VERSION.match(tag))


def _names_something(wanted: ModelName) -> bool:
    """Whether a query could name a model: a family word that is not a common word alone
    (``chat``, ``the``, ``hi``), or an org (``CausalLM/7B``); a size alone names none."""
    if wanted.org:
        return True
    if not wanted.family or len(wanted.family) < 2:
        return False
    return not (is_bare(wanted) and wanted.family in _COMMON_WORDS)


def _distinctive(wanted: ModelName) -> bool:
    """Whether the query's family word is specific enough to look for inside longer names."""
    return len(wanted.family) >= _MIN_LOOSE_WORD and wanted.family not in _COMMON_WORDS


def _has_content(cleaned: str) -> bool:
    return any(ch.isalnum() for ch in cleaned)
