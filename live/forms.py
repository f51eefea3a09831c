from django import forms
from django.utils.translation import gettext_lazy as _

from journey.models import Action, Stage

from . import codes, hooks
from .models import ActivityKind, DotTarget


class StartSessionForm(forms.Form):
    journey = forms.ModelChoiceField(queryset=None, label=_("Journey to show"), empty_label=None)

    def __init__(self, workshop, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journey"].queryset = workshop.journeys.all()


def activity_kind_choices():
    built_in = [(k, label) for k, label in ActivityKind.choices if k != ActivityKind.KANO]
    extra = [(k, label) for k, label in ActivityKind.choices if k in hooks.activity_handlers]
    return built_in + extra


class ActivityForm(forms.Form):
    # Radio buttons, each followed by its own options: CSS shows only the chosen one's, so the
    # form works without JavaScript.
    kind = forms.ChoiceField(
        label=_("Activity"),
        choices=activity_kind_choices,
        initial=ActivityKind.RATING,
        widget=forms.RadioSelect,
    )
    kano_factors = forms.ModelMultipleChoiceField(
        label=_("Kano factors to ask (Kano round)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    dots_per_participant = forms.IntegerField(
        label=_("Dots per participant"), min_value=1, max_value=50, initial=5, required=False
    )
    dot_target = forms.ChoiceField(
        label=_("Dots go to"), choices=DotTarget.choices, initial=DotTarget.STAGES, required=False
    )
    timer_minutes = forms.IntegerField(
        label=_("Timer (minutes, optional)"), min_value=0, max_value=180, required=False
    )

    def __init__(self, workshop, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if ActivityKind.KANO in hooks.activity_handlers:
            self.fields["kano_factors"].queryset = workshop.kano_factors.all()
        else:
            del self.fields["kano_factors"]

    # The options that belong to one kind of activity; the timer applies to every kind.
    KIND_OPTIONS = {
        ActivityKind.DOTS: ("dots_per_participant", "dot_target"),
        ActivityKind.KANO: ("kano_factors",),
    }

    def kind_choices(self):
        """Each kind's radio button with the bound fields of its own options."""
        for radio in self["kind"]:
            names = self.KIND_OPTIONS.get(radio.data["value"], ())
            yield radio, [self[name] for name in names if name in self.fields]

    def clean(self):
        data = super().clean()
        if data.get("kind") == ActivityKind.KANO and not data.get("kano_factors"):
            self.add_error("kano_factors", _("Choose at least one factor for the Kano round."))
        if data.get("kind") != ActivityKind.KANO:
            data["kano_factors"] = []
        if data.get("kind") == ActivityKind.TIMER and not data.get("timer_minutes"):
            self.add_error("timer_minutes", _("A timer needs its length in minutes."))
        data["dots_per_participant"] = data.get("dots_per_participant") or 5
        data["dot_target"] = data.get("dot_target") or DotTarget.STAGES
        return data


class TimerForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=0, max_value=180, help_text=_("0 stops the timer.")
    )


class VisibilityForm(forms.Form):
    hidden = forms.BooleanField(required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject")), ("pending", _("Undo"))]
    )


class AdoptForm(forms.Form):
    target = forms.ChoiceField(choices=[("touchpoint", _("Touchpoint")), ("action", _("Action"))])


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "live-code-input",
            }
        ),
    )
    nickname = forms.CharField(
        label=_("Nickname (optional)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_("Shown with your ideas. Leave empty to take part anonymously."),
    )

    def clean_code(self):
        code = codes.normalise_code(self.cleaned_data["code"])
        if not codes.looks_like_code(code):
            raise forms.ValidationError(
                _("A code has six letters and digits, like the one on the screen.")
            )
        return code


class _ParticipantForm(forms.Form):
    """Every participant submit names the activity it was made for and carries the form's
    submission id."""

    activity = forms.UUIDField(widget=forms.HiddenInput)
    submission_id = forms.UUIDField(widget=forms.HiddenInput)


class RatingForm(_ParticipantForm):
    stage = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    value = forms.TypedChoiceField(
        choices=[(v, v) for v in range(-3, 4)],
        coerce=int,
        error_messages={"required": _("Choose a value from −3 to +3.")},
    )

    def __init__(self, journey_id, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the id is needed to store the rating: a narrow query for a frequent submit.
        self.fields["stage"].queryset = Stage.objects.filter(phase__journey=journey_id).only("id")


class DotForm(_ParticipantForm):
    target = forms.UUIDField(widget=forms.HiddenInput)
    op = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")])

    def __init__(self, activity, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.live_activity = activity

    def clean_target(self):
        target_id = self.cleaned_data["target"]
        journey_id = self.live_activity.session.journey_id
        if self.live_activity.dot_target == DotTarget.ACTIONS:
            found = Action.objects.filter(pk=target_id, stage__phase__journey=journey_id)
        else:
            found = Stage.objects.filter(pk=target_id, phase__journey=journey_id)
        target = found.only("id").first()
        if target is None:
            raise forms.ValidationError(_("That is not one of the choices."))
        return target


class IdeaForm(_ParticipantForm):
    stage = forms.ModelChoiceField(queryset=None, label=_("Stage"), empty_label=None)
    text = forms.CharField(
        label=_("Your idea"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
    )

    def __init__(self, journey_id, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = (
            Stage.objects.filter(phase__journey=journey_id)
            .order_by("phase__position", "position")
            .only("id", "name")
        )


class KanoAnswerForm(_ParticipantForm):
    """Both answers about one factor of the current Kano round."""

    factor = forms.UUIDField(widget=forms.HiddenInput)
    functional = forms.TypedChoiceField(
        choices=[(v, v) for v in range(1, 6)],
        coerce=int,
        error_messages={"required": _("Answer both questions.")},
    )
    dysfunctional = forms.TypedChoiceField(
        choices=[(v, v) for v in range(1, 6)],
        coerce=int,
        error_messages={"required": _("Answer both questions.")},
    )

    def __init__(self, activity, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.live_activity = activity

    def clean_factor(self):
        factor = self.live_activity.kano_factors.filter(pk=self.cleaned_data["factor"]).first()
        if factor is None:
            raise forms.ValidationError(_("That is not one of the choices."))
        return factor
