"""A fake Discord (REST API v10 + gateway) served on loopback for end-to-end tests.

Why
---
Podium's commands are ordinary discord.py code. Unit tests with mocks never exercise what
breaks in production: the JSON discord.py parses (one missing key kills the client), the
acknowledgement rules (one response per interaction, within 3 s), rate limits, multipart
uploads, sharding and resumes. This module runs a small aiohttp server that speaks enough of
Discord for the *real* discord.py client to log in, sync its application commands, receive
injected interactions and answer them. Everything the client sends is recorded, parsed, so
tests can assert on it.

What is faked
-------------
REST, under ``/api/v10``:
    ``GET /users/@me``, ``GET /users/{id}``, ``POST /users/@me/channels`` (DMs),
    ``GET /oauth2/applications/@me``, ``GET /gateway/bot``, ``GET|PUT`` of global and guild
    application commands, ``POST /interactions/{id}/{token}/callback``,
    ``POST /webhooks/{app}/{token}`` (followups), ``GET|PATCH|DELETE
    /webhooks/{app}/{token}/messages/{id|@original}``, ``GET /channels/{id}``,
    ``POST /channels/{id}/messages`` and ``GET|PATCH|DELETE`` of a channel message.
    Responses carry exactly ``Content-Type: application/json`` (discord.py compares the
    header verbatim). Any other route answers ``404 {"message": "404: Not Found", "code": 0}``
    and is recorded in :attr:`FakeDiscord.unknown_routes`.
Gateway, at ``/gateway``:
    plain JSON *text* frames (discord.py only inflates binary frames, so ``compress=zlib-stream``
    needs no work): HELLO, heartbeat ACKs, IDENTIFY -> READY + one GUILD_CREATE per guild of
    that shard, RESUME -> replay of the missed events + RESUMED (unknown sessions get INVALID
    SESSION). Injected events go to exactly one shard, ``(guild_id >> 22) % shard_count``,
    DMs to shard 0. :meth:`FakeDiscord.drop_connection` closes a socket to force a resume.
Interactions, as Discord enforces them:
    one acknowledgement per interaction (a second one gets ``400``/40060); the first response
    within :attr:`~FakeDiscord.response_window` (3 s) of injection, else ``404``/10062; the token
    works for :attr:`~FakeDiscord.followup_window` (15 min), then ``401``/50027 "Invalid Webhook
    Token"; followups and ``@original`` before any acknowledgement get ``404``/10015. After a
    "thinking" defer, the first followup (or edit) fills in the deferred message, and a
    followup keeps the defer's ephemeral flag, as on Discord. The callback answers ``200`` with
    the ``with_response=1`` body discord.py parses.
Message validation, as Discord rejects them (``400``): empty messages (50006); content over 2000
    characters, embed limits (title, description, fields, empty field names/values, 6000 in
    total) and more than 25 autocomplete choices (50035 "Invalid Form Body").
Faults, per route: :meth:`FakeDiscord.fail_next` makes the next matching request(s) answer 429
    (with the ``Via`` header discord.py requires to retry, or without, like a proxy; per route
    or global), 5xx, 403 or 404 with Discord's error bodies, optionally after letting some
    through. :meth:`FakeDiscord.hold_next` lets Discord act on the next matching request but
    keeps the answer back until :meth:`FakeDiscord.release_held` (a response lost in flight,
    e.g. while the sending process is killed). Message nonces (``enforce_nonce``) are
    remembered for :attr:`~FakeDiscord.nonce_window` (a few minutes, as on Discord).
Permissions: a guild's ``bot_denied`` overwrites deny the bot permissions per channel; they
    reach the client (channel overwrites, ``app_permissions``) and posting there is refused.

Options, as Discord sends them:
    string, integer, boolean and number options carry their value; user, channel, role and
    mentionable options carry an id, and the object in ``data.resolved`` (``users`` with
    ``members`` in a guild, ``channels`` with the invoker's ``permissions``, ``roles``),
    except in autocomplete interactions. Only values Discord would offer can be injected: a
    channel or role of the guild, a channel of a type the option allows (``channel_types``).
    Guilds may have text, announcement, voice, stage and category channels;
    :meth:`FakeDiscord.add_channel` creates one while the bot runs (CHANNEL_CREATE).

Not faked: voice connections, threads, forums, reactions, member chunking (privileged
intents), zlib compression, attachment options and rate-limit headers other than those of
:meth:`~FakeDiscord.fail_next`. Uploaded attachments get URLs on the fake's host, but their
bytes are only kept in memory (:attr:`FakeMessage.files`).

Usage
-----
::

    async with FakeDiscord() as fake, point_discord_at(fake), run_client(MyBot()):
        interaction = await fake.send_command("rank", {"model": "qwen2"})
        reply = await interaction.wait_final()
        assert "qwen2" in reply.content
        assert not fake.unknown_routes

All waits are event driven (one :class:`asyncio.Condition` notified on every change); none
sleeps a fixed time.
"""

# Every wait takes a ``timeout``: tests must never hang, and a timeout that knows what it was
# waiting for gives a better failure than a bare ``asyncio.timeout`` around the call.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import copy
import fnmatch
import itertools
import json
import re
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any, Final, TypeVar

import discord
import discord.gateway
import discord.http
import yarl
from aiohttp import WSMsgType, web

JSON = dict[str, Any]
T = TypeVar("T")
ClientT = TypeVar("ClientT", bound=discord.Client)

APPLICATION_ID: Final = 1000000000000000001
"""The application, which is also the bot user (as for every bot created since 2020)."""
BOT_USER_ID: Final = APPLICATION_ID
GUILD_ID: Final = 2000000000000000002
CHANNEL_ID: Final = 3000000000000000003
USER_ID: Final = 4000000000000000004

MEMBER_PERMISSIONS: Final = "2248473465835073"
"""What a plain member has on a default server: view, send, embed, attach, read history,
use application commands...; no moderation bit. Also used for @everyone and the bot."""
MODERATOR_PERMISSIONS: Final = str(int(MEMBER_PERMISSIONS) | 1 << 5 | 1 << 13)
"""A member plus Manage Server and Manage Messages."""
VIEW_CHANNEL: Final = 1 << 10
SEND_MESSAGES: Final = 1 << 11
EMBED_LINKS: Final = 1 << 14

EPHEMERAL: Final = 1 << 6
"""Message flag: only the invoking user sees the message."""
LOADING: Final = 1 << 7
"""Message flag: the "Bot is thinking..." placeholder left by a deferred response."""

API_PREFIX: Final = "/api/v10"
_DISCORD_EPOCH_MS: Final = 1_420_070_400_000
_JOINED_AT: Final = "2024-01-01T00:00:00+00:00"

# Interaction types -> the callback types Discord accepts for them.
_ALLOWED_CALLBACKS: Final[Mapping[int, frozenset[int]]] = {
    2: frozenset({4, 5, 9}),  # application command: reply, defer, modal
    3: frozenset({4, 5, 6, 7, 9}),  # component: + deferred update, update message
    4: frozenset({8}),  # autocomplete: choices only
    5: frozenset({4, 5, 6, 7}),  # modal submit: reply, defer, or update the component's message
}
_COMMAND_ORIGINAL_TYPE: Final = 20  # MessageType.chat_input_command
_SELECT_TYPES: Final = frozenset({3, 5, 6, 7, 8})
_PLAIN_OPTION_TYPES: Final = frozenset({3, 4, 5, 10})  # string, integer, boolean, number
_RESOLVED_OPTION_TYPES: Final = frozenset({6, 7, 8, 9})  # user, channel, role, mentionable

