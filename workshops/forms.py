from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Language, Organisation, WorkshopRole


class WorkshopForm(forms.Form):
    name = forms.CharField(label=_("Workshop name"), max_length=200)
    client = forms.CharField(label=_("Client company"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of the workshop"), choices=Language.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class DuplicateForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=200)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=WorkshopRole.choices)


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, min_length=8)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Workshop file (JSON)"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
