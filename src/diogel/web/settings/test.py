"""Settings for the test suite: fast hashing, demo accounts allowed."""

from __future__ import annotations

import os
import tempfile

# Each test run gets its own var directory, so tests never touch ./var.
os.environ.setdefault("DIOGEL_VAR_DIR", tempfile.mkdtemp(prefix="diogel-test-"))

from diogel.web.settings.development import *  # noqa: F403

DEBUG = False
DEMO_MODE = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Tests render templates without collectstatic having run.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
