"""{% recognition_panel profile %}: a person's badges, streak and kudos on their profile."""

from __future__ import annotations

from typing import Any

from django import template

from bitesize.profiles.models import Profile
from bitesize.recognition import selectors

register = template.Library()


@register.inclusion_tag("recognition/_profile_panel.html", takes_context=True)
def recognition_panel(context: dict[str, Any], profile: Profile) -> dict[str, Any]:
    viewer = context["request"].user
    return {
        "badges": selectors.badges_of(profile.user_id),
        "streak": selectors.streak_of(profile.user),
        "kudos": selectors.kudos_for_profile(profile.user_id, viewer),
        "can_send": viewer.is_authenticated and viewer.pk != profile.user_id,
        "handle": profile.handle,
        "is_me": viewer.is_authenticated and viewer.pk == profile.user_id,
        "csrf_token": context.get("csrf_token"),
    }
