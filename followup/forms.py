from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from journey.models import ActionStatus, Stage, Touchpoint
from workshops.uploads import LimitedFileField

from . import measures
from .importing import FEEDBACK_FIELDS, split_tags
from .kano_link import workshop_factors
from .models import Feedback, Measure, Review, Scale, Source
from .services import today, workshop_stages


class StageField(forms.ModelChoiceField):
    def label_from_instance(self, stage):
        return f"{stage.phase.journey.name} › {stage.name}"


class MeasureForm(forms.ModelForm):
    stage = StageField(label=_("Stage"), queryset=Stage.objects.none())

    class Meta:
        model = Measure
        fields = [
            "stage",
            "name",
            "unit",
            "direction",
            "target",
            "tolerance",
            "period",
            "owner",
            "source",
            "source_scale",
            "source_level",
        ]

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = workshop_stages(workshop)
        if not self.instance._state.adding:
            self.auto_id = f"id_m{self.instance.pk.hex[:8]}_%s"

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == Source.FEEDBACK_NPS:
            data["source_scale"] = Scale.TEN
        level = data.get("source_level")
        scale = data.get("source_scale") or Scale.FIVE
        if source == Source.FEEDBACK_SHARE:
            low = 1 if scale == Scale.FIVE else 0
            if level is None:
                data["source_level"] = scale - 1
            elif not low <= level <= scale:
                self.add_error(
                    "source_level",
                    _("The level must be on the rating scale (%(low)d-%(high)d).")
                    % {"low": low, "high": scale},
                )
        return data


class CellForm(forms.Form):
    """One cell of the measures grid. An empty value clears the cell."""

    value = forms.CharField(required=False, max_length=40)
    base_version = forms.CharField(required=False)

    def clean_value(self):
        text = self.cleaned_data["value"].strip()
        if not text:
            return None
        number = measures.parse_number(text)
        if number is None or abs(number) >= 10**10:
            raise forms.ValidationError(_("Type a number, e.g. 42 or 4,5."))
        return number.quantize(Decimal("0.0001"))


class TagsField(forms.CharField):
    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        return split_tags(super().to_python(value) or "")


class FeedbackForm(forms.ModelForm):
    stage = StageField(label=_("Stage"), queryset=Stage.objects.none())
    tags = TagsField(label=_("Tags"), required=False, help_text=_("Separate with commas."))

    class Meta:
        model = Feedback
        fields = [
            "date",
            "stage",
            "touchpoint",
            "channel",
            "customer",
            "scale",
            "rating",
            "text",
            "tags",
            "kano_factor",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.fields["stage"].queryset = workshop_stages(workshop)
        self.fields["touchpoint"].queryset = Touchpoint.objects.filter(
            stage__phase__journey__workshop=workshop
        ).select_related("stage")
        self.fields["touchpoint"].label_from_instance = lambda t: (
            f"{t.stage.name} › {t.get_channel_display()}"
            + (f": {t.description[:40]}" if t.description else "")
        )
        self.fields["kano_factor"].queryset = workshop_factors(workshop)
        self.fields["rating"].help_text = _("1-5, or 0-10 on the 0-10 scale. May be empty.")

    def clean(self):
        data = super().clean()
        rating, scale = data.get("rating"), data.get("scale")
        if rating is not None and scale is not None:
            low = 1 if scale == Scale.FIVE else 0
            if not low <= rating <= scale:
                self.add_error(
                    "rating",
                    _("The rating must be from %(low)d to %(high)d.") % {"low": low, "high": scale},
                )
        if rating is None and not data.get("text"):
            self.add_error("text", _("Give a rating or write the feedback."))
        day = data.get("date")
        if day is not None and day > today():
            self.add_error("date", _("The date is in the future."))
        touchpoint, stage = data.get("touchpoint"), data.get("stage")
        if touchpoint is not None and stage is not None and touchpoint.stage_id != stage.pk:
            self.add_error("touchpoint", _("The touchpoint belongs to another stage."))
        return data

    def feedback_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "stage"}


class ReactionForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UploadForm(forms.Form):
    file = LimitedFileField(label=_("CSV or XLSX file"), kind="followup_table")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt", ".tsv")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        return upload


