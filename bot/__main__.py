"""``python -m bot`` is the same as ``podium``."""

from bot.cli import main

raise SystemExit(main())
