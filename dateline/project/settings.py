"""Django settings for Dateline, built from :mod:`dateline.conf` (one table of settings)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.csp import CSP

from dateline import conf

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = conf.data_dir()

SECRET_KEY = conf.secret_key()
DEBUG = conf.get("DEBUG")
ALLOWED_HOSTS = conf.get("ALLOWED_HOSTS")
SITE_URL = str(conf.get("DATELINE_SITE_URL")).rstrip("/")
SITE_NAME = conf.get("DATELINE_SITE_NAME")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "dateline.core",
    "dateline.sources",
    "dateline.articles",
    "dateline.stories",
    "dateline.web",
    "dateline.newsletter",
]

MIDDLEWARE = [
    "dateline.web.middleware.HeadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "dateline.web.middleware.MethodMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "dateline.project.urls"
WSGI_APPLICATION = "dateline.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "dateline.core.context.site",
            ],
        },
    },
]


#: What every SQLite connection gets, whether the path is the default or from DATABASE_URL.
SQLITE_OPTIONS: dict[str, Any] = {
    # WAL lets the site read while the pipeline writes; IMMEDIATE avoids deadlocked
    # upgrades from read to write locks between two writers; the timeout lets a second
    # worker wait for the first one's transaction instead of failing "database is locked".
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
}


def database_config(url: str, default_path: Path) -> dict[str, Any]:
    """The default database from ``DATABASE_URL`` (empty: SQLite at ``default_path``)."""
    config: dict[str, Any]
    if url:
        config = dict(dj_database_url.parse(url, conn_max_age=60))
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": default_path}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Keep each worker's connection between requests: opening one (and its PRAGMAs) and
        # closing it (a WAL checkpoint) cost more than rendering a cached page.
        config["CONN_MAX_AGE"] = 600
        config["CONN_HEALTH_CHECKS"] = True
        config["OPTIONS"] = {**SQLITE_OPTIONS, **(config.get("OPTIONS") or {})}
    return config


def _database() -> dict[str, Any]:
    return database_config(conf.get("DATABASE_URL"), DATA_DIR / "dateline.sqlite3")


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dateline",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
if conf.get("DATELINE_CACHE_URL"):
    # Many web nodes: pages, rate limits and sessions in one Redis. When Redis is down the
    # cache misses (pages come from the database) instead of failing the request.
    CACHES["default"] = {
        "BACKEND": "dateline.web.sharedcache.TolerantRedisCache",
        "LOCATION": conf.get("DATELINE_CACHE_URL"),
        "KEY_PREFIX": "dateline",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
TRUSTED_PROXIES = conf.get("DATELINE_TRUSTED_PROXIES")

# Failed sign-ins are throttled per account and per address (dateline/core/login_throttle.py).
AUTHENTICATION_BACKENDS = ["dateline.core.login_throttle.ThrottledModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves app static files through finders; the folder must exist
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Security headers: a CSP with no inline script, no sniffing, a strict referrer policy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the site never uses, refused for it and anything it could embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if conf.get("DATELINE_SECURE"):
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [SITE_URL]

# Email (the newsletter) through Django's SMTP backend.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = conf.get("EMAIL_HOST")
EMAIL_PORT = conf.get("EMAIL_PORT")
EMAIL_HOST_USER = conf.get("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = conf.get("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = conf.get("EMAIL_USE_TLS")
EMAIL_USE_SSL = conf.get("EMAIL_USE_SSL")
EMAIL_TIMEOUT = conf.get("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = conf.get("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "dateline": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}
