import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import exchange, registry
from .access import get_workshop_for_user, organisations_for_user, workshops_for_user
from .forms import (
    AcceptInvitationForm,
    DuplicateForm,
    ImportForm,
    InviteForm,
    OrganisationForm,
    WorkshopForm,
)
from .language import ui_language
from .models import (
    Change,
    Invitation,
    Language,
    Membership,
    Profile,
    Role,
    Workshop,
    WorkshopMember,
)


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_login"] = settings.DEMO_LOGIN
        return context


@require_GET
@login_required
def home(request):
    show_archived = request.GET.get("archived") == "1"
    workshops = (
        workshops_for_user(request.user)
        .filter(archived=show_archived)
        .select_related("organisation")
    )
    organisations = organisations_for_user(request.user, lead=True)
    form = WorkshopForm(organisations, initial={"language": ui_language(request)})
    return render(
        request,
        "workshops/home.html",
        {
            "workshops": workshops,
            "form": form,
            "show_archived": show_archived,
            "can_create": organisations.exists(),
            "organisations": organisations,
        },
    )


@require_POST
@login_required
def workshop_create(request):
    organisations = organisations_for_user(request.user, lead=True)
    form = WorkshopForm(organisations, request.POST)
    if not form.is_valid():
        workshops = workshops_for_user(request.user).filter(archived=False)
        return render(
            request,
            "workshops/home.html",
            {"workshops": workshops, "form": form, "can_create": True},
            status=422,
        )
    workshop = create_workshop(by=request.user, **form.cleaned_data)
    return redirect("workshops:dashboard", workshop.pk)


@transaction.atomic
def create_workshop(*, organisation, name, client, language, by) -> Workshop:
    """A new workshop from the method's template in its language (each module sets its part)."""
    workshop = Workshop.objects.create(
        organisation=organisation, name=name, client=client, language=language, created_by=by
    )
    for setup in registry.workshop_setups:
        setup(workshop=workshop, by=by)
    return workshop


@require_GET
@login_required
def dashboard(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    tiles = [
        (tile, tile.context(request, workshop))
        for tile in registry.ordered(registry.dashboard_tiles)
    ]
    changes = Change.objects.filter(workshop=workshop).select_related("user")[:15]
    return render(
        request,
        "workshops/dashboard.html",
        {
            "workshop": workshop,
            "tiles": tiles,
            "changes": changes,
            "duplicate_form": DuplicateForm(
                initial={"name": _("Copy of %(name)s") % {"name": workshop.name}}
            ),
        },
    )


@require_POST
@login_required
def workshop_duplicate(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        return redirect("workshops:dashboard", workshop.pk)
    copy = exchange.duplicate_workshop(
        workshop=workshop, by=request.user, name=form.cleaned_data["name"]
    )
    messages.success(request, _("Workshop duplicated."))
    return redirect("workshops:dashboard", copy.pk)


@require_POST
@login_required
def workshop_archive(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id, facilitate=True)
    workshop.archived = request.POST.get("archived") == "1"
    workshop.save(update_fields=["archived", "updated_at"])
    return redirect("workshops:dashboard", workshop.pk)


@require_GET
@login_required
def workshop_export_json(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    filename = f"{slugify(workshop.name) or 'workshop'}.arvopolku.json"
    response = HttpResponse(exchange.export_json(workshop), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def workshop_import(request):
    organisations = organisations_for_user(request.user, lead=True)
    form = ImportForm(organisations, request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            workshop = exchange.import_workshop(
                form.cleaned_data["file"].read(),
                organisation=form.cleaned_data["organisation"],
                by=request.user,
            )
        except exchange.ExchangeError as error:
            errors = error.messages
        else:
            messages.success(request, _("Workshop imported."))
            return redirect("workshops:dashboard", workshop.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request, "workshops/import.html", {"form": form, "errors": errors[:50]}, status=status
    )


# --- people ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def workshop_members(request, workshop_id):
    workshop = get_workshop_for_user(request, workshop_id)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        get_workshop_for_user(request, workshop_id, facilitate=True)
        if form.is_valid():
            invitation = Invitation.objects.create(
                token=secrets.token_urlsafe(32),
                organisation=workshop.organisation,
                workshop=workshop,
                invited_by=request.user,
                **form.cleaned_data,
            )
            link = request.build_absolute_uri(
                reverse("workshops:invitation", args=[invitation.token])
            )
            send_mail(
                _("Invitation to the workshop %(name)s") % {"name": workshop.name},
                _(
                    "%(who)s invites you to the Arvopolku workshop %(name)s.\n\nOpen the link "
                    "to join: %(link)s"
                )
                % {"who": request.user.get_username(), "name": workshop.name, "link": link},
                None,
                [invitation.email],
            )
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("workshops:members", workshop.pk)
    members = workshop.members.select_related("user").order_by("user__username")
    leads = Membership.objects.filter(
        organisation=workshop.organisation, role__in=[Role.OWNER, Role.FACILITATOR]
    ).select_related("user")
    invitations = workshop.invitations.filter(accepted_at__isnull=True)
    return render(
        request,
        "workshops/members.html",
        {
            "workshop": workshop,
            "form": form,
            "members": members,
            "leads": leads,
            "invitations": invitations,
        },
        status=422 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation, token=token, accepted_at__isnull=True)
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            _join(invitation, request.user)
            return redirect("workshops:dashboard", invitation.workshop_id)
    else:
        form = AcceptInvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            User = get_user_model()
            if User.objects.filter(username=form.cleaned_data["username"]).exists():
                form.add_error("username", _("This username is taken."))
            else:
                user = User.objects.create_user(
                    form.cleaned_data["username"], invitation.email, form.cleaned_data["password"]
                )
                _join(invitation, user)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("workshops:dashboard", invitation.workshop_id)
    return render(request, "workshops/invitation.html", {"invitation": invitation, "form": form})


@transaction.atomic
def _join(invitation, user):
    Membership.objects.get_or_create(
        organisation=invitation.organisation,
        user=user,
        defaults={"role": Role.VIEWER if invitation.role == "viewer" else Role.MANAGER},
    )
    if invitation.workshop_id:
        WorkshopMember.objects.update_or_create(
            workshop_id=invitation.workshop_id, user=user, defaults={"role": invitation.role}
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])


@require_POST
def set_language(request):
    """Switch the UI language; a signed-in person keeps it as their preference."""
    language = request.POST.get("language")
    if language not in Language.values:
        language = settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        Profile.objects.update_or_create(user=request.user, defaults={"language": language})
    next_url = request.POST.get("next") or "/"
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
    return response


@require_http_methods(["GET", "POST"])
@login_required
def organisation_settings(request, organisation_id):
    organisation = get_object_or_404(
        organisations_for_user(request.user, lead=True), pk=organisation_id
    )
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Settings saved."))
        return redirect("workshops:organisation", organisation.pk)
    return render(
        request,
        "workshops/organisation.html",
        {"organisation": organisation, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@login_required
def organisation_logo(request, organisation_id):
    organisation = get_object_or_404(organisations_for_user(request.user), pk=organisation_id)
    if not organisation.logo:
        return HttpResponse(status=404)
    return FileResponse(organisation.logo.open("rb"))


@require_GET
def health(request):
    """For load balancers, and the floor in bench/journey_bench.py: a minimal Django view."""
    return HttpResponse("ok", content_type="text/plain")
