"""Spelling correction of query words against the words of the indexed names (``cluade``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from data.domain.names import Aliases, ModelName
from data.domain.shapes import Shape


class Speller:
    """The words of the indexed names, with how many spellings use them, for corrections."""

    def __init__(self, shapes: Iterable[Shape], aliases: Aliases) -> None:
        """Collect the vocabulary of ``shapes`` and of the alias file's families."""
        self._aliases = aliases
        counts: Counter[str] = Counter()
        for shape in shapes:
            words = (shape.parsed.family, *shape.parsed.tags)
            counts.update(word for word in words if _wordy(word))
        counts.update(
            [*aliases.family_names, *aliases.family_names.values(), *aliases.family_members]
        )
        self._words, self._counts = sorted(counts), counts

    def corrected(self, wanted: ModelName) -> ModelName | None:
        """``wanted`` with unknown words replaced by their nearest vocabulary words, if any."""
        fixed = {w: self._nearest(w) for w in (wanted.family, *wanted.tags)}
        if all(new is None for new in fixed.values()):
            return None
        family = fixed.get(wanted.family) or wanted.family
        tags = frozenset(fixed.get(tag) or tag for tag in wanted.tags)
        members = self._aliases.family_members
        if family in members:
            family, tags = members[family], tags | {family}
        family = self._aliases.family_names.get(family, family)
        return ModelName(family, wanted.version, wanted.sizes, tags, wanted.date, wanted.org)

    def _nearest(self, word: str) -> str | None:
        """The most common vocabulary word within one edit (two for long words), if unknown."""
        counts = self._counts
        if not _wordy(word) or word in counts:
            return None
        limit = 1 if len(word) <= 6 else 2
        close = process.extract(
            word, self._words, scorer=OSA.distance, score_cutoff=limit, limit=20
        )
        if len(word) <= 3:  # short words: only swapped letters ("gtp"), not other words
            close = [c for c in close if sorted(c[0]) == sorted(word)]
        if not close:
            return None
        return min(close, key=lambda c: (c[1], -counts[c[0]], c[0]))[0]


def _wordy(word: str) -> bool:
    """Whether a word is worth spelling correction (alphabetic, at least three letters)."""
    return len(word) >= 3 and word.isalpha()
