from django import forms

from bitesize.communities.insights import PERIODS
from bitesize.communities.models import Community, Membership


class CommunityForm(forms.Form):
    name = forms.CharField(max_length=120, min_length=3)
    kind = forms.ChoiceField(choices=Community.Kind.choices, widget=forms.RadioSelect)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    join_policy = forms.ChoiceField(
        choices=Community.JoinPolicy.choices, widget=forms.RadioSelect, initial="invite"
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(label="E-mail of a Bitesize user")
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class InsightsPeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=list(PERIODS.items()),
        coerce=int,
        error_messages={
            "invalid_choice": "Pick a period of 30 days, 90 days or 12 months (days=30, 90 or 365)."
        },
    )
