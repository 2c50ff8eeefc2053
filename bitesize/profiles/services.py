from __future__ import annotations

import io
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from PIL import Image, ImageOps, UnidentifiedImageError

from bitesize.accounts.models import User
from bitesize.matching.changes import mentor_changed
from bitesize.profiles.choices import (
    LANGUAGE_NAMES,
    SESSION_LENGTHS,
    Format,
    canonical_zone,
    is_time_zone,
)
from bitesize.profiles.models import Profile, ProfileLanguage, ProfileSkill
from bitesize.skills.catalogue import clean_label
from bitesize.skills.models import Industry, Skill
from bitesize.skills.selectors import skill_resolve

PHOTO_SIZE = 512
PHOTO_MAX_BYTES = 5 * 1024 * 1024
MAX_SKILLS = 30


def _free_handle(name: str) -> str:
    base = (slugify(name)[:30] or "member").strip("-")
    handle = base
    while Profile.objects.filter(handle=handle).exists():
        handle = f"{base}-{get_random_string(4, 'abcdefghijkmnpqrstuvwxyz23456789')}"
    return handle


def profile_ensure(*, user: User, name: str = "", time_zone: str = "") -> Profile:
    """The user's profile, created on first use (sign-up, first login, the admin)."""
    existing = Profile.objects.filter(user=user).first()
    if existing is not None:
        return existing
    name = clean_label(name) or user.email.split("@")[0].replace(".", " ").title()
    try:
        with transaction.atomic():
            return Profile.objects.create(
                user=user,
                name=name,
                handle=_free_handle(name),
                time_zone=canonical_zone(time_zone) if is_time_zone(time_zone) else "UTC",
            )
    except IntegrityError:  # created by a concurrent request
        return Profile.objects.get(user=user)


def profile_update(
    *,
    profile: Profile,
    fields: dict[str, object],
    languages: Iterable[str] | None = None,
    industry_ids: Iterable[int] | None = None,
) -> Profile:
    """Update the given fields after validating them; nothing is written if one is wrong."""
    errors: dict[str, str] = {}
    if "time_zone" in fields:
        if is_time_zone(str(fields["time_zone"])):
            fields["time_zone"] = canonical_zone(str(fields["time_zone"]))
        else:
            errors["time_zone"] = f"{fields['time_zone']} is not a known time zone."
    if "session_lengths" in fields:
        lengths = fields["session_lengths"]
        if not isinstance(lengths, list) or not lengths or not set(lengths) <= set(SESSION_LENGTHS):
            errors["session_lengths"] = (
                "Pick one or more of " + ", ".join(map(str, SESSION_LENGTHS)) + " minutes."
            )
        else:
            fields["session_lengths"] = sorted(set(lengths))
    if "formats" in fields:
        formats = fields["formats"]
        if not isinstance(formats, list) or not formats or not set(formats) <= set(Format.values):
            errors["formats"] = "Pick one or more of: " + ", ".join(Format.values) + "."
        else:
            fields["formats"] = [f for f in Format.values if f in formats]
    if industry_ids is not None:
        industry_ids = list(dict.fromkeys(industry_ids))
        known = set(Industry.objects.filter(pk__in=industry_ids).values_list("pk", flat=True))
        if missing := [i for i in industry_ids if i not in known]:
            errors["industry_ids"] = f"Unknown industry id(s): {', '.join(map(str, missing))}."
    if languages is not None:
        languages = list(dict.fromkeys(languages))
        unknown = [code for code in languages if code not in LANGUAGE_NAMES]
        if unknown:
            errors["languages"] = f"Unknown language code(s): {', '.join(unknown)}."
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.available_now and not profile.is_mentor:
        if fields.get("available_now"):
            errors["available_now"] = "Only mentors can be available now."
        profile.available_now = False  # someone who stops mentoring is not available now
    try:
        profile.full_clean(exclude=["user", "handle", "photo"])
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if errors:
        profile.refresh_from_db()
        raise ValidationError(errors)
    with transaction.atomic():
        profile.save()
        mentor_changed(profile.user_id)
        if languages is not None:
            ProfileLanguage.objects.filter(profile=profile).exclude(code__in=languages).delete()
            have = set(
                ProfileLanguage.objects.filter(profile=profile).values_list("code", flat=True)
            )
            ProfileLanguage.objects.bulk_create(
                ProfileLanguage(profile=profile, code=code)
                for code in languages
                if code not in have
            )
        if industry_ids is not None:
            profile.industries.set(list(industry_ids))
    return profile