_ERROR_MESSAGES: Final[Mapping[int, str]] = {
    10003: "Unknown Channel",
    10008: "Unknown Message",
    10013: "Unknown User",
    10015: "Unknown Webhook",
    10062: "Unknown interaction",
    40060: "Interaction has already been acknowledged.",
    50001: "Missing Access",
    50006: "Cannot send an empty message",
    50007: "Cannot send messages to this user",
    50013: "Missing Permissions",
    50027: "Invalid Webhook Token",
    50035: "Invalid Form Body",
}
_DEFAULT_ERROR_CODES: Final[Mapping[int, int]] = {400: 50035, 403: 50001, 404: 10003}


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class FakeUser:
    """A Discord user the fake knows about."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False

    def to_api(self) -> JSON:
        """The user object as the API sends it."""
        data: JSON = {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "avatar": None,
            "global_name": self.global_name,
        }
        if self.bot:
            data["bot"] = True
        return data


BOT_USER: Final = FakeUser(BOT_USER_ID, "rankbot", bot=True)
ALICE: Final = FakeUser(USER_ID, "alice", "Alice")
"""The default invoking user (also the default guild owner)."""

OptionValue = str | int | float | bool | FakeUser
"""A slash command option's value: a string, number or boolean; for a user, channel, role or
mentionable option, the id of what it names (a user may also be given as a :class:`FakeUser`)."""


@dataclass(frozen=True)
class _Invoker:
    """Who runs an injected command, with which permissions and roles."""

    user: FakeUser
    permissions: str
    roles: tuple[int, ...]


_CHANNEL_KINDS: Final[Mapping[int, str]] = {
    0: "channel",
    2: "voice",
    4: "category",
    5: "announcements",
    13: "stage",
}
"""The channel types the fake can build (no threads, forums or media channels), with the word
their default names use."""


@dataclass(frozen=True)
class FakeGuild:
    """A guild the bot is in: channels (the first is "general"; all text channels unless
    ``channel_types`` says otherwise) and optional roles."""

    id: int = GUILD_ID
    name: str = "Test"
    channel_ids: tuple[int, ...] = (CHANNEL_ID,)
    roles: Mapping[int, str] = field(default_factory=dict)
    """Extra roles, id -> name, so members can be given them (``roles=`` on injections)."""
    owner_id: int = USER_ID
    channel_types: Mapping[int, int] = field(default_factory=dict)
    """The type of each channel that is not a text channel (0), by id: 2 voice, 4 category,
    5 announcement, 13 stage."""
    bot_denied: Mapping[int, int] = field(default_factory=dict)
    """Permission bits an overwrite denies the bot, by channel id (e.g. ``SEND_MESSAGES``):
    in the channel's ``permission_overwrites``, in ``app_permissions`` there, and enforced on
    ``POST /channels/{id}/messages`` (403, 50013) when it denies viewing or sending."""

    def __post_init__(self) -> None:
        strays = (set(self.channel_types) | set(self.bot_denied)) - set(self.channel_ids)
        if strays:
            raise ValueError(
                f"channel_types or bot_denied name channels not in channel_ids: {sorted(strays)}"
            )
        unknown = set(self.channel_types.values()) - set(_CHANNEL_KINDS)
        if unknown:
            raise ValueError(
                f"channel types {sorted(unknown)} are not faked: {sorted(_CHANNEL_KINDS)}"
            )

    def channel(self, channel_id: int) -> JSON:
        """The full channel object of one of this guild's channels, as GUILD_CREATE and
        ``GET /channels/{id}`` carry it."""
        position = self.channel_ids.index(channel_id)
        type_ = self.channel_types.get(channel_id, 0)
        data: JSON = {
            "id": str(channel_id),
            "type": type_,
            "guild_id": str(self.id),
            "name": "general" if position == 0 else f"{_CHANNEL_KINDS[type_]}-{position}",
            "position": position,
            "permission_overwrites": [
                {"id": str(BOT_USER_ID), "type": 1, "allow": "0", "deny": str(denied)}
                for denied in [self.bot_denied.get(channel_id, 0)]
                if denied
            ],
            "nsfw": False,
            "parent_id": None,
            "flags": 0,
        }
        if type_ in (0, 5):
            data.update(topic=None, last_message_id=None, rate_limit_per_user=0)
        elif type_ in (2, 13):  # voice channels have a text chat too
            data.update(
                bitrate=64000,
                user_limit=0,
                rtc_region=None,
                last_message_id=None,
                rate_limit_per_user=0,
            )
        return data

    def bot_permissions(self, channel_id: int) -> int:
        """What the bot may do in one of this guild's channels (its overwrites applied)."""
        return int(MEMBER_PERMISSIONS) & ~self.bot_denied.get(channel_id, 0)

    def role(self, role_id: int) -> JSON:
        """The full role object of @everyone (the guild's id) or one of ``roles``."""
        if role_id == self.id:
            name, permissions, position = "@everyone", MEMBER_PERMISSIONS, 0
        elif role_id in self.roles:
            name, permissions = self.roles[role_id], "0"
            position = 1 + list(self.roles).index(role_id)
        else:
            raise ValueError(f"guild {self.id} has no role {role_id}; it has {sorted(self.roles)}")
        return {
            "id": str(role_id),
            "name": name,
            "permissions": permissions,
            "position": position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }

    def to_gateway(self) -> JSON:
        """The GUILD_CREATE payload: channels, roles and the bot's own member."""
        return {
            "id": str(self.id),
            "name": self.name,
            "owner_id": str(self.owner_id),
            "member_count": 2,
            "large": False,
            "unavailable": False,
            "roles": [self.role(role_id) for role_id in (self.id, *self.roles)],
            "channels": [self.channel(channel_id) for channel_id in self.channel_ids],
            "members": [_member(BOT_USER, roles=(), permissions=None)],
            "presences": [],
            "voice_states": [],
            "threads": [],
            "emojis": [],
            "stickers": [],
        }


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded (multipart ``files[n]`` part)."""

    filename: str
    content_type: str
    data: bytes


@dataclass(eq=False)
class FakeMessage:
    """A message the bot created, kept current as the bot edits it.

    ``data`` is the Message object exactly as the fake returns it to discord.py.
    """

    data: JSON
    interaction_id: int | None = None
    """The interaction this message answers, if any."""
    edits: list[JSON] = field(default_factory=list)
    """The payload of every edit, in order."""
    deleted: bool = False
    uploads: dict[str, Upload] = field(default_factory=dict, repr=False)
    """Every upload ever attached, by attachment id (see :attr:`files` for the current ones)."""

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def channel_id(self) -> int:
        return int(self.data["channel_id"])

    @property
    def content(self) -> str:
        return str(self.data["content"])

    @property
    def embeds(self) -> list[JSON]:
        return list(self.data["embeds"])

    @property
    def components(self) -> list[JSON]:
        return list(self.data["components"])

    @property
    def flags(self) -> int:
        return int(self.data["flags"])

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """Whether this is still the "Bot is thinking..." placeholder of a defer."""
        return bool(self.flags & LOADING)

    @property
    def files(self) -> list[Upload]:
        """The uploaded files currently attached, in attachment order."""
        return [self.uploads[a["id"]] for a in self.data["attachments"] if a["id"] in self.uploads]

    @property
    def custom_ids(self) -> list[str]:
        """The ``custom_id`` of every interactive component, in display order."""
        return [c["custom_id"] for c in _walk_components(self.components) if "custom_id" in c]

    def component(self, custom_id: str) -> JSON:
        """The component with this ``custom_id``; ``LookupError`` lists the existing ones."""
        for component in _walk_components(self.components):
            if component.get("custom_id") == custom_id:
                return component
        raise LookupError(f"no component {custom_id!r} on message {self.id}: {self.custom_ids}")

    def to_api(self) -> JSON:
        """A copy of the Message object, safe to embed in an event."""
        return copy.deepcopy(self.data)


@dataclass(frozen=True)
class Callback:
    """One interaction callback the bot posted, whether Discord accepted it or not."""

    type: int
    """4 reply, 5 defer, 6 deferred update, 7 update message, 8 autocomplete, 9 modal."""
    data: JSON
    files: tuple[Upload, ...]
    status: int
    error_code: int | None
    """Discord's JSON error code when rejected (40060, 10062, 50035...), else None."""

    @property
    def accepted(self) -> bool:
        return self.status < 300

    @property
    def content(self) -> str | None:
        return self.data.get("content")

    @property
    def ephemeral(self) -> bool:
        return bool(self.data.get("flags", 0) & EPHEMERAL)

    @property
    def choices(self) -> list[JSON]:
        """The autocomplete choices (type 8)."""
        return list(self.data.get("choices", []))


@dataclass
class RecordedRequest:
    """One REST request, parsed: the JSON body, or the ``payload_json`` and files of a
    multipart body."""

    method: str
    path: str
    """Below ``/api/v10``, without the query string, e.g. ``/channels/3/messages``."""
    query: dict[str, str]
    json: Any
    files: tuple[Upload, ...]
    status: int = 0
    response: Any = None


@dataclass(frozen=True)
class Delivery:
    """One gateway dispatch (op 0) sent, or queued for replay, on a shard."""

    shard_id: int
    seq: int
    event: str
    data: JSON

    def frame(self) -> JSON:
        return {"op": 0, "t": self.event, "s": self.seq, "d": self.data}


# --------------------------------------------------------------------------- interactions


class InjectedInteraction:
    """Handle on an interaction injected through the gateway: what the bot answered.

    The windows are fixed at injection, from the fake's settings at that moment.
    """

    def __init__(self, fake: FakeDiscord, delivery: Delivery, message: FakeMessage | None) -> None:
        self._fake = fake
        self.payload: JSON = delivery.data
        """The INTERACTION_CREATE ``d`` object as sent."""
        self.delivery = delivery
        self.id = int(self.payload["id"])
        self.token: str = self.payload["token"]
        self.type: int = self.payload["type"]
        self.channel_id = int(self.payload["channel_id"])
        self.message = message
        """For a component interaction, the message whose component was used."""
        now = asyncio.get_running_loop().time()
        self.response_deadline = now + fake.response_window
        self.token_deadline = now + fake.followup_window
        self.callbacks: list[Callback] = []
        """Every callback attempt, accepted or rejected, in order."""
        self.original: FakeMessage | None = None
        """``@original``: the reply, the deferred placeholder, or the component's message."""
        self.followups: list[FakeMessage] = []
        """Messages created by followups (not the one that filled in a deferred placeholder)."""
        self.final: FakeMessage | None = None
        """The first message the user sees as the answer; see :meth:`wait_final`."""

    def __repr__(self) -> str:
        data = self.payload["data"]
        label = data.get("name") or data.get("custom_id")
        return f"<InjectedInteraction id={self.id} type={self.type} {label!r}>"

    @property
    def response(self) -> Callback | None:
        """The accepted acknowledgement, if any."""
        return next((c for c in self.callbacks if c.accepted), None)

    async def wait_response(self, timeout: float = 5.0) -> Callback:
        """The first callback the bot posted (check ``.accepted`` / ``.error_code``)."""
        return await self._fake.wait_for(
            lambda: self.callbacks[0] if self.callbacks else None,
            timeout=timeout,
            what=f"callback for {self!r}",
        )

    async def wait_final(self, timeout: float = 10.0) -> FakeMessage:
        """The message the user ends up seeing: the reply (type 4), the updated message
        (type 7), or after a defer the first followup or edit of ``@original``.

        The returned message is live: later edits show up in it.
        """
        return await self._fake.wait_for(
            lambda: self.final, timeout=timeout, what=f"final message for {self!r}"
        )

    async def wait_followups(self, count: int = 1, timeout: float = 10.0) -> list[FakeMessage]:
        """The first ``count`` followup messages."""
        return await self._fake.wait_for(
            lambda: self.followups[:count] if len(self.followups) >= count else None,
            timeout=timeout,
            what=f"{count} followup(s) for {self!r}",
        )

    def _settle(self, message: FakeMessage) -> None:
        if self.final is None:
            self.final = message


