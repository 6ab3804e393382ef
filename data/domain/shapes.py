"""Shapes: the parsed spellings the resolver indexes, how they are filed, and when they agree.

A shape is one distinct parse of a board spelling (``ModelName``) with the rows spelled that
way. Shapes are filed in buckets keyed by (family, version) for strict matching and by (any
word, any number) for loose matching; ``extra_tags`` decides whether a shape agrees with a query
and how many distinguishing tags it has beyond it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from data.domain.names import BASE_TAG, STATUS_TAGS, TUNING_TAGS, ModelName, shared_words

#: A model line: family, version and distinguishing tags (sizes, dates and tuning aside).
Line = tuple[str, str | None, frozenset[str]]
#: Candidate records: index, distinguishing tags beyond the query (see ``extra_tags``), line.
Found = list[tuple[int, float, Line]]
#: The bucket key that holds a word's shapes of every version.
ANY_VERSION = "*"


@dataclass(slots=True)
class Shape:
    """One distinct parsed spelling, and the records (row indexes) spelled that way."""

    parsed: ModelName
    official: bool
    words: frozenset[str]  # family and tags
    line: Line
    records: list[int] = field(default_factory=list)
    on_board: dict[str, list[int]] = field(default_factory=dict)
    #: Tags that count half an extra: a release status, or a base model's implied ``base``.
    soft: frozenset[str] = STATUS_TAGS

    @classmethod
    def of(cls, parsed: ModelName, official: bool) -> Shape:
        """A shape with nothing filed under it yet."""
        line = (parsed.family, parsed.version, parsed.line_tags)
        return cls(parsed, official, shared_words(parsed.tags | {parsed.family}), line)

    def add(self, index: int, board_id: str) -> None:
        """File a record under this shape (once)."""
        if self.records[-1:] != [index]:
            self.records.append(index)
            self.on_board.setdefault(board_id, []).append(index)

    def rows(self, board: str | None) -> Sequence[int]:
        """The shape's records, on ``board`` when given."""
        return self.records if board is None else self.on_board.get(board, ())


class Buckets:
    """Shapes filed under keys, official ones apart: fine-tunes are read only when needed."""

    def __init__(self, shapes: Iterable[tuple[Iterable[tuple[str, str]], Shape]]) -> None:
        """File each shape under each of its keys."""
        filing: dict[bool, dict[tuple[str, str], list[Shape]]] = {True: {}, False: {}}
        for keys, shape in shapes:
            filed = filing[shape.official]
            for key in keys:
                filed.setdefault(key, []).append(shape)
        # Tuples once filed: most keys hold one shape, and a list's spare room adds up.
        self._filed: dict[bool, dict[tuple[str, str], Sequence[Shape]]] = {
            official: {key: tuple(found) for key, found in filed.items()}
            for official, filed in filing.items()
        }

    def get(self, key: tuple[str, str], *, official: bool) -> Sequence[Shape]:
        """The official (or unofficial) shapes filed under ``key``."""
        return self._filed[official].get(key, ())


def file_shapes(shapes: Iterable[Shape]) -> tuple[Buckets, Buckets]:
    """Shapes by (family, version) for strict matching, by (any word, any number) for loose."""
    strict, loose = [], []
    for shape in shapes:
        family, version, tags = shape.parsed.family, shape.parsed.version, shape.parsed.tags
        versions = {ANY_VERSION, *([version] if version else [])}
        strict.append(([(family, v) for v in versions], shape))
        numbers = versions | {tag for tag in tags if tag[0].isdigit()}
        loose.append(([(word, n) for word in shape.words for n in numbers], shape))
    return Buckets(strict), Buckets(loose)


