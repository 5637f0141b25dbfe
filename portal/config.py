"""Settings, read from the environment with safe defaults for running on your own computer."""

import os
from pathlib import Path

from record_book.book.numbers import whole_number

DEFAULT_SECRET = "local-development-only-not-secret"
DEFAULT_ACCESS_LOG_KEY = "local-development-access-log-key-not-secret"


class UnsafeConfiguration(RuntimeError):
    pass


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _number(name: str, default: int) -> int:
    return whole_number(os.environ.get(name, "")) or default


def from_environment(instance_path: str) -> dict:
    default_db = "sqlite:///" + str(Path(instance_path) / "record_book.sqlite3")
    https = _flag("HTTPS", False)
    return {
        "ENVIRONMENT": os.environ.get("PORTAL_ENV", "development"),
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEFAULT_SECRET),
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        # Keys the access log's hash chain: someone who can write to the database but does not
        # hold this key cannot chain a rewritten history again (record_book/sharing/access_log).
        "ACCESS_LOG_KEY": os.environ.get("ACCESS_LOG_KEY", DEFAULT_ACCESS_LOG_KEY),
        "DEMO_ACCOUNTS": _flag("DEMO_ACCOUNTS", False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        # A family may take a long time to write on a phone; the token is tied to the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "EXIT_URL": os.environ.get("EXIT_URL", "https://www.bbc.co.uk/weather"),
        "MAX_CONTENT_LENGTH": 512 * 1024,
        "BABEL_DEFAULT_LOCALE": "en",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIMEZONE", "Europe/London"),
        # Another folder only for a test that writes speakers' reviews into a copy.
        "BABEL_TRANSLATION_DIRECTORIES": os.environ.get("TRANSLATIONS_DIR") or str(
            Path(__file__).resolve().parent.parent / "translations"),
        # Passkeys: the site's domain (the relying party) and the address people type.
        "RP_ID": os.environ.get("RP_ID", "localhost"),
        "RP_NAME": os.environ.get("RP_NAME", "Family Record Book"),
        "ORIGIN": os.environ.get("ORIGIN", "http://localhost:5000"),
        # Email notices are sent only when SMTP_HOST is set (`flask send-notifications`).
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": _number("SMTP_PORT", 587),
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS", True),
        "SMTP_USER": os.environ.get("SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_FROM": os.environ.get("SMTP_FROM", "no-reply@localhost"),
        # Reminders by text message go through GOV.UK Notify when both are set.
        "NOTIFY_API_KEY": os.environ.get("NOTIFY_API_KEY", ""),
        "NOTIFY_SMS_TEMPLATE_ID": os.environ.get("NOTIFY_SMS_TEMPLATE_ID", ""),
        "NOTIFY_BASE_URL": os.environ.get("NOTIFY_BASE_URL",
                                          "https://api.notifications.service.gov.uk"),
        # The bearer token Notify sends with a reply ("STOP"); replies are refused without it.
        "NOTIFY_INBOUND_TOKEN": os.environ.get("NOTIFY_INBOUND_TOKEN", ""),
        # Family accounts are signed out after this long without use (shared phones).
        "IDLE_TIMEOUT_MINUTES": _number("IDLE_TIMEOUT_MINUTES", 15),
        "STAFF_IDLE_TIMEOUT_MINUTES": _number("STAFF_IDLE_TIMEOUT_MINUTES", 30),
        "IDLE_WARNING_MINUTES": _number("IDLE_WARNING_MINUTES", 2),
        # Rate limits on sign-in and every code typed; only failures count (portal/rate_limits.py).
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATE_LIMIT_PER_IP": os.environ.get("RATE_LIMIT_PER_IP", "30 per 10 minutes;200 per day"),
        # One account tried from one address: each step waits longer (a minute, ten, an hour).
        "RATE_LIMIT_PER_PAIR": os.environ.get(
            "RATE_LIMIT_PER_PAIR", "5 per minute;10 per 10 minutes;20 per hour;50 per day"),
        # One account tried from addresses it has never signed in from.
        "RATE_LIMIT_PER_ACCOUNT": os.environ.get("RATE_LIMIT_PER_ACCOUNT",
                                                 "10 per 10 minutes;100 per day"),
        # How long an address that signed in to an account stays that account's own.
        "KNOWN_ADDRESS_DAYS": _number("KNOWN_ADDRESS_DAYS", 90),
        # How many reverse proxies stand in front (nginx, a load balancer): their
        # X-Forwarded-For and X-Forwarded-Proto are trusted, so rate limits count people, not
        # the proxy. 0 when people reach the app directly: then the headers could be forged.
        "PROXY_FIX": _number("PROXY_FIX", 0),
        # Where letters and photos are kept: "database" (the default), or "s3" for an
        # S3-compatible object store (the bucket must exist; credentials the usual boto3 way).
        "ATTACHMENT_STORE": os.environ.get("ATTACHMENT_STORE", "database"),
        "ATTACHMENT_BUCKET": os.environ.get("ATTACHMENT_BUCKET", ""),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL", ""),
    }


def check(config: dict) -> None:
    """Refuse to run for real with settings that only suit a developer's own machine."""
    if config["ATTACHMENT_STORE"] not in ("database", "s3"):
        raise UnsafeConfiguration('Set ATTACHMENT_STORE to "database" or "s3".')
    if config["ATTACHMENT_STORE"] == "s3" and not config["ATTACHMENT_BUCKET"]:
        raise UnsafeConfiguration("Set ATTACHMENT_BUCKET to keep letters and photos in S3.")
    if config["ENVIRONMENT"] == "production":
        if config["SECRET_KEY"] == DEFAULT_SECRET or len(config["SECRET_KEY"]) < 32:
            raise UnsafeConfiguration(
                "Set SECRET_KEY to a long random value before running in production.")
        key = config["ACCESS_LOG_KEY"]
        if key == DEFAULT_ACCESS_LOG_KEY or len(key) < 32 or key == config["SECRET_KEY"]:
            raise UnsafeConfiguration(
                "Set ACCESS_LOG_KEY to a long random value of its own before running in "
                "production.")
        if config["DEMO_ACCOUNTS"]:
            raise UnsafeConfiguration("Demo accounts cannot be switched on in production.")
        if not config["ORIGIN"].startswith("https://"):
            raise UnsafeConfiguration("Set ORIGIN to the https:// address of the portal.")