# --------------------------------------------------------------------------- server internals


class _ApiError(Exception):
    """Raised by handlers; rendered as Discord's JSON error body."""

    def __init__(self, status: int, code: int = 0, *, errors: JSON | None = None) -> None:
        super().__init__(status, code)
        self.status = status
        self.code = code
        self.errors = errors

    def body(self) -> JSON:
        message = (
            _ERROR_MESSAGES.get(self.code) or f"{self.status}: {HTTPStatus(self.status).phrase}"
        )
        body: JSON = {"message": message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


@dataclass
class _Fault:
    method: str
    path: str
    status: int
    code: int
    retry_after: float
    via: bool
    remaining: int
    skip: int = 0
    """Matching requests still to let through before failing."""
    global_limit: bool = False

    def matches(self, method: str, path: str) -> bool:
        return self.remaining > 0 and method == self.method and fnmatch.fnmatchcase(path, self.path)

    def spend(self) -> bool:
        """Count one matching request; ``True`` when this one fails."""
        if self.skip > 0:
            self.skip -= 1
            return False
        self.remaining -= 1
        return True

    def answer(self) -> _Answer:
        if self.status != 429:
            return _Answer(self.status, _ApiError(self.status, self.code).body())
        body = {
            "message": "You are being rate limited.",
            "retry_after": self.retry_after,
            "global": self.global_limit,
        }
        headers = {"Retry-After": str(self.retry_after)}
        if self.global_limit:
            headers["X-RateLimit-Global"] = "true"
            headers["X-RateLimit-Scope"] = "global"
        if self.via:
            headers["Via"] = "1.1 google"
        return _Answer(429, body, headers)


@dataclass
class _Hold:
    method: str
    path: str
    remaining: int
    waiting: list[RecordedRequest] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    def takes(self, method: str, path: str) -> bool:
        """Whether this hold keeps back the answer to the request (and counts it)."""
        if self.remaining <= 0 or method != self.method or not fnmatch.fnmatchcase(path, self.path):
            return False
        self.remaining -= 1
        return True


@dataclass(frozen=True)
class _Answer:
    status: int
    body: Any
    """JSON; None for an empty 204."""
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Call:
    """A REST request as handlers see it."""

    params: Mapping[str, str]
    """Path parameters, e.g. ``channel_id``."""
    json: Any
    files: Mapping[str, Upload]
    """Uploads by multipart index: ``files[0]`` -> ``"0"``."""


_Handler = Callable[[_Call], Any]
"""Returns the JSON body (None: 204) or raises ``_ApiError``."""


class _Connection:
    """One gateway websocket; sends are serialised (events and heartbeat ACKs interleave)."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.session: _Session | None = None
        self._lock = asyncio.Lock()

    async def send(self, frame: JSON) -> None:
        async with self._lock:
            await self.ws.send_str(json.dumps(frame))


@dataclass(eq=False)
class _Session:
    session_id: str
    shard_id: int
    shard_count: int
    sharded: bool
    """Whether IDENTIFY carried ``shard`` (READY must then carry it too)."""
    seq: int = 0
    history: list[Delivery] = field(default_factory=list)
    connection: _Connection | None = None


# --------------------------------------------------------------------------- the fake


class FakeDiscord:
    """Discord's REST API and gateway on ``127.0.0.1``; see the module docstring.

    ``shards`` is what ``GET /gateway/bot`` recommends; events are routed with the shard
    count the client actually identified with.
    """

    def __init__(
        self,
        *,
        guilds: Sequence[FakeGuild] = (FakeGuild(),),
        shards: int = 1,
        response_window: float = 3.0,
        followup_window: float = 15 * 60.0,
        nonce_window: float = 5 * 60.0,
    ) -> None:
        self.guilds = tuple(guilds)
        self.shards = shards
        self.response_window = response_window
        """Seconds an injected interaction may wait for its first callback."""
        self.followup_window = followup_window
        """Seconds an interaction token stays valid for followups and edits."""
        self.nonce_window = nonce_window
        """Seconds a message nonce is remembered (Discord: "the past few minutes"): a message
        sent again with ``enforce_nonce`` within it returns the first one, after it is new."""

        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[RecordedRequest] = []
        self.gateway_frames: list[JSON] = []
        """Every frame the client sent except heartbeats."""
        self.identified_at: list[float] = []
        """When each IDENTIFY arrived (``time.monotonic()``), in the order of :attr:`identifies`."""
        self.deliveries: list[Delivery] = []
        self.messages: dict[int, FakeMessage] = {}
        self.interactions: list[InjectedInteraction] = []
        self.users: dict[int, FakeUser] = {BOT_USER.id: BOT_USER, ALICE.id: ALICE}

        self._commands: dict[int | None, list[JSON]] = {}
        self._command_ids: dict[tuple[int | None, str], int] = {}
        self._channels: dict[int, JSON] = {
            channel_id: guild.channel(channel_id)
            for guild in self.guilds
            for channel_id in guild.channel_ids
        }
        self._dm_channels: dict[int, int] = {}
        self._interactions: dict[int, InjectedInteraction] = {}
        self._interactions_by_token: dict[str, InjectedInteraction] = {}
        self._nonces: dict[str, tuple[FakeMessage, float]] = {}
        self._faults: list[_Fault] = []
        self._holds: list[_Hold] = []
        self._sessions: dict[int, _Session] = {}
        self._connections: set[_Connection] = set()
        self._session_numbers = itertools.count(1)
        self._snowflake_counter = itertools.count()
        self._changed = asyncio.Condition()
        self._api_routes = self._routes()
        self._runner: web.AppRunner | None = None
        self._port = 0

    # ----------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Serve on an ephemeral loopback port."""
        app = web.Application(client_max_size=64 << 20)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", API_PREFIX + "/{path:.*}", self._api)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        # Discord takes any number of new connections at once; a listen backlog of 128 (the
        # default) made the kernel drop connections past it, retried only a second later.
        await web.SockSite(self._runner, sock, backlog=1024).start()

    async def stop(self) -> None:
        """Close every gateway socket, answer held requests and stop serving."""
        self.release_held()
        for connection in list(self._connections):
            await connection.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def _base_url(self) -> str:
        if not self._port:
            raise RuntimeError("FakeDiscord is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_base(self) -> str:
        """For ``discord.http.Route.BASE``."""
        return self._base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """For ``DiscordWebSocket.DEFAULT_GATEWAY``; also READY's ``resume_gateway_url``."""
        return self._base_url.replace("http://", "ws://") + "/gateway"

    def reset_traffic(self) -> None:
        """Forget requests, messages, interactions, deliveries and pending faults.

        Sessions, synced commands, users and channels stay, so a bot shared between tests keeps
        working while each test starts from clean records. Windows are left as they are.
        """
        for records in (self.requests, self.unknown_routes, self.deliveries, self.interactions):
            records.clear()
        for mapping in (self.messages, self._interactions, self._interactions_by_token):
            mapping.clear()
        self._nonces.clear()
        self._faults.clear()
        self.release_held()

    # ----------------------------------------------------------------- waiting

    async def wait_for(
        self, predicate: Callable[[], T | None], *, timeout: float = 10.0, what: str = "condition"
    ) -> T:
        """Wait until ``predicate()`` is truthy and return its value.

        Re-evaluated whenever the fake records something (a request, a gateway frame, an
        injected event). ``TimeoutError`` names ``what`` and lists the unknown routes hit.
        """
        async with self._changed:
            try:
                async with asyncio.timeout(timeout):
                    # Condition.wait_for returns only a truthy result, never None.
                    return await self._changed.wait_for(predicate)  # type: ignore[arg-type]
            except TimeoutError:
                unknown = [f"{r.method} {r.path}" for r in self.unknown_routes]
                raise TimeoutError(
                    f"fake Discord: no {what} within {timeout}s "
                    f"({len(self.requests)} requests, unknown routes: {unknown})"
                ) from None

    async def wait_for_identify(self, count: int = 1, timeout: float = 10.0) -> JSON:
        """The ``count``-th IDENTIFY payload (``d``) received."""
        return await self.wait_for(
            lambda: self.identifies[count - 1] if len(self.identifies) >= count else None,
            timeout=timeout,
            what=f"IDENTIFY #{count}",
        )

    async def wait_for_resume(self, count: int = 1, timeout: float = 10.0) -> JSON:
        """The ``count``-th RESUME payload (``d``) received."""
        return await self.wait_for(
            lambda: self.resumes[count - 1] if len(self.resumes) >= count else None,
            timeout=timeout,
            what=f"RESUME #{count}",
        )

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ----------------------------------------------------------------- inspection

    @property
    def identifies(self) -> list[JSON]:
        return [frame["d"] for frame in self.gateway_frames if frame.get("op") == 2]

    @property
    def resumes(self) -> list[JSON]:
        return [frame["d"] for frame in self.gateway_frames if frame.get("op") == 6]

    def synced_commands(self, guild_id: int | None = None) -> list[JSON]:
        """The last command list the bot PUT, globally or for one guild."""
        return copy.deepcopy(self._commands.get(guild_id, []))

    def channel_messages(self, channel_id: int) -> list[FakeMessage]:
        """Live messages created with ``POST /channels/{id}/messages`` (not interaction
        replies or followups), oldest first."""
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel_id and m.interaction_id is None and not m.deleted
        ]

    def dm_messages(self, user_id: int) -> list[FakeMessage]:
        """Live messages the bot sent to this user's DM channel."""
        channel_id = self._dm_channels.get(user_id)
        return [] if channel_id is None else self.channel_messages(channel_id)

    def add_user(self, user: FakeUser) -> None:
        """Make a user known to ``GET /users/{id}`` and DM creation (invokers are added
        automatically)."""
        self.users[user.id] = user

    def shard_for(self, guild_id: int | None) -> int:
        """The shard that receives this guild's events (DMs: shard 0)."""
        sessions = list(self._sessions.values())
        count = sessions[0].shard_count if sessions else self.shards
        return 0 if guild_id is None else (guild_id >> 22) % count

    # ----------------------------------------------------------------- faults

    def fail_next(
        self,
        method: str,
        path: str,
        *,
        status: int,
        code: int | None = None,
        times: int = 1,
        retry_after: float = 0.2,
        via: bool = True,
        skip: int = 0,
        global_limit: bool = False,
    ) -> None:
        """Make the next ``times`` requests matching ``method`` and ``path`` fail, after
        letting ``skip`` of them through (to fail the second part of a split message).

        ``path`` is below ``/api/v10`` and may use shell wildcards
        (``"/interactions/*/callback"``). 429 answers ``retry_after``, with the ``Via``
        header unless ``via=False`` (then discord.py raises instead of retrying, as behind a
        proxy); ``global_limit`` makes it the bot-wide limit (``"global": true`` and
        ``X-RateLimit-Global``), which stops every route of the client until it passes.
        Other statuses answer ``{"message", "code"}``; ``code`` defaults to 50001 for
        403, 10003 for 404, 50035 for 400 and 0 otherwise. Note that discord.py retries 500,
        502, 504 and 524 itself, sleeping 1 s, 3 s, 5 s...
        """
        self._faults.append(
            _Fault(
                method=method.upper(),
                path=path,
                status=status,
                code=_DEFAULT_ERROR_CODES.get(status, 0) if code is None else code,
                retry_after=retry_after,
                via=via,
                remaining=times,
                skip=skip,
                global_limit=global_limit,
            )
        )

    def hold_next(self, method: str, path: str, *, times: int = 1) -> None:
        """Carry out the next ``times`` requests matching ``method`` and ``path`` (shell
        wildcards, as in :meth:`fail_next`), but answer none of them until
        :meth:`release_held`: as if the answers were lost while the client went away.

        :attr:`held` lists the requests waiting."""
        self._holds.append(_Hold(method.upper(), path, times))

    @property
    def held(self) -> list[RecordedRequest]:
        """Requests carried out whose answers are being held back."""
        return [record for hold in self._holds for record in hold.waiting]

    def release_held(self) -> None:
        """Answer every held request (a client that went away never reads the answer) and
        hold no more."""
        for hold in self._holds:
            hold.release.set()
        self._holds.clear()

    # ----------------------------------------------------------------- gateway control

    async def dispatch(self, event: str, data: JSON, *, guild_id: int | None = None) -> Delivery:
        """Send a raw gateway event to the shard of ``guild_id`` (shard 0 for DMs).

        While that shard is disconnected the event is queued and replayed on RESUME.
        """
        session = self._session_for(guild_id)
        delivery = self._sequence(session, event, data)
        await self._transmit(session, delivery)
        await self._notify()
        return delivery

    async def drop_connection(self, shard_id: int = 0, *, code: int = 4000) -> None:
        """Close a shard's socket from the server side (4000: the client resumes)."""
        session = self._sessions.get(shard_id)
        if session is None or session.connection is None:
            raise RuntimeError(f"shard {shard_id} is not connected")
        connection, session.connection = session.connection, None
        await connection.ws.close(code=code)

    async def add_channel(self, channel_type: int = 0, *, guild_id: int | None = None) -> int:
        """Create a channel of ``channel_type`` (see :attr:`FakeGuild.channel_types`) in a
        guild (the first unless ``guild_id``), as a member would while the bot runs; return
        its id. A connected bot learns of it through CHANNEL_CREATE, a later one from
        GUILD_CREATE."""
        guild = self._guild(guild_id or self.guilds[0].id)
        channel_id = self._snowflake()
        grown = replace(
            guild,
            channel_ids=(*guild.channel_ids, channel_id),
            channel_types={**guild.channel_types, channel_id: channel_type},
        )
        self.guilds = tuple(grown if g is guild else g for g in self.guilds)
        self._channels[channel_id] = grown.channel(channel_id)
        if self.shard_for(guild.id) in self._sessions:  # else GUILD_CREATE will carry it
            await self.dispatch("CHANNEL_CREATE", grown.channel(channel_id), guild_id=guild.id)
        return channel_id

    # ----------------------------------------------------------------- interaction injection

    async def send_command(
        self,
        name: str,
        options: Mapping[str, OptionValue] | None = None,
        *,
        guild_id: int | None = None,
        channel_id: int | None = None,
        dm: bool = False,
        user: FakeUser = ALICE,
        permissions: str = MEMBER_PERMISSIONS,
        roles: Sequence[int] = (),
        locale: str = "en-US",
        guild_locale: str = "en-US",
    ) -> InjectedInteraction:
        """Inject a slash command, as if ``user`` ran it.

        ``name`` may include subcommands: ``"leaderboard refresh"``. Option types come from
        the synced command (so ``{"limit": 5}`` is sent as an integer option, and unknown
        option names raise ``ValueError``); for a command that was not synced they are
        inferred from the Python values. In a guild (the first one unless ``guild_id``), in
        its first channel unless ``channel_id``; ``dm=True`` for the user's DM channel.

        User, channel, role and mentionable options take an id (a :class:`FakeUser` also
        works for users) and are sent as Discord sends them: the id as the option's value and
        the object in ``data.resolved``. Only what Discord would offer can be sent
        (``ValueError`` otherwise): a channel or role of this guild, a channel of one of the
        option's ``channel_types``, a user the fake knows (see :meth:`add_user`).
        """
        guild_id = None if dm else (guild_id or self.guilds[0].id)
        invoker = _Invoker(user, permissions, tuple(roles))
        data = self._command_data(name, options or {}, guild_id, invoker, focused=None)
        context = self._context(
            guild_id, channel_id, user, permissions, roles, locale, guild_locale
        )
        return await self._inject(2, data, context)

    async def autocomplete(
        self,
        name: str,
        options: Mapping[str, OptionValue],
        *,
        focused: str,
        timeout: float = 5.0,
        guild_id: int | None = None,
        channel_id: int | None = None,
        dm: bool = False,
        user: FakeUser = ALICE,
        permissions: str = MEMBER_PERMISSIONS,
        roles: Sequence[int] = (),
        locale: str = "en-US",
        guild_locale: str = "en-US",
    ) -> list[JSON]:
        """Inject an autocomplete request (``focused`` is being typed) and return the
        choices the bot answered. Raises ``AssertionError`` if the answer was rejected.

        As on Discord, the ids of user, channel and role options come without ``resolved``
        data (discord.py then gives the bot ``discord.Object`` instances)."""
        guild_id = None if dm else (guild_id or self.guilds[0].id)
        invoker = _Invoker(user, permissions, tuple(roles))
        data = self._command_data(name, options, guild_id, invoker, focused=focused)
        context = self._context(
            guild_id, channel_id, user, permissions, roles, locale, guild_locale
        )
        interaction = await self._inject(4, data, context)
        callback = await interaction.wait_response(timeout)
        if not callback.accepted:
            raise AssertionError(f"the bot's autocomplete answer was refused: {callback}")
        return callback.choices

    async def click(
        self,
        message: FakeMessage,
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        user: FakeUser = ALICE,
        permissions: str = MEMBER_PERMISSIONS,
        roles: Sequence[int] = (),
        locale: str = "en-US",
        guild_locale: str = "en-US",
    ) -> InjectedInteraction:
        """Inject a component interaction: press the button ``custom_id`` of ``message``, or
        pick ``values`` in that select menu. Disabled components cannot be used."""
        component = message.component(custom_id)
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        data: JSON = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] in _SELECT_TYPES:
            if values is None:
                raise ValueError(f"select menu {custom_id!r} needs values")
            data["values"] = list(values)
        channel = self._channels[message.channel_id]
        guild_id = int(channel["guild_id"]) if "guild_id" in channel else None
        context = self._context(
            guild_id, message.channel_id, user, permissions, roles, locale, guild_locale
        )
        context["message"] = message.to_api()
        return await self._inject(3, data, context, message=message)

    async def submit_modal(
        self,
        opened_by: InjectedInteraction,
        values: Mapping[str, str],
        *,
        user: FakeUser = ALICE,
        permissions: str = MEMBER_PERMISSIONS,
        roles: Sequence[int] = (),
        locale: str = "en-US",
        guild_locale: str = "en-US",
    ) -> InjectedInteraction:
        """Inject the submission of the modal the bot opened (callback type 9) in answer to
        ``opened_by``, with ``values`` by text input ``custom_id``. A modal opened from a
        component carries that component's message, so the bot may update it (type 7)."""
        callback = opened_by.response
        if callback is None or callback.type != 9 or not callback.accepted:
            raise ValueError(f"{opened_by!r} was not answered with a modal")
        components = _walk_components(callback.data.get("components", []))
        inputs = [c["custom_id"] for c in components if "custom_id" in c]
        unknown = set(values) - set(inputs)
        if unknown:
            raise ValueError(f"the modal has no text inputs {sorted(unknown)}; it has {inputs}")
        data: JSON = {
            "custom_id": callback.data["custom_id"],
            "components": [
                {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
                for key, value in values.items()
            ],
        }
        message = opened_by.message
        channel_id = message.channel_id if message else opened_by.channel_id
        channel = self._channels[channel_id]
        guild_id = int(channel["guild_id"]) if "guild_id" in channel else None
        context = self._context(
            guild_id, channel_id, user, permissions, roles, locale, guild_locale
        )
        if message is not None:
            context["message"] = message.to_api()
        return await self._inject(5, data, context, message=message)

    # ----------------------------------------------------------------- payload builders

    def _snowflake(self) -> int:
        millis = int(time.time() * 1000) - _DISCORD_EPOCH_MS
        return millis << 22 | next(self._snowflake_counter) & 0x3FFFFF

    def _guild(self, guild_id: int) -> FakeGuild:
        for guild in self.guilds:
            if guild.id == guild_id:
                return guild
        raise ValueError(f"unknown guild {guild_id}; configured: {[g.id for g in self.guilds]}")

    def _dm_channel(self, user: FakeUser) -> JSON:
        if user.id not in self._dm_channels:
            channel_id = self._snowflake()
            self._dm_channels[user.id] = channel_id
            self._channels[channel_id] = {
                "id": str(channel_id),
                "type": 1,
                "recipients": [user.to_api()],
                "last_message_id": None,
            }
        return self._channels[self._dm_channels[user.id]]

    def _context(
        self,
        guild_id: int | None,
        channel_id: int | None,
        user: FakeUser,
        permissions: str,
        roles: Sequence[int],
        locale: str,
        guild_locale: str = "en-US",
    ) -> JSON:
        """The fields of an interaction that say where and by whom it happened: ``locale`` is
        the user's client language, ``guild_locale`` the server's preferred one (guilds only,
        as Discord sends them)."""
        self.users.setdefault(user.id, user)
        if guild_id is None:
            channel = self._dm_channel(user)
            return {
                "channel_id": channel["id"],
                "channel": channel,
                "user": user.to_api(),
                "context": 1,
                "authorizing_integration_owners": {"0": "0"},
                "locale": locale,
            }
        guild = self._guild(guild_id)
        channel_id = channel_id or guild.channel_ids[0]
        if channel_id not in guild.channel_ids:
            raise ValueError(f"channel {channel_id} is not in guild {guild_id}")
        return {
            "guild_id": str(guild_id),
            "guild_locale": guild_locale,
            "guild": {"id": str(guild_id), "locale": guild_locale, "features": []},
            "channel_id": str(channel_id),
            "channel": guild.channel(channel_id),
            "member": _member(user, roles=roles, permissions=permissions),
            "context": 0,
            "authorizing_integration_owners": {"0": str(guild_id)},
            "locale": locale,
        }

    def _find_command(self, name: str, guild_id: int | None) -> JSON | None:
        scopes = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for command in self._commands.get(scope, []):
                if command["name"] == name and command.get("type", 1) == 1:
                    return command
        return None

    def _command_data(
        self,
        name: str,
        options: Mapping[str, OptionValue],
        guild_id: int | None,
        invoker: _Invoker,
        *,
        focused: str | None,
    ) -> JSON:
        """``data`` of a slash command or autocomplete interaction, nesting subcommands."""
        root_name, *subcommands = name.split()
        schema = self._find_command(root_name, guild_id)
        data: JSON = {
            "id": schema["id"] if schema else str(self._snowflake()),
            "name": root_name,
            "type": 1,
        }
        if schema and "guild_id" in schema:
            data["guild_id"] = schema["guild_id"]  # discord.py looks guild commands up by it
        container = data
        known: list[JSON] | None = schema.get("options", []) if schema else None
        for index, sub_name in enumerate(subcommands):
            sub_schema = _option_schema(known, sub_name, name) if known is not None else None
            last = index == len(subcommands) - 1
            sub_type = sub_schema["type"] if sub_schema else (1 if last else 2)
            node: JSON = {"type": sub_type, "name": sub_name, "options": []}
            container.setdefault("options", []).append(node)
            container = node
            known = sub_schema.get("options", []) if sub_schema else None
        resolved: JSON = {}
        for option_name, value in options.items():
            option_schema = _option_schema(known, option_name, name) if known is not None else None
            option: JSON = {
                "type": option_schema["type"] if option_schema else _infer_option_type(value),
                "name": option_name,
                "value": value,
            }
            if option["type"] in _RESOLVED_OPTION_TYPES:
                option["value"] = self._resolve(option, option_schema, guild_id, invoker, resolved)
            elif option["type"] not in _PLAIN_OPTION_TYPES or isinstance(value, FakeUser):
                raise ValueError(f"option {option_name!r} of type {option['type']} is not faked")
            if option_name == focused:
                option["focused"] = True
            container.setdefault("options", []).append(option)
        if focused is not None and focused not in options:
            raise ValueError(f"focused option {focused!r} has no value in {dict(options)}")
        if resolved and focused is None:  # autocomplete interactions carry no resolved data
            data["resolved"] = resolved
        return data

    def _resolve(
        self,
        option: JSON,
        schema: JSON | None,
        guild_id: int | None,
        invoker: _Invoker,
        resolved: JSON,
    ) -> str:
        """Check a user, channel, role or mentionable option's value as Discord would offer
        it, and add the object it names to ``resolved``. Returns the option's wire value: the
        id, as a string."""
        value, label = option["value"], f"option {option['name']!r}"
        if isinstance(value, FakeUser):
            self.users.setdefault(value.id, value)
            value = value.id
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{label} takes an id, not {value!r}")
        guild = None if guild_id is None else self._guild(guild_id)
        option_type = option["type"]
        if option_type == 9:  # mentionable: a role or a user
            option_type = 8 if guild is not None and value in (guild.id, *guild.roles) else 6
        if option_type == 6:
            user = self.users.get(value)
            if user is None:
                raise ValueError(f"{label}: unknown user {value} (add it with add_user)")
            resolved.setdefault("users", {})[str(value)] = user.to_api()
            if guild is not None:  # the invoker as in the interaction, others as plain members
                mine = user.id == invoker.user.id
                member = _resolved_member(
                    user,
                    roles=invoker.roles if mine else (),
                    permissions=invoker.permissions if mine else MEMBER_PERMISSIONS,
                )
                resolved.setdefault("members", {})[str(value)] = member
            return str(value)
        if guild is None:
            raise ValueError(f"{label}: channel and role options are only faked in a guild")
        if option_type == 7:
            channel = self._channels.get(value)
            if channel is None or channel.get("guild_id") != str(guild.id):
                raise ValueError(f"{label}: guild {guild.id} has no channel {value}")
            allowed = (schema or {}).get("channel_types") or []
            if allowed and channel["type"] not in allowed:
                raise ValueError(
                    f"{label}: Discord only offers channels of types {allowed}; "
                    f"channel {value} is of type {channel['type']}"
                )
            resolved.setdefault("channels", {})[str(value)] = _resolved_channel(
                channel, invoker.permissions
            )
        else:
            resolved.setdefault("roles", {})[str(value)] = guild.role(value)
        return str(value)

    async def _inject(
        self, type_: int, data: JSON, context: JSON, *, message: FakeMessage | None = None
    ) -> InjectedInteraction:
        interaction_id = self._snowflake()
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(APPLICATION_ID),
            "type": type_,
            "token": f"tok-{interaction_id}",
            "version": 1,
            "data": data,
            "entitlements": [],
            "attachment_size_limit": 10 << 20,
            "app_permissions": MEMBER_PERMISSIONS,
            **context,
        }
        if "guild_id" in payload:  # the bot's permissions in the channel it was invoked in
            guild = self._guild(int(payload["guild_id"]))
            payload["app_permissions"] = str(guild.bot_permissions(int(payload["channel_id"])))
        session = self._session_for(int(payload["guild_id"]) if "guild_id" in payload else None)
        delivery = self._sequence(session, "INTERACTION_CREATE", payload)
        interaction = InjectedInteraction(self, delivery, message)
        self.interactions.append(interaction)
        self._interactions[interaction.id] = interaction  # before the bot can possibly answer
        self._interactions_by_token[interaction.token] = interaction
        await self._transmit(session, delivery)
        await self._notify()
        return interaction

    # ----------------------------------------------------------------- gateway server

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        connection = _Connection(ws)
        self._connections.add(connection)
        try:
            await connection.send(
                {"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}
            )
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    continue
                frame = json.loads(message.data)
                if frame.get("op") == 1:
                    await connection.send({"op": 11, "d": None, "s": None, "t": None})
                    continue
                self.gateway_frames.append(frame)
                if frame.get("op") == 2:
                    await self._identify(connection, frame["d"])
                elif frame.get("op") == 6:
                    await self._resume(connection, frame["d"])
                await self._notify()
        finally:
            self._connections.discard(connection)
            if connection.session is not None and connection.session.connection is connection:
                connection.session.connection = None
        return ws

    async def _identify(self, connection: _Connection, identify: JSON) -> None:
        self.identified_at.append(time.monotonic())
        shard_id, shard_count = identify.get("shard", (0, 1))
        session = _Session(
            session_id=f"sess-{next(self._session_numbers)}",
            shard_id=shard_id,
            shard_count=shard_count,
            sharded="shard" in identify,
            connection=connection,
        )
        self._sessions[shard_id] = connection.session = session
        guilds = [g for g in self.guilds if (g.id >> 22) % shard_count == shard_id]
        ready: JSON = {
            "v": 10,
            "user": BOT_USER.to_api(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APPLICATION_ID), "flags": 0},
        }
        if session.sharded:
            ready["shard"] = [shard_id, shard_count]
        await self._send_dispatch(session, "READY", ready)
        for guild in guilds:
            await self._send_dispatch(session, "GUILD_CREATE", guild.to_gateway())

    async def _resume(self, connection: _Connection, resume: JSON) -> None:
        session = next(
            (s for s in self._sessions.values() if s.session_id == resume.get("session_id")),
            None,
        )
        if session is None:
            await connection.send({"op": 9, "d": False, "s": None, "t": None})
            return
        connection.session = session
        # Replay what was missed, including events queued during the replay itself, and only
        # then attach the socket (no await in between), so that no event overtakes another.
        last_sent = resume.get("seq") or 0
        while missed := [d for d in session.history if d.seq > last_sent]:
            for delivery in missed:
                await connection.send(delivery.frame())
            last_sent = missed[-1].seq
        session.connection = connection
        await self._send_dispatch(session, "RESUMED", {})

    def _session_for(self, guild_id: int | None) -> _Session:
        shard_id = self.shard_for(guild_id)
        session = self._sessions.get(shard_id)
        if session is None:
            raise RuntimeError(f"no gateway session on shard {shard_id}: is the bot connected?")
        return session

    def _sequence(self, session: _Session, event: str, data: JSON) -> Delivery:
        """Number an event and keep it for replay; :meth:`_transmit` sends it."""
        session.seq += 1
        delivery = Delivery(session.shard_id, session.seq, event, data)
        session.history.append(delivery)
        self.deliveries.append(delivery)
        return delivery

    async def _transmit(self, session: _Session, delivery: Delivery) -> None:
        """Send if the shard is connected; otherwise the next RESUME replays it."""
        if session.connection is not None and not session.connection.ws.closed:
            with contextlib.suppress(ConnectionResetError):
                await session.connection.send(delivery.frame())

    async def _send_dispatch(self, session: _Session, event: str, data: JSON) -> Delivery:
        delivery = self._sequence(session, event, data)
        await self._transmit(session, delivery)
        return delivery

    # ----------------------------------------------------------------- REST plumbing

    def _routes(self) -> list[tuple[str, re.Pattern[str], _Handler]]:
        commands = "/applications/{application_id}/commands"
        guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
        webhook_message = "/webhooks/{application_id}/{token}/messages/{message_id}"
        channel_message = "/channels/{channel_id}/messages/{message_id}"
        table: list[tuple[str, str, _Handler]] = [  # first match wins: @me before {user_id}
            ("GET", "/users/@me", self._get_me),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("GET", commands, self._get_commands),
            ("PUT", commands, self._put_commands),
            ("GET", guild_commands, self._get_commands),
            ("PUT", guild_commands, self._put_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._callback),
            ("POST", "/webhooks/{application_id}/{token}", self._create_followup),
            ("GET", webhook_message, self._get_webhook_message),
            ("PATCH", webhook_message, self._edit_webhook_message),
            ("DELETE", webhook_message, self._delete_webhook_message),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("POST", "/channels/{channel_id}/messages", self._create_channel_message),
            ("GET", channel_message, self._get_channel_message),
            ("PATCH", channel_message, self._edit_channel_message),
            ("DELETE", channel_message, self._delete_channel_message),
        ]
        return [(method, _route_pattern(path), handler) for method, path, handler in table]

    async def _api(self, request: web.Request) -> web.Response:
        """Every REST request: record it, then a programmed fault or the route's answer."""
        payload, files = await _read_body(request)
        record = RecordedRequest(
            method=request.method,
            path="/" + request.match_info["path"],
            query=dict(request.query),
            json=payload,
            files=tuple(files.values()),
        )
        self.requests.append(record)
        fault = next((f for f in self._faults if f.matches(record.method, record.path)), None)
        if fault is not None and fault.spend():
            answer = fault.answer()
        else:
            answer = self._route(record, files)
        record.status, record.response = answer.status, answer.body
        hold = next((h for h in self._holds if h.takes(record.method, record.path)), None)
        if hold is not None:
            hold.waiting.append(record)
        await self._notify()
        if hold is not None:
            await hold.release.wait()
            hold.waiting.remove(record)
        if answer.body is None:
            return web.Response(status=answer.status)
        return _json_response(answer.body, status=answer.status, headers=answer.headers)

    def _route(self, record: RecordedRequest, files: Mapping[str, Upload]) -> _Answer:
        for method, pattern, handler in self._api_routes:
            match = pattern.fullmatch(record.path)
            if match is not None and method == record.method:
                try:
                    body = handler(_Call(match.groupdict(), record.json, files))
                except _ApiError as error:
                    return _Answer(error.status, error.body())
                return _Answer(200, body) if body is not None else _Answer(204, None)
        self.unknown_routes.append(record)
        return _Answer(404, _ApiError(404).body())

    def _user(self, user_id: int) -> FakeUser:
        user = self.users.get(user_id)
        if user is None:
            raise _ApiError(404, 10013)
        return user

    def _channel(self, call: _Call) -> JSON:
        channel = self._channels.get(_int(call.params["channel_id"]))
        if channel is None:
            raise _ApiError(404, 10003)
        return channel

    def _channel_message(self, call: _Call) -> FakeMessage:
        channel = self._channel(call)
        message = self.messages.get(_int(call.params["message_id"]))
        if message is None or message.deleted or message.data["channel_id"] != channel["id"]:
            raise _ApiError(404, 10008)
        return message

    def _token_interaction(self, call: _Call) -> InjectedInteraction:
        """The interaction behind a webhook token: unknown 10015, expired 50027, not yet
        acknowledged 10015."""
        interaction = self._interactions_by_token.get(call.params["token"])
        if interaction is None or call.params["application_id"] != str(APPLICATION_ID):
            raise _ApiError(404, 10015)
        if asyncio.get_running_loop().time() > interaction.token_deadline:
            raise _ApiError(401, 50027)
        if interaction.response is None:
            raise _ApiError(404, 10015)
        return interaction

    def _webhook_message(self, call: _Call) -> tuple[InjectedInteraction, FakeMessage]:
        interaction = self._token_interaction(call)
        message_id = call.params["message_id"]
        if message_id == "@original":
            message = interaction.original
        else:
            owned = [interaction.original, *interaction.followups]
            message = next((m for m in owned if m is not None and str(m.id) == message_id), None)
        if message is None or message.deleted:
            raise _ApiError(404, 10008)
        return interaction, message

    def _new_message(
        self,
        channel_id: int,
        payload: JSON,
        files: Mapping[str, Upload],
        *,
        interaction: InjectedInteraction | None = None,
        message_type: int = 0,
    ) -> FakeMessage:
        channel = self._channels[channel_id]
        message_id = self._snowflake()
        data: JSON = {
            "id": str(message_id),
            "type": message_type,
            "channel_id": str(channel_id),
            "author": BOT_USER.to_api(),
            "content": "",
            "embeds": [],
            "attachments": [],
            "components": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "flags": payload.get("flags") or 0,
        }
        if "guild_id" in channel:
            data["guild_id"] = channel["guild_id"]
        if interaction is not None:
            data["webhook_id"] = data["application_id"] = str(APPLICATION_ID)
        message = FakeMessage(data, interaction_id=None if interaction is None else interaction.id)
        self._apply(message, payload, files)
        self.messages[message_id] = message
        return message

    def _apply(self, message: FakeMessage, payload: JSON, files: Mapping[str, Upload]) -> None:
        """Set the message fields present in ``payload``; attach ``files``."""
        for key, empty in (("content", ""), ("embeds", []), ("components", [])):
            if key in payload:
                message.data[key] = payload[key] if payload[key] is not None else empty
        for key in ("tts", "poll", "nonce"):
            if key in payload:
                message.data[key] = payload[key]
        attachments = {a["id"]: a for a in message.data["attachments"]}
        wanted = payload.get("attachments")
        if wanted is None:  # no list: keep the current attachments, add the new files
            wanted = [*attachments.values(), *({"id": index} for index in files)]
        message.data["attachments"] = []
        for entry in wanted:
            key = str(entry["id"])
            if key in files:
                upload = files[key]
                attachment_id = str(self._snowflake())
                url = f"{self._base_url}/attachments/{message.channel_id}/{attachment_id}/"
                message.data["attachments"].append(
                    {
                        "id": attachment_id,
                        "filename": upload.filename,
                        "size": len(upload.data),
                        "url": url + upload.filename,
                        "proxy_url": url + upload.filename,
                        "content_type": upload.content_type,
                    }
                )
                message.uploads[attachment_id] = upload
            elif key in attachments:
                message.data["attachments"].append(attachments[key])

    def _edit(
        self,
        message: FakeMessage,
        payload: JSON,
        files: Mapping[str, Upload],
        interaction: InjectedInteraction | None,
    ) -> None:
        """Edit (or fill in a deferred placeholder): keep the ephemeral flag, end loading."""
        _validate_message(payload, has_files=bool(files), creating=message.loading)
        self._apply(message, payload, files)
        flags = payload.get("flags") or 0
        message.data["flags"] = flags & ~(EPHEMERAL | LOADING) | message.flags & EPHEMERAL
        message.data["edited_timestamp"] = datetime.now(UTC).isoformat()
        message.edits.append(payload)
        if interaction is not None:
            interaction._settle(message)

    # ----------------------------------------------------------------- REST handlers

    def _get_me(self, call: _Call) -> JSON:
        return BOT_USER.to_api()

    def _get_user(self, call: _Call) -> JSON:
        return self._user(_int(call.params["user_id"])).to_api()

    def _create_dm(self, call: _Call) -> JSON:
        user = self._user(_int(str(call.json["recipient_id"])))
        return self._dm_channel(user)

    def _get_application(self, call: _Call) -> JSON:
        return {
            "id": str(APPLICATION_ID),
            "name": BOT_USER.username,
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": ALICE.to_api(),
            "verify_key": "0" * 64,
            "flags": 0,
        }

    def _get_gateway_bot(self, call: _Call) -> JSON:
        return {
            "url": self.gateway_url,
            "shards": self.shards,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 1000,
                "max_concurrency": 1,
            },
        }

    def _command_scope(self, call: _Call) -> int | None:
        if call.params["application_id"] != str(APPLICATION_ID):
            raise _ApiError(403, 50001)
        guild_id = call.params.get("guild_id")
        if guild_id is None:
            return None
        if _int(guild_id) not in {g.id for g in self.guilds}:
            raise _ApiError(403, 50001)
        return _int(guild_id)

    def _get_commands(self, call: _Call) -> list[JSON]:
        return self._commands.get(self._command_scope(call), [])

    def _put_commands(self, call: _Call) -> list[JSON]:
        guild_id = self._command_scope(call)
        stored = []
        for index, command in enumerate(call.json):
            _validate_command(command, str(index))
            key = (guild_id, command["name"])
            command_id = self._command_ids.setdefault(key, self._snowflake())
            stored.append(
                {
                    **command,
                    "id": str(command_id),
                    "application_id": str(APPLICATION_ID),
                    "version": str(self._snowflake()),
                    "description": command.get("description", ""),
                    **({} if guild_id is None else {"guild_id": str(guild_id)}),
                }
            )
        self._commands[guild_id] = stored
        return stored

    def _callback(self, call: _Call) -> JSON:
        """An interaction's acknowledgement: single, in time, of a type that fits."""
        interaction = self._interactions.get(_int(call.params["interaction_id"]))
        if interaction is None or interaction.token != call.params["token"]:
            raise _ApiError(404, 10062)
        type_: int = call.json["type"]
        data: JSON = call.json.get("data") or {}
        try:
            if interaction.response is not None:
                raise _ApiError(400, 40060)
            if asyncio.get_running_loop().time() > interaction.response_deadline:
                raise _ApiError(404, 10062)
            if type_ not in _ALLOWED_CALLBACKS[interaction.type]:
                raise _ApiError(400, 50035, errors=_errors("type", "BASE_TYPE_CHOICES"))
            if type_ in (4, 7):
                _validate_message(data, has_files=bool(call.files), creating=type_ == 4)
            if type_ == 8:
                _validate_choices(data.get("choices", []))
        except _ApiError as error:
            callback = Callback(type_, data, tuple(call.files.values()), error.status, error.code)
            interaction.callbacks.append(callback)
            raise
        interaction.callbacks.append(Callback(type_, data, tuple(call.files.values()), 200, None))
        if type_ == 4:
            interaction.original = self._new_message(
                interaction.channel_id,
                data,
                call.files,
                interaction=interaction,
                message_type=_COMMAND_ORIGINAL_TYPE if interaction.type == 2 else 0,
            )
            interaction._settle(interaction.original)
        elif type_ == 5:
            placeholder = {"content": "", "flags": LOADING | data.get("flags", 0) & EPHEMERAL}
            interaction.original = self._new_message(
                interaction.channel_id, placeholder, {}, interaction=interaction
            )
        elif type_ in (6, 7):
            interaction.original = interaction.message
            if type_ == 7 and interaction.message is not None:
                self._edit(interaction.message, data, call.files, interaction)
        response: JSON = {"type": interaction.type, "id": str(interaction.id)}
        resource: JSON = {"type": type_}
        if interaction.original is not None and type_ != 8:
            response["response_message_id"] = str(interaction.original.id)
            response["response_message_loading"] = interaction.original.loading
            response["response_message_ephemeral"] = interaction.original.ephemeral
            if type_ in (4, 5, 7):
                resource["message"] = interaction.original.to_api()
        return {"interaction": response, "resource": resource}

    def _create_followup(self, call: _Call) -> JSON:
        interaction = self._token_interaction(call)
        original = interaction.original
        if original is not None and original.loading and not original.deleted:
            # The first followup fills the defer in (and keeps the defer's visibility).
            self._edit(original, call.json, call.files, interaction)
            return original.to_api()
        _validate_message(call.json, has_files=bool(call.files), creating=True)
        message = self._new_message(
            interaction.channel_id, call.json, call.files, interaction=interaction
        )
        interaction.followups.append(message)
        interaction._settle(message)
        return message.to_api()

    def _get_webhook_message(self, call: _Call) -> JSON:
        return self._webhook_message(call)[1].to_api()

    def _edit_webhook_message(self, call: _Call) -> JSON:
        interaction, message = self._webhook_message(call)
        self._edit(message, call.json, call.files, interaction)
        return message.to_api()

    def _delete_webhook_message(self, call: _Call) -> None:
        self._webhook_message(call)[1].deleted = True

    def _get_channel(self, call: _Call) -> JSON:
        return self._channel(call)

    def _create_channel_message(self, call: _Call) -> JSON:
        channel = self._channel(call)
        nonce = call.json.get("nonce")
        if nonce is not None and call.json.get("enforce_nonce") and nonce in self._nonces:
            earlier, sent_at = self._nonces[nonce]
            if time.monotonic() - sent_at < self.nonce_window:
                return earlier.to_api()
        self._check_bot_may_post(channel)
        _validate_message(call.json, has_files=bool(call.files), creating=True)
        message = self._new_message(int(channel["id"]), call.json, call.files)
        if nonce is not None:
            self._nonces[nonce] = (message, time.monotonic())
        return message.to_api()

    def _check_bot_may_post(self, channel: JSON) -> None:
        """403 Missing Permissions where an overwrite denies the bot viewing or sending."""
        if "guild_id" not in channel:
            return
        allowed = self._guild(int(channel["guild_id"])).bot_permissions(int(channel["id"]))
        if allowed & (VIEW_CHANNEL | SEND_MESSAGES) != VIEW_CHANNEL | SEND_MESSAGES:
            raise _ApiError(403, 50013)

    def _get_channel_message(self, call: _Call) -> JSON:
        return self._channel_message(call).to_api()

    def _edit_channel_message(self, call: _Call) -> JSON:
        message = self._channel_message(call)
        self._edit(message, call.json, call.files, None)
        return message.to_api()

    def _delete_channel_message(self, call: _Call) -> None:
        self._channel_message(call).deleted = True