def field_labels() -> dict:
    return {
        "date": _("Date"),
        "stage": _("Stage"),
        "rating": _("Rating"),
        "text": _("Feedback text"),
        "channel": _("Channel"),
        "customer": _("Customer or segment"),
        "tags": _("Tags"),
        "kano_factor": _("Kano factor"),
    }


class MappingForm(forms.Form):
    """Which column of the uploaded file holds what, with the scale and the fixed stage."""

    scale = forms.TypedChoiceField(
        label=_("Rating scale"), choices=Scale.choices, coerce=int, initial=Scale.FIVE
    )
    stage = StageField(
        label=_("Stage for every row"),
        queryset=Stage.objects.none(),
        required=False,
        help_text=_("Used when the file has no stage column."),
    )
    day_first = forms.TypedChoiceField(
        label=_("Dates like 3/4/2025 mean"),
        choices=[("1", _("3 April (day first)")), ("0", _("March 4 (month first)"))],
        coerce=lambda value: value == "1",
        initial="1",
    )

    def __init__(self, *args, workshop, header, guess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = workshop_stages(workshop)
        choices = [("", "—")] + [(str(i), title or f"#{i + 1}") for i, title in enumerate(header)]
        labels = field_labels()
        for name in FEEDBACK_FIELDS:
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=labels[name], choices=choices, required=False
            )
            if not self.is_bound and guess.get(name) is not None:
                self.initial[f"col_{name}"] = str(guess[name])

    def column_fields(self):
        return [self[f"col_{name}"] for name in FEEDBACK_FIELDS]

    def columns(self) -> dict:
        return {
            name: int(self.cleaned_data[f"col_{name}"])
            if self.cleaned_data.get(f"col_{name}")
            else None
            for name in FEEDBACK_FIELDS
        }


DUE_CHOICES = [
    ("", _("Any due date")),
    ("overdue", _("Overdue")),
    ("week", _("Due in 7 days")),
    ("month", _("Due in 30 days")),
    ("none", _("No due date")),
]


class ActionFilterForm(forms.Form):
    mine = forms.BooleanField(label=_("Only my actions"), required=False)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), ("open", _("Not done")), *ActionStatus.choices],
    )
    stage = StageField(
        label=_("Stage"), queryset=Stage.objects.none(), required=False, empty_label=_("Any stage")
    )
    due = forms.ChoiceField(label=_("Due date"), required=False, choices=DUE_CHOICES)

    def __init__(self, *args, workshop, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = workshop_stages(workshop)
        self.fields["owner"].choices = [("", _("Anyone"))] + [(o, o) for o in owners]


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    base_version = forms.CharField(required=False, widget=forms.HiddenInput)


class LinkForm(forms.Form):
    plan_item = forms.ChoiceField(label=_("From the feedback plan"), required=False)
    question = forms.CharField(
        label=_("Question"),
        required=False,
        max_length=500,
        help_text=_("Leave empty to ask the feedback plan's question."),
    )
    touchpoint = forms.ModelChoiceField(
        label=_("Touchpoint"), queryset=Touchpoint.objects.none(), required=False
    )
    scale = forms.TypedChoiceField(
        label=_("Rating scale"), choices=Scale.choices, coerce=int, initial=Scale.FIVE
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.plan = {str(item.pk): item for item in stage.feedback_plan.all()}
        self.fields["plan_item"].choices = [("", "—")] + [
            (key, (item.what or item.whom or "")[:80]) for key, item in self.plan.items()
        ]
        self.fields["touchpoint"].queryset = stage.touchpoints.all()
        self.fields["touchpoint"].label_from_instance = lambda t: (
            t.get_channel_display() + (f": {t.description[:40]}" if t.description else "")
        )

    def clean_plan_item(self):
        key = self.cleaned_data["plan_item"]
        return self.plan.get(key) if key else None


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["date", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }


class PublicFeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Anything you want to tell us? (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, scale, **kwargs):
        super().__init__(*args, **kwargs)
        low = 1 if scale == Scale.FIVE else 0
        self.fields["rating"].choices = [(str(n), str(n)) for n in range(low, scale + 1)]
        self.fields["rating"].error_messages["required"] = _("Choose a rating.")
