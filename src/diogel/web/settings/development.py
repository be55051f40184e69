"""Local development: debug allowed, a throwaway secret key when none is set."""

from __future__ import annotations

from diogel.web.settings.base import *  # noqa: F403
from diogel.web.settings.base import DIOGEL

SECRET_KEY = DIOGEL.secret_key or "development-only-not-secret"
DEMO_MODE = DIOGEL.demo
