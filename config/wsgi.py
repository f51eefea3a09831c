import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# A served app draws charts on many pages: import matplotlib now, at the worker's start, so the
# first chart a facilitator or the projector asks for does not wait a second for the import.
# (manage.py commands and tests import it only when they draw.)
import workshops.charts  # noqa: E402, F401
