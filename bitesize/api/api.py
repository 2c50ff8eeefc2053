"""The JSON API under /api/v1: personal access tokens (Bearer) or the browser session."""

from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Router, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.accounts.services import access_token_authenticate
from bitesize.api.schemas import (
    CommunityOut,
    ErrorOut,
    IndustryOut,
    MentorOut,
    MeOut,
    ProfileOut,
    ProfileSkillOut,
    ProfileUpdateIn,
    SkillAddIn,
    SkillOut,
)
from bitesize.asks.api import router as asks_router
from bitesize.asks.services import OfferClosed
from bitesize.communities.api import router as communities_router
from bitesize.communities.models import Membership
from bitesize.debriefs.api import router as debriefs_router
from bitesize.profiles.models import Profile
from bitesize.profiles.selectors import DirectoryQuery, access_profile_by_handle, mentor_directory
from bitesize.profiles.services import (
    profile_ensure,
    profile_skill_add,
    profile_skill_remove,
    profile_update,
)
from bitesize.programs.api import router as programs_router
from bitesize.recognition.api import router as recognition_router
from bitesize.rooms.api import router as rooms_router
from bitesize.safety.api import router as safety_router
from bitesize.scheduling.api import router as scheduling_router
from bitesize.scheduling.services import SlotTaken
from bitesize.skills.models import Industry, SkillAlias
from bitesize.skills.selectors import skill_search


class TokenAuth(HttpBearer):
    openapi_description = "A personal access token, created on the settings page."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = access_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's login session; unsafe methods also need the CSRF token."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return request.user if request.user.is_authenticated else None


api = NinjaAPI(
    title="Bitesize API",
    version="1",
    description="Micromentoring: profiles, skills and mentors. Authenticate with a personal "
    "access token (`Authorization: Bearer bsz_…`) or a browser session.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)

ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


def _problem(request: HttpRequest, status: int, detail: str, errors: Any = None) -> HttpResponse:
    body: dict[str, Any] = {"detail": detail}
    if errors:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _problem(request, 404, str(exc) or "Not found.")


@api.exception_handler(PermissionDenied)
def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _problem(request, 403, str(exc) or "Not allowed.")


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    summary = "; ".join(
        f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v) for k, v in errors.items()
    )
    return _problem(request, 400, summary, errors)


@api.exception_handler(NinjaValidationError)
def schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [
            str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "payload")
        ]
        errors.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "invalid")))
    summary = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
    return _problem(request, 422, f"Invalid request: {summary}", errors)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _problem(
        request,
        401,
        "Authentication required: send a personal access token as "
        "'Authorization: Bearer <token>' or log in.",
    )


def _me(request: HttpRequest) -> Profile:
    return profile_ensure(user=cast(User, request.user))


def _profile_queryset() -> Any:
    return Profile.objects.prefetch_related("skills__skill", "languages", "industries")


me_router = Router(tags=["me"])


@me_router.get("", response={200: MeOut, 401: ErrorOut}, summary="The signed-in user")
def me(request: HttpRequest) -> MeOut:
    user = cast(User, request.user)
    profile = _profile_queryset().get(pk=_me(request).pk)
    memberships = Membership.objects.filter(user=user).select_related("community")
    return MeOut(
        id=user.pk,
        email=user.email,
        date_joined=user.date_joined,
        profile=ProfileOut.of(profile),
        communities=[
            CommunityOut(
                id=m.community.pk,
                slug=m.community.slug,
                name=m.community.name,
                kind=m.community.kind,
                role=m.role,
            )
            for m in memberships
        ],
    )


@me_router.patch(
    "/profile", response={200: ProfileOut, **ERRORS, 422: ErrorOut}, summary="Update my profile"
)
def profile_patch(request: HttpRequest, payload: ProfileUpdateIn) -> ProfileOut:
    profile = _me(request)
    data = payload.model_dump(exclude_unset=True)
    languages = data.pop("languages", None)
    industry_ids = data.pop("industry_ids", None)
    if "meeting_url" in data:
        data["meeting_url"] = str(data["meeting_url"] or "")
    for text_field in ("headline", "bio", "help_with"):
        if data.get(text_field) is None and text_field in data:
            data[text_field] = ""
    profile_update(profile=profile, fields=data, languages=languages, industry_ids=industry_ids)
    return ProfileOut.of(_profile_queryset().get(pk=profile.pk))


