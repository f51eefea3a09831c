import secrets
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journey.models import FeedbackPlanItem, Stage, Touchpoint
from workshops.models import Workshop


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Period(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered or imported")
    FEEDBACK_MEAN = "feedback_mean", _("Mean rating of the feedback")
    FEEDBACK_SHARE = "feedback_share", _("Share of ratings at or above a level (%)")
    FEEDBACK_NPS = "feedback_nps", _("NPS of the feedback (0-10 ratings)")
    FEEDBACK_COMPLAINTS = "feedback_complaints", _("Number of complaints (low ratings)")


class Scale(models.IntegerChoices):
    FIVE = 5, _("1-5")
    TEN = 10, _("0-10")


class Measure(models.Model):
    """One measure of a stage's measurement, follow-up and control, with its target."""

    workshop_path = "stage__phase__journey__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=14,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("How far from the target still counts as within tolerance, in the unit."),
    )
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.MONTH
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    source = models.CharField(
        _("source"), max_length=30, choices=Source.choices, default=Source.MANUAL
    )
    source_level = models.SmallIntegerField(
        _("level for the share"),
        null=True,
        blank=True,
        help_text=_("Share of ratings at or above this level, e.g. 4 on a 1-5 scale."),
    )
    source_scale = models.PositiveSmallIntegerField(
        _("rating scale"), choices=Scale.choices, default=Scale.FIVE
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.name

    @property
    def is_computed(self):
        return self.source != Source.MANUAL


class MeasureValue(models.Model):
    """The value of a measure in one period (its first day). Computed values also keep how
    many ratings they came from and their spread."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    sample_size = models.PositiveIntegerField(null=True, blank=True)
    spread = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_start"], name="followup_one_value_per_period"
            )
        ]


class FeedbackSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Imported file")
    LINK = "link", _("Feedback link")


def new_feedback_token():
    return secrets.token_urlsafe(16)


class FeedbackLink(models.Model):
    """A public feedback link (and QR code) of a stage, made from its feedback plan."""

    workshop_path = "stage__phase__journey__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="feedback_links")
    touchpoint = models.ForeignKey(
        Touchpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_item = models.ForeignKey(
        FeedbackPlanItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.TextField(_("question"))
    channel = models.CharField(_("channel"), max_length=100, blank=True)
    scale = models.PositiveSmallIntegerField(
        _("rating scale"), choices=Scale.choices, default=Scale.FIVE
    )
    feedback_token = models.CharField(max_length=40, unique=True, default=new_feedback_token)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.question[:60]


class Feedback(models.Model):
    """One piece of customer feedback, on a stage (and optionally a touchpoint)."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="feedback")
    date = models.DateField(_("date"), default=timezone.localdate)
    # Indexes: imports write hundreds of thousands of records, so the references that are
    # mostly empty get partial indexes (see Meta) and the stage is covered by (stage, date).
    stage = models.ForeignKey(
        Stage, on_delete=models.CASCADE, related_name="feedback", db_index=False
    )
    touchpoint = models.ForeignKey(
        Touchpoint,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        verbose_name=_("touchpoint"),
        db_index=False,
    )
    channel = models.CharField(_("channel"), max_length=100, blank=True)
    customer = models.CharField(_("customer or segment"), max_length=200, blank=True)
    rating = models.SmallIntegerField(_("rating"), null=True, blank=True)
    scale = models.PositiveSmallIntegerField(_("scale"), choices=Scale.choices, default=Scale.FIVE)
    text = models.TextField(_("feedback"), blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    kano_factor = models.ForeignKey(
        "kano.Factor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup_feedback",
        verbose_name=_("Kano factor"),
        db_index=False,
    )
    flagged = models.BooleanField(_("flagged"), default=False)
    reaction_note = models.TextField(_("what was done"), blank=True)
    reacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    # The name at the time, so the record survives the user and travels in the JSON export.
    reacted_by_name = models.CharField(max_length=150, blank=True)
    reacted_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(
        max_length=10, choices=FeedbackSource.choices, default=FeedbackSource.MANUAL
    )
    link = models.ForeignKey(
        FeedbackLink,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        db_index=False,
    )
    created_at = models.DateTimeField(default=timezone.now)
    # No index: only deleting a user looks records up by it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["stage", "date"], name="followup_fb_stage_date"),
            # Only the flagged records nobody has reacted to: the top of the dashboard.
            models.Index(
                fields=["workshop", "date", "created_at"],
                condition=models.Q(flagged=True, reacted_at__isnull=True),
                name="followup_fb_open_flags",
            ),
            *(
                models.Index(
                    fields=[name],
                    condition=models.Q(**{f"{name}__isnull": False}),
                    name=f"followup_fb_{name}",
                )
                for name in ("touchpoint", "kano_factor", "link", "reacted_by")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(scale=5, rating__gte=1, rating__lte=5)
                | models.Q(scale=10, rating__gte=0, rating__lte=10),
                name="followup_rating_on_scale",
            )
        ]

    def __str__(self):
        return self.text[:60] or f"{self.rating}/{self.scale}"

    @property
    def open_flag(self):
        return self.flagged and self.reacted_at is None


NO_RATING = -1
OPEN_FLAGS = -2  # the tally row (scale 0) of a stage's flagged records not yet reacted to


class FeedbackTally(models.Model):
    """How many feedback records a stage has per scale and rating (NO_RATING for those
    without one), and its open flags (scale 0, OPEN_FLAGS), kept up to date on every write,
    so the summaries read a few rows instead of counting hundreds of thousands of records."""

    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    scale = models.PositiveSmallIntegerField()
    rating = models.SmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "scale", "rating"], name="followup_one_tally_per_rating"
            )
        ]


class Review(models.Model):
    """A dated follow-up review: the state of measures, actions, feedback and the emotion
    curve at that moment, kept to compare with the next one."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="followup_reviews"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    notes = models.TextField(_("notes"), blank=True)
    snapshot = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}"


class DigestLog(models.Model):
    """One e-mail digest sent to a person about a workshop; the next one reports the flagged
    feedback that came in after it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_digests"
    )
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    actions = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["user", "workshop", "sent_at"], name="followup_digest")]


def new_calendar_token():
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a person's calendar feed URL; rotating it makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_calendar"
    )
    token = models.CharField(max_length=50, unique=True, default=new_calendar_token)
    created = models.DateTimeField(default=timezone.now)
