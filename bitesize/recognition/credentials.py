"""A badge as an Open Badges 3.0 credential: an OpenBadgeCredential secured as a JWT
(VC-JWT, ES256) with the platform's key, which is published as a JWK set at
/.well-known/jwks.json so that anyone can verify a credential without asking us."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc import jwt
from joserfc.jwk import ECKey

from bitesize.recognition.models import BadgeAward
from bitesize.recognition.rules import BadgeSpec

ALG = "ES256"
CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


@lru_cache(maxsize=4)
def _key(pem: str) -> ECKey:
    key = ECKey.import_key(pem)
    if key.curve_name != "P-256" or not key.is_private:
        raise ImproperlyConfigured("BADGE_SIGNING_KEY must be a private EC P-256 key (PEM).")
    return key


def signing_key() -> ECKey:
    pem = settings.BADGE_SIGNING_KEY
    if not pem:
        raise ImproperlyConfigured("BADGE_SIGNING_KEY must be set to issue badge credentials.")
    return _key(pem)


def jwks() -> dict[str, Any]:
    """The public half of the signing key, as a JWK set; empty when no key is configured."""
    if not settings.BADGE_SIGNING_KEY:
        return {"keys": []}
    key = signing_key()
    public = {**key.as_dict(private=False), "kid": key.thumbprint(), "alg": ALG, "use": "sig"}
    return {"keys": [public]}


def issuer() -> dict[str, Any]:
    return {
        "id": f"{settings.SITE_URL}/",
        "type": ["Profile"],
        "name": "Bitesize",
        "url": f"{settings.SITE_URL}/",
    }


def _identity(award: BadgeAward) -> dict[str, Any]:
    """The earner, named by a salted hash of their e-mail address: a verifier who knows the
    address can check it, nobody else learns it."""
    salt = award.public_id.hex[:16]
    digest = hashlib.sha256((award.user.email.lower() + salt).encode()).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def badge_credential_achievement(spec: BadgeSpec) -> dict[str, Any]:
    """The Achievement of a badge, the same for everyone who earns it."""
    return {
        "id": f"{settings.SITE_URL}/badges/achievements/{spec.code}",
        "type": ["Achievement"],
        "name": spec.name,
        "description": spec.description,
        "criteria": {"narrative": spec.description},
        "creator": issuer(),
    }


def badge_credential(award: BadgeAward) -> dict[str, Any]:
    """The OpenBadgeCredential of one earned badge."""
    spec = BadgeSpec(award.code, award.name, award.description)
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{award.public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer(),
        "validFrom": award.earned_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "name": award.name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [_identity(award)],
            "achievement": badge_credential_achievement(spec),
        },
    }


def badge_jwt(award: BadgeAward) -> str:
    """The credential as a compact JWS: the registered claims beside the credential itself."""
    key = signing_key()
    credential = badge_credential(award)
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": f"{settings.SITE_URL}/badges/{award.public_id}/",
        "nbf": int(award.earned_at.timestamp()),
        "iat": int(award.earned_at.timestamp()),
    }
    header = {"alg": ALG, "typ": "vc+jwt", "kid": key.thumbprint()}
    return jwt.encode(header, claims, key)
