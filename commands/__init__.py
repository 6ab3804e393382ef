"""Thin discord.py glue: cogs, autocomplete, views, and rendering of query results."""

from __future__ import annotations

from dataclasses import dataclass, field

from commands.cooldowns import Cooldowns, WorkLine
from data.loading import LoadingService
from data.outbox import Outbox
from data.service import LeaderboardService
from data.subscriptions import SubscriptionService


@dataclass(frozen=True, slots=True)
class Services:
    """The one object cogs receive: the data layer's use cases, and what keeps expensive
    commands from slowing everyone (per-user cooldowns, a line for the heaviest work)."""

    leaderboards: LeaderboardService
    loading: LoadingService
    subscriptions: SubscriptionService
    #: Only the alert dispatcher (``bot.alerts``) works it; commands never do.
    outbox: Outbox
    cooldowns: Cooldowns = field(default_factory=Cooldowns)
    line: WorkLine = field(default_factory=WorkLine)