def profile_set_photo(*, profile: Profile, upload: UploadedFile | None) -> Profile:
    """Store a square, EXIF-free JPEG of at most 512 px; None removes the photo."""
    if upload is None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.photo = ""  # type: ignore[assignment]
        profile.save(update_fields=["photo", "updated_at"])
        return profile
    if upload.size and upload.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": "The photo is larger than 5 MB."})
    try:
        Image.open(upload).verify()  # a truncated or forged file fails here
        upload.seek(0)
        upright = ImageOps.exif_transpose(Image.open(upload))
        image = ImageOps.fit(
            upright.convert("RGB"), (PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS
        )
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            {"photo": "That file is not an image we can read (use JPEG, PNG or WebP)."}
        ) from exc
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86, optimize=True)
    old = profile.photo.name if profile.photo else None
    profile.photo.save(
        f"{profile.handle}-{get_random_string(6)}.jpg", ContentFile(buffer.getvalue()), save=False
    )
    profile.save(update_fields=["photo", "updated_at"])
    if old:
        profile.photo.storage.delete(old)
    return profile


def profile_skill_add(*, profile: Profile, text: str, level: int) -> tuple[ProfileSkill, bool]:
    """Add a skill from free text: the catalogue skill when it matches (by name, synonym
    or spelling variant), a tag otherwise. Adding one that is there updates its level.
    Returns the item and whether it is new."""
    label = clean_label(text)
    if len(label) < 1:
        raise ValidationError({"skill": "Type a skill."})
    if level not in ProfileSkill.Level.values:
        raise ValidationError({"level": "Pick a level from 1 (learning) to 4 (expert)."})
    skill: Skill | None = skill_resolve(label)
    with transaction.atomic():
        if skill is not None:
            existing = ProfileSkill.objects.filter(profile=profile, skill=skill).first()
        else:
            existing = ProfileSkill.objects.filter(
                profile=profile, skill__isnull=True, tag__iexact=label
            ).first()
        mentor_changed(profile.user_id)
        if existing is not None:
            existing.level = level
            existing.save(update_fields=["level"])
            return existing, False
        if ProfileSkill.objects.filter(profile=profile).count() >= MAX_SKILLS:
            raise ValidationError({"skill": f"A profile holds at most {MAX_SKILLS} skills."})
        try:
            with transaction.atomic():
                created = ProfileSkill.objects.create(
                    profile=profile, skill=skill, tag="" if skill else label, level=level
                )
                return created, True
        except IntegrityError:  # the same skill added twice at once
            if skill is not None:
                return ProfileSkill.objects.get(profile=profile, skill=skill), False
            return ProfileSkill.objects.get(profile=profile, skill=None, tag=label), False


def profile_skill_remove(*, profile: Profile, profile_skill_id: int) -> bool:
    deleted, _ = ProfileSkill.objects.filter(profile=profile, pk=profile_skill_id).delete()
    if deleted:
        mentor_changed(profile.user_id)
    return deleted > 0


def profile_set_available_now(*, profile: Profile, available: bool) -> Profile:
    if available and not profile.is_mentor:
        raise ValidationError({"available_now": "Only mentors can be available now."})
    Profile.objects.filter(pk=profile.pk).update(available_now=available)
    mentor_changed(profile.user_id)
    profile.available_now = available
    return profile
