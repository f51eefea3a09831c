"""Autosave of one field of one object, the one mechanism every app uses.

The version scheme: the form carries `base_version`, a hash of the value the person started
from. A save on top of someone else's newer value is refused (409) and both values are shown,
until the person explicitly keeps theirs ("keep mine", which posts the version of the value they
were shown) or takes the other one ("use theirs", which reloads the field). Hashing the value
works for any field of any model without a version column; the integer `version` columns of
some models are left to the row forms that still use them.

Answers: 200 with only the field's `.autosave-state` swapped in (`HX-Retarget`), so typing goes on
undisturbed; 422 with the error next to the field; 409 with both values.
"""

import hashlib
from dataclasses import dataclass, field

from django import forms
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workshops.history import record_change

TEMPLATE = "workshops/_autosave_field.html"

SAME, CONFLICT, WRITE = "same", "conflict", "write"


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
    """The version of a value: the first 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(value_text(value).encode()).hexdigest()[:16]


def row_version(obj, names) -> str:
    """The version of a row edited as a whole (several fields in one form): the hash of its
    fields' texts in order. A change to any of them makes an older form stale."""
    return value_version("\x1f".join(value_text(getattr(obj, name)) for name in names))


def decide(current, new, base_version: str, *, force: bool = False) -> str:
    """What a save does: SAME when the stored value already equals the new one (nothing to
    write, never a conflict), CONFLICT when the stored value is no longer the one the person
    started from, WRITE otherwise. `force` is the person's choice to replace the other value."""
    if value_text(current) == value_text(new):
        return SAME
    if not force and value_version(current) != (base_version or ""):
        return CONFLICT
    return WRITE


def keeps_mine(data, current) -> bool:
    """The person was shown the other value (`conflict_version`) and chose to keep theirs.
    If the value changed again since, they must see the newer one first."""
    return data.get("resolve") == "mine" and data.get("conflict_version") == value_version(current)


@dataclass(frozen=True)
class Spec:
    """How one editable field is shown: text, line, choice, scale (low..high), bool, weight."""

    kind: str
    low: int = 1
    high: int = 5


def form_field(spec: Spec, model_field, *, required_line: bool = False) -> forms.Field:
    """The form field for a model field edited one at a time. `required_line`: a line that
    must not be emptied (a name) when the model field does not allow blank."""
    label = model_field.verbose_name
    if spec.kind == "text":
        return forms.CharField(
            label=label, required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
        )
    if spec.kind == "line":
        return forms.CharField(
            label=label,
            required=required_line and not model_field.blank,
            max_length=model_field.max_length,
        )
    if spec.kind == "choice":
        choices = list(model_field.choices)
        if model_field.blank or not required_line:
            choices = [("", "—"), *choices]
        return forms.ChoiceField(
            label=label, required=required_line and not model_field.blank, choices=choices
        )
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


class AutosaveForm(forms.Form):
    """One field of one object, posted on its own. Subclasses give the form field, the
    workshop and stage for the history, and may add to the update (`extra_updates`)."""

    base_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, obj, name: str, form_field: forms.Field, data=None, *, dom_id: str):
        self.obj, self.name, self.dom_id = obj, name, dom_id
        current = getattr(obj, name)
        super().__init__(
            data,
            initial={name: current, "base_version": value_version(current)},
            auto_id=self.auto_id_pattern(),
            label_suffix="",
        )
        self.fields[name] = form_field
        self.fields[name].widget.attrs["aria-describedby"] = f"help-{dom_id}"
        self.conflict_value = None

    def auto_id_pattern(self) -> str:
        return f"id_{self.dom_id}_%s"

    def history_ids(self):
        """(workshop id, stage id or None) under which the change is kept in the history,
        or None for a field whose changes the history does not show. Every subclass says
        which: an abstract method, not a stub (each app's form overrides it)."""
        raise NotImplementedError(f"{type(self).__name__} must say where its history is kept")

    def extra_updates(self) -> dict:
        return {}

    def save_if_version_matches(self, *, by, force: bool = False) -> bool:
        """Write the value unless the field changed since the person loaded it.

        Returns False on a conflict and keeps the newer value in `conflict_value`.
        """
        model = type(self.obj)
        new = self.cleaned_data[self.name]
        with transaction.atomic():
            stored = model.objects.select_for_update().get(pk=self.obj.pk)
            current = getattr(stored, self.name)
            decision = decide(current, new, self.cleaned_data["base_version"], force=force)
            if decision == SAME:
                return True
            if decision == CONFLICT:
                self.conflict_value = current
                return False
            updates = {self.name: new, **self.extra_updates()}
            if any(f.name == "updated_at" for f in model._meta.concrete_fields):
                updates["updated_at"] = timezone.now()
            model.objects.filter(pk=stored.pk).update(**updates)
            history = self.history_ids()
            if history is not None:
                record_change(
                    workshop_id=history[0],
                    stage_id=history[1],
                    target=self.obj,
                    field=self.name,
                    old=value_text(current),
                    new=value_text(new),
                    by=by,
                )
        for name, value in updates.items():
            setattr(self.obj, name, value)
        return True

    @property
    def current_version(self):
        return value_version(getattr(self.obj, self.name))


@dataclass
class FieldView:
    """What the field partial needs: the bound field, the prompt, URLs and the save state."""

    form: AutosaveForm
    save_url: str
    reload_url: str
    prompt: str = ""
    state: str = ""  # "", "saved", "error", "conflict"
    compact: bool = False  # a cell of a table: label for screen readers only, no prompt
    label: str = ""  # overrides the model field's label
    kind: str = "text"
    notes: list = field(default_factory=list)  # (css class, text) shown under the field

    @property
    def name(self):
        return self.form.name

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
    def version(self):
        if self.state == "conflict":
            return self.form.data.get("base_version", "")
        return self.form.current_version

    @property
    def conflict_version(self):
        return value_version(self.form.conflict_value)

    def _shown(self, value):
        if self.kind == "bool":
            return _("Yes") if value else _("No")
        text = value_text(value)
        if text and self.kind in ("choice", "scale"):
            return dict(self.form.fields[self.name].choices).get(text, text)
        return text

    @property
    def conflict_display(self):
        return self._shown(self.form.conflict_value)

    @property
    def display(self):
        """The stored value as a reader sees it (for viewers, who get no input)."""
        return self._shown(getattr(self.form.obj, self.name))


def field_response(request, view: FieldView, *, can_edit: bool, status=200, trigger=None, oob=""):
    """The autosave answer. Saved: only the field's state and new version swap in (plus any
    out-of-band fragments in `oob`); an error or a conflict replaces the whole field."""
    context = {"view": view, "can_edit": can_edit, "oob": oob}
    response = render(request, TEMPLATE, context, status=status)
    if view.state == "saved":
        response["HX-Retarget"] = f"#field-{view.dom_id} .autosave-state"
        response["HX-Reswap"] = "outerHTML"
        response["HX-Reselect"] = ".autosave-state"
        if trigger:
            response["HX-Trigger"] = trigger
    return response


def status_for(form: AutosaveForm, *, by, force: bool) -> tuple[str, int]:
    """Validate and save; returns the field's state and the HTTP status of the answer."""
    if not form.is_valid():
        return "error", 422
    if not form.save_if_version_matches(by=by, force=force):
        return "conflict", 409
    return "saved", 200
