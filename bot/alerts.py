"""The alert worker: delivers the outbox to Discord, once per item, whatever happens.

Woken by ``wake()`` (after a refresh) and otherwise every ``poll`` seconds, or when the next
retry falls due, it claims due items from the outbox (``data.outbox``) and sends each as one
message (more only when it exceeds Discord's limits). Every message carries the item's nonce
with ``enforce_nonce``: if the process dies after Discord accepted a message but before the item
was marked sent, the retry returns the existing message instead of posting a second one. Discord
remembers nonces for a few minutes only, so each delivered part of a split alert is recorded
(``parts_sent``) and a later retry sends only the parts still missing.

Outcomes: delivered -> ``mark_sent``; 429, 5xx or a network error -> ``reschedule`` with
backoff; 403/404 -> ``unreachable`` (subscriptions disabled, the owner or the server told
once); any other refusal -> ``give_up``. Nothing retries forever (``max_attempts``).

Rate limits are discord.py's to wait out: the client sets no ``max_ratelimit_timeout``, so it
sleeps through a 429's ``Retry-After`` and never raises ``discord.RateLimited``; a 429 it
stops retrying reaches us as an ``HTTPException`` with status 429, rescheduled like a 5xx.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import aiohttp
import discord

from commands.i18n import speaking
from commands.render_alerts import alert_messages
from data.domain.delivery import OutboxItem, nonce, parse_destination
from data.domain.locales import DEFAULT_LOCALE
from data.outbox import Outbox

log = logging.getLogger(__name__)

#: Never sleep less than this between drains (a due time in the past means "now").
_MIN_WAIT_S = 0.05


#: How often finished outbox items older than the retention are deleted.
PRUNE_EVERY_S = 3600.0


class AlertDispatcher:
    """Delivers outbox items through ``client``; ``start`` it once, ``stop`` it on close."""

    def __init__(
        self,
        outbox: Outbox,
        client: discord.Client,
        *,
        poll: float = 60.0,
        pace: float = 0.5,
    ) -> None:
        """``poll``: the longest wait between drains; ``pace``: the pause between messages."""
        self._outbox = outbox
        self._client = client
        self._poll = poll
        self._pace = pace
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._pruned_at = -PRUNE_EVERY_S  # prune on the first round

    def start(self) -> None:
        """Run the worker in the background, draining at once (items left by a restart)."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="alert dispatcher")

    async def stop(self) -> None:
        """Stop the worker; an item it was sending stays leased and is retried later."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def wake(self) -> None:
        """Drain now (new items were queued)."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            self._wake.clear()  # wakes during the drain make the next wait return at once
            try:
                await self.drain()
                await self._prune_now_and_then()
                wait = await self._until_next()
            except Exception:  # the store may be away for a while: keep the worker alive
                log.exception("alert delivery failed; retrying in %.0f s", self._poll)
                wait = self._poll
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def _prune_now_and_then(self) -> None:
        """Delete old delivered and given-up items, at most every ``PRUNE_EVERY_S``."""
        now = time.monotonic()
        if now - self._pruned_at >= PRUNE_EVERY_S:
            self._pruned_at = now
            pruned = await self._outbox.prune()
            if pruned:
                log.info("pruned %d delivered or given-up alerts", pruned)

    async def _until_next(self) -> float:
        seconds = await self._outbox.seconds_until_due()
        return self._poll if seconds is None else min(self._poll, max(_MIN_WAIT_S, seconds))

    async def drain(self) -> int:
        """Deliver every item due now; returns how many were handled (sent or not)."""
        handled = 0
        while items := await self._outbox.claim_due():
            for item in items:
                await self._deliver(item)
                handled += 1
                if self._pace:
                    await asyncio.sleep(self._pace)
        return handled

    async def _deliver(self, item: OutboxItem) -> None:
        log.info("sending alert %d to %s (attempt %d)", item.id, item.destination, item.attempts)
        try:
            channel = await self._channel(item.destination)
            with speaking(item.locale or DEFAULT_LOCALE):  # the subscriber's language
                messages = alert_messages(item)
            for part in range(item.parts_sent, len(messages)):
                await channel.send(
                    embeds=messages[part],
                    nonce=nonce(item.id, part),
                    allowed_mentions=discord.AllowedMentions.none(),
                )
                if part + 1 < len(messages):  # the last part is recorded by mark_sent
                    await self._outbox.mark_parts_sent(item.id, part + 1)
        except discord.Forbidden:
            await self._outbox.unreachable(item, "forbidden")
        except discord.NotFound:
            await self._outbox.unreachable(item, "not_found")
        except discord.HTTPException as exc:
            error = f"HTTP {exc.status} {exc.code}: {exc.text[:200]}"
            if exc.status == 429 or exc.status >= 500:
                await self._retry(item, error)
            else:  # Discord refused this message; sending it again would be refused again
                await self._outbox.give_up(item.id, error)
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            await self._retry(item, f"{type(exc).__name__}: {exc}")
        except Exception as exc:  # a bug must not lose the alert: retried, then given up
            log.exception("alert %d to %s failed unexpectedly", item.id, item.destination)
            await self._retry(item, f"internal error: {type(exc).__name__}")
        else:
            await self._outbox.mark_sent(item.id)
            log.info("alert %d delivered to %s", item.id, item.destination)

    async def _retry(self, item: OutboxItem, error: str) -> None:
        due = await self._outbox.reschedule(item, error)
        log.warning(
            "alert %d to %s not delivered (%s); next try %s", item.id, item.destination, error, due
        )

    async def _channel(self, target: str) -> discord.abc.Messageable:
        """Where to send: a channel by id (no fetch needed), or the DM channel with a user."""
        kind, target_id = parse_destination(target)
        if kind == "channel":
            return self._client.get_partial_messageable(target_id)
        return await self._client.create_dm(discord.Object(id=target_id))
