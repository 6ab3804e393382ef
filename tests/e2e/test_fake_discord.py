"""Self-tests of the fake Discord, driven by a tiny but real discord.py bot.

One bot is shared by the module (it costs a login and a ready wait); the sharded client and
the raw-HTTP checks use fakes of their own.
"""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from .fake_discord import (
    APPLICATION_ID,
    CHANNEL_ID,
    GUILD_ID,
    MEMBER_PERMISSIONS,
    MODERATOR_PERMISSIONS,
    USER_ID,
    FakeDiscord,
    FakeGuild,
    FakeUser,
    OptionValue,
    Upload,
    point_discord_at,
    run_client,
)

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

MODERATORS_ROLE_ID = 6000000000000000006
VOICE_ID = 3000000000000000033
BOB = FakeUser(4000000000000000005, "bob", "Bob")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
MODELS = ("qwen2-72b-instruct", "qwen2.5-7b", *(f"mistral-{size}b" for size in range(1, 31)))


class VoteView(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.voters: list[str] = []

    @discord.ui.button(label="Yes", custom_id="vote:yes")
    async def yes(
        self, interaction: discord.Interaction, button: discord.ui.Button[VoteView]
    ) -> None:
        self.voters.append(interaction.user.name)
        content = f"{len(self.voters)} vote(s): {', '.join(self.voters)}"
        await interaction.response.edit_message(content=content, view=self)

    @discord.ui.select(
        custom_id="vote:pick",
        options=[
            discord.SelectOption(label="A", value="a"),
            discord.SelectOption(label="B", value="b"),
        ],
    )
    async def pick(
        self, interaction: discord.Interaction, select: discord.ui.Select[VoteView]
    ) -> None:
        await interaction.response.edit_message(content=f"picked {','.join(select.values)}")


class TinyCommands(commands.Cog):
    """One command per behaviour the fake must support."""

    board = app_commands.Group(name="board", description="Leaderboards")

    @board.command(name="refresh", description="Refreshes one source")
    async def board_refresh(self, interaction: discord.Interaction, source: str) -> None:
        await interaction.response.send_message(f"refreshing {source}")

    @app_commands.command(description="Replies pong")
    async def ping(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    @app_commands.command(description="Who is asking, with which powers")
    async def whoami(self, interaction: discord.Interaction) -> None:
        assert isinstance(interaction.user, discord.Member)
        roles = ",".join(r.name for r in interaction.user.roles if not r.is_default())
        moderator = interaction.permissions.manage_guild
        await interaction.response.send_message(
            f"{interaction.user.name} moderator={moderator} roles={roles}", ephemeral=True
        )

    @app_commands.command(description="Thinks, then answers with a chart")
    async def slow(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        chart = discord.File(io.BytesIO(PNG), filename="chart.png")
        await interaction.followup.send("chart ready", file=chart)

    @app_commands.command(description="Where does a model rank")
    async def rank(self, interaction: discord.Interaction, model: str) -> None:
        await interaction.response.send_message(f"rank of {model}")

    @rank.autocomplete("model")
    async def rank_model(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        # Not capped at 25 (a bug, on purpose): "mistral" matches 30 models.
        return [app_commands.Choice(name=m, value=m) for m in MODELS if m.startswith(current)]

    @app_commands.command(description="Starts a vote")
    @app_commands.guilds(GUILD_ID)
    async def vote(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("Vote?", view=VoteView())

    @app_commands.command(description="Posts to #general, the same nonce for every copy")
    async def announce(self, interaction: discord.Interaction, text: str, copies: int = 1) -> None:
        await interaction.response.defer(ephemeral=True)
        channel = interaction.client.get_channel(CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        nonce = f"announce-{interaction.id}"
        posted = {(await channel.send(text, nonce=nonce)).id for _ in range(copies)}
        await interaction.followup.send(f"posted {len(posted)}")

    @app_commands.command(description="Acknowledges twice (a bug)")
    async def twice(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("first")
        try:  # a second, independent response object: discord.py cannot stop this one
            await discord.InteractionResponse(interaction).send_message("second")
        except discord.HTTPException as error:
            await interaction.followup.send(f"second ack failed: {error.code}")

    @app_commands.command(description="Follows up before acknowledging (a bug)")
    async def eager(self, interaction: discord.Interaction) -> None:
        try:
            await interaction.followup.send("too early")
        except discord.NotFound as error:
            await interaction.response.send_message(f"followup refused: {error.code}")

    @app_commands.command(description="Says it back")
    async def echo(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(text)

    @app_commands.command(description="Describes a text channel, a role and a member")
    async def inspect(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        role: discord.Role,
        member: discord.Member | None = None,
    ) -> None:
        # The channel comes from the cache; the namespace holds the one built from `resolved`.
        resolved: app_commands.AppCommandChannel = interaction.namespace.channel
        manages = resolved.permissions.manage_guild
        parts = [
            f"#{channel.name} ({channel.type.name}, may manage: {manages})",
            f"@{role.name} (position {role.position})",
        ]
        if member is not None:
            parts.append(f"{member.name} (roles: {len(member.roles)})")
        await interaction.response.send_message(" ".join(parts))

    @app_commands.command(description="Sends you a DM")
    async def dmme(self, interaction: discord.Interaction) -> None:
        try:
            await interaction.user.send("psst")
        except discord.Forbidden as error:
            await interaction.response.send_message(f"DMs closed ({error.code})", ephemeral=True)
        else:
            await interaction.response.send_message("check your DMs", ephemeral=True)

    @app_commands.command(description="Reads, edits and deletes what it sent")
    async def lifecycle(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        assert isinstance(client, commands.Bot)
        await interaction.response.send_message("v1")
        original = await interaction.original_response()
        await interaction.edit_original_response(content="v2")
        temporary = await interaction.followup.send("temporary", wait=True)
        await temporary.edit(content="still temporary")
        await temporary.delete()
        channel = await client.fetch_channel(CHANNEL_ID)
        assert isinstance(channel, discord.TextChannel)
        note = await channel.send("note")
        await note.edit(content="edited note")
        await (await channel.fetch_message(note.id)).delete()
        user = await client.fetch_user(interaction.user.id)
        synced = await client.tree.fetch_commands()
        summary = f"{original.content} {user.name} {len(synced)} commands"
        await interaction.followup.send(summary)


class TinyBot(commands.Bot):
    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            guild_ready_timeout=0.1,
        )
        self.errors: asyncio.Queue[Exception] = asyncio.Queue()
        """Exceptions raised by commands, unwrapped."""

    async def setup_hook(self) -> None:
        await self.add_cog(TinyCommands())
        self.tree.error(self.record_error)
        await self.tree.sync()
        await self.tree.sync(guild=discord.Object(GUILD_ID))

    async def record_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        await self.errors.put(original)

    async def next_error(self) -> Exception:
        return await asyncio.wait_for(self.errors.get(), timeout=5)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord_server() -> AsyncIterator[FakeDiscord]:
    """Overrides the conftest fixture: the default guild, plus a voice channel and a role to
    hand out."""
    guild = FakeGuild(
        channel_ids=(CHANNEL_ID, VOICE_ID),
        channel_types={VOICE_ID: 2},
        roles={MODERATORS_ROLE_ID: "moderators"},
    )
    async with FakeDiscord(guilds=[guild]) as fake:
        yield fake


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    fake_discord_server: FakeDiscord, discord_endpoints: FakeDiscord
) -> AsyncIterator[TinyBot]:
    async with run_client(TinyBot()) as client:
        yield client


async def test_bot_identifies_and_syncs_its_commands(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    [identify] = fake_discord.identifies
    assert identify["token"] == "fake-token"
    assert identify["intents"] == discord.Intents.default().value
    assert "shard" not in identify

    global_commands = {c["name"]: c for c in fake_discord.synced_commands()}
    expected = "board ping whoami slow rank announce twice eager echo inspect dmme lifecycle"
    assert sorted(global_commands) == sorted(expected.split())
    [model] = global_commands["rank"]["options"]
    assert (model["name"], model["type"], model["required"], model["autocomplete"]) == (
        "model",
        3,
        True,
        True,
    )
    [refresh] = global_commands["board"]["options"]
    assert (refresh["name"], refresh["type"], refresh["options"][0]["name"]) == (
        "refresh",
        1,
        "source",
    )
    assert [o["name"] for o in global_commands["announce"]["options"]] == ["text", "copies"]
    assert [c["name"] for c in fake_discord.synced_commands(GUILD_ID)] == ["vote"]


async def test_reply_payload(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command("ping")

    response = await interaction.wait_response()
    assert (response.type, response.status, response.content) == (4, 200, "pong")
    assert response.data["allowed_mentions"] == {"parse": []}
    final = await interaction.wait_final()
    assert final is interaction.original
    assert final.content == "pong"
    assert not final.ephemeral
    assert not fake_discord.unknown_routes


async def test_caller_permissions_and_roles_reach_the_bot(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    moderator = await fake_discord.send_command(
        "whoami", user=BOB, permissions=MODERATOR_PERMISSIONS, roles=[MODERATORS_ROLE_ID]
    )
    member = await fake_discord.send_command("whoami")

    assert (await moderator.wait_final()).content == "bob moderator=True roles=moderators"
    answer = await member.wait_final()
    assert (answer.content, answer.ephemeral) == ("alice moderator=False roles=", True)


async def test_defer_then_followup_with_a_file(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command("slow")

    assert (await interaction.wait_response()).type == 5
    final = await interaction.wait_final()
    assert final is interaction.original  # the first followup fills in the "thinking" message
    assert not final.loading
    assert final.content == "chart ready"
    [upload] = final.files
    assert (upload.filename, upload.data) == ("chart.png", PNG)
    [followup] = [r for r in fake_discord.requests if r.path.startswith("/webhooks/")]
    assert (followup.method, followup.query.get("wait"), followup.status) == ("POST", "1", 200)
    assert followup.json["content"] == "chart ready"
    assert followup.files == (Upload("chart.png", "application/octet-stream", PNG),)


async def test_subcommand(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command("board refresh", {"source": "lmarena"})

    assert interaction.payload["data"]["options"] == [
        {
            "type": 1,
            "name": "refresh",
            "options": [{"type": 3, "name": "source", "value": "lmarena"}],
        }
    ]
    assert (await interaction.wait_final()).content == "refreshing lmarena"


async def test_options_are_checked_against_the_synced_command(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    with pytest.raises(ValueError, match="no option or subcommand 'modle'"):
        await fake_discord.send_command("rank", {"modle": "qwen2"})


async def test_channel_role_and_user_options_carry_resolved_data(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    """Ids as values and the objects in ``data.resolved``, as discord.py parses them."""
    interaction = await fake_discord.send_command(
        "inspect",
        {"channel": CHANNEL_ID, "role": MODERATORS_ROLE_ID, "member": BOB},
        permissions=MODERATOR_PERMISSIONS,
    )

    data = interaction.payload["data"]
    assert [(o["type"], o["value"]) for o in data["options"]] == [
        (7, str(CHANNEL_ID)),
        (8, str(MODERATORS_ROLE_ID)),
        (6, str(BOB.id)),
    ]
    resolved = data["resolved"]
    assert sorted(resolved) == ["channels", "members", "roles", "users"]
    channel = resolved["channels"][str(CHANNEL_ID)]
    assert (channel["name"], channel["type"], channel["permissions"]) == (
        "general",
        0,
        MODERATOR_PERMISSIONS,  # the invoker's, in that channel
    )
    assert "permission_overwrites" not in channel
    role = resolved["roles"][str(MODERATORS_ROLE_ID)]
    assert (role["name"], role["position"], role["managed"]) == ("moderators", 1, False)
    assert resolved["users"] == {str(BOB.id): BOB.to_api()}
    member = resolved["members"][str(BOB.id)]
    assert (member["roles"], member["permissions"]) == ([], MEMBER_PERMISSIONS)
    assert not {"user", "deaf", "mute"} & set(member)  # partial, as Discord sends it
    answer = await interaction.wait_final()
    assert (
        answer.content
        == "#general (text, may manage: True) @moderators (position 1) bob (roles: 1)"
    )
    assert not fake_discord.unknown_routes


async def test_a_channel_created_while_the_bot_runs_can_be_picked(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    """CHANNEL_CREATE reaches the bot's cache before the command that names the channel."""
    announcements = await fake_discord.add_channel(5)

    assert [d.event for d in fake_discord.deliveries] == ["CHANNEL_CREATE"]
    interaction = await fake_discord.send_command(
        "inspect", {"channel": announcements, "role": GUILD_ID}
    )
    answer = await interaction.wait_final()
    assert answer.content == "#announcements-2 (news, may manage: False) @@everyone (position 0)"


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"channel": VOICE_ID}, r"Discord only offers channels of types \[0, 5\]"),
        ({"channel": 42}, "has no channel 42"),
        ({"role": 42}, "has no role 42"),
        ({"member": 42}, r"unknown user 42 \(add it with add_user\)"),
        ({"role": "moderators"}, "takes an id, not 'moderators'"),
    ],
)
async def test_only_what_discord_would_offer_can_be_picked(
    bot: TinyBot, fake_discord: FakeDiscord, options: dict[str, OptionValue], problem: str
) -> None:
    """A voice channel for a text channel option, another guild's or an unknown channel,
    role or user: Discord's pickers never offer them, so the fake refuses to send them."""
    wanted = {"channel": CHANNEL_ID, "role": MODERATORS_ROLE_ID, **options}
    with pytest.raises(ValueError, match=problem):
        await fake_discord.send_command("inspect", wanted)
    assert not fake_discord.interactions


async def test_autocomplete_then_command(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    choices = await fake_discord.autocomplete("rank", {"model": "qwen"}, focused="model")

    assert choices == [{"name": m, "value": m} for m in ("qwen2-72b-instruct", "qwen2.5-7b")]
    interaction = await fake_discord.send_command("rank", {"model": choices[0]["value"]})
    assert (await interaction.wait_final()).content == "rank of qwen2-72b-instruct"


async def test_too_many_autocomplete_choices_are_refused(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    with pytest.raises(AssertionError, match="error_code=50035"):
        await fake_discord.autocomplete("rank", {"model": "mistral"}, focused="model")


async def test_button_click_reaches_the_view(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    vote = await fake_discord.send_command("vote")  # a guild command
    message = await vote.wait_final()
    assert message.custom_ids == ["vote:yes", "vote:pick"]

    first = await fake_discord.click(message, "vote:yes", user=BOB)
    assert (await first.wait_response()).type == 7
    assert await first.wait_final() is message
    second = await fake_discord.click(message, "vote:yes")
    await second.wait_final()
    assert message.content == "2 vote(s): bob, alice"

    picked = await fake_discord.click(message, "vote:pick", values=["b"])
    assert picked.payload["data"] == {
        "custom_id": "vote:pick",
        "component_type": 3,
        "values": ["b"],
    }
    await picked.wait_final()
    assert message.content == "picked b"
    assert len(message.edits) == 3


async def test_second_acknowledgement_is_refused(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command("twice")

    [followup] = await interaction.wait_followups()
    assert followup.content == "second ack failed: 40060"
    first, second = interaction.callbacks
    assert (first.status, first.content) == (200, "first")
    assert (second.status, second.error_code) == (400, 40060)
    assert interaction.original is not None and interaction.original.content == "first"


async def test_late_first_response_is_refused(
    bot: TinyBot, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fake_discord, "response_window", 0.0)
    interaction = await fake_discord.send_command("ping")

    response = await interaction.wait_response()
    assert (response.accepted, response.status, response.error_code) == (False, 404, 10062)
    error = await bot.next_error()
    assert isinstance(error, discord.NotFound) and error.code == 10062
    assert interaction.original is None and not fake_discord.messages


async def test_followup_before_acknowledging_is_refused(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    interaction = await fake_discord.send_command("eager")

    assert (await interaction.wait_final()).content == "followup refused: 10015"


async def test_followup_after_the_token_expired_is_refused(
    bot: TinyBot, fake_discord: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fake_discord, "followup_window", 0.0)
    interaction = await fake_discord.send_command("slow")

    assert (await interaction.wait_response()).accepted  # the 3 s window still holds
    error = await bot.next_error()
    assert isinstance(error, discord.HTTPException) and (error.status, error.code) == (401, 50027)
    assert interaction.original is not None and interaction.original.loading


async def test_rate_limited_post_is_retried_and_arrives_once(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    route = f"/channels/{CHANNEL_ID}/messages"
    fake_discord.fail_next("POST", route, status=429, retry_after=0.05)
    interaction = await fake_discord.send_command("announce", {"text": "hello"})

    final = await interaction.wait_final()
    assert (final.content, final.ephemeral) == ("posted 1", True)  # the defer was ephemeral
    assert [m.content for m in fake_discord.channel_messages(CHANNEL_ID)] == ["hello"]
    assert [r.status for r in fake_discord.requests if r.path == route] == [429, 200]


async def test_rate_limit_without_via_is_not_retried(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    fake_discord.fail_next("POST", "/channels/*/messages", status=429, via=False)
    await fake_discord.send_command("announce", {"text": "hello"})

    error = await bot.next_error()
    assert isinstance(error, discord.HTTPException) and error.status == 429
    assert not fake_discord.channel_messages(CHANNEL_ID)


async def test_repeated_nonce_creates_one_message(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command("announce", {"text": "once", "copies": 2})

    assert (await interaction.wait_final()).content == "posted 1"
    [message] = fake_discord.channel_messages(CHANNEL_ID)
    posts = [r for r in fake_discord.requests if r.path == f"/channels/{CHANNEL_ID}/messages"]
    assert [(r.status, r.json["nonce"], r.json["enforce_nonce"]) for r in posts] == [
        (200, message.data["nonce"], True)
    ] * 2


async def test_direct_message_and_closed_dms(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    sent = await fake_discord.send_command("dmme")
    assert (await sent.wait_final()).content == "check your DMs"
    assert [m.content for m in fake_discord.dm_messages(USER_ID)] == ["psst"]

    fake_discord.fail_next("POST", "/channels/*/messages", status=403, code=50007)
    refused = await fake_discord.send_command("dmme")
    assert (await refused.wait_final()).content == "DMs closed (50007)"


async def test_overlong_reply_is_refused(bot: TinyBot, fake_discord: FakeDiscord) -> None:
    interaction = await fake_discord.send_command("echo", {"text": "x" * 2001})

    response = await interaction.wait_response()
    assert (response.status, response.error_code) == (400, 50035)
    error = await bot.next_error()
    assert isinstance(error, discord.HTTPException) and error.code == 50035


async def test_reading_editing_and_deleting_messages(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    interaction = await fake_discord.send_command("lifecycle")

    temporary, summary = await interaction.wait_followups(2)
    assert summary.content == "v1 alice 12 commands"
    assert (temporary.content, temporary.deleted) == ("still temporary", True)
    assert interaction.original is not None and interaction.original.content == "v2"
    [note] = [m for m in fake_discord.messages.values() if m.interaction_id is None]
    assert (note.content, note.deleted) == ("edited note", True)
    assert not fake_discord.channel_messages(CHANNEL_ID)
    assert [r for r in fake_discord.requests if r.status >= 300] == []


async def test_dropped_socket_resumes_and_the_bot_still_answers(
    bot: TinyBot, fake_discord: FakeDiscord
) -> None:
    identifies, resumes = len(fake_discord.identifies), len(fake_discord.resumes)
    await fake_discord.drop_connection()
    interaction = await fake_discord.send_command("ping")  # queued, or live if already resumed

    resume = await fake_discord.wait_for_resume(resumes + 1)
    assert resume["session_id"] == "sess-1"
    assert (await interaction.wait_final()).content == "pong"
    assert len(fake_discord.identifies) == identifies  # resumed, not re-identified
    assert "RESUMED" in [d.event for d in fake_discord.deliveries]


# --------------------------------------------------------------------------- sharding


class ShardCommands(commands.Cog):
    @app_commands.command(description="Which shard serves this place")
    async def where(self, interaction: discord.Interaction) -> None:
        shard = interaction.guild.shard_id if interaction.guild else 0
        await interaction.response.send_message(f"shard {shard}")


class ShardedBot(commands.AutoShardedBot):
    def __init__(self) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            guild_ready_timeout=0.1,
        )
        self.handled: Counter[int] = Counter()
        """How many times each interaction id reached the bot, whichever shard it came on."""

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        self.handled[interaction.id] += 1

    async def setup_hook(self) -> None:
        await self.add_cog(ShardCommands())
        await self.tree.sync()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """No 5 s pause between shards: the fake has no identify rate limit."""


async def test_each_event_reaches_exactly_one_shard() -> None:
    other = FakeGuild(GUILD_ID + (1 << 22), name="Other", channel_ids=(CHANNEL_ID + 1,))
    async with FakeDiscord(guilds=[FakeGuild(), other], shards=2) as fake:
        with point_discord_at(fake):
            async with run_client(ShardedBot()) as client:
                login = ["/users/@me", "/oauth2/applications/@me", "/gateway/bot"]
                assert [r.path for r in fake.requests if r.path in login] == login
                assert [i["shard"] for i in fake.identifies] == [[0, 2], [1, 2]]
                assert {g.id for g in client.guilds} == {GUILD_ID, other.id}
                shards = [fake.shard_for(GUILD_ID), fake.shard_for(other.id), 0]
                assert sorted(shards[:2]) == [0, 1]

                interactions = [
                    await fake.send_command("where", guild_id=GUILD_ID),
                    await fake.send_command("where", guild_id=other.id),
                    await fake.send_command("where", dm=True),
                ]
                for interaction, shard in zip(interactions, shards, strict=True):
                    assert (await interaction.wait_final()).content == f"shard {shard}"
                    assert interaction.delivery.shard_id == shard
                # A socket is FIFO: once a later event on each shard is answered, every earlier
                # copy of the events above has been handled too.
                for guild_id in (GUILD_ID, other.id):
                    await (await fake.send_command("where", guild_id=guild_id)).wait_final()
                assert [client.handled[i.id] for i in interactions] == [1, 1, 1]
                assert all(len(i.callbacks) == 1 for i in interactions)


# --------------------------------------------------------------------------- raw HTTP contract


@pytest_asyncio.fixture(loop_scope="module")
async def lone_fake() -> AsyncIterator[FakeDiscord]:
    """A fake with no client, for checks that need exact requests."""
    async with FakeDiscord() as fake:
        yield fake


async def _request(
    fake: FakeDiscord, method: str, path: str, payload: object = None
) -> tuple[int, dict[str, str], object]:
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, fake.api_base + path, json=payload) as response,
    ):
        return response.status, dict(response.headers), await response.json(content_type=None)


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"content": "ok"}, 200, None),
        ({"content": ""}, 400, 50006),
        ({"content": "x" * 2001}, 400, 50035),
        ({"embeds": [{"description": "x" * 4097}]}, 400, 50035),
        (
            {"embeds": [{"description": "x" * 4000}, {"title": "t", "description": "x" * 2000}]},
            400,
            50035,
        ),
        ({"embeds": [{"title": "t", "fields": [{"name": "score", "value": ""}]}]}, 400, 50035),
    ],
    ids=["ok", "empty", "long-content", "long-description", "embeds-over-6000", "empty-field"],
)
async def test_messages_discord_refuses_are_refused(
    lone_fake: FakeDiscord, payload: dict[str, object], status: int, code: int | None
) -> None:
    got_status, headers, body = await _request(
        lone_fake, "POST", f"/channels/{CHANNEL_ID}/messages", payload
    )

    assert (got_status, headers["Content-Type"]) == (status, "application/json")
    assert isinstance(body, dict) and body.get("code") == code


@pytest.mark.parametrize(
    ("status", "code", "body"),
    [
        (403, None, {"message": "Missing Access", "code": 50001}),
        (403, 50007, {"message": "Cannot send messages to this user", "code": 50007}),
        (404, None, {"message": "Unknown Channel", "code": 10003}),
        (500, None, {"message": "500: Internal Server Error", "code": 0}),
        (
            429,
            None,
            {"message": "You are being rate limited.", "retry_after": 0.2, "global": False},
        ),
    ],
)
async def test_programmed_faults(
    lone_fake: FakeDiscord, status: int, code: int | None, body: dict[str, object]
) -> None:
    lone_fake.fail_next("GET", "/users/@me", status=status, code=code)

    got_status, headers, got_body = await _request(lone_fake, "GET", "/users/@me")
    assert (got_status, got_body) == (status, body)
    assert headers.get("Via") == ("1.1 google" if status == 429 else None)
    assert (await _request(lone_fake, "GET", "/users/@me"))[0] == 200  # times=1


async def test_unknown_routes_answer_404_and_are_recorded(lone_fake: FakeDiscord) -> None:
    status, headers, body = await _request(lone_fake, "GET", f"/guilds/{GUILD_ID}/members/1")

    assert (status, headers["Content-Type"], body) == (
        404,
        "application/json",
        {"message": "404: Not Found", "code": 0},
    )
    assert [(r.method, r.path) for r in lone_fake.unknown_routes] == [
        ("GET", f"/guilds/{GUILD_ID}/members/1")
    ]


def _command(**fields: object) -> dict[str, object]:
    return {"name": "rank", "type": 1, "description": "Where a model ranks", **fields}


@pytest.mark.parametrize(
    "command",
    [
        _command(name="Rank"),
        _command(name_localizations={"zh-CN": "排 名"}),
        _command(name_localizations={"xx-YY": "rank"}),
        _command(description_localizations={"zh-CN": "长" * 101}),
        _command(
            options=[
                {
                    "type": 3,
                    "name": "model",
                    "description": "",
                    "name_localizations": {"zh-CN": "模型"},
                }
            ]
        ),
        _command(
            options=[
                {
                    "type": 3,
                    "name": "model",
                    "description": "Model",
                    "name_localizations": {"fr": "Modèle"},
                }
            ]
        ),
    ],
    ids=[
        "uppercase",
        "space",
        "unknown-locale",
        "long-description",
        "empty-option-description",
        "uppercase-option-localisation",
    ],
)
async def test_commands_discord_refuses_are_refused(
    lone_fake: FakeDiscord, command: dict[str, object]
) -> None:
    """Discord's rules for names, descriptions and their localisations, on a bulk overwrite."""
    path = f"/applications/{APPLICATION_ID}/commands"
    status, _, body = await _request(lone_fake, "PUT", path, [command])
    assert status == 400 and isinstance(body, dict) and body.get("code") == 50035
    status, _, _ = await _request(
        lone_fake, "PUT", path, [_command(name_localizations={"zh-CN": "排名"})]
    )
    assert status == 200
