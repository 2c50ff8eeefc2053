from __future__ import annotations

from django import forms

from bitesize.safety.models import Report


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=Report.Reason.choices)
    details = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "What happened, and when?"}),
    )
    also_block = forms.BooleanField(required=False, label="Also block this person")
