"""What sources declare beside their parsers (``board_facts``): the registry is the one list
the rules read, so a declaration naming no board of its source is caught here."""

from __future__ import annotations

import pytest

from data.bundle import BUNDLED, read_bundled
from data.sources import REGISTRY, board_facts, open_weights_boards


@pytest.mark.parametrize("source_id", [s for s, source in REGISTRY.items() if source.board_facts])
def test_declared_board_facts_name_boards_the_source_publishes(source_id: str) -> None:
    """Each board a source declares facts for is one its bundled snapshots hold."""
    source = REGISTRY[source_id]()
    published = {
        board.board.board_id
        for snapshot in BUNDLED
        if snapshot.source_id == source_id
        for board in source.parse(read_bundled(snapshot)).boards
    }
    assert set(source.board_facts) <= published


def test_open_weights_and_compare_metrics_read_the_declarations() -> None:
    """The facts the rules are given: Open LLM and SuperCLUE's open-source board are open;
    an undeclared board has no facts."""
    assert open_weights_boards("open_llm") == ("open_llm", "open_llm_v1")
    assert open_weights_boards("superclue") == ("superclue_open_source",)
    assert open_weights_boards("lmarena") == ()
    assert [label for _, label in board_facts("alpacaeval").metrics] == ["Win rate %"]
    assert board_facts("lmarena") == board_facts("no such board")
