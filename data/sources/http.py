"""The production ``Fetcher``: conditional GETs with bounded retries, timeouts and a size cap.

Every failure becomes ``SourceUnavailable`` with a one-line reason a Discord user can read, so a
flaky or hostile publisher never takes the bot down or fills its memory. The ``aiohttp`` session
is owned by the caller (the bot or CLI composition root); this module only borrows it.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import math
import os
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version

import aiohttp
from yarl import URL

from data.domain.errors import SourceUnavailable
from data.sources.base import FetchResponse

logger = logging.getLogger(__name__)

#: Read the body in pieces of at most this many bytes, so the cap is checked as data arrives.
_CHUNK_BYTES = 64 * 1024


def _podium_version() -> str:
    """The installed version for the User-Agent; a bare source checkout has none."""
    try:
        return version("podium")
    except PackageNotFoundError:
        return "0+unknown"


_USER_AGENT = f"Podium/{_podium_version()} (+https://github.com/podium-bot/podium)"
#: A probe (a GET that may well find nothing) waits at most this long, whatever the policy.
PROBE_TIMEOUT_S = 10.0


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How patient and how trusting one ``HttpFetcher`` is; the defaults suit daily refreshes."""

    #: Whole attempt (connect, headers and body) must finish within this many seconds.
    timeout_s: float = 30.0
    #: Opening the TCP/TLS connection must finish within this many seconds.
    connect_timeout_s: float = 10.0
    #: Attempts in total, the first one included.
    max_attempts: int = 4
    #: Backoff before retry ``n`` is uniform in ``[0, min(backoff_max_s, base * 2**(n-1))]``.
    backoff_base_s: float = 1.0
    backoff_max_s: float = 30.0
    #: A server may ask (``Retry-After``) for a wait up to this long; a longer one is a failure.
    retry_after_max_s: float = 120.0
    #: Bodies larger than this (after decompression) are refused.
    max_bytes: int = 64 * 1024 * 1024
    user_agent: str = _USER_AGENT

    def __post_init__(self) -> None:
        """Refuse settings that would make the fetcher never try, never wait or accept nothing."""
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if min(self.timeout_s, self.connect_timeout_s) <= 0 or self.max_bytes <= 0:
            raise ValueError("timeouts and max_bytes must be positive")
        if min(self.backoff_base_s, self.backoff_max_s, self.retry_after_max_s) < 0:
            raise ValueError("backoff and retry-after limits must not be negative")


_DEFAULT_POLICY = FetchPolicy()


