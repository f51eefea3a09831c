"""Autosave of one field of a segment, a matrix cell, a score, a value experience cell, a
criterion or a selection phase: version check, narrow update and history, in one transaction.

The pattern of journey/worksheet.py: the form carries the hash of the value the person started
from; a save on top of someone else's newer value is refused (409) and both values are shown,
until the person explicitly keeps theirs.
"""

import hashlib
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.history import record_change

from . import method
from .models import (
    CriterionScore,
    MatrixCell,
    Segment,
    SelectionPhase,
    ValueCriterion,
    ValueExperienceCell,
)
from .naming import ranking_name_hint


def value_text(value) -> str:
    """A field value as the text kept in the history and hashed into its version."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def value_version(value) -> str:
    return hashlib.sha256(value_text(value).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Spec:
    """How one editable field is shown: text, line, choice, scale (low..high), bool, weight."""

    kind: str
    low: int = 1
    high: int = 5


@dataclass(frozen=True, eq=False)
class Part:
    """A kind of object whose fields autosave one at a time."""

    kind: str  # the URL's part_kind
    model: type
    workshop_path: str  # lookup from the object to its workshop
    related: tuple  # select_related for the access query
    fields: dict = field(default_factory=dict)  # field name -> Spec
    segment_path: str = ""  # lookup to the segment whose history shows these changes

    def workshop_of(self, obj):
        for step in self.workshop_path.split("__"):
            obj = getattr(obj, step)
        return obj


SEGMENT = Part(
    "segment",
    Segment,
    "workshop",
    ("workshop__organisation",),
    {spec.name: Spec(spec.kind, spec.low, spec.high) for spec in method.FIELDS},
)
CELL = Part(
    "cell",
    MatrixCell,
    "matrix__workshop",
    ("matrix__workshop__organisation", "segment"),
    {"text": Spec("text")},
)
SCORE = Part(
    "score",
    CriterionScore,
    "segment__workshop",
    ("segment__workshop__organisation", "criterion"),
    {"score": Spec("scale", 1, 5)},
    segment_path="segment",
)
EXPERIENCE = Part(
    "experience",
    ValueExperienceCell,
    "segment__workshop",
    ("segment__workshop__organisation",),
    {"text": Spec("text"), "strength": Spec("scale", -3, 3)},
    segment_path="segment",
)
CRITERION = Part(
    "criterion",
    ValueCriterion,
    "workshop",
    ("workshop__organisation",),
    {"name": Spec("line"), "weight": Spec("weight"), "measured": Spec("bool")},
)
PHASE = Part(
    "phase",
    SelectionPhase,
    "workshop",
    ("workshop__organisation",),
    {"status": Spec("choice"), "notes": Spec("text")},
)

PARTS = {part.kind: part for part in (SEGMENT, CELL, SCORE, EXPERIENCE, CRITERION, PHASE)}
PARTS_BY_MODEL = {part.model._meta.model_name: part for part in PARTS.values()}


def form_field_for(part: Part, name: str) -> forms.Field:
    spec = part.fields[name]
    model_field = part.model._meta.get_field(name)
    label = model_field.verbose_name
    if spec.kind == "text":
        return forms.CharField(
            label=label, required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
        )
    if spec.kind == "line":
        # A name must not be emptied; other lines may be.
        return forms.CharField(
            label=label, required=not model_field.blank, max_length=model_field.max_length
        )
    if spec.kind == "choice":
        choices = list(model_field.choices)
        if model_field.blank:
            choices = [("", "—"), *choices]
        return forms.ChoiceField(label=label, required=not model_field.blank, choices=choices)
    if spec.kind == "scale":
        choices = [("", "—")] + [
            (str(n), f"{n:+d}" if spec.low < 0 else str(n)) for n in range(spec.low, spec.high + 1)
        ]
        return forms.TypedChoiceField(
            label=label, required=False, choices=choices, coerce=int, empty_value=None
        )
    if spec.kind == "weight":
        return forms.FloatField(
            label=label,
            min_value=0,
            max_value=100,
            widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "100"}),
        )
    if spec.kind == "bool":
        return forms.BooleanField(label=label, required=False)
    raise ValueError(spec.kind)


class PartFieldForm(forms.Form):
    """One field of one object, posted on its own by autosave."""

    base_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, part: Part, obj, name: str, data=None):
        if name not in part.fields:
            raise KeyError(name)
        self.part, self.obj, self.name = part, obj, name
        self.spec = part.fields[name]
        current = getattr(obj, name)
        super().__init__(
            data,
            initial={name: current, "base_version": value_version(current)},
            auto_id=f"id_{part.kind}_{obj.pk.hex}_%s",
            label_suffix="",
        )
        self.fields[name] = form_field_for(part, name)
        self.fields[name].widget.attrs["aria-describedby"] = f"help-{self.dom_id}"
        self.conflict_value = None

    @property
    def dom_id(self):
        return f"{self.part.kind}-{self.obj.pk.hex}-{self.name}"

    def save_if_version_matches(self, *, by, force=False) -> bool:
        """Write the value unless the field changed since the person loaded it.

        Returns False on a conflict and keeps the newer value in `conflict_value`. `force` is
        the person's explicit choice to replace the other value they were shown.
        """
        model = self.part.model
        new = self.cleaned_data[self.name]
        with transaction.atomic():
            stored = model.objects.select_for_update().get(pk=self.obj.pk)
            current = getattr(stored, self.name)
            if value_text(current) == value_text(new):
                return True
            if not force and value_version(current) != self.cleaned_data["base_version"]:
                self.conflict_value = current
                return False
            updates = {self.name: new}
            if self.part.kind == "score":
                # A score a person sets is their estimate, no longer the measured figure.
                updates["measured"] = False
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                updates["updated_at"] = timezone.now()
            model.objects.filter(pk=stored.pk).update(**updates)
            record_change(
                workshop_id=self.part.workshop_of(self.obj).pk,
                stage_id=None,
                target=self.obj,
                field=self.name,
                old=value_text(current),
                new=value_text(new),
                by=by,
            )
        setattr(self.obj, self.name, new)
        if self.part.kind == "score":
            self.obj.measured = False
        return True

    @property
    def current_version(self):
        return value_version(getattr(self.obj, self.name))


@dataclass
class FieldView:
    """What the field template needs: the bound field, the prompt, URLs and the save state."""

    form: PartFieldForm
    prompt: str = ""
    state: str = ""  # "", "saved", "error", "conflict"
    compact: bool = False  # a cell of a table: label for screen readers only, no prompt
    label: str = ""  # overrides the model field's label
    language: str = "fi"

    @property
    def name(self):
        return self.form.name

    @property
    def kind(self):
        return self.form.spec.kind

    @property
    def dom_id(self):
        return self.form.dom_id

    @property
    def field(self):
        bound = self.form[self.form.name]
        if self.label:
            bound.label = self.label
        return bound

    @property
    def save_url(self):
        return reverse(
            "segments:part-save", args=[self.form.part.kind, self.form.obj.pk, self.form.name]
        )

    @property
    def reload_url(self):
        return reverse(
            "segments:part-field", args=[self.form.part.kind, self.form.obj.pk, self.form.name]
        )

    @property
    def version(self):
        if self.state == "conflict":
            return self.form.data.get("base_version", "")
        return self.form.current_version

    @property
    def conflict_version(self):
        return value_version(self.form.conflict_value)

    @property
    def conflict_display(self):
        value = self.form.conflict_value
        if self.kind == "choice" or self.kind == "scale":
            return dict(self.form.fields[self.name].choices).get(value_text(value), value)
        if self.kind == "bool":
            return _("Yes") if value else _("No")
        return value_text(value)

    @property
    def display(self):
        """The stored value as a reader sees it (for viewers, who get no input)."""
        text = value_text(getattr(self.form.obj, self.name))
        if text and self.kind in ("choice", "scale"):
            return dict(self.form.fields[self.name].choices).get(text, text)
        return text

    @property
    def score_source(self):
        """For a score: "measured" (from profitability data) or "estimated" (typed)."""
        if self.form.part.kind != "score" or getattr(self.form.obj, "score", None) is None:
            return ""
        return "measured" if self.form.obj.measured else "estimated"

    @property
    def naming_hint(self):
        if self.form.part is SEGMENT and self.name == "name":
            value = self.form.data.get("name") if self.form.is_bound else self.form.obj.name
            return ranking_name_hint(value or "", self.language)
        return None


def field_view(part, obj, name, *, language, data=None, state="", compact=False, label=""):
    form = PartFieldForm(part, obj, name, data)
    prompt = method.prompt(name, language) if part is SEGMENT else ""
    if not prompt:
        del form.fields[name].widget.attrs["aria-describedby"]
    return FieldView(form, prompt, state, compact, label, language)
