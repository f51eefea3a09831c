"""Settings for the test suite: the development defaults plus fast password hashing."""

import os

os.environ.setdefault("ARVOPOLKU_DEV", "1")
os.environ.setdefault("ARVOPOLKU_DATA_DIR", "/tmp/arvopolku-test-data")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
# Serve static files from the source folders, as in development (tests run with DEBUG off).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Background tasks run at once in tests.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
