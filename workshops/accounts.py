"""Login and password reset with limits per address and per e-mail, on the shared limiter.

django-axes locks one username after a few wrong passwords from one address. These limits
cover what it does not: many usernames tried from one address (password spraying), and
password-reset mail sent over and over to one person or from one address. The numbers are in
settings.ACCOUNT_LIMITS (see README).
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import ratelimit

DEFAULTS = {
    "reset_per_address": 3,  # reset mails to one e-mail address per window
    "reset_per_ip": 10,  # reset requests from one client address per window
    "reset_window": 60 * 60,
    "login_failures_per_ip": 30,  # failed logins from one address, over all usernames
    "login_window": 15 * 60,
}


def limits() -> dict:
    return DEFAULTS | getattr(settings, "ACCOUNT_LIMITS", {})


def too_many(request, message):
    return render(request, "registration/too_many.html", {"message": message}, status=429)


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_login"] = settings.DEMO_LOGIN
        return context

    def post(self, request, *args, **kwargs):
        limit = limits()
        key = f"login-fail:{ratelimit.client_ip(request)}"
        if ratelimit.count(key, limit["login_window"]) >= limit["login_failures_per_ip"]:
            return too_many(
                request,
                _(
                    "Too many failed logins came from your network. Logging in from here is "
                    "paused for 15 minutes."
                ),
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        limit = limits()
        key = f"login-fail:{ratelimit.client_ip(self.request)}"
        ratelimit.hit(key, limit["login_failures_per_ip"], limit["login_window"])
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        limit = limits()
        window = limit["reset_window"]
        ip_ok = ratelimit.hit(
            f"reset-ip:{ratelimit.client_ip(self.request)}", limit["reset_per_ip"], window
        )
        email = form.cleaned_data["email"].strip().lower()
        address_ok = ip_ok and ratelimit.hit(
            f"reset-address:{email}", limit["reset_per_address"], window
        )
        if not address_ok:
            return too_many(
                self.request,
                _(
                    "Too many password reset requests. Check your inbox for the link we "
                    "already sent, or try again in an hour."
                ),
            )
        return super().form_valid(form)
