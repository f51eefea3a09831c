import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workshops.models import Workshop


class UsageIntensity(models.TextChoices):
    HEAVY = "heavy", _("Heavy users")
    MEDIUM = "medium", _("Medium users")
    LIGHT = "light", _("Light users")
    NON_USER = "non_user", _("Non-users")


class SoughtBenefit(models.TextChoices):
    PRICE = "price", _("Price")
    SERVICE = "service", _("Service")
    PERFORMANCE = "performance", _("Performance")
    RELATIONSHIP = "relationship", _("Relationship")
    BRAND = "brand", _("Brand")
    EMOTION = "emotion", _("Emotion")
    SOCIAL = "social", _("Social")
    SPECIAL = "special", _("Special benefit")


class LoyaltyLevel(models.TextChoices):
    NONE = "none", pgettext_lazy("loyalty", "None")
    WEAK = "weak", _("Weak")
    STRONG = "strong", _("Strong")
    COMMITTED = "committed", _("Committed")


class Attitude(models.TextChoices):
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    SATISFIED = "satisfied", _("Satisfied")
    DELIGHTED = "delighted", _("Delighted")


class Evidence(models.TextChoices):
    FACTS = "facts", _("Facts")
    MIXED = "mixed", _("Partly facts, partly beliefs")
    BELIEFS = "beliefs", _("Beliefs")


