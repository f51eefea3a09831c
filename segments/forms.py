from django import forms
from django.utils.translation import gettext_lazy as _

from .services import clean_values


class PlainForm(forms.Form):
    """Labels without a trailing colon, as in the autosave fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SegmentCreateForm(PlainForm):
    name = forms.CharField(
        label=_("Name of the new segment"),
        max_length=200,
        error_messages={"required": _("Give the segment a name: spaces alone are not a name.")},
    )


class SuggestedSegmentForm(PlainForm):
    """A segment made from a suggested cluster: its name, and its profile kept in the notes."""

    name = forms.CharField(label=_("Name of the new segment"), max_length=200)
    notes = forms.CharField(required=False, max_length=5000, widget=forms.HiddenInput)


class AxesForm(PlainForm):
    """The segment matrix's axes: one value a line."""

    row_axis = forms.CharField(label=_("Rows: hard factor"), max_length=200, required=False)
    row_values = forms.CharField(
        label=_("Row values, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    column_axis = forms.CharField(label=_("Columns: soft factor"), max_length=200, required=False)
    column_values = forms.CharField(
        label=_("Column values, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    MAX_VALUES = 20

    def _values(self, name):
        values = clean_values(self.cleaned_data.get(name, "").splitlines())
        if len(values) > self.MAX_VALUES:
            raise forms.ValidationError(
                _("At most %(count)s values on an axis.") % {"count": self.MAX_VALUES}
            )
        return values

    def clean_row_values(self):
        return self._values("row_values")

    def clean_column_values(self):
        return self._values("column_values")


class CriterionForm(PlainForm):
    name = forms.CharField(label=_("New criterion"), max_length=200)
    weight = forms.FloatField(
        label=_("Weight"),
        min_value=0,
        max_value=100,
        initial=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "100"}),
    )


def rules_from_post(data) -> list[dict]:
    """The rules of the rules editor: inputs named rule-<i>-<j>-attribute/operator/value
    (rule i, condition j, from 0). A row left empty or ticked for removal is dropped, and so
    is a rule without rows; a half-filled row is kept so that the check can name it."""
    from .rules import MAX_CONDITIONS, MAX_RULES

    result = []
    for i in range(MAX_RULES + 1):
        conditions = []
        for j in range(MAX_CONDITIONS + 1):
            prefix = f"rule-{i}-{j}-"
            attribute = data.get(prefix + "attribute", "").strip()
            value = data.get(prefix + "value", "").strip()
            if data.get(prefix + "remove") or not (attribute or value):
                continue
            operator = data.get(prefix + "operator", "=")
            conditions.append({"attribute": attribute, "operator": operator, "value": value})
        if conditions:
            result.append({"conditions": conditions})
    return result
