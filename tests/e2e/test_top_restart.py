"""``/top``'s page buttons survive a restart: a new client handles clicks on old messages."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from commands import Services
from tests.datasets import load

from .conftest import podium_services, run_podium
from .fake_discord import FakeDiscord

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def services(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Services]:
    """The data both bot instances share (as a restarted process shares the database)."""
    async with podium_services(tmp_path_factory.mktemp("restart")) as opened:
        await load(opened)
        yield opened


async def test_a_new_client_pages_a_message_the_old_one_sent(
    services: Services, discord_endpoints: FakeDiscord, fake_discord: FakeDiscord
) -> None:
    """Client A answers /top (with filters); A stops; client B, which never saw that message,
    handles "next" on it and shows page 2 of the same filtered list."""
    async with run_podium(services):
        interaction = await fake_discord.send_command(
            "top", {"board": "lmarena", "n": 3, "open_weights": True}
        )
        message = await interaction.wait_final()
    first_page = message.embeds[0]["description"]
    assert "page 1/" in message.embeds[0]["footer"]["text"]
    next_page = next(cid for cid in message.custom_ids if cid.endswith(":n"))

    async with run_podium(services):  # client B: a new process on the same data
        click = await fake_discord.click(message, next_page)
        callback = await click.wait_response()
        assert callback.accepted and callback.type == 7  # the message is updated in place
    assert "page 2/" in message.embeds[0]["footer"]["text"]
    assert "open weights" in message.embeds[0]["description"]
    assert message.embeds[0]["description"] != first_page
    assert "GPT-4o" not in message.embeds[0]["description"]  # still only open weights
