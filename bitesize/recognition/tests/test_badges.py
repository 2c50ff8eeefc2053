"""Badges: earned from the record, each with a public page and a signed Open Badges 3.0
credential that a standard JOSE library verifies against the published key."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta

import jwt as pyjwt
import pytest
from django.test import Client
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from bitesize.asks.models import Offer
from bitesize.communities.models import Membership
from bitesize.notifications.models import Notification
from bitesize.recognition import services
from bitesize.recognition.models import BadgeAward, CustomBadge
from bitesize.recognition.tests.helpers import MONDAY, session
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def earned(alice, bob):
    services.recognise_booking(session(alice, bob))
    return BadgeAward.objects.get(user=bob, code="first-session")


def test_a_first_session_earns_a_badge_once_with_a_notification(alice, bob, earned):
    assert set(BadgeAward.objects.values_list("user_id", "code")) == {
        (alice.pk, "first-session"),
        (bob.pk, "first-session"),
    }
    services.recognise_booking(session(alice, bob, start=MONDAY + timedelta(days=1)))
    assert BadgeAward.objects.count() == 2
    assert Notification.objects.filter(user=bob, kind="recognition.badge").count() == 1


def test_connector_and_session_count_badges(alice, org):
    for n in range(10):
        mentee = make_user(f"m{n}@example.com", f"Mentee {n}")
        Membership.objects.create(community=org, user=mentee)
        services.points_sync_for(session(alice, mentee, start=MONDAY + timedelta(hours=n)))
    services.badges_sync_for(alice)
    codes = set(BadgeAward.objects.filter(user=alice).values_list("code", flat=True))
    assert {"first-session", "sessions-10", "connector"} <= codes
    assert "sessions-25" not in codes


def test_quick_responder_from_offers_accepted_within_minutes(alice, bob):
    from bitesize.asks.models import Ask

    for n in range(3):
        ask = Ask.objects.create(asker=bob, question=f"Question {n}", objective="Know how")
        Offer.objects.create(
            ask=ask,
            mentor=alice,
            rank=1,
            state=Offer.State.ACCEPTED,
            sent_at=MONDAY,
            deadline=MONDAY + timedelta(minutes=15),
            answered_at=MONDAY + timedelta(minutes=3 + n),
        )
    services.badges_sync_for(alice)
    assert BadgeAward.objects.filter(user=alice, code="quick-responder").exists()


def test_a_community_badge_for_sessions_in_it(alice, bob, dana, org):
    services.custom_badge_create(
        community=org,
        by=dana,
        name="Northwind helper",
        description="",
        metric="sessions",
        threshold=2,
    )
    services.recognise_booking(session(alice, bob))
    assert not BadgeAward.objects.filter(code__startswith="custom-").exists()
    services.recognise_booking(session(alice, bob, start=MONDAY + timedelta(days=1)))
    assert BadgeAward.objects.filter(user=alice, name="Northwind helper").exists()


def test_only_admins_define_community_badges(bob, org):
    with pytest.raises(Exception, match="admins"):
        services.custom_badge_create(
            community=org, by=bob, name="Mine", description="", metric="points", threshold=1
        )
    assert CustomBadge.objects.count() == 0


def test_the_badge_page_is_public_and_shows_name_badge_and_date(earned):
    page = Client().get(f"/badges/{earned.public_id}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bob Okafor" in text and "First session" in text
    assert "bob@example.com" not in text
    assert Client().get("/badges/00000000-0000-4000-8000-000000000000/").status_code == 404


def test_the_credential_verifies_against_the_published_key(earned, settings):
    anyone = Client()
    token = anyone.get(f"/badges/{earned.public_id}/credential.jwt").content.decode()
    keys = anyone.get("/.well-known/jwks.json").json()
    assert [k["kty"] for k in keys["keys"]] == ["EC"]
    assert "d" not in keys["keys"][0]  # only the public half is published

    # joserfc, resolving the key by its kid from the published set
    verified = jwt.decode(token, KeySet.import_key_set(keys))
    assert verified.header["alg"] == "ES256" and verified.header["typ"] == "vc+jwt"
    claims = verified.claims
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == f"{settings.SITE_URL}/" == claims["issuer"]["id"]
    assert claims["jti"] == f"urn:uuid:{earned.public_id}" == claims["id"]
    achievement = claims["credentialSubject"]["achievement"]
    assert achievement["name"] == "First session" and achievement["type"] == ["Achievement"]
    identity = claims["credentialSubject"]["identifier"][0]
    expected = hashlib.sha256(("bob@example.com" + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"

    # PyJWT, a second independent library, with the JWK from the same published set
    public = pyjwt.PyJWK.from_dict(keys["keys"][0])
    decoded = pyjwt.decode(token, public.key, algorithms=["ES256"], options={"verify_aud": False})
    assert decoded["jti"] == claims["jti"]


def test_a_tampered_credential_does_not_verify(earned):
    token = Client().get(f"/badges/{earned.public_id}/credential.jwt").content.decode()
    keys = KeySet.import_key_set(Client().get("/.well-known/jwks.json").json())
    header, _payload, signature = token.split(".")
    claims = jwt.decode(token, keys).claims
    claims["name"] = "50 sessions"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(BadSignatureError):
        jwt.decode(f"{header}.{forged}.{signature}", keys)


def test_the_achievement_id_resolves(earned):
    data = Client().get("/badges/achievements/first-session").json()
    assert data["name"] == "First session"
    assert Client().get("/badges/achievements/nothing-here").status_code == 404


def test_polymath_counts_skill_categories_of_held_sessions(alice, bob, org):
    from bitesize.asks.models import Ask
    from bitesize.skills.models import Skill

    categories = list(
        Skill.objects.order_by("category").values_list("category", flat=True).distinct()[:5]
    )
    assert len(categories) == 5
    for n, category in enumerate(categories):
        mentee = make_user(f"poly{n}@example.com", f"Poly {n}")
        Membership.objects.create(community=org, user=mentee)
        ask = Ask.objects.create(asker=mentee, question=f"Question {n}", objective="Know how")
        ask.skills.add(Skill.objects.filter(category=category).first())
        services.points_sync_for(session(alice, mentee, start=MONDAY + timedelta(hours=n), ask=ask))
        services.badges_sync_for(alice)
        earned = BadgeAward.objects.filter(user=alice, code="polymath").exists()
        assert earned == (n == 4)
