"""Loaded rows held compactly: one copy of each repeated text, metrics as shared-key tuples.

The read model keeps every row of the current and previous snapshots in memory. Boards repeat
names, keys, licences and metric names row after row (the Arena's ~70 category boards list the
same models), and an Open LLM row carries ~25 metrics: as fresh strings and a dict per row, the
bundled boards took ~35 MB; shared, a fraction of that.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import overload

from data.domain.types import MetricValue

#: Rows without metrics share one empty mapping.
NO_METRICS: Mapping[str, MetricValue] = MappingProxyType({})


class Metrics(Mapping[str, MetricValue]):
    """A row's metrics: values in a tuple, names and their places shared by every row that
    publishes the same metrics in the same order (a board's rows)."""

    __slots__ = ("_places", "_values")

    def __init__(self, places: Mapping[str, int], values: tuple[MetricValue, ...]) -> None:
        self._places = places
        self._values = values

    def __getitem__(self, name: str) -> MetricValue:
        return self._values[self._places[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[type[dict[str, MetricValue]], tuple[dict[str, MetricValue]]]:
        """Pickled (to another process) as a plain dict."""
        return dict, (dict(self),)


class Sharing:
    """One copy of each text and of each metric layout, for the rows of one load."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._layouts: dict[tuple[str, ...], Mapping[str, int]] = {}

    @overload
    def text(self, text: str) -> str: ...
    @overload
    def text(self, text: None) -> None: ...
    def text(self, text: str | None) -> str | None:
        """``text``, or the copy of it already held."""
        if text is None:
            return None
        return self._texts.setdefault(text, text)

    def metrics(self, metrics: Mapping[str, MetricValue] | None) -> Mapping[str, MetricValue]:
        """``metrics`` as a ``Metrics`` (the same names, values and order)."""
        if not metrics:
            return NO_METRICS
        names = tuple(metrics)
        places = self._layouts.get(names)
        if places is None:
            places = self._layouts[names] = {self.text(n): i for i, n in enumerate(names)}
        values = tuple(
            self._texts.setdefault(v, v) if isinstance(v, str) else v for v in metrics.values()
        )
        return Metrics(places, values)
