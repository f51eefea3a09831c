"""Saving one worksheet field: version check, narrow update and history, in one transaction."""

import hashlib
from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.history import record_change

from . import method
from .models import Stage


def value_text(value) -> str:
    """A field value as the text kept in the history and hashed into its version."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def value_version(value) -> str:
    return hashlib.sha256(value_text(value).encode()).hexdigest()[:16]


def form_field_for(spec: method.WorksheetField) -> forms.Field:
    model_field = Stage._meta.get_field(spec.name)
    label = model_field.verbose_name
    if spec.kind == "text":
        return forms.CharField(
            label=label, required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
        )
    if spec.kind == "line":
        return forms.CharField(label=label, required=False, max_length=model_field.max_length)
    if spec.kind == "choice":
        return forms.ChoiceField(
            label=label, required=False, choices=[("", "—"), *model_field.choices]
        )
    if spec.kind == "scale":
        choices = [("", "—")] + [
            (str(n), f"{n:+d}" if spec.low < 0 else str(n)) for n in range(spec.low, spec.high + 1)
        ]
        return forms.TypedChoiceField(
            label=label, required=False, choices=choices, coerce=int, empty_value=None
        )
    if spec.kind == "bool":
        return forms.BooleanField(label=label, required=False)
    raise ValueError(spec.kind)


class StageFieldForm(forms.Form):
    """One worksheet field, posted on its own by autosave. `base_version` is the hash of the
    value the person started from; a save on top of someone else's newer value is refused."""

    base_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, stage: Stage, name: str, data=None):
        if name not in method.FIELDS_BY_NAME:
            raise KeyError(name)
        self.stage = stage
        self.name = name
        self.spec = method.FIELDS_BY_NAME[name]
        current = getattr(stage, name)
        super().__init__(
            data,
            initial={name: current, "base_version": value_version(current)},
            prefix=None,
            auto_id="id_%s",
            label_suffix="",
        )
        self.fields[name] = form_field_for(self.spec)
        self.fields[name].widget.attrs["aria-describedby"] = f"prompt-{name}"
        self.conflict_value = None
        self.saved = False

    def save_if_version_matches(self, *, by, force=False) -> bool:
        """Write the value unless the field changed since the person loaded it.

        Returns False on a conflict and keeps the newer value in `conflict_value`.
        `force` is the person's explicit choice to replace the other value they were shown.
        """
        new = self.cleaned_data[self.name]
        with transaction.atomic():
            stage = Stage.objects.select_for_update().get(pk=self.stage.pk)
            current = getattr(stage, self.name)
            if value_text(current) == value_text(new):
                self.saved = True
                return True
            if not force and value_version(current) != self.cleaned_data["base_version"]:
                self.conflict_value = current
                return False
            Stage.objects.filter(pk=stage.pk).update(
                **{self.name: new, "updated_at": timezone.now()}
            )
            record_change(
                workshop_id=self._workshop_id(),
                stage_id=stage.pk,
                target=stage,
                field=self.name,
                old=value_text(current),
                new=value_text(new),
                by=by,
            )
        setattr(self.stage, self.name, new)
        self.saved = True
        return True

    def _workshop_id(self):
        return self.stage.phase.journey.workshop_id

    @property
    def bound_field(self):
        return self[self.name]

    @property
    def current_version(self):
        return value_version(getattr(self.stage, self.name))


@dataclass
class FieldView:
    """What the field partial needs: the bound field, the prompt and the save state."""

    stage: Stage
    form: StageFieldForm
    prompt: str
    state: str = ""  # "", "saved", "error", "conflict"

    @property
    def name(self):
        return self.form.name

    @property
    def field(self):
        return self.form.bound_field

    @property
    def spec(self):
        return self.form.spec

    @property
    def version(self):
        if self.state == "conflict":
            return self.form.data.get("base_version", "")
        return self.form.current_version

    @property
    def conflict_version(self):
        return value_version(self.form.conflict_value)

    @property
    def conflict_value(self):
        return value_text(self.form.conflict_value)

    @property
    def conflict_display(self):
        value = self.form.conflict_value
        if self.spec.kind == "choice":
            return dict(self.form.bound_field.field.choices).get(value or "", value)
        if self.spec.kind == "bool":
            return _("Yes") if value else _("No")
        return value_text(value)


def field_views(stage: Stage, language: str) -> list[FieldView]:
    return [
        FieldView(stage, StageFieldForm(stage, spec.name), method.prompt(spec.name, language))
        for spec in method.FIELDS
    ]


def completion(stage: Stage) -> float:
    filled = sum(1 for name in method.COMPLETION_FIELDS if value_text(getattr(stage, name)).strip())
    return filled / len(method.COMPLETION_FIELDS)
