from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from .models import Language, Organisation, WorkshopRole
from .uploads import LimitedFileField


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
    # The least powerful role by default: giving more is a deliberate choice.
    role = forms.ChoiceField(
        label=_("Role"), choices=WorkshopRole.choices, initial=WorkshopRole.VIEWER
    )


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, email, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["password"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            # The same rules as everywhere else (settings.AUTH_PASSWORD_VALIDATORS), checked
            # against the new account's username and e-mail.
            user = get_user_model()(username=cleaned.get("username", ""), email=self.email)
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class ImportForm(forms.Form):
    file = LimitedFileField(label=_("Workshop file (JSON)"), kind="workshop_json")
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, organisations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class OrganisationForm(forms.ModelForm):
    """Branding for reports: name, accent colour and logo (PNG or JPEG, at most 2 MB)."""

    class Meta:
        from .models import Organisation as _Organisation

        model = _Organisation
        fields = ["name", "accent_color", "logo"]
        widgets = {"accent_color": forms.TextInput(attrs={"type": "color"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The logo must be at most 2 MB."))
        if logo and hasattr(logo, "image") and logo.image.format not in ("PNG", "JPEG"):
            raise forms.ValidationError(_("Use a PNG or JPEG image."))
        return logo
