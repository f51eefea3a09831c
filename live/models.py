"""Live workshop sessions: participants join with a code on their phones, no account.

Every participant write goes through live.services, which locks the participant's row, so
one person's requests (two tabs, retries, double taps) are applied one at a time; the
submission id each form carries makes a repeated request count once.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journey.models import Action, Journey, Stage, Touchpoint
from workshops.models import Workshop


class LiveSession(models.Model):
    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="live_sessions")
    journey = models.ForeignKey(
        Journey,
        on_delete=models.CASCADE,
        related_name="live_sessions",
        verbose_name=_("journey shown"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(_("join code"), max_length=6, db_index=True)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    current_activity = models.ForeignKey(
        "Activity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    results_hidden = models.BooleanField(_("hide results until voting ends"), default=False)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # An ended session's code may come round again; two running sessions never share one.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(ended_at__isnull=True),
                name="live_code_unique_while_active",
            )
        ]

    def __str__(self):
        return self.code

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class ActivityKind(models.TextChoices):
    RATING = "rating", _("Rate the stages")
    DOTS = "dots", _("Dot voting")
    IDEAS = "ideas", _("Ideas")
    TIMER = "timer", _("Timer")
    # Registered through live.hooks by live.kano_round when the Kano app is installed.
    KANO = "kano", _("Kano round")


class DotTarget(models.TextChoices):
    STAGES = "stages", _("Stages")
    ACTIONS = "actions", _("Actions")


class Activity(models.Model):
    workshop_path = "session__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("activity"), max_length=10, choices=ActivityKind.choices)
    dot_target = models.CharField(
        _("dots go to"), max_length=10, choices=DotTarget.choices, default=DotTarget.STAGES
    )
    dots_per_participant = models.PositiveSmallIntegerField(_("dots per participant"), default=5)
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # A Kano round: the factors asked, and the survey round its answers were saved as.
    kano_factors = models.ManyToManyField(
        "kano.Factor", blank=True, related_name="+", verbose_name=_("Kano factors")
    )
    kano_survey = models.ForeignKey(
        "kano.Survey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dots_per_participant__gte=1, dots_per_participant__lte=50),
                name="live_dots_per_participant_range",
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Participant(models.Model):
    """Someone in the room. Only a hash of their token is stored: a database dump lets no one
    act as a participant."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    token_hash = models.CharField(max_length=64, unique=True)
    nickname = models.CharField(_("nickname"), max_length=40, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.nickname or str(_("anonymous"))


class Submission(models.Model):
    """One participant submit, by the id its form carried: a retry or a double tap with the
    same id is recognised and applied once."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="submissions"
    )
    submission_id = models.UUIDField()
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "submission_id"], name="live_submission_once"
            )
        ]
        indexes = [models.Index(fields=["participant", "created_at"])]


class Rating(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="ratings")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="ratings")
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant", "stage"], name="live_one_rating_per_stage"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=-3, value__lte=3), name="live_rating_scale"
            ),
        ]


class DotVote(models.Model):
    """The dots one participant put on one target (a stage or an action)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="dot_votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dot_votes")
    stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant", "stage"],
                condition=Q(stage__isnull=False),
                name="live_one_dot_row_per_stage",
            ),
            models.UniqueConstraint(
                fields=["activity", "participant", "action"],
                condition=Q(action__isnull=False),
                name="live_one_dot_row_per_action",
            ),
            models.CheckConstraint(
                condition=Q(stage__isnull=False, action__isnull=True)
                | Q(stage__isnull=True, action__isnull=False),
                name="live_dot_vote_one_target",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="live_dot_vote_count"),
        ]


class Idea(models.Model):
    workshop_path = "activity__session__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="ideas")
    participant = models.ForeignKey(
        Participant, null=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("idea"))
    # A copy: the idea keeps its author's name whatever happens to the participant row.
    nickname = models.CharField(max_length=40, blank=True)
    approved = models.BooleanField(default=False)
    rejected = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    touchpoint = models.ForeignKey(
        Touchpoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_pending(self) -> bool:
        return not self.approved and not self.rejected


class KanoAnswer(models.Model):
    """One participant's two answers (1..5) about one factor of a Kano round."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="kano_answers")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="kano_answers"
    )
    factor = models.ForeignKey("kano.Factor", on_delete=models.CASCADE, related_name="+")
    functional = models.PositiveSmallIntegerField()
    dysfunctional = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant", "factor"], name="live_one_kano_answer"
            ),
            models.CheckConstraint(
                condition=Q(functional__gte=1, functional__lte=5), name="live_kano_functional_1_5"
            ),
            models.CheckConstraint(
                condition=Q(dysfunctional__gte=1, dysfunctional__lte=5),
                name="live_kano_dysfunctional_1_5",
            ),
        ]