# --------------------------------------------------------------------------- helpers


@contextlib.contextmanager
def point_discord_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base and default gateway at ``fake``; restore them on exit."""
    route_base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = route_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@contextlib.asynccontextmanager
async def run_client(
    client: ClientT, *, token: str = "fake-token", ready_timeout: float = 15.0
) -> AsyncIterator[ClientT]:
    """Log ``client`` in, connect it, wait for ``on_ready``; close it on exit.

    ``on_ready`` fires ``guild_ready_timeout`` (a client option, 2 s by default) after the
    last GUILD_CREATE: pass ``guild_ready_timeout=0.1`` to the client to start faster.
    """
    connection: asyncio.Task[None] | None = None
    ready = asyncio.ensure_future(client.wait_until_ready())
    try:
        await client.login(token)
        connection = asyncio.create_task(client.connect(), name=f"connect {client!r}")
        done, _ = await asyncio.wait(
            {connection, ready}, timeout=ready_timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if connection in done:
            connection.result()
            raise RuntimeError("the client stopped before it was ready")
        if ready not in done:
            raise TimeoutError(f"the client was not ready within {ready_timeout}s")
        yield client
    finally:
        ready.cancel()
        # Bounded, so a client that cannot stop fails the test instead of hanging the suite.
        await asyncio.wait_for(client.close(), timeout=60)
        if connection is not None:
            await asyncio.wait_for(connection, timeout=60)


def _json_response(
    data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    """JSON with exactly ``Content-Type: application/json`` (a charset breaks discord.py)."""
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


async def _read_body(request: web.Request) -> tuple[Any, dict[str, Upload]]:
    """The JSON body, or the ``payload_json`` and files of a multipart one."""
    if request.content_type == "multipart/form-data":
        form = await request.post()
        files: dict[str, Upload] = {}
        payload: Any = None
        for name, value in form.items():
            if isinstance(value, web.FileField):
                index = re.fullmatch(r"files\[(\d+)\]", name)
                upload = Upload(value.filename, value.content_type, value.file.read())
                files[index.group(1) if index else name] = upload
            elif name == "payload_json":
                payload = json.loads(str(value))
        return payload, files
    return (await request.json() if request.can_read_body else None), {}


def _route_pattern(template: str) -> re.Pattern[str]:
    """``/channels/{channel_id}`` -> a regex whose group ``channel_id`` takes one segment."""
    segments = template.split("/")
    return re.compile(
        "/".join(f"(?P<{s[1:-1]}>[^/]+)" if s.startswith("{") else re.escape(s) for s in segments)
    )


def _int(value: str) -> int:
    """A snowflake from the request; anything else names no resource (404)."""
    if not value.isdigit():
        raise _ApiError(404)
    return int(value)


def _member(user: FakeUser, *, roles: Sequence[int], permissions: str | None) -> JSON:
    member: JSON = {
        "user": user.to_api(),
        "roles": [str(role) for role in roles],
        "joined_at": _JOINED_AT,
        "flags": 0,
        "deaf": False,
        "mute": False,
        "nick": None,
        "avatar": None,
        "pending": False,
        "premium_since": None,
        "communication_disabled_until": None,
        "banner": None,
    }
    if permissions is not None:  # only interaction members carry resolved permissions
        member["permissions"] = permissions
    return member


def _resolved_member(user: FakeUser, *, roles: Sequence[int], permissions: str) -> JSON:
    """A member in ``data.resolved.members``: partial, without ``user``, ``deaf`` and ``mute``
    (the user is in ``resolved.users``)."""
    member = _member(user, roles=roles, permissions=permissions)
    for key in ("user", "deaf", "mute"):
        del member[key]
    return member


def _resolved_channel(channel: JSON, permissions: str) -> JSON:
    """A channel in ``data.resolved.channels``: the channel without its overwrites, plus the
    invoking member's permissions there (the fake has no overwrites: their guild-wide ones)."""
    resolved = {key: value for key, value in channel.items() if key != "permission_overwrites"}
    resolved["permissions"] = permissions
    return resolved


