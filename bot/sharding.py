"""Which gateway shards a process runs, from ``PODIUM_SHARD_COUNT`` / ``PODIUM_SHARD_IDS``.

Several processes may each run a slice of the shards (disjoint ``PODIUM_SHARD_IDS``, the same
``PODIUM_SHARD_COUNT``) on one PostgreSQL database. Discord routes a guild's events to shard
``(guild_id >> 22) % count``, so each interaction reaches exactly one process. Slash commands
are global, not per shard: only the process running shard 0 syncs them, so starts never race.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.settings import Settings


@dataclass(frozen=True, slots=True)
class ShardPlan:
    """The shards one process connects: ``ids`` of ``count`` (unsharded: shard 0 of 1)."""

    count: int
    ids: tuple[int, ...]
    sharded: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> ShardPlan:
        """The shards ``settings`` ask for: all ``PODIUM_SHARD_COUNT`` shards unless
        ``PODIUM_SHARD_IDS`` names a slice; one unsharded connection without a count."""
        if settings.shard_count is None:
            return cls(1, (0,), sharded=False)
        ids = settings.shard_ids or tuple(range(settings.shard_count))
        return cls(settings.shard_count, tuple(sorted(ids)), sharded=True)

    @property
    def syncs_commands(self) -> bool:
        """Whether this process registers the slash commands (the one running shard 0)."""
        return 0 in self.ids

    def client_options(self) -> dict[str, Any]:
        """The options that make discord.py's ``AutoShardedClient`` run these shards."""
        if not self.sharded:
            return {}
        return {"shard_count": self.count, "shard_ids": list(self.ids)}

    def describe(self) -> str:
        """``shards 0, 1 of 4`` or ``unsharded``, for logs and ``podium status``."""
        if not self.sharded:
            return "unsharded"
        return f"shards {', '.join(map(str, self.ids))} of {self.count}"