class Segment(models.Model):
    """A group of customers who seek the same benefits (DOMAIN.md section 3).

    The editable fields and their guiding questions are listed in segments.method.FIELDS.
    """

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="segments")
    name = models.CharField(_("Name"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    # profile
    identification_criteria = models.TextField(_("Identification criteria"), blank=True)
    buying_behaviour = models.TextField(_("Buying behaviour"), blank=True)
    purchase_criteria = models.TextField(_("Most important purchase criteria"), blank=True)
    satisfaction_criteria = models.TextField(_("Satisfaction criteria"), blank=True)
    loyalty = models.TextField(_("Loyalty"), blank=True)
    sought_benefits = models.TextField(_("Sought benefits"), blank=True)
    purchase_potential = models.TextField(_("Purchase potential"), blank=True)
    profitability = models.TextField(_("Profitability"), blank=True)
    lifecycle_stage = models.CharField(_("Lifecycle stage"), max_length=300, blank=True)
    needs = models.TextField(_("Needs"), blank=True)
    values = models.TextField(_("Values"), blank=True)
    expectations = models.TextField(_("Expectations"), blank=True)
    decision_makers = models.TextField(_("Decision makers"), blank=True)
    decision_maker_values = models.TextField(_("Decision makers' own values"), blank=True)
    # grouping dimensions: structured choices plus free text
    usage_intensity = models.CharField(
        _("Usage intensity"), max_length=20, choices=UsageIntensity.choices, blank=True
    )
    usage_detail = models.CharField(_("Usage, in more detail"), max_length=300, blank=True)
    main_benefit = models.CharField(
        _("Main sought benefit"), max_length=20, choices=SoughtBenefit.choices, blank=True
    )
    loyalty_level = models.CharField(
        _("Degree of loyalty"), max_length=20, choices=LoyaltyLevel.choices, blank=True
    )
    attitude = models.CharField(_("Attitude"), max_length=20, choices=Attitude.choices, blank=True)
    attitude_detail = models.CharField(_("Attitude, in more detail"), max_length=300, blank=True)
    demographic = models.TextField(_("Demographic"), blank=True)
    geographic = models.TextField(_("Geographic"), blank=True)
    lifestyle = models.TextField(_("Lifestyle"), blank=True)
    # value cube, each 1-5
    cube_volume = models.SmallIntegerField(
        _("Volume"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    cube_efficiency = models.SmallIntegerField(
        _("Efficiency"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    cube_duration = models.SmallIntegerField(
        _("Duration"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    # the key questions of customer selection
    q_interested = models.TextField(_("Are they interested?"), blank=True)
    q_better_benefit = models.TextField(
        _("Is our benefit better than the alternatives?"), blank=True
    )
    q_value_over_price = models.TextField(_("Is the value greater than the price?"), blank=True)
    q_enough = models.TextField(_("Are there enough of them?"), blank=True)
    q_know_us = models.TextField(_("Do they know us?"), blank=True)
    evidence = models.CharField(
        _("Facts or beliefs?"), max_length=20, choices=Evidence.choices, blank=True
    )
    notes = models.TextField(_("Notes"), blank=True)
    # connections: which Kano respondents belong to the segment, besides its own name
    kano_attribute_values = models.CharField(
        _("Kano respondent attribute values"), max_length=300, blank=True
    )
    # and which profitability customers: [{"conditions": [{attribute, operator, value}]}], see
    # segments.rules (any rule may hold; all conditions of a rule must)
    customer_rules = models.JSONField(_("Customer rules"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.name


class SegmentMatrix(models.Model):
    """The workshop's segment matrix: hard factors as rows, soft factors as columns."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.OneToOneField(
        Workshop, on_delete=models.CASCADE, related_name="segment_matrix"
    )
    row_axis = models.CharField(_("Rows: hard factor"), max_length=200, blank=True)
    row_values = models.JSONField(default=list, blank=True)
    column_axis = models.CharField(_("Columns: soft factor"), max_length=200, blank=True)
    column_values = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(_("Segment matrix"))


class MatrixCell(models.Model):
    """What gives one group (row value x column value) satisfaction and benefit."""

    workshop_path = "matrix__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    matrix = models.ForeignKey(SegmentMatrix, on_delete=models.CASCADE, related_name="cells")
    row_value = models.CharField(max_length=200)
    column_value = models.CharField(max_length=200)
    text = models.TextField(_("Satisfaction and benefit"), blank=True)
    segment = models.ForeignKey(
        Segment, null=True, blank=True, on_delete=models.SET_NULL, related_name="matrix_cells"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["matrix", "row_value", "column_value"], name="one_cell_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.row_value} × {self.column_value}"


class ValueCriterion(models.Model):
    """A criterion of a customer's value to the company, with its weight."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="value_criteria")
    key = models.SlugField(max_length=40, blank=True)  # the method's default criterion, if one
    name = models.CharField(_("Criterion"), max_length=200)
    description = models.TextField(_("Description"), blank=True)
    weight = models.FloatField(
        _("Weight"), default=1.0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    position = models.PositiveIntegerField(default=0)
    measured = models.BooleanField(_("Measured from data"), default=False)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class CriterionScore(models.Model):
    """A segment's 1-5 score on one criterion (higher is better for us; for risk, lower risk).
    `measured` marks a score taken from data rather than estimated."""

    workshop_path = "segment__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ValueCriterion, on_delete=models.CASCADE, related_name="scores")
    score = models.SmallIntegerField(
        _("Score"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    measured = models.BooleanField(_("Measured"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["segment", "criterion"], name="one_score_per_pair")
        ]

    def __str__(self):
        return f"{self.segment.name}: {self.criterion.name}"


class ExperienceKind(models.TextChoices):
    GAIN = "gain", _("Gains")
    SACRIFICE = "sacrifice", _("Sacrifices")


class ExperienceDimension(models.TextChoices):
    FUNCTIONAL = "functional", _("Functional")
    ECONOMIC = "economic", _("Economic")
    EMOTIONAL = "emotional", _("Emotional")
    SOCIAL = "social", _("Social")


class ExperienceMoment(models.TextChoices):
    BEFORE = "before", _("Before purchase")
    TRANSACTION = "transaction", _("At the transaction")
    AFTER = "after", _("After purchase")


class ValueExperienceCell(models.Model):
    """One cell of a segment's value experience matrix. Every segment has all 24."""

    workshop_path = "segment__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="experience")
    kind = models.CharField(max_length=10, choices=ExperienceKind.choices)
    dimension = models.CharField(max_length=12, choices=ExperienceDimension.choices)
    moment = models.CharField(max_length=12, choices=ExperienceMoment.choices)
    text = models.TextField(_("What the customer feels"), blank=True)
    strength = models.SmallIntegerField(
        _("Effect (−3…+3)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-3), MaxValueValidator(3)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "kind", "dimension", "moment"], name="one_experience_cell"
            )
        ]

    def __str__(self):
        return (
            f"{self.segment.name}: {self.get_kind_display()} · {self.get_dimension_display()} · "
            f"{self.get_moment_display()}"
        )


class PhaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class SelectionPhase(models.Model):
    """One of the five phases of customer selection, with its status and notes."""

    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="selection_phases"
    )
    phase = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.NOT_STARTED
    )
    notes = models.TextField(_("Notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phase"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "phase"], name="one_selection_phase")
        ]

    def __str__(self):
        return str(_("Phase %(number)s") % {"number": self.phase})
