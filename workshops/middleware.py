from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.translation import gettext


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