def mark_tuning(shapes: Iterable[Shape]) -> None:
    """Tell base models from chat models, family by family.

    In a family that publishes chat/instruct tunings (``Qwen2-72B-Instruct``), a Hub repository
    without a tuning tag (``Qwen/Qwen2-72B``) is the pretrained model: it gets an implied
    ``base`` tag, so ``qwen2 72b`` means the Instruct model and ``qwen2 72b base`` the base one.
    The implied tag counts half an extra (the name alone cannot be sure: ``microsoft/phi-4`` is
    a chat model). In a family without tunings, ``base`` tells nothing apart (LiveBench's
    ``claude-4-sonnet-20250514-base`` is the model without extended thinking).
    """
    shapes = list(shapes)
    tuned = {shape.parsed.family for shape in shapes if shape.parsed.tags & TUNING_TAGS}
    for shape in shapes:
        family, version, tags = shape.line
        if family not in tuned:
            if BASE_TAG in tags:
                shape.line = (family, version, shared_words(tags - {BASE_TAG}))
        elif shape.parsed.org and not shape.parsed.tags & (TUNING_TAGS | {BASE_TAG}):
            shape.line = (family, version, shared_words(tags | {BASE_TAG}))
            shape.words = shared_words(shape.words | {BASE_TAG})
            shape.soft = STATUS_TAGS | {BASE_TAG}


def record_words(record_shapes: Sequence[tuple[Shape, ...]]) -> list[tuple[str, ...]]:
    """Per record, the family and tag words of all its spellings (``record_shapes[i]``: the
    shapes of record ``i``; records spelled alike share one tuple of words)."""
    shared: dict[int, tuple[str, ...]] = {}
    words = []
    for shapes in record_shapes:
        found = shared.get(id(shapes))
        if found is None:
            union = frozenset().union(*(shape.words for shape in shapes))
            found = shared[id(shapes)] = tuple(union)
        words.append(found)
    return words


def record_officiality(shapes: Iterable[Shape], count: int) -> list[bool]:
    """Per record, whether it is an original model.

    Not original: a spelling names an unofficial org, or the row (on a board that shows no
    orgs) belongs to a line only other makers publish on the Hub, where the family's maker
    publishes others: AlpacaEval's ``gemma-2-9b-it-SimPO`` is princeton-nlp's fine-tune, not
    one of Google's models.
    """
    shapes = list(shapes)
    hub_official = {shape.line for shape in shapes if shape.parsed.org and shape.official}
    on_hub = {line[0] for line in hub_official}  # families whose makers publish there
    borrowed = {
        shape.line for shape in shapes if not shape.official and shape.line[0] in on_hub
    } - hub_official
    official = [True] * count
    for shape in shapes:
        if not shape.official or (shape.parsed.org is None and shape.line in borrowed):
            for index in shape.records:
                official[index] = False
    return official


def collect(buckets: Buckets, key: tuple[str, str], wanted: ModelName, board: str | None) -> Found:
    """Records of the agreeing shapes with their fewest extras; official shapes win."""
    for official in (True, False):
        found: dict[int, tuple[float, Line]] = {}
        for shape in buckets.get(key, official=official):
            rows = shape.rows(board)
            extras = extra_tags(wanted, shape) if rows else None
            if extras is None:
                continue
            for index in rows:
                if index not in found or extras < found[index][0]:
                    found[index] = (extras, shape.line)
        if found:
            return [(i, extras, line) for i, (extras, line) in found.items()]
    return []


def version_key(wanted: ModelName) -> str:
    """The bucket key of a query's version (every version when it names none)."""
    return wanted.version or ANY_VERSION


def extra_tags(wanted: ModelName, shape: Shape) -> float | None:
    """How many distinguishing tags a shape has beyond ``wanted``; ``None`` if they disagree.

    The bucket a shape comes from already agrees on family and version; here every size, tag
    and date asked for must be there too. A release status (``preview``, ``exp``) counts half:
    ``grok 3`` is Grok-3-Preview before Grok-3-mini.
    """
    row = shape.parsed
    if not (wanted.sizes <= row.sizes and wanted.tags <= shape.words):
        return None
    if wanted.date and wanted.date != row.date:
        return None
    extra = shape.line[2] - wanted.tags - {wanted.family}
    status = len(extra & shape.soft)
    extra_version = 1 if wanted.version is None and row.version else 0
    return len(extra) - status / 2 + extra_version


def is_bare(wanted: ModelName) -> bool:
    """Whether a query names only a family (``claude``, ``qwen``), nothing more precise."""
    return bool(wanted.family) and not (
        wanted.version or wanted.sizes or wanted.tags or wanted.date
    )
