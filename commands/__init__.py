"""Thin discord.py glue: cogs, autocomplete, views, and rendering of query results."""

from __future__ import annotations

from dataclasses import dataclass

from data.service import LeaderboardService
from data.subscriptions import SubscriptionService


@dataclass(frozen=True, slots=True)
class Services:
    """The one object cogs receive: the data layer's use cases."""

    leaderboards: LeaderboardService
    subscriptions: SubscriptionService
