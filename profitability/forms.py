from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workshops.autosave import AutosaveForm, FieldView, Spec, form_field, row_version
from workshops.uploads import LimitedFileField

from .models import (
    DEFAULT_GROUPS,
    MAX_GROUPS,
    MIN_GROUPS,
    ActivitySetting,
    CostGroup,
    GroupAction,
    SettingKind,
)
from .services import UploadedFile, upload_content

FILE_FIELDS = ("customers", "order_lines", "activities", "resources", "customer_drivers")
REQUIRED_FILES = ("customers", "order_lines", "activities")
FILE_EXTENSIONS = (".csv", ".xlsx", ".txt")


def groups_field():
    return forms.IntegerField(
        label=_("Profitability groups"),
        initial=DEFAULT_GROUPS,
        min_value=MIN_GROUPS,
        max_value=MAX_GROUPS,
        help_text=_("9-16 groups of equal numbers of customers, ranked by profit in euros."),
    )


class UploadForm(forms.Form):
    template_kinds = FILE_FIELDS  # each has a downloadable template with its columns
    # A file received by an earlier, failed upload is kept on the server (staging.py): the
    # browser must let the user send the form without choosing it again.
    use_required_attribute = False
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    groups = groups_field()
    customers = LimitedFileField(
        kind="profitability_file",
        allow_empty_file=True,
        label=_("Customers"),
        required=False,
        help_text=_("customer_id, name[, segment][, other columns]"),
    )
    order_lines = LimitedFileField(
        kind="profitability_file",
        allow_empty_file=True,
        label=_("Order lines"),
        required=False,
        help_text=_("customer_id, order_id, quantity, revenue, cogs[, date][, product_id][, …]"),
    )
    activities = LimitedFileField(
        kind="profitability_file",
        allow_empty_file=True,
        label=_("Activities"),
        required=False,
        help_text=_(
            "activity, cost_group, driver and cost[, capacity], or rate, or resource and "
            "unit_time, or unallocated = yes"
        ),
    )
    resources = LimitedFileField(
        kind="profitability_file",
        allow_empty_file=True,
        label=_("Resources (optional)"),
        required=False,
        help_text=_("resource, cost, practical_capacity (minutes), or resource, rate_per_minute"),
    )
    customer_drivers = LimitedFileField(
        kind="profitability_file",
        allow_empty_file=True,
        label=_("Customer drivers (optional)"),
        required=False,
        help_text=_("customer_id, driver, quantity"),
    )
    archive = LimitedFileField(
        kind="profitability_zip",
        label=_("Or a ZIP of the model folder"),
        required=False,
        help_text=_("customers.csv, order_lines.csv, activities.csv, … in one ZIP file"),
    )

    def clean(self):
        data = super().clean()
        archive = data.get("archive")
        given = [name for name in FILE_FIELDS if data.get(name)]
        if archive:
            if given:
                raise ValidationError(_("Give either the files or a ZIP, not both."))
            if not archive.name.lower().endswith(".zip"):
                self.add_error("archive", _("Use a .zip file."))
            return data
        if not given:
            raise ValidationError(
                _("Give the customers, order lines and activities files, or a ZIP of the model.")
            )
        for name in REQUIRED_FILES:
            if not data.get(name):
                self.add_error(name, _("This file is required."))
        for name in given:
            if not data[name].name.lower().endswith(FILE_EXTENSIONS):
                self.add_error(name, _("Use a .csv or .xlsx file."))
        return data

    def model_files(self) -> dict[str, UploadedFile]:
        return {
            name: UploadedFile(
                self.cleaned_data[name].name, upload_content(self.cleaned_data[name])
            )
            for name in FILE_FIELDS
            if self.cleaned_data.get(name)
        }


class RerunForm(forms.Form):
    groups = groups_field()


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


SETTING_FIELDS = (
    "name",
    "cost_group",
    "driver",
    "cost",
    "capacity",
    "rate",
    "resource",
    "unit_time",
    "unallocated",
    "practical_capacity",
    "rate_per_minute",
)


def setting_version(setting: ActivitySetting) -> str:
    """The row as the person started from it: the hash of its values (workshops/autosave.py);
    the integer `version` column is no longer used."""
    return row_version(setting, SETTING_FIELDS)


class VersionedSettingForm(forms.Form):
    """Edits one ActivitySetting; ``apply`` puts the values on a (copied) instance."""

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    cost = forms.DecimalField(
        label=_("Cost (€)"), required=False, max_digits=16, decimal_places=2, min_value=0
    )

    def __init__(self, *args, instance: ActivitySetting | None = None, **kwargs):
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(instance)
        super().__init__(*args, **kwargs)
        key = instance.pk.hex[:8] if instance is not None and instance.pk else "new"
        self.auto_id = f"id_{self.kind}_{key}_%s"

    def initial_from(self, setting: ActivitySetting) -> dict:
        initial = {"base_version": setting_version(setting), "name": setting.name}
        if setting.cost is not None:
            initial["cost"] = Decimal(setting.cost).scaleb(-2)
        return initial

    @property
    def conflict_version(self):
        """The version of the other person's row, posted by "Keep my values"."""
        return setting_version(self.conflict)

    def apply(self, setting: ActivitySetting) -> ActivitySetting:
        data = self.cleaned_data
        setting.name = data["name"]
        setting.cost = _cents(data.get("cost"))
        return setting


