from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class RuleIO(Schema):
    weekday: int = Field(..., ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start: str = Field(..., examples=["09:00"], pattern=r"^\d{2}:\d{2}$")
    end: str = Field(..., examples=["12:30"], pattern=r"^\d{2}:\d{2}$")


class OverrideOut(Schema):
    day: date
    spans: list[tuple[str, str]]


class AvailabilityIO(Schema):
    time_zone: str | None = Field(None, description="Read only: the profile's zone.")
    rules: list[RuleIO]
    buffer_before: int = Field(0, ge=0, le=120)
    buffer_after: int = Field(5, ge=0, le=120)
    min_notice: int = Field(240, ge=0, le=20160, description="Minutes")
    horizon_days: int = Field(30, ge=1, le=365)
    max_per_day: int | None = Field(None, ge=1, le=24)
    step: int = Field(15, ge=5, le=60)
    auto_confirm: bool = True
    confirm_within_hours: int = Field(24, ge=1, le=168)
    late_cancel_hours: int = Field(12, ge=0, le=168)
    paused_until: date | None = None
    overrides: list[OverrideOut] = []


class DayIn(Schema):
    spans: list[tuple[str, str]] | None = Field(
        ..., description="Hours that replace the weekly ones; [] = day off; null = no override"
    )


class SlotOut(Schema):
    start: datetime
    end: datetime
    local: str = Field(..., description="The start in the viewer's zone, labelled")
    mentor_local: str


class BookingIn(Schema):
    mentor: str = Field(..., description="The mentor's handle")
    start: datetime
    minutes: int = Field(..., ge=5, le=60)
    format: str = "video"
    question: str = Field(..., min_length=1, max_length=2000)
    objective: str = Field("", max_length=300)
    idempotency_key: str = Field("", max_length=80)


class PersonOut(Schema):
    handle: str
    name: str
    time_zone: str


class BookingOut(Schema):
    id: int
    state: str
    start: datetime
    end: datetime
    minutes: int
    format: str
    question: str
    objective: str
    mentor: PersonOut
    mentee: PersonOut
    role: str
    confirm_by: datetime | None
    meeting_url: str
    cancel_reason: str
    late_cancel: bool
    start_local: str
    url: str


class ReasonIn(Schema):
    reason: str = Field("", max_length=300)


class RescheduleIn(Schema):
    start: datetime
    reason: str = Field("", max_length=300)


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read: bool
