"""The written answer of a session over the API: the mentor writes it, both people read it."""

from datetime import datetime
from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.api.schemas import ErrorOut
from bitesize.rooms import selectors, services
from bitesize.rooms.models import WrittenAnswer
from bitesize.scheduling.selectors import access_booking_by_id

router = Router(tags=["sessions"])
ERR = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut}


class AnswerIn(Schema):
    # No length limit here: a length out of bounds is a 400 naming the limit, like the page.
    body: str = Field(..., description="20 to 8000 characters, without surrounding blanks")


class AnswerOut(Schema):
    session: int
    body: str
    submitted_at: datetime
    updated_at: datetime
    due: datetime = Field(..., description="The end of the booked time: edits are taken until then")


def answer_out(answer: WrittenAnswer, due: datetime) -> AnswerOut:
    return AnswerOut(
        session=answer.booking_id,
        body=answer.body,
        submitted_at=answer.submitted_at,
        updated_at=answer.updated_at,
        due=due,
    )


@router.get(
    "/bookings/{booking_id}/answer",
    response={200: AnswerOut, **ERR},
    summary="The written answer of a session",
)
def answer_get(request: HttpRequest, booking_id: int) -> AnswerOut:
    booking = access_booking_by_id(cast(User, request.user), booking_id)
    answer = selectors.written_answer_of(booking)
    if answer is None:
        raise Http404("This session has no written answer yet.")
    return answer_out(answer, booking.end)


@router.put(
    "/bookings/{booking_id}/answer",
    response={200: AnswerOut, **ERR},
    summary="Write or edit the answer of a written session (its mentor, in the booked time)",
)
def answer_put(request: HttpRequest, booking_id: int, payload: AnswerIn) -> AnswerOut:
    user = cast(User, request.user)
    booking = access_booking_by_id(user, booking_id)
    try:
        answer = services.written_answer_submit(booking=booking, by=user, body=payload.body)
    except PermissionDenied:
        # Only the mentor has an answer to write; to anyone else there is nothing here.
        raise Http404("No answer of yours to write in this session.") from None
    return answer_out(answer, answer.booking.end)
