from datetime import datetime

from ninja import Schema
from pydantic import Field, HttpUrl

from bitesize.profiles.models import Profile


class SkillOut(Schema):
    id: int
    name: str
    slug: str
    category: str
    synonyms: list[str]


class IndustryOut(Schema):
    id: int
    name: str
    slug: str


class ProfileSkillOut(Schema):
    id: int
    label: str
    skill_id: int | None
    level: int
    level_label: str


class ProfileOut(Schema):
    handle: str
    name: str
    headline: str
    bio: str
    photo_url: str | None
    time_zone: str
    languages: list[str]
    industries: list[str]
    skills: list[ProfileSkillOut]
    is_mentor: bool
    help_with: str
    session_lengths: list[int]
    formats: list[str]
    weekly_capacity: int
    available_now: bool
    meeting_url: str
    visibility: str
    url: str

    @staticmethod
    def of(profile: Profile) -> "ProfileOut":
        return ProfileOut(
            handle=profile.handle,
            name=profile.name,
            headline=profile.headline,
            bio=profile.bio,
            photo_url=profile.photo.url if profile.photo else None,
            time_zone=profile.time_zone,
            languages=[lang.code for lang in profile.languages.all()],
            industries=[i.name for i in profile.industries.all()],
            skills=[
                ProfileSkillOut(
                    id=s.pk,
                    label=s.label,
                    skill_id=s.skill_id,
                    level=s.level,
                    level_label=s.get_level_display(),
                )
                for s in profile.skills.all()
            ],
            is_mentor=profile.is_mentor,
            help_with=profile.help_with,
            session_lengths=profile.session_lengths,
            formats=profile.formats,
            weekly_capacity=profile.weekly_capacity,
            available_now=profile.available_now,
            meeting_url=profile.meeting_url,
            visibility=profile.visibility,
            url=f"/people/{profile.handle}/",
        )


class CommunityOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    role: str | None


class MeOut(Schema):
    id: int
    email: str
    date_joined: datetime
    profile: ProfileOut
    communities: list[CommunityOut]


class ProfileUpdateIn(Schema):
    """Fields to change; leave a field out to keep it."""

    name: str | None = Field(None, min_length=1, max_length=100)
    headline: str | None = Field(None, max_length=140)
    bio: str | None = Field(None, max_length=3000)
    time_zone: str | None = Field(None, examples=["Europe/Berlin"])
    languages: list[str] | None = Field(None, examples=[["en", "de"]])
    industry_ids: list[int] | None = None
    visibility: Profile.Visibility | None = None
    is_mentor: bool | None = None
    help_with: str | None = Field(None, max_length=1000)
    session_lengths: list[int] | None = Field(None, examples=[[15, 30]])
    formats: list[str] | None = Field(None, examples=[["video", "chat"]])
    weekly_capacity: int | None = Field(None, ge=1, le=40)
    available_now: bool | None = None
    meeting_url: HttpUrl | None = None


class SkillAddIn(Schema):
    skill: str = Field(..., min_length=1, max_length=80, examples=["k8s"])
    level: int = Field(2, ge=1, le=4, description="1 learning, 2 working, 3 advanced, 4 expert")


class MentorOut(Schema):
    handle: str
    name: str
    headline: str
    time_zone: str
    languages: list[str]
    skills: list[str]
    available_now: bool
    session_lengths: list[int]
    formats: list[str]
    url: str

    @staticmethod
    def resolve_languages(obj: Profile) -> list[str]:
        return [lang.code for lang in obj.languages.all()]

    @staticmethod
    def resolve_skills(obj: Profile) -> list[str]:
        return [s.label for s in obj.skills.all()]

    @staticmethod
    def resolve_url(obj: Profile) -> str:
        return f"/people/{obj.handle}/"


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None
