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
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from data.domain.names import (
    Aliases,
    ModelName,
    clean,
    default_aliases,
    is_clean_key,
    parse_name,
    tokenize,
)
from data.domain.ordering import canonical_names, preference_places
from data.domain.shapes import (
    ANY_VERSION,
    Found,
    Shape,
    collect,
    extra_tags,
    file_shapes,
    is_bare,
    record_officiality,
    record_words,
    version_key,
)
from data.domain.spelling import Speller
from data.domain.suggest import Suggester, did_you_mean

#: Candidates listed for an ambiguous query.
MAX_CANDIDATES = 10
#: At most this many names are scored for suggestions (bounds the fuzzy step).
_FUZZY_POOL = 500

_PUNCTUATION = re.compile(r"[^\w.+\u3400-\u9fff]|_")

# Confidence (0-100) of each pipeline step; a step's later findings never outrank earlier ones.
_LITERAL, _ALIAS, _SLUG, _STRUCTURED, _TYPO_PENALTY, _RELAXED = 100.0, 98.0, 96.0, 90.0, 10.0, 70.0
_EXTRA_PENALTY = 4.0  # per tag the row has and the query did not ask for


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One row of a current board, as the resolver sees it."""

    board_id: str
    key: str
    name: str  # as the board spells it
    model_slug: str  # canonical identity, from names.identify
    model_name: str
    rank: int | None
    position: int
    score: float | None


@dataclass(frozen=True, slots=True)
class Match:
    """A row the query may mean, with the resolver's confidence (0-100)."""

    record: NameRecord
    score: float


