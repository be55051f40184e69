"""Settings shared by every environment, built from Diogel's typed settings table."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from diogel.settings import load_settings

# Lets admin and model classes be subscripted for type checking.
django_stubs_ext.monkeypatch()

DIOGEL = load_settings()
WEB_DIR = Path(__file__).resolve().parent.parent

DEBUG = DIOGEL.debug
SECRET_KEY = DIOGEL.secret_key
ALLOWED_HOSTS = list(DIOGEL.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(DIOGEL.csrf_trusted_origins)

INSTALLED_APPS = [
    "diogel.web.core",
    "diogel.web.accounts",
    "diogel.web.areas",
    "diogel.web.audit",
    "diogel.web.imports",
    "diogel.web.reports",
    "diogel.web.agreements",
    "diogel.web.insight",
    "diogel.web.boards",
    "diogel.web.programme",
    "diogel.web.funding",
    "diogel.web.performance",
    "diogel.web.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "ninja",  # the API's docs page, served from its own static files (no CDN)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "diogel.web.core.middleware.RefuseNulMiddleware",
    "diogel.web.core.middleware.ReuseWarehouseMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "diogel.web.urls"
WSGI_APPLICATION = "diogel.web.wsgi.application"

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
                "django.template.context_processors.i18n",
                "diogel.web.core.context_processors.site",
            ],
        },
    },
]

DIOGEL.var_dir.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(DIOGEL.effective_database_url, conn_max_age=60),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out user is refused before the password is tried.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "core:home"

AXES_FAILURE_LIMIT = DIOGEL.login_failure_limit
AXES_COOLOFF_TIME = DIOGEL.lockout_minutes / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "diogel.web.accounts.views.locked_out"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LANGUAGE_COOKIE_NAME = "diogel_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/London"

STATIC_URL = "/static/"
STATIC_ROOT = DIOGEL.var_dir / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