def _utc_now() -> datetime:
    """The wall clock, in UTC: the default for ``HttpFetcher(clock=...)``."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class _Failure:
    """Why one attempt failed, and whether trying again could help."""

    reason: str
    retryable: bool = True
    #: The wait the server asked for (``Retry-After``); ``None`` means use our own backoff.
    delay_s: float | None = None
    #: The HTTP status that refused the request; ``None`` when no answer came.
    status: int | None = None


class HttpFetcher:
    """Implements ``data.sources.base.Fetcher`` over a caller-owned ``aiohttp.ClientSession``."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        policy: FetchPolicy = _DEFAULT_POLICY,
        *,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        clock: Callable[[], datetime] = _utc_now,
        source_id: str = "",
    ) -> None:
        """Borrow ``session``; ``sleep`` and ``clock`` are injectable so tests control time.

        ``clock`` (aware UTC) is what a ``Retry-After`` HTTP date is measured against.
        """
        self._session = session
        self._policy = policy
        self._sleep = sleep
        self._clock = clock
        self._source_id = source_id
        # sock_connect rather than connect: waiting for a free slot in the caller's connection
        # pool is not the server being slow, and the total timeout still bounds it.
        self._timeout = aiohttp.ClientTimeout(
            total=policy.timeout_s, sock_connect=policy.connect_timeout_s
        )
        self._probe_timeout = aiohttp.ClientTimeout(
            total=min(policy.timeout_s, PROBE_TIMEOUT_S),
            sock_connect=min(policy.connect_timeout_s, PROBE_TIMEOUT_S),
        )

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        probe: bool = False,
    ) -> FetchResponse:
        """GET ``url`` (conditionally when validators are given): 200 with content, or 304.

        Retries 5xx, 429, timeouts and connection errors with backoff; anything else, or the
        last failed attempt, raises ``SourceUnavailable`` naming the reason and the URL (and
        the HTTP status, if one refused it). A ``probe`` makes a single attempt within at most
        ``PROBE_TIMEOUT_S``: it looks for a file that may well not exist.
        """
        where = redact_url(url)
        headers = self._headers(etag, last_modified)
        limits = self._probe_timeout if probe else self._timeout
        attempts = 1 if probe else self._policy.max_attempts
        attempt = 0
        while True:
            attempt += 1
            logger.info("GET %s (attempt %d of %d)", where, attempt, attempts)
            outcome = await self._attempt(url, headers, limits)
            if isinstance(outcome, FetchResponse):
                return outcome
            if not outcome.retryable or attempt == attempts:
                raise self._give_up(outcome, attempt, where)
            delay = outcome.delay_s if outcome.delay_s is not None else self._backoff(attempt)
            logger.warning("GET %s: %s; retrying in %.1f s", where, outcome.reason, delay)
            await self._sleep(delay)

    def _give_up(self, failure: _Failure, attempts: int, where: str) -> SourceUnavailable:
        """The error for the final failure; transient ones say how often we tried."""
        tries = f"{attempts} attempt" + ("s" if attempts > 1 else "")
        reason = f"{failure.reason} ({tries})" if failure.retryable else failure.reason
        logger.warning("GET %s failed: %s", where, reason)
        return SourceUnavailable(self._source_id, reason, where, status=failure.status)

    def _headers(self, etag: str | None, last_modified: str | None) -> dict[str, str]:
        """Request headers: our User-Agent plus the validators that make the GET conditional."""
        headers = {"User-Agent": self._policy.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter, so many bots do not retry in lockstep."""
        ceiling = min(self._policy.backoff_max_s, self._policy.backoff_base_s * 2 ** (attempt - 1))
        return random.uniform(0.0, ceiling)  # noqa: S311 - spreading retries, not cryptography

    async def _attempt(
        self, url: str, headers: dict[str, str], limits: aiohttp.ClientTimeout
    ) -> FetchResponse | _Failure:
        """One GET; network trouble becomes a ``_Failure`` instead of an exception."""
        try:
            # raise_for_status=False: the caller's session may enable it; we map statuses here.
            async with self._session.get(
                url, headers=headers, timeout=limits, raise_for_status=False
            ) as response:
                return await self._handle(url, response)
        except TimeoutError as exc:  # before ClientError: aiohttp's timeouts are both
            return _Failure(_timeout_reason(exc, limits))
        except aiohttp.ClientError as exc:
            return _client_error_failure(exc)

    async def _handle(self, url: str, response: aiohttp.ClientResponse) -> FetchResponse | _Failure:
        """Turn a response into the result, or into the failure its status means."""
        if response.status == HTTPStatus.NOT_MODIFIED:
            logger.info("GET %s -> 304 Not Modified", redact_url(url))
            return FetchResponse(url=url, status=304)
        if response.status != HTTPStatus.OK:
            return self._status_failure(response)
        content = await self._read_capped(response)
        if isinstance(content, _Failure):
            return content
        logger.info("GET %s -> 200, %s", redact_url(url), _size(len(content)))
        return FetchResponse(
            url=url,
            status=200,
            content=content,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            next_url=_next_link(response),
        )

    def _status_failure(self, response: aiohttp.ClientResponse) -> _Failure:
        """A non-200/304 status: 429 and 5xx may be retried (after ``Retry-After``), others not."""
        status = response.status
        label = f"HTTP {status} {response.reason or _phrase(status)}".rstrip()
        if status < HTTPStatus.BAD_REQUEST:
            return _Failure(f"unexpected {label}", retryable=False, status=status)
        if status != HTTPStatus.TOO_MANY_REQUESTS and status < HTTPStatus.INTERNAL_SERVER_ERROR:
            return _Failure(label, retryable=False, status=status)
        wait = _retry_after_seconds(response.headers.get("Retry-After"), self._clock())
        cap = self._policy.retry_after_max_s
        if wait is not None and wait > cap:
            return _Failure(
                f"HTTP {status}: asked to retry after {_seconds(math.ceil(wait))}, "
                f"more than the {_seconds(cap)} we wait",
                retryable=False,
                status=status,
            )
        return _Failure(label, delay_s=wait, status=status)

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes | _Failure:
        """The body, read piece by piece and abandoned as soon as it passes ``max_bytes``."""
        limit = self._policy.max_bytes
        announced = response.content_length
        if announced is not None and announced > limit:
            response.close()  # drop the connection rather than drain a body we will not use
            return _Failure(
                f"response larger than {_size(limit)} (Content-Length {_size(announced)})",
                retryable=False,
            )
        # Content-Length may be absent, or count compressed bytes, so count what arrives too.
        # Asking for at most one byte past the limit keeps the buffer within limit + 1.
        body = bytearray()
        while chunk := await response.content.read(min(_CHUNK_BYTES, limit + 1 - len(body))):
            body += chunk
            if len(body) > limit:
                response.close()
                return _Failure(f"response larger than {_size(limit)}", retryable=False)
        return bytes(body)


def _next_link(response: aiohttp.ClientResponse) -> str | None:
    """The ``rel="next"`` link of a paged answer (GitHub's and the Hub's ``Link`` header),
    resolved against the response's address; ``None`` without one or when it is garbled."""
    try:
        link = response.links.get("next")
    except ValueError:
        return None
    return str(link["url"]) if link is not None else None


def redact_url(url: str) -> str:
    """``url`` without user info, query string or fragment: what is safe to log or show."""
    try:
        parsed = URL(url)
    except (TypeError, ValueError):
        return "<invalid URL>"
    if parsed.absolute:  # only absolute URLs can carry user info (and yarl refuses otherwise)
        parsed = parsed.with_user(None)
    return str(parsed.with_query(None).with_fragment(None))


def _timeout_reason(exc: TimeoutError, timeout: aiohttp.ClientTimeout) -> str:
    """Which of the two limits of ``timeout`` ran out."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return f"timed out connecting after {_seconds(timeout.sock_connect or 0)}"
    return f"timed out after {_seconds(timeout.total or 0)}"


def _retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delay or HTTP date); ``None`` if unusable."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000" parses as naive; HTTP dates are always GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _client_error_failure(exc: aiohttp.ClientError) -> _Failure:
    """A one-line reason for an aiohttp error; only transient network trouble is retryable.

    The reasons are built from fields rather than ``str(exc)`` where that text carries the
    full URL, whose query string must not reach logs or users.
    """
    if isinstance(exc, aiohttp.InvalidURL):
        return _Failure("invalid URL", retryable=False)
    if isinstance(exc, aiohttp.TooManyRedirects):
        return _Failure("too many redirects", retryable=False)
    if isinstance(exc, aiohttp.ClientSSLError):
        return _Failure(f"TLS error connecting to {exc.host}:{exc.port}", retryable=False)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return _Failure(f"could not connect to {exc.host}:{exc.port}: {_os_reason(exc.os_error)}")
    if isinstance(exc, aiohttp.ClientResponseError):
        # aiohttp's parser errors quote the offending bytes: keep the first line, briefly.
        message = (exc.message or type(exc).__name__).strip().splitlines()[0]
        return _Failure(f"bad response: {_clip(message, 120)}")
    detail = " ".join(str(exc).split()) or type(exc).__name__
    return _Failure(f"connection error: {detail}")


def _clip(text: str, limit: int) -> str:
    """``text`` shortened to ``limit`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _os_reason(error: OSError) -> str:
    """``Connection refused`` rather than asyncio's ``Connect call failed ('1.2.3.4', 80)``."""
    if error.errno is not None and error.errno > 0:
        return os.strerror(error.errno)
    return error.strerror or str(error) or type(error).__name__  # DNS errors have negative errnos


def _phrase(status: int) -> str:
    """The standard reason phrase, for servers that send none."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _seconds(value: float) -> str:
    """``30 s``, ``0.2 s``: durations as people write them."""
    return f"{value:g} s"


def _size(count: int) -> str:
    """``64 MiB``, ``1.5 KiB``, ``200 bytes``."""
    for unit, name in ((1024**3, "GiB"), (1024**2, "MiB"), (1024, "KiB")):
        if count >= unit:
            return f"{count / unit:.1f}".removesuffix(".0") + f" {name}"
    return f"{count} bytes"
