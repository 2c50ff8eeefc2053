"""Bitesize settings: everything comes from the environment (see .env.example).

The defaults give the embedded mode: a SQLite file under var/, an in-memory channel
layer, a local-memory cache and e-mail written to an outbox folder. Setting DATABASE_URL
and REDIS_URL gives the scale mode without any other change.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("BITESIZE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    key: str = env.str("SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development: generate once and keep it, so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _badge_signing_key() -> str:
    """The PEM of the EC P-256 key that signs badge credentials. In development a key is
    generated once into var/; in production it must come from BADGE_SIGNING_KEY (without
    it, issuing a credential fails while everything else runs)."""
    key: str = env.str("BADGE_SIGNING_KEY", default="").replace("\\n", "\n")
    if key or not DEBUG:
        return key
    path = VAR_DIR / "badge_signing_key.pem"
    if not path.exists():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    return path.read_text()


BADGE_SIGNING_KEY = _badge_signing_key()

ALLOWED_HOSTS: list[str] = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

SITE_URL: str = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SITE_URL.startswith("https://")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "bitesize.accounts",
    "bitesize.skills",
    "bitesize.communities",
    "bitesize.profiles",
    "bitesize.goals",
    "bitesize.scheduling",
    "bitesize.rooms",
    "bitesize.asks",
    "bitesize.matching",
    "bitesize.notifications",
    "bitesize.safety",
    "bitesize.debriefs",
    "bitesize.recognition",
    "bitesize.programs",
    "bitesize.pages",
    "bitesize.api",
    "bitesize.demo",
    "bitesize.lib",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "bitesize.urls"
ASGI_APPLICATION = "bitesize.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bitesize.notifications.context.unread",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bitesize.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so
    # that a transaction's re-check and its write cannot interleave with another writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache and channel layer ----------------------------------------------------------
REDIS_URL: str = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES: dict[str, Any] = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    # A consumer waits for its messages with a blocking pop that Redis ends every 5 s; the
    # client's read timeout must outlast it (redis-py 8 made its default 5 s too, and an idle
    # WebSocket then closed with a timeout). A Redis that stops answering is still noticed.
    BITESIZE_REDIS_CHANNEL_HOST: dict[str, Any] = {
        "address": REDIS_URL,
        "socket_timeout": 20,
        "socket_connect_timeout": 5,
    }
    CHANNEL_LAYERS: dict[str, Any] = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [BITESIZE_REDIS_CHANNEL_HOST], "prefix": "bitesize"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- background tasks -----------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- accounts -------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SIGNUP_REDIRECT_URL = "/welcome/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Bitesize] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
if env.bool("DISABLE_RATE_LIMITS", default=False):
    ACCOUNT_RATE_LIMITS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Bitesize"

# --- e-mail ---------------------------------------------------------------------------
EMAIL_URL: str = env.str("EMAIL_URL", default=f"outbox://{VAR_DIR / 'outbox'}")
if EMAIL_URL.startswith("outbox://"):
    EMAIL_BACKEND = "bitesize.lib.mail.OutboxBackend"
    EMAIL_FILE_PATH = EMAIL_URL.removeprefix("outbox://")
else:
    vars().update(env.email_url_config(EMAIL_URL))
DEFAULT_FROM_EMAIL: str = env.str(
    "DEFAULT_FROM_EMAIL", default="Bitesize <no-reply@bitesize.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- i18n, time -----------------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT: str = env.str("MEDIA_ROOT", default=str(VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024

# --- logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 20
ACCOUNT_SIGNUP_FORM_CLASS = "bitesize.accounts.forms.SignupExtraForm"

# --- scheduling and matching ----------------------------------------------------------
# Calendar URLs that resolve to private or loopback addresses are refused unless allowed
# (a feed URL must not become a way to probe the operator's own network).
CALENDAR_FETCH_ALLOW_PRIVATE = env.bool("CALENDAR_FETCH_ALLOW_PRIVATE", default=False)
# The in-memory matching index rebuilds its BM25 part in a background thread after changes;
# tests turn that off to see every change at once.
MATCHING_BACKGROUND_REBUILD = True

# A debrief not done this long after a session ends gets one reminder to each person.
DEBRIEF_REMINDER_AFTER = timedelta(hours=24)

# The "now" route: how long a mentor has to answer an offer before it passes to the next one.
NOW_OFFER_SECONDS = env.int("NOW_OFFER_SECONDS", default=180)

# --- live room ------------------------------------------------------------------------
# ICE servers for the room's WebRTC connections (docs/operations.md, "Video rooms").
# TURN credentials are derived per person from TURN_SECRET (coturn's use-auth-secret) and
# expire after TURN_TTL seconds.
STUN_URLS: list[str] = env.list("STUN_URLS", default=[])
TURN_URLS: list[str] = env.list("TURN_URLS", default=[])
TURN_SECRET: str = env.str("TURN_SECRET", default="")
TURN_TTL: int = env.int("TURN_TTL", default=4 * 3600)

# An index build embeds mentor texts without a stored vector only up to this many (about a
# minute of one core); past it they rank on lexical signals until `embed_mentors` has run.
MATCHING_BUILD_EMBED_LIMIT = env.int("MATCHING_BUILD_EMBED_LIMIT", default=1000)

# --- community insights ---------------------------------------------------------------
# Admins see aggregates only: a figure that describes fewer than this many distinct people
# (but some) shows as "fewer than N" instead of its value.
INSIGHTS_MIN_GROUP = env.int("INSIGHTS_MIN_GROUP", default=5)
if INSIGHTS_MIN_GROUP < 2:
    raise ImproperlyConfigured("INSIGHTS_MIN_GROUP must be 2 or more: 1 would show one person.")
