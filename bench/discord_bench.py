"""``/rank`` through Discord: the real discord.py client against the loopback fake Discord.

Interaction -> callback: the time from the fake sending INTERACTION_CREATE to the bot's
interaction callback reaching it, one interaction at a time (p50). In flight: 200 ``/rank``
interactions sent at once, and the time until the last of them has its answer.

The baseline is a trivial discord.py bot whose ``/rank`` answers a fixed embed, on its own fake
Discord in the same process: the floor that discord.py, the gateway and the HTTP hops set.

Run: ``.venv/bin/python -m bench.discord_bench`` (or ``-m bench`` for every benchmark).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import discord
from discord import app_commands

from bench.common import Result, bundled_database, percentiles, record, scaled, settings_for
from bot.client import PodiumBot
from bot.services import open_services
from tests.e2e.fake_discord import GUILD_ID, FakeDiscord, point_discord_at, run_client

QUERIES = (
    "qwen2", "gpt-4o", "claude 3.5 sonnet", "llama 3 70b", "gemini 1.5 pro", "cluade",
    "deepseek v3", "mixtral", "yi-34b-chat", "gpt-9", "4o", "sonnet 3.5",
)  # fmt: skip
SEQUENTIAL = 100
IN_FLIGHT = 200
CALLBACK_TARGET_MS = 3.0
IN_FLIGHT_TARGET_MS = 500.0


class TrivialBot(discord.Client):
    """The baseline: ``/rank`` answers one fixed embed."""

    def __init__(self) -> None:
        super().__init__(intents=discord.Intents.none(), guild_ready_timeout=0.1)
        self.tree = app_commands.CommandTree(self)
        embed = discord.Embed(title="Qwen2-72B-Instruct", description="#20 of 115 on LMArena")

        @self.tree.command(name="rank", description="Where a model ranks")
        async def rank(interaction: discord.Interaction, model: str) -> None:
            await interaction.response.send_message(embed=embed)

    async def setup_hook(self) -> None:
        guild = discord.Object(GUILD_ID)
        self.tree.copy_global_to(guild=guild)
        await self.tree.sync(guild=guild)


def main() -> None:
    """Podium and the trivial bot, each on its own fake Discord."""
    database = bundled_database().database
    ours = asyncio.run(measure(lambda: podium_bot(database)))
    theirs = asyncio.run(measure(lambda: run_client(TrivialBot())))
    record(
        Result(
            "interaction -> callback, p50 (real client, loopback fake)",
            ours[0], "ms", CALLBACK_TARGET_MS, theirs[0], "(trivial bot)",
        )
    )  # fmt: skip
    record(
        Result(
            f"worst of {scaled(IN_FLIGHT, 10)} /rank in flight at once",
            ours[1], "ms", IN_FLIGHT_TARGET_MS, theirs[1], "(trivial bot)",
        )
    )  # fmt: skip


@asynccontextmanager
async def podium_bot(database: Path) -> AsyncIterator[PodiumBot]:
    """The real PodiumBot on every bundled board."""
    async with open_services(settings_for(database)) as services:
        bot = PodiumBot(services, dev_guild_id=GUILD_ID, guild_ready_timeout=0.1)
        async with run_client(bot) as client:
            yield client


async def measure(
    start_bot: Callable[[], AbstractAsyncContextManager[discord.Client]],
) -> tuple[float, float]:
    """p50 of interaction -> callback, and the worst time to an answer with many in flight."""
    async with FakeDiscord() as fake:
        with point_discord_at(fake):
            async with start_bot():
                return await _timings(fake)


async def _timings(fake: FakeDiscord) -> tuple[float, float]:
    for query in QUERIES:  # warm-up: first-call costs, connection pools
        await (await fake.send_command("rank", {"model": query})).wait_final()
    spent = []
    for number in range(scaled(SEQUENTIAL, 20)):
        start = time.perf_counter()
        interaction = await fake.send_command("rank", {"model": QUERIES[number % len(QUERIES)]})
        await interaction.wait_response()
        spent.append((time.perf_counter() - start) * 1000)

    async def one(query: str) -> float:
        start = time.perf_counter()
        interaction = await fake.send_command("rank", {"model": query})
        await interaction.wait_final(timeout=60)
        return (time.perf_counter() - start) * 1000

    count = scaled(IN_FLIGHT, 10)
    cpu = time.process_time()
    worst = max(await asyncio.gather(*(one(QUERIES[n % len(QUERIES)]) for n in range(count))))
    # The bot and the fake Discord share this process: on a loaded machine the CPU time
    # they spent is the steadier figure.
    print(f"  {count} in flight: {(time.process_time() - cpu) * 1000:,.0f} ms of CPU")
    return percentiles(spent)[0], worst


if __name__ == "__main__":
    main()
