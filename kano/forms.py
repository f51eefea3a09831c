from django import forms
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from journey.models import Stage
from workshops.autosave import row_version, value_version
from workshops.uploads import LimitedFileField

from . import questions
from .codes import SHORT_CODE_LENGTH, normalise_code
from .models import Category, ConsensusClassification, Factor, Survey


class StageChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, stage):
        return f"{stage.phase.journey.name} › {stage.name}"


def workshop_stages(workshop):
    return (
        Stage.objects.filter(phase__journey__workshop=workshop)
        .select_related("phase__journey")
        .order_by(
            "phase__journey__position", "phase__journey__created_at", "phase__position", "position"
        )
    )


FACTOR_TEXT_FIELDS = ("name", "description", "functional_question", "dysfunctional_question")


def factor_version(factor: Factor) -> str:
    """The factor as the person started from it: the hash of its texts and linked stages
    (workshops/autosave.py); the integer `version` column is no longer used."""
    stage_ids = ",".join(sorted(str(stage.pk) for stage in factor.stages.all()))
    return value_version(f"{row_version(factor, FACTOR_TEXT_FIELDS)}:{stage_ids}")


class FactorForm(forms.ModelForm):
    """A factor with its questions and linked stages. A new factor gets its questions from
    the name when they are left empty; an edit carries the version it started from."""

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)
    stages = StageChoiceField(
        label=_("Linked stages"),
        queryset=Stage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Factor
        fields = ["name", "description", "functional_question", "dysfunctional_question", "stages"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "functional_question": forms.Textarea(attrs={"rows": 2}),
            "dysfunctional_question": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workshop, stages=None, **kwargs):
        self.workshop = workshop
        super().__init__(*args, **kwargs)
        self.conflict = None
        prefix = self.instance.pk.hex[:8] if not self.instance._state.adding else "new"
        self.auto_id = f"id_factor_{prefix}_%s"
        # The stage list is shared by every form of the page: one query, not one per factor.
        self.fields["stages"].queryset = workshop_stages(workshop)
        if stages is not None:
            self.fields["stages"].choices = [
                (stage.pk, self.fields["stages"].label_from_instance(stage)) for stage in stages
            ]
        if self.instance._state.adding:
            for name in ("functional_question", "dysfunctional_question"):
                self.fields[name].required = False
                self.fields[name].help_text = _("Left empty, it is written from the name.")
        elif not self.is_bound:
            self.initial["base_version"] = factor_version(self.instance)

    @property
    def conflict_version(self):
        """The version of the other person's factor, posted by "Keep my version"."""
        return factor_version(self.conflict)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = self.workshop.kano_factors.filter(name__iexact=name)
        if not self.instance._state.adding:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(gettext("There is already a factor with this name."))
        return name

    def save_new(self) -> Factor:
        from .services import create_factor

        with transaction.atomic():
            factor = create_factor(
                workshop=self.workshop,
                name=self.cleaned_data["name"],
                description=self.cleaned_data["description"],
            )
            changed = {
                name: self.cleaned_data[name]
                for name in ("functional_question", "dysfunctional_question")
                if self.cleaned_data.get(name)
            }
            if changed:
                Factor.objects.filter(pk=factor.pk).update(**changed)
            factor.stages.set(self.cleaned_data["stages"])
        return factor

    def save_if_version_matches(self) -> bool:
        """Saves unless someone else saved the factor after this form was shown."""
        with transaction.atomic():
            stored = Factor.objects.select_for_update().get(pk=self.instance.pk)
            if factor_version(stored) != self.cleaned_data.get("base_version"):
                self.conflict = stored
                return False
            Factor.objects.filter(pk=stored.pk).update(
                **{name: self.cleaned_data[name] for name in FACTOR_TEXT_FIELDS}
            )
            stored.stages.set(self.cleaned_data["stages"])
        return True


class SurveyForm(forms.ModelForm):
    attribute_lines = forms.CharField(
        label=_("Respondent attributes (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line, options after a colon, e.g. “Customer group: Business, Consumer”. "
            "Without options the respondent types the answer."
        ),
    )

    class Meta:
        model = Survey
        fields = ["name", "date", "ask_importance"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_attribute_lines(self):
        parsed, problems = questions.parse_attribute_lines(self.cleaned_data["attribute_lines"])
        if problems:
            texts = {
                "no_name": gettext("Line %(line)d: the attribute needs a name before the colon."),
                "too_long": gettext("Line %(line)d: names and options are at most 100 characters."),
                "repeated": gettext("Line %(line)d: the attribute “%(name)s” is given twice."),
                "too_many_options": gettext("Line %(line)d: at most %(max)d options."),
                "too_many_questions": gettext("At most %(questions)d attribute questions."),
            }
            raise forms.ValidationError(
                [
                    texts[code]
                    % {
                        "line": line,
                        "name": name,
                        "max": questions.MAX_OPTIONS,
                        "questions": questions.MAX_ATTRIBUTE_QUESTIONS,
                    }
                    for line, code, name in problems
                ]
            )
        return [question.as_json() for question in parsed]

    def save(self, commit=True):
        self.instance.attribute_questions = self.cleaned_data["attribute_lines"]
        return super().save(commit=commit)


class SurveyStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[("open", "open"), ("closed", "closed")])


class UploadForm(forms.Form):
    file = LimitedFileField(
        kind="kano_responses",
        label=_("Response file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    create_factors = forms.BooleanField(
        label=_("Create missing factors"),
        required=False,
        help_text=_("Factors named in the file but missing from the list are added."),
    )


class ConsensusForm(forms.ModelForm):
    class Meta:
        model = ConsensusClassification
        fields = ["factor", "category", "note", "date"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["factor"].queryset = workshop.kano_factors.all()
        self.fields["factor"].label = _("Factor")
        self.fields["category"].choices = Category.choices


class ShortCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Survey code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
            }
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != SHORT_CODE_LENGTH:
            raise forms.ValidationError(
                gettext("The code has %(n)d characters.") % {"n": SHORT_CODE_LENGTH}
            )
        return code


class ResponseForm(forms.Form):
    """A respondent's answers: both questions of each factor, optional importance and
    attributes. A factor left blank is simply not answered yet (the respondent can come back),
    but one half of a pair without the other is an error."""

    def __init__(self, *args, survey, factors, language, answers=None, attributes=None, **kw):
        super().__init__(*args, **kw)
        self.factors = factors
        answers = answers or {}
        attributes = attributes or {}
        choices = questions.answer_choices(language)
        importance = [("", "—")] + [(str(n), str(n)) for n in range(1, 10)]
        self.attribute_names = []
        for index, question in enumerate(survey.attribute_questions or []):
            name = f"attr_{index}"
            options = question.get("options") or []
            if options:
                field = forms.ChoiceField(
                    label=question["name"],
                    required=False,
                    choices=[("", "—")] + [(o, o) for o in options],
                )
            else:
                field = forms.CharField(label=question["name"], required=False, max_length=100)
            self.fields[name] = field
            self.initial[name] = attributes.get(question["name"], "")
            self.attribute_names.append((name, question["name"]))
        for factor in factors:
            saved = answers.get(factor.pk)
            for prefix, label in (
                ("f", factor.functional_question),
                ("d", factor.dysfunctional_question),
            ):
                name = f"{prefix}_{factor.pk.hex}"
                self.fields[name] = forms.TypedChoiceField(
                    label=label,
                    choices=choices,
                    coerce=int,
                    required=False,
                    empty_value=None,
                    widget=forms.RadioSelect,
                )
                if saved:
                    self.initial[name] = saved[0] if prefix == "f" else saved[1]
            if survey.ask_importance:
                name = f"i_{factor.pk.hex}"
                self.fields[name] = forms.TypedChoiceField(
                    label=questions.importance_question(language),
                    choices=importance,
                    coerce=int,
                    required=False,
                    empty_value=None,
                )
                if saved and saved[2]:
                    self.initial[name] = saved[2]

    def factor_fields(self):
        for factor in self.factors:
            key = factor.pk.hex
            yield {
                "factor": factor,
                "functional": self[f"f_{key}"],
                "dysfunctional": self[f"d_{key}"],
                "importance": self[f"i_{key}"] if f"i_{key}" in self.fields else None,
            }

    def attribute_fields(self):
        return [self[name] for name, _label in self.attribute_names]

    def clean(self):
        cleaned = super().clean()
        for factor in self.factors:
            key = factor.pk.hex
            functional, dysfunctional = cleaned.get(f"f_{key}"), cleaned.get(f"d_{key}")
            if (functional is None) != (dysfunctional is None):
                missing = f"d_{key}" if dysfunctional is None else f"f_{key}"
                self.add_error(missing, gettext("Answer both questions about this factor."))
        if self.factors and not self.errors and not self.pairs():
            raise forms.ValidationError(
                gettext("Nothing was answered: answer both questions of at least one topic.")
            )
        return cleaned

    def pairs(self) -> dict:
        """{factor id: (functional, dysfunctional, importance)} of the answered factors."""
        result = {}
        for factor in self.factors:
            key = factor.pk.hex
            functional = self.cleaned_data.get(f"f_{key}")
            dysfunctional = self.cleaned_data.get(f"d_{key}")
            if functional is not None and dysfunctional is not None:
                result[factor.pk] = (functional, dysfunctional, self.cleaned_data.get(f"i_{key}"))
        return result

    def attributes(self) -> dict:
        return {
            label: self.cleaned_data[name].strip()
            for name, label in self.attribute_names
            if self.cleaned_data.get(name, "").strip()
        }