Status = Literal["match", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The resolver's answer.

    ``match``: ``matches`` holds the model's row on each board in scope (``matches[0]`` the best);
    ``ambiguous``: one row per candidate model, best first (at most ``MAX_CANDIDATES``);
    ``none``: suggestions, possibly none.
    """

    query: str
    status: Status
    matches: tuple[Match, ...] = ()


class NameIndex:
    """In-memory index of board rows for resolution and autocomplete (build once, query often)."""

    def __init__(self, records: Iterable[NameRecord], aliases: Aliases | None = None) -> None:
        """Index ``records``; ``aliases`` defaults to the packaged alias file."""
        self._aliases = aliases if aliases is not None else default_aliases()
        self._records: tuple[NameRecord, ...] = tuple(records)
        self._board_ids: dict[str, list[int]] = defaultdict(list)
        self._by_literal: dict[str, list[int]] = defaultdict(list)
        self._by_slug: dict[str, list[int]] = defaultdict(list)
        self._shapes: dict[tuple[str, str | None], Shape] = {}
        for index, record in enumerate(self._records):
            self._file(index, record)
        # Plain dicts from here on: looking up an unknown key must not grow the index.
        self._board_ids, self._by_literal = dict(self._board_ids), dict(self._by_literal)
        self._by_slug = dict(self._by_slug)
        self._strict_buckets, self._loose_buckets = file_shapes(self._shapes.values())
        self._official = record_officiality(self._shapes.values(), len(self._records))
        self._words = record_words(self._shapes.values(), len(self._records))
        self._rank_on_board, self._rank_overall = preference_places(self._records, self._official)
        self._canonical = canonical_names(self._records)
        self._speller = Speller(self._shapes.values(), self._aliases)
        # Autocomplete indexes are built on first use (``suggest``): a one-shot command that
        # only resolves names does not pay for them.
        self._suggesters: dict[str | None, Suggester] = {}

    # --- building ----------------------------------------------------------------------------

    def _file(self, index: int, record: NameRecord) -> None:
        """File one record under its board, literal spellings, slugs and parsed shapes."""
        self._board_ids[record.board_id].append(index)
        for literal in {_literal(t) for t in (record.name, record.key, record.model_name)}:
            if literal:
                self._by_literal[literal].append(index)
        name = parse_name(record.name, self._aliases)
        parsed = [name]
        if is_clean_key(record.key) and record.key != record.name:
            parsed.append(parse_name(record.key, self._aliases))
        # The canonical slug is usually the name's own parse (org-qualified for a fine-tune);
        # when it is not (a curated alias or rename), its parse is one more way to the row.
        if record.model_slug not in (name.slug, f"{name.org}/{name.slug}"):
            parsed.append(parse_name(record.model_slug, self._aliases))
        slugs = {record.model_slug}
        for spelling in parsed:
            if spelling.family:
                slugs.add(spelling.slug)
                self._shape(spelling).add(index, record.board_id)
        for slug in slugs:
            self._by_slug[slug].append(index)

    def _shape(self, parsed: ModelName) -> Shape:
        """The shape of a parsed spelling, created on first sight."""
        shape = self._shapes.get((parsed.slug, parsed.org))
        if shape is None:
            official = parsed.org is None or self._aliases.is_official(parsed.org, parsed.family)
            shape = self._shapes[(parsed.slug, parsed.org)] = Shape.of(parsed, official)
        return shape

    # --- resolution --------------------------------------------------------------------------

    def resolve(self, query: str, board: str | None = None) -> Resolution:
        """What ``query`` means, on ``board`` or across all boards (see the module docstring)."""
        if not _has_content(clean(query)) or (board is not None and board not in self._board_ids):
            return Resolution(query, "none")
        known = self._aliases.lookup(query)
        wanted = (
            parse_name(known.slug, self._aliases) if known else parse_name(query, self._aliases)
        )
        found = (
            self._bare_family(query, wanted, board, _STRUCTURED)
            or self._literal_hit(query, wanted, board)
            or self._by_structure(query, wanted, board, _ALIAS if known else _SLUG, _STRUCTURED)
        )
        corrected = self._speller.corrected(wanted) if found is None else None
        if corrected is not None:
            found = self._bare_family(
                query, corrected, board, _STRUCTURED - _TYPO_PENALTY
            ) or self._by_structure(
                query, corrected, board, _SLUG - _TYPO_PENALTY, _STRUCTURED - _TYPO_PENALTY
            )
        best_guess = corrected or wanted
        if found is None and not self._exists(best_guess):
            # Nowhere by the strict rules: the family word may sit inside a longer name.
            found = self._decide(query, self._relaxed(best_guess, board), board, _RELAXED)
        return found or Resolution(query, "none", self._suggestions(query, best_guess, board))

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
        literal = [i for i in self._by_literal.get(_literal(query), ()) if in_scope(i)]
        # A fine-tune's display name drops its org; only a query naming the org means it.
        official = [i for i in literal if self._official[i]]
        if official or (literal and wanted.org):
            return self._match(query, official or literal, _LITERAL, board)
        return None

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
        same = [i for i in self._by_slug.get(wanted.slug, ()) if in_scope(i)] if wanted.slug else []
        if any(self._official[i] for i in same):
            return self._match(query, [i for i in same if self._official[i]], exact_score, board)
        found = self._strict(wanted, board)
        # A fine-tune spelled exactly like the query loses to the official model it copies.
        if same and not (found and self._official[found[0][0]]):
            return self._match(query, same, exact_score, board)
        return self._decide(query, found, board, structured_score)

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

        A ``bare`` family query is ambiguous as soon as its rows span several versions.
        """
        if not found:
            return None
        fewest = min(extras for _, extras, _ in found)
        closest = [(i, line) for i, extras, line in found if extras == fewest]
        versions = {version for _, _, (_, version, _) in found} if bare else set()
        if len(versions) <= 1 and len({line for _, line in closest}) == 1:
            best = min((i for i, _ in closest), key=lambda i: self._preference(i, board))
            score = max(confidence - _EXTRA_PENALTY * fewest, 50.0)
            return self._match(query, [best], score, board)
        return Resolution(query, "ambiguous", self._candidates(found, board, confidence))

    def _preference(self, index: int, board: str | None) -> int:
        """Sort key of a record among candidates, on a board or across boards (0 = best)."""
        return (self._rank_on_board if board is not None else self._rank_overall)[index]

    def _candidates(self, found: Found, board: str | None, confidence: float) -> tuple[Match, ...]:
        """One row per distinct model, best first."""
        best: dict[str, tuple[int, int, float]] = {}
        for index, extras, _ in found:
            slug = self._records[index].model_slug
            place = self._preference(index, board)
            if slug not in best or place < best[slug][0]:
                best[slug] = (place, index, extras)
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
        return Resolution(query, "match", tuple(Match(self._records[i], score) for i in ordered))

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
        """Autocomplete: canonical names first, then board spellings; at most ``limit``.

        Every typed word must start a word of the name (``qwen 72`` finds Qwen2-72B-Instruct).
        Empty text gives the best-ranked models; unknown boards give nothing.
        """
        limit = max(0, min(limit, 100))
        if limit == 0 or (board is not None and board not in self._board_ids):
            return []
        if board not in self._suggesters:
            self._suggesters[board] = Suggester(self._names_in_order(board))
        suggester = self._suggesters[board]
        if not text.strip():
            return suggester.names[:limit]
        words = [token.text for token in tokenize(clean(text))]
        if not words:
            return []
        found = suggester.search(words, complete_last=text[-1:].isspace(), limit=limit)
        if found:
            return found
        resolution = self.resolve(text, board)  # typos: fall back to the resolver's answer
        names = [self._canonical[m.record.model_slug] for m in resolution.matches]
        return list(dict.fromkeys(names))[:limit]

    def _names_in_order(self, board: str | None) -> list[str]:
        """Canonical names, then the other board spellings, each best-ranked model first."""
        ids = self._board_ids[board] if board is not None else range(len(self._records))
        ordered = sorted(ids, key=lambda i: self._preference(i, board))
        canonical = dict.fromkeys(self._canonical[self._records[i].model_slug] for i in ordered)
        seen = {name.casefold() for name in canonical}
        spellings = dict.fromkeys(self._records[i].name for i in ordered)
        return [*canonical, *(name for name in spellings if name.casefold() not in seen)]


# --- helpers ---------------------------------------------------------------------------------


def _scope_filter(records: Sequence[NameRecord], board: str | None) -> Callable[[int], bool]:
    """A test of "is this record on ``board``" (always true without a board)."""
    if board is None:
        return lambda _index: True
    return lambda index: records[index].board_id == board


@lru_cache(maxsize=1 << 16)  # boards repeat names across categories and snapshots
def _literal(text: str) -> str:
    """A spelling compared as typed, up to case, markup, spacing and punctuation.

    ``+`` and ``.`` stay: ``Command R+`` is not ``Command R``, ``1.5`` is not ``15``.
    """
    return _PUNCTUATION.sub("", clean(text))


def _has_content(cleaned: str) -> bool:
    return any(ch.isalnum() for ch in cleaned)
