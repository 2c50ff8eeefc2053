from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from bitesize.accounts.models import AccessToken, User


def access_token_create(*, user: User, name: str) -> tuple[AccessToken, str]:
    """Create a token and return it with its raw value, which is never stored."""
    raw = AccessToken.PREFIX + secrets.token_urlsafe(32)
    token = AccessToken.objects.create(
        user=user, name=name.strip()[:80], token_hash=AccessToken.hash(raw), hint=raw[:10]
    )
    return token, raw


def access_token_revoke(*, token: AccessToken) -> AccessToken:
    with transaction.atomic():
        AccessToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token.refresh_from_db()
    return token


def access_token_authenticate(raw: str) -> User | None:
    token = (
        AccessToken.objects.select_related("user")
        .filter(token_hash=AccessToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Write at most once a minute per token: the API must not turn every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
