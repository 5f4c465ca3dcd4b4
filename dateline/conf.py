"""Dateline's settings, each declared once with its default and a line of help.

Values come from the environment, then from an optional ``.env`` file in the working
directory, then from the default below. ``dateline settings`` prints the table, and the
README lists it; a test fails when the two drift apart.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One configuration value: its environment name, default and help."""

    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = str


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


SETTINGS: tuple[Setting, ...] = (
    # Core
    Setting("DATELINE_DATA_DIR", "data", "Folder for the SQLite database, the secret key and other state."),
    Setting(
        "DATABASE_URL",
        "",
        "Database URL; empty means SQLite (WAL) at DATA_DIR/dateline.sqlite3. postgres://… for PostgreSQL.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Django secret key; when empty one is generated on first run and kept in DATA_DIR/secret_key.",
    ),
    Setting("ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers to.", _list),
    Setting("DEBUG", "false", "Django debug mode; never on in production.", _bool),
    Setting(
        "DATELINE_SITE_URL",
        "http://127.0.0.1:8000",
        "Public base URL of the site, used in emails, feeds and the User-Agent.",
    ),
    Setting("DATELINE_SITE_NAME", "Dateline", "Name shown on the site and in emails."),
    Setting(
        "DATELINE_SECURE", "false", "Serve over HTTPS only: secure cookies, HSTS and SSL redirect.", _bool
    ),
    Setting(
        "DATELINE_NOW",
        "",
        "The one clock: empty for real time, an ISO 8601 time to freeze it, or 'latest' to use the newest article's time (replays of recorded news).",
    ),
    # Sources and fetching
    Setting(
        "DATELINE_SOURCES",
        "",
        "OPML file or URL loaded by 'make run' when the database has no sources; empty means the default list shipped with Dateline.",
    ),
    Setting(
        "DATELINE_USER_AGENT",
        "",
        "User-Agent for every request; empty means 'Dateline/<version> (+SITE_URL; news aggregator)'.",
    ),
    Setting("DATELINE_FETCH_INTERVAL", "30", "Minutes between two fetches of a healthy feed.", int),
    Setting("DATELINE_FETCH_CONCURRENCY", "16", "Requests in flight at once, over all hosts.", int),
    Setting("DATELINE_FETCH_PER_HOST", "2", "Requests in flight at once to one host.", int),
    Setting("DATELINE_FETCH_HOST_DELAY", "0.5", "Seconds between two requests to one host.", float),
    Setting("DATELINE_FETCH_CONNECT_TIMEOUT", "5", "Seconds to wait for a connection.", float),
    Setting("DATELINE_FETCH_READ_TIMEOUT", "15", "Seconds to wait for the next bytes of an answer.", float),
    Setting("DATELINE_FETCH_DEADLINE", "30", "Seconds one request may take in all.", float),
    Setting(
        "DATELINE_FETCH_MAX_BYTES", "5000000", "Largest body read, in bytes; reading stops past it.", int
    ),
    Setting("DATELINE_FETCH_MAX_REDIRECTS", "5", "Redirects followed before giving up.", int),
    Setting(
        "DATELINE_FETCH_ALLOW_PRIVATE",
        "false",
        "Allow URLs that resolve to private, loopback or link-local addresses.",
        _bool,
    ),
    Setting(
        "DATELINE_FETCH_ALLOWED_NETWORKS",
        "",
        "Comma-separated addresses or networks allowed although private (e.g. 127.0.0.1 for a local replay).",
        _list,
    ),
    Setting("DATELINE_FETCH_ROBOTS", "true", "Honour robots.txt.", _bool),
    Setting("DATELINE_IMAGES", "true", "Fetch, verify and serve each article's lead image.", _bool),
    Setting(
        "DATELINE_IMAGE_MAX_BYTES",
        "4000000",
        "Largest lead image fetched, in bytes; larger ones are refused.",
        int,
    ),
    # Stories
    Setting(
        "DATELINE_STORY_REVIVE_DAYS",
        "730",
        "Days a quiet story is remembered: an article as close to it as a same-event report still joins it.",
        float,
    ),
    Setting(
        "DATELINE_STORY_COLD_DAYS",
        "60",
        "Days after its last article when a story stops taking new coverage (similarity also decays with the gap).",
        float,
    ),
    Setting("DATELINE_TRENDING_HALF_LIFE", "12", "Hours in which a story's trending score halves.", float),
    Setting(
        "DATELINE_LLM_BASE_URL",
        "",
        "OpenAI-compatible chat endpoint for the optional model writer (e.g. http://127.0.0.1:11434/v1); empty means extractive only.",
    ),
    Setting("DATELINE_LLM_MODEL", "", "Model name for the model writer."),
    Setting("DATELINE_LLM_API_KEY", "", "API key for the model writer, if the endpoint needs one."),
    Setting("DATELINE_LLM_TIMEOUT", "60", "Seconds to wait for the model writer.", float),
    # Schedule
    Setting("DATELINE_INGEST_EVERY", "300", "Seconds between two pipeline runs in 'dateline run'.", int),
    Setting("DATELINE_HOST", "127.0.0.1", "Address 'dateline run' serves on."),
    Setting("DATELINE_PORT", "8000", "Port 'dateline run' serves on.", int),
    # Scaling out (Celery on Redis over PostgreSQL)
    Setting(
        "DATELINE_BROKER_URL",
        "",
        "Redis URL of the task broker (redis://host:6379/0); empty means one process ('dateline run'). "
        "CELERY_BROKER_URL is read when this is empty.",
    ),
    Setting(
        "DATELINE_CACHE_URL",
        "",
        "Redis URL of the cache shared by web nodes (pages, rate limits, sessions); empty means per process.",
    ),
    Setting(
        "DATELINE_TRUSTED_PROXIES",
        "",
        "Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For is believed.",
        _list,
    ),
    Setting(
        "DATELINE_TASK_VISIBILITY_TIMEOUT",
        "600",
        "Seconds after which a task taken by a worker that died is handed to another worker.",
        int,
    ),
    Setting("DATELINE_SERVE_WORKERS", "0", "Processes of 'dateline serve'; 0 means two per CPU core.", int),
    # Email and newsletter
    Setting("EMAIL_HOST", "127.0.0.1", "SMTP server host."),
    Setting("EMAIL_PORT", "25", "SMTP server port.", int),
    Setting("EMAIL_HOST_USER", "", "SMTP user name."),
    Setting("EMAIL_HOST_PASSWORD", "", "SMTP password."),
    Setting("EMAIL_USE_TLS", "false", "Use STARTTLS.", _bool),
    Setting("EMAIL_USE_SSL", "false", "Use implicit TLS.", _bool),
    Setting("EMAIL_TIMEOUT", "30", "Seconds to wait for the SMTP server.", float),
    Setting("DEFAULT_FROM_EMAIL", "Dateline <newsletter@localhost>", "From address of every email."),
    Setting(
        "DATELINE_NEWSLETTER_WEEKDAY", "6", "Weekday the newsletter goes out (0 = Monday … 6 = Sunday).", int
    ),
    Setting("DATELINE_NEWSLETTER_HOUR", "8", "Hour of the day the newsletter goes out.", int),
    Setting("DATELINE_NEWSLETTER_TIMEZONE", "UTC", "Time zone of that weekday and hour."),
    Setting(
        "DATELINE_NEWSLETTER_CATCH_UP_HOURS",
        "24",
        "Hours after its send time within which a missed edition is still sent by 'dateline run' (a started one is always finished).",
        float,
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


@cache
def _dotenv() -> dict[str, str]:
    path = Path(os.environ.get("DATELINE_ENV_FILE", ".env"))
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def raw(name: str) -> str:
    """The configured text of a setting: environment, then ``.env``, then the default."""
    setting = _BY_NAME[name]
    if name in os.environ:
        return os.environ[name]
    return _dotenv().get(name, setting.default)


def get(name: str) -> Any:
    """The parsed value of a setting."""
    return _BY_NAME[name].parse(raw(name))


def data_dir() -> Path:
    """The data folder, created on first use."""
    path = Path(get("DATELINE_DATA_DIR")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key() -> str:
    """The configured secret key, or one generated once and kept in the data folder."""
    configured = get("SECRET_KEY")
    if configured:
        return str(configured)
    path = data_dir() / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