@me_router.post(
    "/skills",
    response={201: ProfileSkillOut, 200: ProfileSkillOut, **ERRORS, 422: ErrorOut},
    summary="Add a skill (201), or change the level of one already listed (200)",
)
def skills_add(request: HttpRequest, payload: SkillAddIn) -> Status[ProfileSkillOut]:
    item, created = profile_skill_add(profile=_me(request), text=payload.skill, level=payload.level)
    return Status(
        201 if created else 200,
        ProfileSkillOut(
            id=item.pk,
            label=item.label,
            skill_id=item.skill_id,
            level=item.level,
            level_label=item.get_level_display(),
        ),
    )


@me_router.delete("/skills/{item_id}", response={204: None, **ERRORS}, summary="Remove a skill")
def skills_remove(request: HttpRequest, item_id: int) -> Status[None]:
    if not profile_skill_remove(profile=_me(request), profile_skill_id=item_id):
        raise Http404("No such skill on your profile.")
    return Status(204, None)


router = Router()


@router.get("/profiles/{handle}", response={200: ProfileOut, **ERRORS}, tags=["profiles"])
def profile_get(request: HttpRequest, handle: str) -> ProfileOut:
    return ProfileOut.of(access_profile_by_handle(request.user, handle))


@router.get(
    "/skills", response=list[SkillOut], tags=["skills"], summary="Search the skill catalogue"
)
def skills(
    request: HttpRequest,
    q: str = "",
    limit: int = Query(10, ge=1, le=50),  # type: ignore[type-arg]
) -> list[SkillOut]:
    found = list(
        skill_search(q, limit=limit).prefetch_related(
            Prefetch("aliases", queryset=SkillAlias.objects.order_by("alias"))
        )
    )
    return [
        SkillOut(
            id=s.pk,
            name=s.name,
            slug=s.slug,
            category=s.category,
            synonyms=[a.alias for a in s.aliases.all()],
        )
        for s in found
    ]


@router.get("/industries", response=list[IndustryOut], tags=["skills"], summary="All industries")
def industries(request: HttpRequest) -> list[Industry]:
    return list(Industry.objects.all())


class MentorFilters(Schema):
    q: str = ""
    skill: int | None = None
    industry: int | None = None
    language: str = ""
    overlap: int = Field(0, ge=0, le=9, description="Minimum shared working hours")
    available_now: bool = False
    community: int | None = None


@router.get("/mentors", response=list[MentorOut], tags=["mentors"], summary="Search mentors")
@paginate(PageNumberPagination, page_size=20)
def mentors(request: HttpRequest, filters: Query[MentorFilters]) -> list[MentorOut]:  # type: ignore[type-arg]
    viewer = cast(User, request.user)
    community = None
    if filters.community is not None:
        if not Membership.objects.filter(user=viewer, community_id=filters.community).exists():
            raise Http404("No such community.")
        community = filters.community
    query = DirectoryQuery(
        text=filters.q,
        skill_id=filters.skill,
        industry_id=filters.industry,
        language=filters.language,
        overlap_hours=filters.overlap,
        viewer_zone=_me(request).time_zone,
        available_now=filters.available_now,
        community_id=community,
    )
    return mentor_directory(viewer, query)  # type: ignore[return-value]


@router.get(
    "/communities", response=list[CommunityOut], tags=["communities"], summary="My communities"
)
def communities(request: HttpRequest) -> list[CommunityOut]:
    return [
        CommunityOut(
            id=m.community.pk,
            slug=m.community.slug,
            name=m.community.name,
            kind=m.community.kind,
            role=m.role,
        )
        for m in Membership.objects.filter(user=request.user.pk).select_related("community")
    ]


@api.exception_handler(SlotTaken)
def slot_taken(request: HttpRequest, exc: SlotTaken) -> HttpResponse:
    return _problem(request, 409, str(exc))


@api.exception_handler(OfferClosed)
def offer_closed(request: HttpRequest, exc: OfferClosed) -> HttpResponse:
    return _problem(request, 409, str(exc))


api.add_router("/me", me_router)
api.add_router("", router)
api.add_router("", scheduling_router)
api.add_router("", asks_router)
api.add_router("", safety_router)
api.add_router("", debriefs_router)
api.add_router("", rooms_router)
api.add_router("", programs_router)
api.add_router("", recognition_router)
api.add_router("", communities_router)
