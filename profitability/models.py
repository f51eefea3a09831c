"""Stored profitability models: settings, per-customer results and group actions.

The raw order lines never become database rows: a model's frames live as Parquet files under
MEDIA_ROOT/profitability/<uuid>/ (``parquet_dir``), and the database holds what pages read:
the summaries as JSON, one ``CustomerResult`` row per customer (money in integer cents, with
the customer's driver totals), the editable activities and resources, and the group actions.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from workshops.models import Workshop

from .method import DEFAULT_GROUPS, MAX_GROUPS, MIN_GROUPS


class ModelStatus(models.TextChoices):
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
    IMPORTED = "imported", _("Imported (no order lines)")


class ProfitabilityModel(models.Model):
    workshop_path = "workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="profitability_models"
    )
    name = models.CharField(_("name"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ModelStatus.choices, default=ModelStatus.READY)
    groups = models.PositiveSmallIntegerField(
        _("profitability groups"),
        default=DEFAULT_GROUPS,
        validators=[MinValueValidator(MIN_GROUPS), MaxValueValidator(MAX_GROUPS)],
    )
    # Relative to MEDIA_ROOT; empty for a model imported from the exchange format.
    parquet_dir = models.CharField(max_length=300, blank=True)
    files = models.JSONField(default=dict, blank=True)  # logical name -> file name as uploaded
    # Summaries of the last analysis; every amount is integer cents.
    totals = models.JSONField(default=dict, blank=True)
    whale_curve = models.JSONField(default=dict, blank=True)
    group_summary = models.JSONField(default=list, blank=True)
    segment_summary = models.JSONField(null=True, blank=True)
    activity_summary = models.JSONField(default=list, blank=True)
    unused_capacity = models.JSONField(default=list, blank=True)
    unallocated = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error_text = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def parquet_path(self) -> Path | None:
        return Path(settings.MEDIA_ROOT) / self.parquet_dir if self.parquet_dir else None

    @property
    def has_order_lines(self) -> bool:
        path = self.parquet_path
        return path is not None and (path / "order_lines.parquet").exists()

    @property
    def customer_count(self) -> int:
        return int(self.totals.get("customers", 0))


class CustomerResult(models.Model):
    """One customer of one model; money in integer cents."""

    workshop_path = "model__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    model = models.ForeignKey(
        ProfitabilityModel, on_delete=models.CASCADE, related_name="customers"
    )
    customer_id = models.CharField(max_length=200)
    name = models.CharField(max_length=300, blank=True)
    # The customers file's own segment column; segments.services maps it (or the segment
    # rules on ``attributes``) to the workshop's benefit-based segments.
    segment = models.CharField(max_length=200, blank=True)
    revenue = models.BigIntegerField()
    cogs = models.BigIntegerField()
    gross_margin = models.BigIntegerField()
    cost_product = models.BigIntegerField()
    cost_order = models.BigIntegerField()
    cost_customer = models.BigIntegerField()
    cost_overhead = models.BigIntegerField()
    cost_to_serve = models.BigIntegerField()
    profit = models.BigIntegerField()
    profit_pct = models.FloatField(null=True, blank=True)
    cost_to_serve_pct = models.FloatField(null=True, blank=True)
    volume = models.FloatField(default=0)
    orders = models.BigIntegerField(default=0)
    lines = models.BigIntegerField(default=0)
    rank = models.PositiveIntegerField()
    group = models.PositiveSmallIntegerField()
    quadrant = models.CharField(max_length=30, blank=True)
    activity_costs = models.JSONField(default=dict)  # activity -> cents
    drivers = models.JSONField(default=dict)  # driver -> the customer's total
    # The customers file's other columns (industry, region, ...) as text, for segment rules.
    attributes = models.JSONField(default=dict)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["model", "customer_id"], name="unique_model_customer")
        ]
        indexes = [
            models.Index(fields=["model", "rank"]),
            models.Index(fields=["model", "group", "rank"]),
        ]

    def __str__(self):
        return f"{self.customer_id} {self.name}"


class SettingKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    RESOURCE = "resource", _("Resource")


class CostGroup(models.TextChoices):
    PRODUCT = "product", _("Product costs")
    ORDER = "order", _("Order costs")
    CUSTOMER = "customer", _("Customer costs")
    OVERHEAD = "overhead", _("Overheads")


class ActivitySetting(models.Model):
    """One row of the activities table (one term of a time equation) or of the resources table.

    Filled from the uploaded files and edited in the UI; every re-analysis reads the model's
    Parquet frames and replaces their activities and resources with these rows.
    """

    workshop_path = "model__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    model = models.ForeignKey(ProfitabilityModel, on_delete=models.CASCADE, related_name="settings")
    kind = models.CharField(max_length=10, choices=SettingKind.choices)
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    cost_group = models.CharField(
        _("cost group"), max_length=10, choices=CostGroup.choices, blank=True
    )
    driver = models.CharField(_("driver"), max_length=200, blank=True)
    cost = models.BigIntegerField(_("cost"), null=True, blank=True)  # cents
    capacity = models.FloatField(_("practical capacity of the driver"), null=True, blank=True)
    rate = models.CharField(_("rate (€ per driver unit)"), max_length=40, blank=True)
    resource = models.CharField(_("resource"), max_length=200, blank=True)
    unit_time = models.FloatField(_("minutes per driver unit"), null=True, blank=True)
    unallocated = models.BooleanField(_("unallocated"), default=False)
    practical_capacity = models.FloatField(_("practical capacity (minutes)"), null=True, blank=True)
    rate_per_minute = models.CharField(_("rate per minute (€)"), max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind", "position"]

    def __str__(self):
        return self.name


class GroupAction(models.Model):
    """What to do with one profitability group; the default text comes from the method."""

    workshop_path = "model__workshop"  # workshops.access.get_for_user

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    model = models.ForeignKey(
        ProfitabilityModel, on_delete=models.CASCADE, related_name="group_actions"
    )
    group = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=30)  # the engine's suggestion
    text = models.TextField(_("action"), blank=True)
    edited = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group"]
        constraints = [
            models.UniqueConstraint(fields=["model", "group"], name="unique_model_group_action")
        ]

    def __str__(self):
        return f"{self.group}: {self.action}"
