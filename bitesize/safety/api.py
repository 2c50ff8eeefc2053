from datetime import datetime
from typing import cast

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.safety.models import Block, Report
from bitesize.safety.services import block_create, block_remove, report_create

router = Router(tags=["safety"])
ERR = {400: dict, 404: dict}


class PersonIn(Schema):
    person: str = Field(..., description="The person's handle")


class BlockOut(Schema):
    person: str | None = Field(..., description="Their handle")
    name: str
    since: datetime


class ReportIn(Schema):
    person: str = Field(..., description="The person's handle")
    reason: str = Field(..., description=", ".join(Report.Reason.values))
    details: str = Field("", max_length=2000)


class ReportOut(Schema):
    id: int
    person: str
    reason: str
    state: str
    created_at: datetime


def _other(request: HttpRequest, handle: str) -> User:
    profile = access_profile_by_handle(request.user, handle)
    if profile.user_id == request.user.pk:
        raise Http404("No such person.")
    return profile.user


@router.get("/blocks", response=list[BlockOut], summary="People I blocked")
def block_list(request: HttpRequest) -> list[BlockOut]:
    blocks = Block.objects.filter(blocker=request.user.pk).select_related("blocked__profile")
    return [
        BlockOut(
            person=getattr(getattr(b.blocked, "profile", None), "handle", None),
            name=getattr(getattr(b.blocked, "profile", None), "name", ""),
            since=b.created_at,
        )
        for b in blocks
    ]


@router.post(
    "/blocks",
    response={201: BlockOut, **ERR},
    summary="Block a person: no suggestions, visibility, bookings or asks either way",
)
def block_add(request: HttpRequest, payload: PersonIn) -> Status[BlockOut]:
    other = _other(request, payload.person)
    block = block_create(blocker=cast(User, request.user), blocked=other)
    return Status(
        201, BlockOut(person=payload.person, name=other.profile.name, since=block.created_at)
    )


@router.delete("/blocks/{handle}", response={204: None, 404: dict}, summary="Unblock")
def block_delete(request: HttpRequest, handle: str) -> Status[None]:
    block = (
        Block.objects.filter(blocker=request.user.pk, blocked__profile__handle=handle)
        .select_related("blocked")
        .first()
    )
    if block is None:
        raise Http404("You have not blocked this person.")
    block_remove(blocker=cast(User, request.user), blocked=block.blocked)
    return Status(204, None)


@router.post(
    "/reports", response={201: ReportOut, **ERR}, summary="Report a person to the operators"
)
def report_add(request: HttpRequest, payload: ReportIn) -> Status[ReportOut]:
    other = _other(request, payload.person)
    report = report_create(
        reporter=cast(User, request.user),
        reported=other,
        reason=payload.reason,
        details=payload.details,
    )
    return Status(
        201,
        ReportOut(
            id=report.pk,
            person=payload.person,
            reason=report.reason,
            state=report.state,
            created_at=report.created_at,
        ),
    )
