"""Production: secrets required, HTTPS enforced, demo accounts impossible."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from diogel.web.settings.base import *  # noqa: F403
from diogel.web.settings.base import DIOGEL

if not DIOGEL.secret_key or len(DIOGEL.secret_key) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters")
if DIOGEL.debug:
    raise ImproperlyConfigured("DIOGEL_DEBUG must not be true in production")

DEBUG = False
DEMO_MODE = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
