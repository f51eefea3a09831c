import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from workshops.autosave import row_version
from workshops.models import Workshop


class JourneyKind(models.TextChoices):
    TODAY = "today", _("Today")
    IDEAL = "ideal", _("Ideal")


class Journey(models.Model):
    """One customer process; a workshop has one per segment, and 'today' and 'ideal' versions."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="journeys")
    name = models.CharField(_("name"), max_length=200)
    segment = models.CharField(_("customer segment"), max_length=200, blank=True)
    kind = models.CharField(
        _("version"), max_length=10, choices=JourneyKind.choices, default=JourneyKind.TODAY
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.name


class PhaseKey(models.TextChoices):
    BEFORE = "before", _("Before purchase")
    PURCHASE = "purchase", _("Purchase")
    AFTER = "after", _("After purchase")


class Phase(models.Model):
    workshop_path = "journey__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(max_length=10, choices=PhaseKey.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class StageRole(models.TextChoices):
    PREREQUISITE = "prerequisite", _("Prerequisite")
    OPPORTUNITY = "opportunity", _("Opportunity")


class Criticality(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    LESS_CRITICAL = "less_critical", _("Less critical")


class Standardisation(models.TextChoices):
    STANDARDISED = "standardised", _("Standardised")
    NON_STANDARDISED = "non_standardised", _("Non-standardised")


class Stage(models.Model):
    """A stage of the customer's process with its worksheet (see journey.method.FIELDS)."""

    workshop_path = "phase__journey__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)
    position = models.PositiveIntegerField(default=0)
    assigned_managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assigned_stages"
    )
    # customer side
    customer_does = models.TextField(_("What the customer does"), blank=True)
    customer_thinks = models.TextField(_("What the customer thinks"), blank=True)
    customer_feels = models.TextField(_("What the customer feels"), blank=True)
    need = models.TextField(_("Need"), blank=True)
    expectation = models.TextField(_("Expectation"), blank=True)
    # company side
    counterpart_today = models.TextField(_("Our counterpart today"), blank=True)
    target_level = models.TextField(_("Target level"), blank=True)
    way_of_working = models.TextField(_("Practical way of working"), blank=True)
    metric = models.CharField(_("Measure"), max_length=300, blank=True)
    metric_target = models.CharField(_("Target value"), max_length=300, blank=True)
    follow_up = models.TextField(_("Follow-up and control"), blank=True)
    frontline_needs = models.TextField(_("What the front line needs"), blank=True)
    supervisor_needs = models.TextField(_("What supervisors need"), blank=True)
    # classification
    role = models.CharField(
        _("Prerequisite or opportunity"), max_length=20, choices=StageRole.choices, blank=True
    )
    criticality = models.CharField(
        _("Criticality"), max_length=20, choices=Criticality.choices, blank=True
    )
    importance = models.SmallIntegerField(_("Importance to the customer"), null=True, blank=True)
    gate_stage = models.BooleanField(_("Gate stage"), default=False)
    standardisation = models.CharField(
        _("Standardisation"), max_length=20, choices=Standardisation.choices, blank=True
    )
    # experience, -3..+3
    experience_today = models.SmallIntegerField(_("Experience today"), null=True, blank=True)
    experience_target = models.SmallIntegerField(_("Target experience"), null=True, blank=True)
    # value questions
    value_easier_buying = models.TextField(_("Easier buying"), blank=True)
    value_easier_using = models.TextField(_("Easier using"), blank=True)
    value_benefits_visible = models.TextField(_("Benefits easy to see"), blank=True)
    value_low_threshold = models.TextField(_("A low first threshold"), blank=True)
    value_shortcut_personal = models.TextField(_("Shortcut or personal service"), blank=True)
    # the four interest groups
    interest_customer = models.TextField(_("Customer"), blank=True)
    interest_company = models.TextField(_("Company"), blank=True)
    interest_staff = models.TextField(_("Customer-facing staff"), blank=True)
    interest_support = models.TextField(_("Support functions"), blank=True)
    notes = models.TextField(_("Notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    PREMISES = "premises", _("Service premises")
    PHONE = "phone", _("Phone")
    BOOKING = "booking", _("Booking system")
    EMAIL_POST = "email_post", _("E-mail and post")
    WEBSITE = "website", _("Web site")
    SOCIAL_MEDIA = "social_media", _("Social media")
    MOBILE_SMS = "mobile_sms", _("Mobile and text messages")
    PRODUCT_PACKAGING = "product_packaging", _("Product and packaging")
    TRANSPORT = "transport", _("Transport")
    ADVERTISING = "advertising", _("Advertising")
    DOCUMENTS = "documents", _("Documents and instructions")
    WORK_QUALITY = "work_quality", _("Quality of the work")
    INSTALLERS = "installers", _("Installers")
    DRIVERS = "drivers", _("Drivers")
    BILLING_STAFF = "billing_staff", _("Billing staff")
    VEHICLES = "vehicles", _("Vehicles and equipment")
    OTHER = "other", _("Other")


class Interaction(models.TextChoices):
    PEOPLE = "people", _("People")
    PHYSICAL = "physical", _("Physical and technical resources")
    SYSTEMS = "systems", _("Systems (billing, logistics, booking)")
    PRODUCT = "product", _("The product itself")
    OTHER_CUSTOMERS = "other_customers", _("Other customers")
    OTHER = "other", _("Other")


class Frequency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    RECURRING = "recurring", _("Recurring or seasonal")
    EXCEPTIONAL = "exceptional", _("Exceptional (big decisions)")


class StageRow(models.Model):
    """A row edited inline on the worksheet. `edit_version`, the hash of its ROW_FIELDS
    (workshops/autosave.py), guards against silent overwrites; the integer `version` column
    is no longer used."""

    workshop_path = "stage__phase__journey__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    ROW_FIELDS: tuple = ()

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    @property
    def edit_version(self) -> str:
        return row_version(self, self.ROW_FIELDS)


class Touchpoint(StageRow):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="touchpoints")
    channel = models.CharField(
        _("Channel"), max_length=30, choices=Channel.choices, default=Channel.OTHER
    )
    interaction = models.CharField(
        _("Kind of interaction"),
        max_length=30,
        choices=Interaction.choices,
        default=Interaction.PEOPLE,
    )
    frequency = models.CharField(
        _("Frequency"), max_length=20, choices=Frequency.choices, default=Frequency.ROUTINE
    )
    description = models.TextField(_("Description"), blank=True)
    rating = models.SmallIntegerField(_("Rating (-3…+3)"), null=True, blank=True)

    ROW_FIELDS = ("channel", "interaction", "frequency", "description", "rating")

    def __str__(self):
        return self.get_channel_display()


class FeedbackPlanItem(StageRow):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="feedback_plan")
    whom = models.CharField(_("Whom to ask"), max_length=300, blank=True)
    what = models.TextField(_("What to ask"), blank=True)
    channel = models.CharField(_("In which channel"), max_length=300, blank=True)
    when = models.CharField(_("When"), max_length=300, blank=True)

    ROW_FIELDS = ("whom", "what", "channel", "when")

    def __str__(self):
        return self.whom or self.what[:40]


class ActionStatus(models.TextChoices):
    TODO = "todo", _("To do")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")


class Action(StageRow):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(_("What"))
    owner = models.CharField(_("Owner"), max_length=200, blank=True)
    due_date = models.DateField(_("Due date"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.TODO
    )

    ROW_FIELDS = ("what", "owner", "due_date", "status")

    def __str__(self):
        return self.what[:60]
