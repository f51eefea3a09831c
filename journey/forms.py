from django import forms
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from workshops.history import record_change

from .models import Action, FeedbackPlanItem, Journey, JourneyKind, Touchpoint
from .worksheet import value_text


class NameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class JourneyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Version"), choices=JourneyKind.choices)
    segment = forms.CharField(label=_("Customer segment"), max_length=200, required=False)
    copy_from = forms.ModelChoiceField(
        label=_("Start from"),
        queryset=Journey.objects.none(),
        required=False,
        empty_label=_("The method's template"),
    )

    def __init__(self, workshop, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = workshop.journeys.all()


class VersionedRowForm(forms.ModelForm):
    """An inline row (touchpoint, feedback plan item, action). The posted `base_version` (the
    hash of the row the person started from, workshops/autosave.py) must match the stored row;
    otherwise someone else saved first and nothing is overwritten. The models' integer
    `version` columns are no longer used."""

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, stage, **kwargs):
        self.stage = stage
        super().__init__(*args, **kwargs)
        self.conflict = None
        prefix = (
            self.instance.pk.hex[:8]
            if self.instance.pk and not self.instance._state.adding
            else "new"
        )
        self.auto_id = f"id_{self.Meta.model._meta.model_name}_{prefix}_%s"
        if not self.is_bound and self.instance.pk:
            self.initial["base_version"] = self.instance.edit_version

    @property
    def conflict_version(self):
        """The version of the other person's row, posted by "Keep my values"."""
        return self.conflict.edit_version

    def save_new(self, *, by):
        with transaction.atomic():
            row = self.save(commit=False)
            row.stage = self.stage
            row.position = (
                self.Meta.model.objects.filter(stage=self.stage).aggregate(m=Max("position"))["m"]
                or 0
            ) + 1
            row.save()
            for name in self.Meta.fields:
                record_change(
                    workshop_id=self.stage.phase.journey.workshop_id,
                    stage_id=self.stage.pk,
                    target=row,
                    field=name,
                    old="",
                    new=value_text(getattr(row, name)),
                    by=by,
                )
        return row

    def save_if_version_matches(self, *, by) -> bool:
        model = self.Meta.model
        with transaction.atomic():
            stored = model.objects.select_for_update().get(pk=self.instance.pk)
            if stored.edit_version != self.cleaned_data.get("base_version"):
                self.conflict = stored
                return False
            changes = {
                name: self.cleaned_data[name]
                for name in self.Meta.fields
                if value_text(getattr(stored, name)) != value_text(self.cleaned_data[name])
            }
            if not changes:
                return True
            model.objects.filter(pk=stored.pk).update(**changes)
            for name, new in changes.items():
                record_change(
                    workshop_id=self.stage.phase.journey.workshop_id,
                    stage_id=self.stage.pk,
                    target=stored,
                    field=name,
                    old=value_text(getattr(stored, name)),
                    new=value_text(new),
                    by=by,
                )
        return True


class TouchpointForm(VersionedRowForm):
    rating = forms.TypedChoiceField(
        label=_("Rating (-3…+3)"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(str(n), f"{n:+d}") for n in range(-3, 4)],
    )

    class Meta:
        model = Touchpoint
        fields = ["channel", "interaction", "frequency", "description", "rating"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class FeedbackPlanForm(VersionedRowForm):
    class Meta:
        model = FeedbackPlanItem
        fields = ["whom", "what", "channel", "when"]
        widgets = {"what": forms.Textarea(attrs={"rows": 2})}


class ActionForm(VersionedRowForm):
    class Meta:
        model = Action
        fields = ["what", "owner", "due_date", "status"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


ROW_FORMS = {
    "touchpoints": TouchpointForm,
    "feedback_plan": FeedbackPlanForm,
    "actions": ActionForm,
}


def row_form_for(kind, stage, *, data=None, instance=None):
    return ROW_FORMS[kind](data, instance=instance, stage=stage)
