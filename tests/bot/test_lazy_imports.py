"""Start-up loads only what every command needs: the XLSX reader, parquet, charts and Alembic
are imported by the commands that use them (a one-shot ``podium ask`` pays for none)."""

from __future__ import annotations

import json
import subprocess
import sys

#: Imported only where a command needs them.
ON_DEMAND = ("openpyxl", "pyarrow", "matplotlib", "alembic")


def test_the_cli_starts_without_the_on_demand_libraries() -> None:
    """Importing the ``podium`` entry point loads none of them."""
    code = (
        "import json, sys, bot.cli; "
        f"print(json.dumps(sorted(m for m in {ON_DEMAND!r} if m in sys.modules)))"
    )
    found = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(found.stdout) == []
