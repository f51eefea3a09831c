import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journey.models import Stage
from workshops.models import Workshop

from .codes import new_short_code


class Factor(models.Model):
    """A factor of the product, service or customer process, asked about in a Kano survey."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="kano_factors")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    functional_question = models.TextField(_("functional question"), blank=True)
    dysfunctional_question = models.TextField(_("dysfunctional question"), blank=True)
    position = models.PositiveIntegerField(default=0)
    stages = models.ManyToManyField(
        Stage, blank=True, related_name="kano_factors", verbose_name=_("linked stages")
    )
    # Raised on every save; an edit made on an older version is refused (409), not applied.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "workshop", name="kano_factor_name_unique_in_workshop"
            )
        ]

    def __str__(self):
        return self.name


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Not opened yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def _public_token():
    return secrets.token_urlsafe(16)


class Survey(models.Model):
    """A dated survey round. Respondents answer through the public link or short code while it
    is open; a response file can be uploaded into it at any time."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="kano_surveys")
    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    public_token = models.CharField(max_length=40, unique=True, default=_public_token)
    short_code = models.CharField(max_length=6, unique=True, default=new_short_code)
    ask_importance = models.BooleanField(_("ask self-stated importance (1-9)"), default=False)
    # [{"name": "Segment", "options": ["Business", "Consumer"]}, ...]; no options: free text.
    attribute_questions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._state.adding:
            # Six letters from 31 give about 887 million codes; a clash is rare but possible.
            for _attempt in range(20):
                taken = Survey.objects.filter(short_code=self.short_code).exists()
                if not taken:
                    break
                self.short_code = new_short_code()
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status == SurveyStatus.OPEN


class RespondentSource(models.TextChoices):
    WEB = "web", _("Survey link")
    UPLOAD = "upload", _("Uploaded file")


class Respondent(models.Model):
    """One person's response to a survey round. For web respondents `key` is the secret
    respondent token (in a signed cookie or the resume link); for uploads it is the respondent
    column of the file."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    key = models.CharField(max_length=200)
    attributes = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(default=timezone.now)
    source = models.CharField(
        max_length=10, choices=RespondentSource.choices, default=RespondentSource.WEB
    )

    class Meta:
        ordering = ["created", "key"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="kano_one_respondent_per_key")
        ]

    def __str__(self):
        return self.key


class Answer(models.Model):
    # No index of its own: the unique (respondent, factor) index starts with it.
    respondent = models.ForeignKey(
        Respondent, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="answers")
    functional = models.PositiveSmallIntegerField()
    dysfunctional = models.PositiveSmallIntegerField()
    importance = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "factor"], name="kano_one_answer_per_factor"
            ),
            models.CheckConstraint(
                condition=models.Q(functional__gte=1, functional__lte=5),
                name="kano_functional_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(dysfunctional__gte=1, dysfunctional__lte=5),
                name="kano_dysfunctional_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(importance__isnull=True)
                | models.Q(importance__gte=1, importance__lte=9),
                name="kano_importance_1_9",
            ),
        ]


class Category(models.TextChoices):
    ATTRACTIVE = "A", _("Attractive")
    ONE_DIMENSIONAL = "O", _("One-dimensional")
    MUST_BE = "M", _("Must-be")
    INDIFFERENT = "I", _("Indifferent")
    REVERSE = "R", _("Reverse")
    QUESTIONABLE = "Q", _("Questionable")


class ConsensusClassification(models.Model):
    """A category the team assigned in the workshop, kept apart from survey results."""

    workshop_path = "factor__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="consensus")
    category = models.CharField(_("category"), max_length=1, choices=Category.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The name at the time, so the record survives the user and travels in the JSON export.
    by_name = models.CharField(max_length=150, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.factor}: {self.category}"
