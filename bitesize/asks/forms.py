from __future__ import annotations

from typing import Any

from django import forms

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.communities.models import Community
from bitesize.goals.models import Goal
from bitesize.profiles.choices import SESSION_LENGTHS, Format


class AskForm(forms.Form):
    question = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "placeholder": "e.g. How do I ask my manager to move me to the platform team?",
            }
        ),
        label="Your question",
    )
    objective = forms.CharField(
        max_length=300,
        label="After this session I can…",
        widget=forms.TextInput(
            attrs={"placeholder": "e.g. open the conversation this week with a clear ask"}
        ),
        error_messages={"required": "Say what you want to be able to do after the session."},
    )
    context = forms.CharField(
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Context (optional)",
        help_text="What you tried, constraints, links.",
    )
    skills = forms.CharField(
        max_length=400,
        required=False,
        label="Skills involved",
        help_text="Comma-separated, e.g. “stakeholder management, Kubernetes”.",
    )
    minutes = forms.TypedChoiceField(
        coerce=int,
        choices=[(n, f"{n} min") for n in SESSION_LENGTHS],
        initial=30,
        label="Time needed",
    )
    format = forms.ChoiceField(choices=Format.choices, initial=Format.VIDEO)
    urgency = forms.ChoiceField(choices=Ask.Urgency.choices, initial=Ask.Urgency.WEEK)
    audience = forms.ModelMultipleChoiceField(
        queryset=Community.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Ask within",
        help_text="None ticked: every mentor you can see.",
    )
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), required=False, empty_label="No goal", label="Part of a goal"
    )
    post_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        audience = self.fields["audience"]
        assert isinstance(audience, forms.ModelMultipleChoiceField)
        audience.queryset = Community.objects.filter(memberships__user=user)
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ModelChoiceField)
        goal.queryset = Goal.objects.filter(owner=user, status=Goal.Status.ACTIVE)

    def skill_list(self) -> list[str]:
        return [s.strip() for s in self.cleaned_data.get("skills", "").split(",") if s.strip()]
