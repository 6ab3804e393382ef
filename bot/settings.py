"""Settings from the environment or ``.env``: the only place that reads them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from platformdirs import user_data_dir
from pydantic import (
    AfterValidator,
    Field,
    SecretStr,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.scheduler import Schedule
from commands.cooldowns import DEFAULT_COOLDOWN_S
from data.domain.locales import DEFAULT_LOCALE, Locale, parse_locale
from data.sources import REGISTRY


def default_database_url() -> str:
    """A SQLite file in the user's data directory."""
    folder = Path(user_data_dir("podium", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite+aiosqlite:///{folder / 'podium.sqlite3'}"


def _valid_schedule(value: str | None) -> str | None:
    """Fail at start on a schedule that does not parse, naming the problem."""
    if value is not None and value.strip():
        Schedule.parse(value)
    return value


#: A schedule as written in the environment (``Schedule.parse``); blank means "the default".
ScheduleText = Annotated[str, AfterValidator(_valid_schedule)]


class CommonSettings(BaseSettings):
    """Every knob Podium has but the per-source ones. Secrets are ``SecretStr``, never logged."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    database_url: str = Field(default_factory=default_database_url, alias="PODIUM_DATABASE_URL")
    dev_guild_id: int | None = Field(default=None, alias="PODIUM_DEV_GUILD_ID")
    discord_api_base: str | None = Field(default=None, alias="PODIUM_DISCORD_API_BASE")
    discord_gateway_url: str | None = Field(default=None, alias="PODIUM_DISCORD_GATEWAY_URL")
    bundled_data: bool = Field(default=True, alias="PODIUM_BUNDLED_DATA")
    log_level: str = Field(default="INFO", alias="PODIUM_LOG_LEVEL")
    log_format: Literal["text", "json"] = Field(default="text", alias="PODIUM_LOG_FORMAT")
    # What this process does (``bot.runner``) and which gateway shards it runs (``bot.sharding``).
    role: Literal["all", "bot", "refresher"] = Field(default="all", alias="PODIUM_ROLE")
    shard_count: int | None = Field(default=None, alias="PODIUM_SHARD_COUNT", ge=1)
    shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = Field(
        default=None, alias="PODIUM_SHARD_IDS"
    )
    max_vanished_share: float = Field(default=0.5, alias="PODIUM_MAX_VANISHED_SHARE", ge=0, le=1)
    fetch_timeout_s: float = Field(default=30.0, alias="PODIUM_FETCH_TIMEOUT", gt=0)
    fetch_attempts: int = Field(default=4, alias="PODIUM_FETCH_ATTEMPTS", ge=1, le=10)
    fetch_backoff_s: float = Field(default=1.0, alias="PODIUM_FETCH_BACKOFF", ge=0)
    fetch_max_mb: float = Field(default=64.0, alias="PODIUM_FETCH_MAX_MB", gt=0)
    # Each registered source adds PODIUM_SOURCE_<ID>_URL and _SCHEDULE (``_per_source_fields``).
    # The refresh schedule (``Schedule.parse``): one default, optionally one per source.
    refresh_schedule: ScheduleText = Field(default="every 6h", alias="PODIUM_REFRESH_SCHEDULE")
    schedule_jitter_s: float = Field(default=300.0, alias="PODIUM_SCHEDULE_JITTER", ge=0)
    # Alert delivery (``data.outbox.DeliveryPolicy``, ``bot.alerts.AlertDispatcher``).
    alert_poll_s: float = Field(default=60.0, alias="PODIUM_ALERT_POLL", gt=0)
    alert_pace_s: float = Field(default=0.5, alias="PODIUM_ALERT_PACE", ge=0)
    alert_retry_s: float = Field(default=30.0, alias="PODIUM_ALERT_RETRY", gt=0)
    alert_max_attempts: int = Field(default=12, alias="PODIUM_ALERT_MAX_ATTEMPTS", ge=1)
    alert_lease_s: float = Field(default=60.0, alias="PODIUM_ALERT_LEASE", gt=0)
    alert_keep_days: float = Field(default=30.0, alias="PODIUM_ALERT_KEEP_DAYS", gt=0)
    # How often, at most, a command checks whether another process stored data (SQLite, or
    # PostgreSQL without its notification channel).
    version_poll_s: float = Field(default=1.0, alias="PODIUM_VERSION_POLL", ge=0)
    # Seconds between two expensive answers of one kind for one user (``commands.cooldowns``).
    cooldown_s: float = Field(default=DEFAULT_COOLDOWN_S, alias="PODIUM_COOLDOWN_S", ge=0)
    # The language of the console and `podium ask` (`--locale` overrides it); Discord answers
    # follow each interaction's locale.
    locale: Locale = Field(default=DEFAULT_LOCALE, alias="PODIUM_LOCALE")

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        """``DISCORD_TOKEN=`` (empty) means no token: run the offline console."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "dev_guild_id", "discord_api_base", "discord_gateway_url", "shard_count", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("role", "log_format", mode="before")
    @classmethod
    def _lower_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("locale", mode="before")
    @classmethod
    def _known_locale(cls, value: object) -> object:
        """``zh``, ``zh_CN``, ``en_US.UTF-8``... as the locale Podium speaks; blank: English."""
        if isinstance(value, str) and not value.strip():
            return DEFAULT_LOCALE
        return parse_locale(value) or value if isinstance(value, str) else value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _shard_id_list(cls, value: object) -> object:
        """``PODIUM_SHARD_IDS=0,1`` (commas or spaces); empty means every shard."""
        if isinstance(value, str):
            parts = value.replace(",", " ").split()
            try:
                return tuple(int(part) for part in parts) or None
            except ValueError:
                raise ValueError(f"expected shard ids like '0,1', got {value!r}") from None
        return value

    @model_validator(mode="after")
    def _shards_fit(self) -> CommonSettings:
        """Shard ids need the count, lie below it and appear once."""
        if self.shard_ids is None:
            return self
        if self.shard_count is None:
            raise ValueError("PODIUM_SHARD_IDS needs PODIUM_SHARD_COUNT")
        if len(set(self.shard_ids)) != len(self.shard_ids):
            raise ValueError(f"PODIUM_SHARD_IDS repeats a shard: {self.shard_ids}")
        outside = [i for i in self.shard_ids if not 0 <= i < self.shard_count]
        if outside:
            raise ValueError(
                f"PODIUM_SHARD_IDS {outside} outside 0..{self.shard_count - 1} "
                f"(PODIUM_SHARD_COUNT={self.shard_count})"
            )
        return self

    def schedule(self, source_id: str) -> Schedule | None:
        """When ``source_id`` is refreshed (``PODIUM_SOURCE_<ID>_SCHEDULE`` over
        ``PODIUM_REFRESH_SCHEDULE``); ``None`` when it is not."""
        value = getattr(self, f"source_{source_id}_schedule", None)
        return Schedule.parse(value if value and value.strip() else self.refresh_schedule)

    def source_url(self, source_id: str) -> str | None:
        """The address configured for a source (``PODIUM_SOURCE_<ID>_URL``), if any."""
        value = getattr(self, f"source_{source_id}_url", None)
        return str(value) if value else None

    def secrets(self) -> list[str]:
        """Values that must never appear in logs: the token and the database password."""
        found = [self.discord_token.get_secret_value()] if self.discord_token else []
        try:
            password = make_url(self.database_url).password
        except ArgumentError:
            password = None
        return found + ([str(password)] if password else [])


def _per_source_fields() -> dict[str, Any]:
    """``PODIUM_SOURCE_<ID>_URL`` and ``PODIUM_SOURCE_<ID>_SCHEDULE`` for every registered
    source, so a new source needs no line here."""
    fields: dict[str, Any] = {}
    for source_id in REGISTRY:
        env = f"PODIUM_SOURCE_{source_id.upper()}"
        fields[f"source_{source_id}_url"] = (str | None, Field(None, alias=f"{env}_URL"))
        fields[f"source_{source_id}_schedule"] = (
            ScheduleText | None,
            Field(None, alias=f"{env}_SCHEDULE"),
        )
    return fields


if TYPE_CHECKING:
    Settings = CommonSettings
else:
    Settings = create_model(
        "Settings",
        __base__=CommonSettings,
        __module__=__name__,
        __doc__=CommonSettings.__doc__,
        **_per_source_fields(),
    )


def load_settings() -> Settings:
    """Read the environment (and ``.env``) once, failing fast on invalid values."""
    return Settings()
