"""Suggestions: autocomplete over model names, and fuzzy "did you mean" picks.

Autocomplete matches typed words against the start of a name's words (``qwen 72`` finds
Qwen2-72B-Instruct); "did you mean" scores names with rapidfuzz and only ever suggests.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import islice

from rapidfuzz import fuzz, process

from data.domain.names import clean, join_split_versions, tokenize

#: Suggestions offered for an unresolved query, at most.
MAX_SUGGESTIONS = 5
#: Fuzzy suggestions below this rapidfuzz WRatio are not worth showing.
SUGGESTION_CUTOFF = 70.0


class Suggester:
    """Autocomplete over one scope: names sorted best first, and a word-prefix index."""

    def __init__(self, names: list[str], words: Sequence[Collection[str]] | None = None) -> None:
        """Index ``names`` (best first) by their words, or by ``words[i]`` for ``names[i]``.

        Each name's words are kept as a tuple: a handful of words, checked by a short scan,
        in a third of a small frozenset's memory (a suggester holds one per model).
        """
        self.names = names
        found = words if words is not None else [name_words(name) for name in names]
        self.words = [tuple(name_word_set) for name_word_set in found]
        postings: dict[str, list[int]] = defaultdict(list)
        for position, name_word_set in enumerate(self.words):
            for word in name_word_set:
                postings[word].append(position)
        self.postings = {word: tuple(found) for word, found in postings.items()}
        self.vocabulary = sorted(postings)

    def search(self, words: list[str], *, complete_last: bool, limit: int) -> list[str]:
        """Names having every word, the last one (still being typed) as a prefix."""
        complete, partial = (words, None) if complete_last else (words[:-1], words[-1])
        if complete:
            lists = [self.postings.get(word, ()) for word in complete]
            wanted = set(complete)
            prefixed = set(self._words_starting(partial)) if partial is not None else None
            hits: Iterator[int] = (
                position
                for position in min(lists, key=len)
                if all(word in self.words[position] for word in wanted)
                and (prefixed is None or not prefixed.isdisjoint(self.words[position]))
            )
        else:
            assert partial is not None
            hits = heapq.merge(*(self.postings[w] for w in self._words_starting(partial)))
        # Names are stored best first, so the first distinct positions are the best ones.
        return [self.names[p] for p in islice(_distinct(hits), limit)]

    def _words_starting(self, prefix: str) -> Iterator[str]:
        """Indexed words that start with ``prefix``."""
        start = bisect_left(self.vocabulary, prefix)
        for word in islice(self.vocabulary, start, None):
            if not word.startswith(prefix):
                return
            yield word


def did_you_mean(
    query: str, names: Sequence[str], models: Sequence[str]
) -> list[tuple[int, float]]:
    """Fuzzy "did you mean" picks among ``names`` (``models[i]`` is the model of ``names[i]``).

    Returns (position in ``names``, score 0-100) pairs, one per model, best first, at most
    ``MAX_SUGGESTIONS``.
    """
    found = process.extract(
        clean(query),
        [clean(name) for name in names],
        scorer=fuzz.WRatio,
        score_cutoff=SUGGESTION_CUTOFF,
        limit=None,
    )
    picks: dict[str, tuple[int, float]] = {}
    for _, score, position in sorted(found, key=lambda hit: (-hit[1], hit[2])):
        if models[position] not in picks and len(picks) < MAX_SUGGESTIONS:
            picks[models[position]] = (position, round(score * 0.6, 1))
    return list(picks.values())


def name_words(name: str) -> frozenset[str]:
    """The words autocomplete matches a name by, split versions joined too (``3 5`` and ``3.5``)."""
    tokens = tokenize(clean(name))
    return frozenset(token.text for token in (*tokens, *join_split_versions(tokens)))


def _distinct(items: Iterable[int]) -> Iterator[int]:
    """``items`` without repeats, lazily (autocomplete stops as soon as it has enough)."""
    seen: set[int] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item