def _walk_components(components: list[JSON]) -> Iterator[JSON]:
    for component in components:
        yield component
        yield from _walk_components(component.get("components", []))
        if "accessory" in component:
            yield component["accessory"]


def _option_schema(options: list[JSON], name: str, command: str) -> JSON:
    for option in options:
        if option["name"] == name:
            return option
    known = [o["name"] for o in options]
    raise ValueError(f"/{command} has no option or subcommand {name!r}; it has {known}")


def _infer_option_type(value: object) -> int:
    if isinstance(value, FakeUser):
        return 6
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _errors(path: str, code: str, message: str = "Invalid value.") -> JSON:
    """Discord's nested ``errors`` object for one field, ``path`` dotted (``embeds.0.title``)."""
    node: JSON = {"_errors": [{"code": code, "message": message}]}
    for key in reversed(path.split(".")):
        node = {key: node}
    return node


def _too_long(path: str, limit: int) -> JSON:
    return _errors(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _validate_message(payload: JSON, *, has_files: bool, creating: bool) -> None:
    """Raise what Discord answers to a message it refuses (50035 limits, 50006 empty)."""
    content = payload.get("content") or ""
    embeds: list[JSON] = payload.get("embeds") or []
    if len(content) > 2000:
        raise _ApiError(400, 50035, errors=_too_long("content", 2000))
    if len(embeds) > 10:
        raise _ApiError(400, 50035, errors=_too_long("embeds", 10))
    total = 0
    for index, embed in enumerate(embeds):
        texts = {
            "title": (embed.get("title"), 256),
            "description": (embed.get("description"), 4096),
            "footer.text": (embed.get("footer", {}).get("text"), 2048),
            "author.name": (embed.get("author", {}).get("name"), 256),
        }
        fields: list[JSON] = embed.get("fields", [])
        if len(fields) > 25:
            raise _ApiError(400, 50035, errors=_too_long(f"embeds.{index}.fields", 25))
        for number, embed_field in enumerate(fields):
            for key, limit in (("name", 256), ("value", 1024)):
                text = embed_field.get(key)
                if not text:
                    path = f"embeds.{index}.fields.{number}.{key}"
                    raise _ApiError(400, 50035, errors=_errors(path, "BASE_TYPE_REQUIRED"))
                texts[f"fields.{number}.{key}"] = (text, limit)
        for key, (text, limit) in texts.items():
            if text and len(text) > limit:
                raise _ApiError(400, 50035, errors=_too_long(f"embeds.{index}.{key}", limit))
            total += len(text or "")
    if total > 6000:
        message = "Embed size exceeds maximum size of 6000"
        raise _ApiError(400, 50035, errors=_errors("embeds", "MAX_EMBED_SIZE_EXCEEDED", message))
    sendable = ("components", "poll", "sticker_ids")
    if creating and not (content or embeds or has_files or any(payload.get(k) for k in sendable)):
        raise _ApiError(400, 50006)


def _validate_choices(choices: list[JSON]) -> None:
    """Autocomplete: at most 25 choices, names of 1-100 characters, string values <= 100."""
    if len(choices) > 25:
        raise _ApiError(400, 50035, errors=_too_long("data.choices", 25))
    for index, choice in enumerate(choices):
        if not 1 <= len(choice.get("name", "")) <= 100:
            raise _ApiError(400, 50035, errors=_too_long(f"data.choices.{index}.name", 100))
        value = choice.get("value")
        if isinstance(value, str) and len(value) > 100:
            raise _ApiError(400, 50035, errors=_too_long(f"data.choices.{index}.value", 100))


#: Discord's rule for command and option names, localised ones included (lowercase where the
#: script has case): ``^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$``.
_COMMAND_NAME = re.compile(r"^[-_\w\u0900-\u097f\u0e00-\u0e7f]{1,32}$")
#: The locales Discord accepts in ``name_localizations``/``description_localizations``.
_DISCORD_LOCALES = frozenset(locale.value for locale in discord.Locale)


def _validate_command(payload: JSON, path: str) -> None:
    """A command or option as Discord checks it on a bulk overwrite: names (and their
    localisations) lowercase and of Discord's characters, descriptions of 1-100 characters,
    localisations only for Discord's locales, then the same for each option."""
    is_chat_input = payload.get("type", 1) == 1 or "description" in payload
    names = {"": payload.get("name", ""), **(payload.get("name_localizations") or {})}
    descriptions = {"": payload.get("description", "")}
    descriptions.update(payload.get("description_localizations") or {})
    for locale, name in names.items():
        where = f"{path}.name_localizations.{locale}" if locale else f"{path}.name"
        if locale and locale not in _DISCORD_LOCALES:
            raise _ApiError(400, 50035, errors=_errors(where, "LOCALE_INVALID"))
        if is_chat_input and (not _COMMAND_NAME.match(name) or name != name.lower()):
            raise _ApiError(400, 50035, errors=_errors(where, "APPLICATION_COMMAND_INVALID_NAME"))
    for locale, description in descriptions.items():
        where = f"{path}.description_localizations.{locale}" if locale else f"{path}.description"
        if locale and locale not in _DISCORD_LOCALES:
            raise _ApiError(400, 50035, errors=_errors(where, "LOCALE_INVALID"))
        if is_chat_input and not 1 <= len(description) <= 100:
            raise _ApiError(400, 50035, errors=_too_long(where, 100))
    for index, option in enumerate(payload.get("options") or []):
        _validate_command(option, f"{path}.options.{index}")
