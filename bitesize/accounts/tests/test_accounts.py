import email
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from bitesize.accounts.models import AccessToken, User
from bitesize.lib.mail import outbox_messages
from conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def last_link(folder: Path) -> str:
    messages = outbox_messages(folder)
    assert messages, "no e-mail in the outbox"
    message = email.message_from_bytes(messages[-1].read_bytes())
    body = "".join(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    match = re.search(r"https?://\S+", body)
    assert match, body
    return match.group(0)


def test_sign_up_verify_by_email_and_get_a_profile(client, outbox):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "Nia Nakamura",
            "time_zone": "Asia/Tokyo",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.profile.name == "Nia Nakamura" and user.profile.time_zone == "Asia/Tokyo"
    assert user.password.startswith("argon2")
    # Not verified yet: logging in sends to the verification page.
    link = last_link(outbox)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirm = client.post("/" + path)
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified


def test_unknown_time_zone_at_sign_up_falls_back_to_utc(client, outbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "x@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "name": "X Y",
            "time_zone": "Not/AZone",
        },
    )
    assert User.objects.get(email="x@example.com").profile.time_zone == "UTC"


def test_sign_up_with_a_weak_password_is_a_form_error(client, outbox):
    response = client.post(
        reverse("account_signup"),
        {"email": "weak@example.com", "password1": "123", "password2": "123", "name": "W"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(email="weak@example.com").exists()
    assert outbox_messages(outbox) == []


def test_password_reset_mail_arrives(client, bob, outbox):
    client.post(reverse("account_reset_password"), {"email": bob.email})
    assert "/accounts/password/reset/key/" in last_link(outbox)


def test_two_factor_setup_asks_for_the_password_then_offers_totp(bob):
    client = client_for(bob)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "otpauth://" in response.content.decode() or "svg" in response.content.decode()


def test_tokens_are_shown_once_and_stored_hashed(bob):
    client = client_for(bob)
    response = client.post(reverse("settings"), {"name": "script"})
    raw = response.context["new_token"]
    assert raw.startswith("bsz_")
    token = AccessToken.objects.get(user=bob)
    assert token.token_hash == AccessToken.hash(raw) and raw not in token.token_hash
    assert raw not in client.get(reverse("settings")).content.decode()


def test_token_revoke_is_owner_only(alice, bob):
    client_for(bob).post(reverse("settings"), {"name": "mine"})
    token = AccessToken.objects.get(user=bob)
    assert client_for(alice).post(reverse("token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client_for(bob).post(reverse("token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_empty_token_name_is_a_form_error(bob):
    response = client_for(bob).post(reverse("settings"), {"name": ""})
    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def _settings_process(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS")
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "bitesize.settings", **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_process(DEBUG="0", ALLOWED_HOSTS="example.com")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _settings_process(DEBUG="0", SECRET_KEY="x" * 50)
    assert result.returncode != 0 and "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both():
    result = _settings_process(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.com")
    assert result.returncode == 0, result.stderr
