"""Autosave of one field of a segment, a matrix cell, a score, a value experience cell, a
criterion or a selection phase. The version check, the answers and the field partial are the
shared ones of workshops/autosave.py; this module says which fields of which objects autosave.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workshops.autosave import (
    AutosaveForm,
    FieldView,
    Spec,
    form_field,
    value_text,
    value_version,
)

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

__all__ = ["PartFieldForm", "field_view", "value_text", "value_version"]


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


class PartFieldForm(AutosaveForm):
    """One field of one object, posted on its own by autosave (workshops/autosave.py)."""

    def __init__(self, part: Part, obj, name: str, data=None):
        if name not in part.fields:
            raise KeyError(name)
        self.part = part
        self.spec = part.fields[name]
        model_field = part.model._meta.get_field(name)
        super().__init__(
            obj,
            name,
            form_field(self.spec, model_field, required_line=True),
            data,
            dom_id=f"{part.kind}-{obj.pk.hex}-{name}",
        )

    def auto_id_pattern(self):
        return f"id_{self.part.kind}_{self.obj.pk.hex}_%s"

    def history_ids(self):
        return self.part.workshop_of(self.obj).pk, None

    def extra_updates(self):
        # A score a person sets is their estimate, no longer the measured figure.
        return {"measured": False} if self.part.kind == "score" else {}


def _notes(form: PartFieldForm, language: str) -> list:
    """The badges and hints shown under a field: measured or estimated score, naming hint."""
    notes = []
    obj = form.obj
    if form.part.kind == "score" and getattr(obj, "score", None) is not None:
        notes.append(("badge good", _("measured")) if obj.measured else ("badge", _("estimated")))
    if form.part is SEGMENT and form.name == "name":
        value = form.data.get("name") if form.is_bound else obj.name
        hint = ranking_name_hint(value or "", language)
        if hint:
            notes.append(("naming-hint", hint))
    return notes


def field_view(part, obj, name, *, language, data=None, state="", compact=False, label=""):
    form = PartFieldForm(part, obj, name, data)
    prompt = method.prompt(name, language) if part is SEGMENT else ""
    if not prompt:
        del form.fields[name].widget.attrs["aria-describedby"]
    args = [part.kind, obj.pk, name]
    return FieldView(
        form,
        save_url=reverse("segments:part-save", args=args),
        reload_url=reverse("segments:part-field", args=args),
        prompt=prompt,
        state=state,
        compact=compact,
        label=label,
        kind=form.spec.kind,
        notes=_notes(form, language),
    )