class ActivityForm(VersionedSettingForm):
    kind = SettingKind.ACTIVITY
    cost_group = forms.ChoiceField(
        label=_("Cost group"), choices=[("", "—"), *CostGroup.choices], required=False
    )
    driver = forms.CharField(
        label=_("Driver"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "driver-options"}),
    )
    capacity = forms.FloatField(
        label=_("Practical capacity of the driver"), required=False, min_value=0
    )
    rate = forms.DecimalField(
        label=_("Rate (€ per driver unit)"),
        required=False,
        max_digits=24,
        decimal_places=10,
        min_value=0,
    )
    resource = forms.CharField(
        label=_("Resource"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"list": "resource-options"}),
    )
    unit_time = forms.FloatField(label=_("Minutes per driver unit"), required=False, min_value=0)
    unallocated = forms.BooleanField(
        label=_("Unallocated (not caused by customers)"), required=False
    )

    field_order = [
        "base_version",
        "name",
        "cost_group",
        "driver",
        "cost",
        "capacity",
        "rate",
        "resource",
        "unit_time",
        "unallocated",
    ]

    def initial_from(self, setting):
        initial = super().initial_from(setting)
        initial.update(
            cost_group=setting.cost_group,
            driver=setting.driver,
            capacity=setting.capacity,
            rate=Decimal(setting.rate) if setting.rate else None,
            resource=setting.resource,
            unit_time=setting.unit_time,
            unallocated=setting.unallocated,
        )
        return initial

    def apply(self, setting):
        super().apply(setting)
        data = self.cleaned_data
        setting.cost_group = data.get("cost_group") or ""
        setting.driver = data.get("driver") or ""
        setting.capacity = data.get("capacity")
        setting.rate = _decimal_text(data.get("rate"))
        setting.resource = data.get("resource") or ""
        setting.unit_time = data.get("unit_time")
        setting.unallocated = bool(data.get("unallocated"))
        return setting


class ResourceForm(VersionedSettingForm):
    kind = SettingKind.RESOURCE
    practical_capacity = forms.FloatField(
        label=_("Practical capacity (minutes)"), required=False, min_value=0
    )
    rate_per_minute = forms.DecimalField(
        label=_("Rate per minute (€)"),
        required=False,
        max_digits=24,
        decimal_places=10,
        min_value=0,
    )

    def initial_from(self, setting):
        initial = super().initial_from(setting)
        initial.update(
            practical_capacity=setting.practical_capacity,
            rate_per_minute=Decimal(setting.rate_per_minute) if setting.rate_per_minute else None,
        )
        return initial

    def apply(self, setting):
        super().apply(setting)
        setting.practical_capacity = self.cleaned_data.get("practical_capacity")
        setting.rate_per_minute = _decimal_text(self.cleaned_data.get("rate_per_minute"))
        return setting


SETTING_FORMS = {SettingKind.ACTIVITY: ActivityForm, SettingKind.RESOURCE: ResourceForm}


def setting_form(kind, *args, **kwargs) -> VersionedSettingForm:
    return SETTING_FORMS[kind](*args, **kwargs)


class GroupActionForm(AutosaveForm):
    """The consultant's action text for one customer group, autosaved (workshops/autosave.py).
    The model's integer `version` column is no longer used: the version is the text's hash."""

    def __init__(self, action: GroupAction, data=None):
        super().__init__(
            action,
            "text",
            form_field(Spec("text"), GroupAction._meta.get_field("text")),
            data,
            dom_id=f"action-{action.group}",
        )

    def auto_id_pattern(self):
        return f"id_action_{self.obj.group}_%s"

    def history_ids(self):
        return None  # the actions are rewritten by each analysis run; not kept in the history

    def extra_updates(self):
        return {"edited": True}


def group_action_view(action: GroupAction, label: str, *, data=None, state="") -> FieldView:
    form = GroupActionForm(action, data)
    return FieldView(
        form,
        save_url=reverse("profitability:action-save", args=[action.pk]),
        reload_url=reverse("profitability:action", args=[action.pk]),
        state=state,
        label=label,
        kind="text",
    )


class WhatIfForm(forms.Form):
    """Rate overrides per activity and resource, a driver scale, a price change, a minimum
    order size. Only the fields filled in change anything."""

    price_change_pct = forms.DecimalField(
        label=_("Price change (%)"),
        required=False,
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("-99"))],
        help_text=_("Every order line's revenue changes by this much; quantities and cogs stay."),
    )
    min_order_size = forms.DecimalField(
        label=_("Minimum order size (€)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("A customer's smaller orders are merged into orders of at least this size."),
    )
    scale_driver = forms.ChoiceField(label=_("Driver to scale"), required=False)
    scale_factor = forms.DecimalField(
        label=_("Scale (1 = as now)"),
        required=False,
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
        help_text=_("0.8 = a fifth less of this driver for every customer."),
    )

    def __init__(self, *args, rate_names=(), drivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scale_driver"].choices = [("", "—"), *[(d, d) for d in drivers]]
        self.rate_fields = []
        for index, (name, label) in enumerate(rate_names):
            key = f"rate_{index}"
            self.fields[key] = forms.DecimalField(
                label=label,
                required=False,
                max_digits=24,
                decimal_places=10,
                min_value=0,
            )
            self.rate_fields.append((key, name))

    def clean(self):
        data = super().clean()
        if bool(data.get("scale_driver")) != (data.get("scale_factor") is not None):
            raise ValidationError(_("Choose a driver and its scale together."))
        return data

    def changes(self) -> dict:
        """Keyword arguments of ``apply_what_if`` for the fields filled in."""
        data = self.cleaned_data
        rates = {name: data[key] for key, name in self.rate_fields if data.get(key) is not None}
        changes = {}
        if rates:
            changes["rate_overrides"] = rates
        if data.get("scale_driver"):
            changes["driver_scale"] = {data["scale_driver"]: float(data["scale_factor"])}
        if data.get("price_change_pct"):
            changes["price_change_pct"] = data["price_change_pct"]
        if data.get("min_order_size") is not None:
            changes["min_order_size"] = data["min_order_size"]
        return changes
