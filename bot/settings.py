"""Settings from the environment or ``.env``: the only place that reads them."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.scheduler import Schedule


def default_database_url() -> str:
    """A SQLite file in the user's data directory."""
    folder = Path(user_data_dir("podium", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite+aiosqlite:///{folder / 'podium.sqlite3'}"


class Settings(BaseSettings):
    """Every knob Podium has. Secrets are ``SecretStr`` and never logged."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    discord_token: SecretStr | None = Field(default=None, alias="DISCORD_TOKEN")
    database_url: str = Field(default_factory=default_database_url, alias="PODIUM_DATABASE_URL")
    dev_guild_id: int | None = Field(default=None, alias="PODIUM_DEV_GUILD_ID")
    discord_api_base: str | None = Field(default=None, alias="PODIUM_DISCORD_API_BASE")
    discord_gateway_url: str | None = Field(default=None, alias="PODIUM_DISCORD_GATEWAY_URL")
    bundled_data: bool = Field(default=True, alias="PODIUM_BUNDLED_DATA")
    log_level: str = Field(default="INFO", alias="PODIUM_LOG_LEVEL")
    max_vanished_share: float = Field(default=0.5, alias="PODIUM_MAX_VANISHED_SHARE", ge=0, le=1)
    fetch_timeout_s: float = Field(default=30.0, alias="PODIUM_FETCH_TIMEOUT", gt=0)
    fetch_attempts: int = Field(default=4, alias="PODIUM_FETCH_ATTEMPTS", ge=1, le=10)
    fetch_backoff_s: float = Field(default=1.0, alias="PODIUM_FETCH_BACKOFF", ge=0)
    fetch_max_mb: float = Field(default=64.0, alias="PODIUM_FETCH_MAX_MB", gt=0)
    source_lmarena_url: str | None = Field(default=None, alias="PODIUM_SOURCE_LMARENA_URL")
    source_open_llm_url: str | None = Field(default=None, alias="PODIUM_SOURCE_OPEN_LLM_URL")
    source_superclue_url: str | None = Field(default=None, alias="PODIUM_SOURCE_SUPERCLUE_URL")
    source_alpacaeval_url: str | None = Field(default=None, alias="PODIUM_SOURCE_ALPACAEVAL_URL")
    source_livebench_url: str | None = Field(default=None, alias="PODIUM_SOURCE_LIVEBENCH_URL")
    source_arena_hard_url: str | None = Field(default=None, alias="PODIUM_SOURCE_ARENA_HARD_URL")
    # The refresh schedule (``Schedule.parse``): one default, optionally one per source.
    refresh_schedule: str = Field(default="every 6h", alias="PODIUM_REFRESH_SCHEDULE")
    source_lmarena_schedule: str | None = Field(None, alias="PODIUM_SOURCE_LMARENA_SCHEDULE")
    source_open_llm_schedule: str | None = Field(None, alias="PODIUM_SOURCE_OPEN_LLM_SCHEDULE")
    source_superclue_schedule: str | None = Field(None, alias="PODIUM_SOURCE_SUPERCLUE_SCHEDULE")
    source_alpacaeval_schedule: str | None = Field(None, alias="PODIUM_SOURCE_ALPACAEVAL_SCHEDULE")
    source_livebench_schedule: str | None = Field(None, alias="PODIUM_SOURCE_LIVEBENCH_SCHEDULE")
    source_arena_hard_schedule: str | None = Field(None, alias="PODIUM_SOURCE_ARENA_HARD_SCHEDULE")
    schedule_jitter_s: float = Field(default=300.0, alias="PODIUM_SCHEDULE_JITTER", ge=0)
    # Alert delivery (``data.subscriptions.DeliveryPolicy``, ``bot.alerts.AlertDispatcher``).
    alert_poll_s: float = Field(default=60.0, alias="PODIUM_ALERT_POLL", gt=0)
    alert_pace_s: float = Field(default=0.5, alias="PODIUM_ALERT_PACE", ge=0)
    alert_retry_s: float = Field(default=30.0, alias="PODIUM_ALERT_RETRY", gt=0)
    alert_max_attempts: int = Field(default=12, alias="PODIUM_ALERT_MAX_ATTEMPTS", ge=1)
    alert_lease_s: float = Field(default=60.0, alias="PODIUM_ALERT_LEASE", gt=0)
    alert_keep_days: float = Field(default=30.0, alias="PODIUM_ALERT_KEEP_DAYS", gt=0)
    # How often, at most, a command checks whether another process stored data (SQLite, or
    # PostgreSQL without its notification channel).
    version_poll_s: float = Field(default=1.0, alias="PODIUM_VERSION_POLL", ge=0)

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        """``DISCORD_TOKEN=`` (empty) means no token: run the offline console."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("dev_guild_id", "discord_api_base", "discord_gateway_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator(
        "refresh_schedule",
        "source_lmarena_schedule",
        "source_open_llm_schedule",
        "source_superclue_schedule",
        "source_alpacaeval_schedule",
        "source_livebench_schedule",
        "source_arena_hard_schedule",
    )
    @classmethod
    def _valid_schedule(cls, value: str | None) -> str | None:
        """Fail at start on a schedule that does not parse, naming the problem."""
        if value is not None and value.strip():
            Schedule.parse(value)
        return value

    def schedule(self, source_id: str) -> Schedule | None:
        """When ``source_id`` is refreshed (``PODIUM_SOURCE_<ID>_SCHEDULE`` over
        ``PODIUM_REFRESH_SCHEDULE``); ``None`` when it is not."""
        value = getattr(self, f"source_{source_id}_schedule", None)
        return Schedule.parse(value if value and value.strip() else self.refresh_schedule)

    def source_url(self, source_id: str) -> str | None:
        """The address configured for a source (``PODIUM_SOURCE_<ID>_URL``), if any."""
        value = getattr(self, f"source_{source_id}_url", None)
        return str(value) if value else None


def load_settings() -> Settings:
    """Read the environment (and ``.env``) once, failing fast on invalid values."""
    return Settings()
