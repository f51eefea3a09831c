"""The stage worksheet: its autosave fields (workshops/autosave.py) and how full it is."""

from django.urls import reverse

from workshops.autosave import AutosaveForm, FieldView, Spec, form_field, value_text, value_version

from . import method
from .models import Stage

__all__ = [
    "StageFieldForm",
    "completion",
    "field_view",
    "field_views",
    "value_text",
    "value_version",
]


class StageFieldForm(AutosaveForm):
    """One worksheet field, posted on its own by autosave (version check in workshops/autosave)."""

    def __init__(self, stage: Stage, name: str, data=None):
        if name not in method.FIELDS_BY_NAME:
            raise KeyError(name)
        self.spec = method.FIELDS_BY_NAME[name]
        spec = Spec(self.spec.kind, self.spec.low, self.spec.high)
        super().__init__(
            stage, name, form_field(spec, Stage._meta.get_field(name)), data, dom_id=name
        )
        self.stage = stage

    def auto_id_pattern(self):
        return "id_%s"

    def history_ids(self):
        return self.stage.phase.journey.workshop_id, self.stage.pk


def field_view(stage: Stage, name: str, language: str, *, data=None, state="") -> FieldView:
    form = StageFieldForm(stage, name, data)
    return FieldView(
        form,
        save_url=reverse("journey:stage-field-save", args=[stage.pk, name]),
        reload_url=reverse("journey:stage-field", args=[stage.pk, name]),
        prompt=method.prompt(name, language),
        state=state,
        kind=form.spec.kind,
    )


def field_views(stage: Stage, language: str) -> list[FieldView]:
    return [field_view(stage, spec.name, language) for spec in method.FIELDS]


def completion(stage: Stage) -> float:
    filled = sum(1 for name in method.COMPLETION_FIELDS if value_text(getattr(stage, name)).strip())
    return filled / len(method.COMPLETION_FIELDS)
