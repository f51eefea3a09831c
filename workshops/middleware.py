import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class UserLanguageMiddleware:
    """A signed-in person's language preference wins over the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None and profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
        return self.get_response(request)


class HtmxSessionEndedMiddleware:
    """An htmx request whose session has ended gets 401 instead of a redirect to the login
    page: followed by the browser, the redirect would swap the login page into a field and
    the typed text would be gone. The page's script keeps the text and asks to log in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 302
            and request.headers.get("HX-Request") == "true"
            and urlsplit(response.get("Location", "")).path == resolve_url(settings.LOGIN_URL)
        ):
            return HttpResponse(
                gettext("Your session ended. Log in again; your text is kept."),
                status=401,
                content_type="text/plain; charset=utf-8",
            )
        return response


# PostgreSQL's answers for "another transaction holds what you need": lock_not_available
# (lock_timeout), deadlock_detected, serialization_failure. All are worth one more try.
RETRYABLE_SQLSTATES = {"55P03", "40P01", "40001"}
RETRY_AFTER_SECONDS = 5


def is_database_busy(exception) -> bool:
    if not isinstance(exception, OperationalError):
        return False
    if getattr(exception.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    # SQLite: the write lock was not free within the busy timeout.
    return "database is locked" in str(exception) or "database table is locked" in str(exception)


class DatabaseBusyMiddleware:
    """A save that could not get the database's write lock in time answers 503 with
    Retry-After and says so, instead of a 500: nothing was saved, and trying again works."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy, answered 503: %s %s", request.method, request.path)
        response = HttpResponse(
            _("The server is busy saving other work. Nothing was saved; try again in a moment."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
