from __future__ import annotations

from typing import Any, cast

from django import forms

from bitesize.profiles.choices import LANGUAGE_CHOICES, SESSION_LENGTHS, Format, time_zone_names
from bitesize.profiles.models import Profile, ProfileSkill
from bitesize.skills.models import Industry


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=100)
    headline = forms.CharField(
        max_length=140,
        required=False,
        help_text="One line: what you do and where, e.g. “Data engineer at a logistics scale-up”.",
    )
    bio = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=3000, required=False)
    time_zone = forms.ChoiceField(help_text="Detected from your browser; change it if it is wrong.")
    languages = forms.MultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "pick"}),
        help_text="The languages you can hold a session in.",
    )
    industries = forms.ModelMultipleChoiceField(
        queryset=Industry.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "pick"}),
    )
    visibility = forms.ChoiceField(
        choices=Profile.Visibility.choices, label="Who can see my profile", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone = cast(forms.ChoiceField, self.fields["time_zone"])
        zone.choices = [(z, z.replace("_", " ")) for z in time_zone_names()]
        # Chosen languages first, so that a long list still shows what is picked.
        chosen = set(self.initial.get("languages", ()))
        languages = cast(forms.ChoiceField, self.fields["languages"])
        languages.choices = sorted(LANGUAGE_CHOICES, key=lambda c: (c[0] not in chosen, c[1]))


class PhotoForm(forms.Form):
    photo = forms.ImageField(
        required=False, help_text="JPEG, PNG or WebP, up to 5 MB. We crop it to a square."
    )
    remove = forms.BooleanField(required=False)


class MentorForm(forms.Form):
    is_mentor = forms.BooleanField(required=False, label="I offer mentoring")
    help_with = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        label="What I can help with",
    )
    session_lengths = forms.TypedMultipleChoiceField(
        choices=[(n, f"{n} min") for n in SESSION_LENGTHS],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Session lengths I offer",
        error_messages={"required": "Pick at least one session length."},
    )
    formats = forms.MultipleChoiceField(
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one format."},
    )
    weekly_capacity = forms.IntegerField(
        min_value=1, max_value=40, label="Sessions per week, at most"
    )
    available_now = forms.BooleanField(required=False, label="Available now for on-demand asks")
    meeting_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="My own meeting link (optional)",
        help_text="Zoom, Meet, Jitsi… Leave empty to use Bitesize's built-in room.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("available_now") and not data.get("is_mentor"):
            self.add_error("available_now", "Only mentors can be available now.")
        return data


class SkillAddForm(forms.Form):
    skill = forms.CharField(max_length=80, label="Skill")
    level = forms.TypedChoiceField(
        choices=ProfileSkill.Level.choices, coerce=int, initial=ProfileSkill.Level.WORKING
    )


class GoalForm(forms.Form):
    title = forms.CharField(
        max_length=160,
        min_length=5,
        label="New goal",
        widget=forms.TextInput(
            attrs={"placeholder": "e.g. Move from support into product management"}
        ),
    )


class DirectoryForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    skill = forms.IntegerField(required=False, widget=forms.HiddenInput)
    industry = forms.ModelChoiceField(
        queryset=Industry.objects.all(), required=False, empty_label="Any industry"
    )
    language = forms.ChoiceField(required=False)
    overlap = forms.TypedChoiceField(
        choices=[
            (0, "Any time zone"),
            (2, "≥ 2 h shared workday"),
            (4, "≥ 4 h shared"),
            (6, "≥ 6 h shared"),
        ],
        coerce=int,
        required=False,
        empty_value=0,  # type: ignore[arg-type]
        label="Time-zone overlap",
    )
    now = forms.BooleanField(required=False, label="Available now")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = cast(forms.ChoiceField, self.fields["language"])
        language.choices = [("", "Any language"), *LANGUAGE_CHOICES]
