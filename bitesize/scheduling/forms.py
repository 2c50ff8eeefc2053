from __future__ import annotations

from typing import Any

from django import forms

from bitesize.profiles.choices import Format
from bitesize.profiles.models import Profile
from bitesize.scheduling.models import Availability


class BookingForm(forms.Form):
    start = forms.DateTimeField(
        widget=forms.HiddenInput,
        error_messages={"required": "Pick a time.", "invalid": "Pick a time from the list."},
    )
    minutes = forms.TypedChoiceField(coerce=int, label="Length")
    format = forms.ChoiceField(label="Format")
    question = forms.CharField(
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "What do you want help with? Be specific."}
        ),
        label="Your question",
    )
    objective = forms.CharField(
        max_length=300,
        required=False,
        label="After this session I can…",
        widget=forms.TextInput(attrs={"placeholder": "e.g. decide between the two offers"}),
    )
    idempotency_key = forms.CharField(max_length=80, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, mentor: Profile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        minutes = self.fields["minutes"]
        assert isinstance(minutes, forms.TypedChoiceField)
        minutes.choices = [(n, f"{n} min") for n in sorted(mentor.session_lengths)]
        labels = dict(Format.choices)
        fmt = self.fields["format"]
        assert isinstance(fmt, forms.ChoiceField)
        fmt.choices = [(f, labels.get(f, f)) for f in mentor.formats]


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False)


class RescheduleForm(forms.Form):
    start = forms.DateTimeField()


class PolicyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Availability
        fields = (
            "buffer_before",
            "buffer_after",
            "min_notice",
            "horizon_days",
            "max_per_day",
            "step",
            "auto_confirm",
            "confirm_within_hours",
            "late_cancel_hours",
            "paused_until",
        )
        labels = {
            "buffer_before": "Buffer before (min)",
            "buffer_after": "Buffer after (min)",
            "min_notice": "Minimum notice (min)",
            "horizon_days": "Bookable up to (days ahead)",
            "max_per_day": "Sessions per day, at most",
            "step": "Start times every (min)",
            "auto_confirm": "Confirm requests automatically",
            "confirm_within_hours": "Otherwise I answer within (hours)",
            "late_cancel_hours": "Cancelling later than this is late (hours)",
            "paused_until": "Away until (vacation)",
        }
        widgets = {"paused_until": forms.DateInput(attrs={"type": "date"})}


class BusyImportForm(forms.Form):
    name = forms.CharField(max_length=80, required=False, label="Calendar name")
    file = forms.FileField(required=False, label="An .ics file")
    url = forms.URLField(required=False, label="…or an iCalendar URL", assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if not upload and not data.get("url"):
            raise forms.ValidationError("Choose an .ics file or give a calendar URL.")
        if upload:
            if upload.size > 2 * 1024 * 1024:
                raise forms.ValidationError("That file is larger than 2 MB.")
            data["data"] = upload.read()
        return data
