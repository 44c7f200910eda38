"""Django settings of the workbench, read from the `OGI_*` variables declared in `conf.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import conf

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = conf.data_dir()

SECRET_KEY = conf.secret_key()
DEBUG = conf.get_bool("OGI_DEBUG")
ALLOWED_HOSTS = conf.get_list("OGI_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = conf.get_list("OGI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ogi.server.orgs",
    "ogi.server.audit",
    "ogi.server.cases",
    "ogi.server.api",
    "ogi.server.publish",
    "ogi.server.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ogi.server.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ogi.server.urls"
WSGI_APPLICATION = "ogi.server.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": False,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "django.template.context_processors.i18n",
        "ogi.server.orgs.context.roles",
    ]},
}]


def _database() -> dict[str, Any]:
    url = conf.get("OGI_DATABASE_URL")
    if url:
        import dj_database_url

        db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        db.setdefault("OPTIONS", {})
        return db
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "ogi.sqlite3",
        "CONN_MAX_AGE": 600,  # keep each thread's connection (and its PRAGMAs) between requests
        # WAL: readers never wait for the writer; synchronous=FULL: a commit the user was told
        # about is on disk before the answer leaves (a killed server, or a power cut, loses nothing
        # confirmed; NORMAL would only speed up writes, and give up the power cut). mmap and a
        # 32 MB page cache per connection: pages are read from memory, not by read() calls.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                            "PRAGMA mmap_size=268435456; PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
                     if conf.get("OGI_TASKS") == "immediate" else "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:worklist"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = conf.get("OGI_LANGUAGE")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = conf.get("OGI_TIME_ZONE")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

MAX_UPLOAD_BYTES = conf.get_int("OGI_MAX_UPLOAD_BYTES")
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 65536
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 65536
LOCKOUT_ATTEMPTS = conf.get_int("OGI_LOCKOUT_ATTEMPTS")
LOCKOUT_MINUTES = conf.get_int("OGI_LOCKOUT_MINUTES")
SOFFICE = conf.get("OGI_SOFFICE")

# Each server process keeps its own cache in memory (no cache server to run): the public pages
# (`portal/cache.py`, whole responses of 10–30 KB) and cached sessions. Django's default keeps 300
# entries; a site's readers ask for more pages than that, so 3,000 (at most ~90 MB a process).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 3000}}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # one query less per page, still durable
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = conf.get_bool("OGI_SECURE_COOKIES")
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

if conf.get("OGI_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = conf.get("OGI_EMAIL_HOST")
    EMAIL_PORT = conf.get_int("OGI_EMAIL_PORT")
    EMAIL_HOST_USER = conf.get("OGI_EMAIL_USER")
    EMAIL_HOST_PASSWORD = conf.get("OGI_EMAIL_PASSWORD")
    EMAIL_USE_TLS = conf.get_bool("OGI_EMAIL_TLS")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = conf.get("OGI_EMAIL_FROM")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
CSRF_FAILURE_VIEW = "ogi.server.errors.csrf_failure"
