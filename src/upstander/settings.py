"""Django settings, all read from the environment.

``DATABASE_URL`` picks the database (SQLite in the data directory by default),
``UPSTANDER_SECRET_KEY`` signs sessions, ``UPSTANDER_DATA_DIR`` holds the embedded database and
uploads, and ``UPSTANDER_DEBUG=1`` turns on development mode. In production mode (the default)
the app refuses to start without a real secret key.
"""

from __future__ import annotations

import os
from pathlib import Path

from upstander.config import data_dir, database_config, env_flag, secret_key

BASE_DIR = Path(__file__).resolve().parent

DEBUG = env_flag("UPSTANDER_DEBUG", default=False)
TESTING = env_flag("UPSTANDER_TESTING", default=False)
DATA_DIR = data_dir()
SECRET_KEY = secret_key(debug=DEBUG or TESTING, data_directory=DATA_DIR)

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("UPSTANDER_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("UPSTANDER_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Listed so the API docs page uses the Swagger UI files bundled with django-ninja, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "upstander.accounts",
    "upstander.audit",
    "upstander.web",
    "upstander.records",
    "upstander.policies",
    "upstander.intervention",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "upstander.audit.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "upstander.web.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "upstander.urls"
WSGI_APPLICATION = "upstander.wsgi.application"

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
                "upstander.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_config(DATA_DIR)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing with the default PBKDF2 iteration count dominates test time; tests never store real
    # passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("UPSTANDER_TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve static files straight from the package so a fresh install needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Largest policy document accepted for upload or import, in bytes.
UPSTANDER_MAX_DOCUMENT_BYTES = int(
    os.environ.get("UPSTANDER_MAX_DOCUMENT_BYTES", 100 * 1024 * 1024)
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_flag("UPSTANDER_RUN_TASKS_INLINE", default=False)
            else "django_tasks_db.backend.DatabaseBackend"
        ),
    }
}

# Secure defaults. HTTPS-only cookies and HSTS apply in production; the development server on
# 127.0.0.1 speaks plain HTTP, so they would lock the user out there.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_flag("UPSTANDER_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
if HTTPS:
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("UPSTANDER_LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "upstander.web.views.csrf_failure"
