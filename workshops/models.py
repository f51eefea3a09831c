import uuid
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    FI = "fi", "Suomi"
    EN = "en", "English"


class Organisation(models.Model):
    """A consultancy, or a company using the tool in-house. Owns workshops."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    accent_color = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#1f5f8b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f5f8b."))],
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", pgettext_lazy("organisation role", "Owner")
    FACILITATOR = "facilitator", _("Facilitator")
    MANAGER = "manager", _("Manager")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A person in an organisation. Owners and facilitators see all its workshops."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MANAGER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, blank=True)


class VisibleWorkshopManager(models.Manager):
    """Hides workshops whose import is still being written (see exchange.import_workshop)."""

    def get_queryset(self):
        return super().get_queryset().filter(importing=False)


class Workshop(models.Model):
    workshop_path = ""  # see workshops.access.get_for_user: the workshop is the object itself

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workshops"
    )
    name = models.CharField(_("name"), max_length=200)
    client = models.CharField(_("client"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.FI
    )
    description = models.TextField(_("description"), blank=True)
    archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # An import writes in many short transactions so that other people's saves never wait
    # long for the write lock; until the last one commits, the workshop is invisible.
    importing = models.BooleanField(default=False, editable=False)

    all_objects = models.Manager()
    objects = VisibleWorkshopManager()

    class Meta:
        ordering = ["-created_at"]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self):
        return self.name

    # `user_role` is attached by workshops.access.get_for_user; without it nobody may act.
    @property
    def can_edit(self) -> bool:
        return getattr(self, "user_role", None) in EDIT_ROLES

    @property
    def can_facilitate(self) -> bool:
        return getattr(self, "user_role", None) == WorkshopRole.FACILITATOR


class WorkshopRole(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    MANAGER = "manager", _("Manager")
    VIEWER = "viewer", _("Viewer")


# The workshop roles that may change the workshop's content.
EDIT_ROLES = frozenset({WorkshopRole.FACILITATOR, WorkshopRole.MANAGER})


class WorkshopMember(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_memberships"
    )
    role = models.CharField(
        max_length=20, choices=WorkshopRole.choices, default=WorkshopRole.MANAGER
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="one_role_per_workshop")
        ]


class Invitation(models.Model):
    """An e-mail link that adds a person to an organisation (and optionally a workshop)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token = models.CharField(max_length=64, unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    workshop = models.ForeignKey(
        Workshop, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("role"), max_length=20, choices=WorkshopRole.choices, default=WorkshopRole.MANAGER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at


class Change(models.Model):
    """One saved change of one field: who, when, old and new value. Restorable."""

    workshop_path = "workshop"

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="changes")
    # The stage the change belongs to (the worksheet's history); null for workshop-level data.
    stage_id = models.UUIDField(null=True, blank=True, db_index=True)
    target_type = models.CharField(max_length=40)
    target_id = models.UUIDField()
    target_label = models.CharField(max_length=200, blank=True)
    field = models.CharField(max_length=60)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def field_label(self) -> str:
        """The changed field's name as the user knows it ("Experience today"), not the
        column name; a field that no model declares any more keeps its stored name."""
        for model in apps.get_models():
            if model._meta.model_name == self.target_type:
                try:
                    return capfirst(model._meta.get_field(self.field).verbose_name)
                except FieldDoesNotExist:
                    break
        return self.field


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Report(models.Model):
    """A PDF report rendered in the background and kept for download."""

    workshop_path = "workshop"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="reports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    chapters = models.JSONField(default=list)
    lanes = models.JSONField(default=list)
    include_empty = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    file = models.FileField(upload_to="reports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When a worker took the report; a report running past settings.REPORT_STALE_SECONDS lost
    # its worker (killed, restarted) and is marked failed so it can be tried again.
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
