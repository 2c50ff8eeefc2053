from __future__ import annotations

from django import forms
from django.http import HttpRequest

from bitesize.accounts.models import User
from bitesize.profiles.services import profile_ensure


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form gains: the name people see, and the browser's zone."""

    name = forms.CharField(
        max_length=100, label="Your name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    time_zone = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    def signup(self, request: HttpRequest, user: User) -> None:
        profile_ensure(
            user=user, name=self.cleaned_data["name"], time_zone=self.cleaned_data["time_zone"]
        )


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        max_length=80,
        label="Token name",
        widget=forms.TextInput(attrs={"placeholder": "e.g. calendar sync script"}),
    )
