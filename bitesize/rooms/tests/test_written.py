"""The written answer: the mentor of a written session answers within the booked time, the
mentee reads it on the session page and in the room, and the booked time counts."""

import json
import re
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.utils import timezone

from bitesize.accounts.services import access_token_create
from bitesize.notifications.models import Notification
from bitesize.recognition import services as recognition
from bitesize.recognition.models import PointEntry
from bitesize.recognition.rules import Kind
from bitesize.recognition.tests.helpers import MONDAY, session
from bitesize.rooms import services
from bitesize.rooms.models import WrittenAnswer
from bitesize.rooms.selectors import answered_in_time_ids, mentoring_minutes
from bitesize.rooms.services import room_detect_no_show, room_guest_invite, written_answer_submit
from bitesize.rooms.tests.helpers import booking_now
from bitesize.scheduling.messages import local_time
from bitesize.scheduling.models import Booking
from conftest import client_for

ANSWER = "Start with one node pool per workload class, then let the autoscaler grow it."
NOTE_URL = "/sessions/{}/#answer"


def written(alice, bob, **kwargs):
    return booking_now(alice, bob, format="written", **kwargs)


def api(user):
    return Client(
        headers={"Authorization": f"Bearer {access_token_create(user=user, name='t')[1]}"}
    )


def put(client, booking, body):
    return client.put(
        f"/api/v1/bookings/{booking.pk}/answer",
        json.dumps({"body": body}),
        content_type="application/json",
    )


def nothing_stored():
    return not WrittenAnswer.objects.exists() and not Notification.objects.exists()


# --- the page -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_mentor_answers_in_the_window_and_the_mentee_reads_it(alice, bob):
    booking = written(alice, bob)
    before = client_for(bob).get(f"/sessions/{booking.pk}/").content.decode()
    assert f"The answer is due by {local_time(booking.end, 'Africa/Lagos')}" in before
    form = client_for(alice).get(f"/sessions/{booking.pk}/").content.decode()
    assert "Your written answer" in form and 'name="body"' in form
    assert "Time left: <strong>29 min</strong>" in form

    response = client_for(alice).post(f"/sessions/{booking.pk}/answer/", {"body": f"  {ANSWER} "})
    assert response.status_code == 302 and response["Location"] == NOTE_URL.format(booking.pk)
    answer = WrittenAnswer.objects.get(booking=booking)
    assert answer.body == ANSWER and answer.submitted_at == answer.updated_at

    page = client_for(bob).get(f"/sessions/{booking.pk}/").content.decode()
    assert "The written answer" in page and ANSWER in page and "The answer is due by" not in page
    assert 'name="body"' not in page  # the mentee reads, never writes
    note = Notification.objects.get(user=bob)
    assert note.kind == "session.answer" and note.url == NOTE_URL.format(booking.pk)
    assert note.title == "Alice Moreau answered your question in writing"
    assert not Notification.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_after_the_window_the_answer_is_read_only_for_both(alice, bob):
    booking = written(alice, bob)
    written_answer_submit(booking=booking, by=alice, body=ANSWER)
    Booking.objects.filter(pk=booking.pk).update(
        start=booking.start - timedelta(hours=1), end=booking.end - timedelta(hours=1)
    )
    for person in (alice, bob):
        page = client_for(person).get(f"/sessions/{booking.pk}/").content.decode()
        assert ANSWER in page and 'name="body"' not in page


@pytest.mark.django_db
def test_the_mentors_debrief_starts_from_the_written_answer(alice, bob):
    booking = written(alice, bob)
    paragraph = (
        "Your cluster is small enough that one node pool per workload class is plenty. "
        "Turn on the cluster autoscaler before you add pools by hand. "
        "Set requests on every deployment, or the scheduler packs nodes blind. "
        "Ok."
    )
    written_answer_submit(booking=booking, by=alice, body=f"{ANSWER}\n\n{paragraph}")
    Booking.objects.filter(pk=booking.pk).update(
        start=booking.start - timedelta(hours=1), end=booking.end - timedelta(hours=1)
    )

    page = client_for(alice).get(f"/sessions/{booking.pk}/").content.decode()

    assert 'id="advice-drafts"' in page
    assert f'value="{ANSWER}"' in page  # a short line is one item
    # A paragraph becomes one item per sentence; a sentence too short to act on is left out.
    assert 'value="Turn on the cluster autoscaler before you add pools by hand."' in page
    assert 'value="Set requests on every deployment, or the scheduler packs nodes blind."' in page
    assert 'value="Ok."' not in page
    assert (
        'id="advice-drafts"' not in client_for(bob).get(f"/sessions/{booking.pk}/").content.decode()
    )


@pytest.mark.django_db
def test_a_window_that_closed_without_an_answer_says_so(alice, bob):
    booking = written(alice, bob, start=timezone.now() - timedelta(hours=2))
    page = client_for(bob).get(f"/sessions/{booking.pk}/").content.decode()
    assert "No answer was given in the agreed time." in page


@pytest.mark.django_db
def test_the_mentor_sees_when_the_window_opens(alice, bob):
    booking = written(alice, bob, start=timezone.now() + timedelta(hours=3))
    page = client_for(alice).get(f"/sessions/{booking.pk}/").content.decode()
    assert f"You write your answer here from {local_time(booking.start, 'Europe/Berlin')}" in page
    assert 'name="body"' not in page


@pytest.mark.django_db
def test_other_formats_have_no_answer_section(alice, bob):
    booking = booking_now(alice, bob, format="video")
    page = client_for(alice).get(f"/sessions/{booking.pk}/").content.decode()
    assert 'id="answer"' not in page


@pytest.mark.django_db
def test_editing_keeps_one_answer_and_tells_the_mentee_once_per_read(alice, bob):
    booking = written(alice, bob)
    first = written_answer_submit(booking=booking, by=alice, body=ANSWER)
    later = timezone.now() + timedelta(minutes=5)
    edited = written_answer_submit(booking=booking, by=alice, body=ANSWER + " Then", now=later)
    assert WrittenAnswer.objects.count() == 1 and edited.pk == first.pk
    edited.refresh_from_db()
    assert edited.body.endswith(" Then") and edited.updated_at == later
    assert edited.submitted_at == first.submitted_at
    assert Notification.objects.filter(user=bob).count() == 1  # the unread one leads there

    Notification.objects.update(read_at=timezone.now())
    written_answer_submit(booking=booking, by=alice, body=ANSWER + " Then again.", now=later)
    assert Notification.objects.filter(user=bob).latest("pk").title == (
        "Alice Moreau edited their written answer"
    )
    Notification.objects.update(read_at=timezone.now())
    written_answer_submit(booking=booking, by=alice, body=ANSWER + " Then again.", now=later)
    assert Notification.objects.filter(user=bob).count() == 2  # the same text is no news

    page = client_for(alice).get(f"/sessions/{booking.pk}/").content.decode()
    assert f">{ANSWER} Then again.</textarea>" in page and "Last saved" in page


@pytest.mark.django_db
def test_each_save_is_sent_to_the_room(alice, bob, monkeypatch):
    sent = []
    monkeypatch.setattr(services, "room_send", lambda *args: sent.append(args))
    booking = written(alice, bob)
    written_answer_submit(booking=booking, by=alice, body=ANSWER)
    assert [(pk, event, data["body"]) for pk, event, data in sent] == [
        (booking.pk, "answer", ANSWER)
    ]


# --- who may answer ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_nobody_but_the_mentor_can_answer_and_nothing_is_stored(alice, bob, charlie, dana):
    booking = written(alice, bob)
    room_guest_invite(booking=booking, by=alice, guest=charlie)  # in the room, not the booking
    url = f"/sessions/{booking.pk}/answer/"
    for person in (bob, charlie, dana):
        assert client_for(person).post(url, {"body": ANSWER}).status_code == 404
        assert put(api(person), booking, ANSWER).status_code == 404
    assert client_for(alice).post("/sessions/999/answer/", {"body": ANSWER}).status_code == 404
    for person in (bob, charlie):
        with pytest.raises(PermissionDenied):
            written_answer_submit(booking=booking, by=person, body=ANSWER)
    assert nothing_stored()
    anonymous = Client().post(url, {"body": ANSWER})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert nothing_stored()


@pytest.mark.django_db
def test_outsiders_cannot_read_the_answer(alice, bob, charlie, dana):
    booking = written(alice, bob)
    written_answer_submit(booking=booking, by=alice, body=ANSWER)
    for person in (charlie, dana):
        assert api(person).get(f"/api/v1/bookings/{booking.pk}/answer").status_code == 404
        assert client_for(person).get(f"/sessions/{booking.pk}/").status_code == 404


# --- what is refused ----------------------------------------------------------------------------
@pytest.mark.django_db
def test_too_early_is_refused_saying_when_it_opens(alice, bob):
    booking = written(alice, bob, start=timezone.now() + timedelta(hours=1))
    opens = local_time(booking.start, "Europe/Berlin")
    with pytest.raises(
        ValidationError, match=re.escape(f"The time for this answer opens at {opens}.")
    ):
        written_answer_submit(booking=booking, by=alice, body=ANSWER)
    page = client_for(alice).post(f"/sessions/{booking.pk}/answer/", {"body": ANSWER}, follow=True)
    assert f"The time for this answer opens at {opens}." in page.content.decode()
    assert nothing_stored()


@pytest.mark.django_db
def test_too_late_is_refused_and_the_answer_given_stays(alice, bob):
    booking = written(alice, bob)
    written_answer_submit(booking=booking, by=alice, body=ANSWER)
    with pytest.raises(ValidationError, match=re.escape(services.ANSWER_OVER)):
        written_answer_submit(booking=booking, by=alice, body=ANSWER + " Late.", now=booking.end)
    Booking.objects.filter(pk=booking.pk).update(
        start=booking.start - timedelta(hours=1), end=booking.end - timedelta(hours=1)
    )
    late = put(api(alice), booking, ANSWER + " Late.")
    assert late.status_code == 400
    assert late.json() == {
        "detail": "The agreed time for this answer is over.",
        "errors": {"__all__": ["The agreed time for this answer is over."]},
    }
    page = client_for(alice).post(
        f"/sessions/{booking.pk}/answer/", {"body": ANSWER + " Late."}, follow=True
    )
    assert "The agreed time for this answer is over." in page.content.decode()
    assert WrittenAnswer.objects.get().body == ANSWER
    assert Notification.objects.count() == 1  # the first answer's


@pytest.mark.django_db
def test_only_a_confirmed_written_session_takes_an_answer(alice, bob):
    video = booking_now(alice, bob, format="video")
    with pytest.raises(ValidationError, match=re.escape("This session is not a written answer.")):
        written_answer_submit(booking=video, by=alice, body=ANSWER)
    assert (
        put(api(alice), video, ANSWER).json()["detail"] == "This session is not a written answer."
    )
    requested = written(
        alice, bob, start=timezone.now() + timedelta(days=1), state=Booking.State.REQUESTED
    )
    Booking.objects.filter(pk=requested.pk).update(
        start=timezone.now() - timedelta(minutes=1), end=timezone.now() + timedelta(minutes=20)
    )
    requested.refresh_from_db()
    with pytest.raises(ValidationError, match="The session is requested; only a confirmed"):
        written_answer_submit(booking=requested, by=alice, body=ANSWER)
    assert nothing_stored()


@pytest.mark.django_db
def test_too_short_or_too_long_comes_back_in_the_form_with_the_text(alice, bob):
    booking = written(alice, bob)
    url = f"/sessions/{booking.pk}/answer/"
    page = client_for(alice)
    page.post(url, {"body": "   Use pools.   "})
    form = page.get(f"/sessions/{booking.pk}/").content.decode()
    assert "Write at least 20 characters: an answer the mentee can act on." in form
    assert ">   Use pools.   </textarea>" in form  # what was typed is not lost
    again = page.get(f"/sessions/{booking.pk}/").content.decode()
    assert "Write at least 20 characters" not in again  # shown once
    page.post(url, {"body": "x" * 8001})
    assert "Keep the answer to 8000 characters or fewer (this one has 8001)." in (
        page.get(f"/sessions/{booking.pk}/").content.decode()
    )
    empty = put(api(alice), booking, "   ")
    assert empty.status_code == 400 and empty.json()["errors"] == {
        "body": ["Write your answer first."]
    }
    assert nothing_stored()


# --- the room -----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_room_shows_the_answer_and_the_mentor_writes_it_there(alice, bob, charlie):
    booking = written(alice, bob)
    room = client_for(alice).get(f"/sessions/{booking.pk}/room/").content.decode()
    assert 'id="answer-form"' in room and 'name="next" value="room"' in room
    assert f'data-api="/api/v1/bookings/{booking.pk}/answer"' in room
    response = client_for(alice).post(
        f"/sessions/{booking.pk}/answer/", {"body": ANSWER, "next": "room"}
    )
    assert response["Location"] == f"/sessions/{booking.pk}/room/"
    room_guest_invite(booking=booking, by=bob, guest=charlie)
    for person in (bob, charlie):
        room = client_for(person).get(f"/sessions/{booking.pk}/room/").content.decode()
        assert f'<div class="answer-body" id="answer-body">{ANSWER}</div>' in room
        assert 'id="answer-form"' not in room


# --- minutes and points -------------------------------------------------------------------------
@pytest.mark.django_db
def test_minutes_are_the_booked_length_with_an_answer_and_zero_without(alice, bob):
    booking = written(alice, bob, minutes=45)
    assert mentoring_minutes(booking) == 0
    written_answer_submit(booking=booking, by=alice, body=ANSWER)
    assert mentoring_minutes(booking) == 45
    other = written(alice, bob, start=timezone.now() + timedelta(hours=2))
    WrittenAnswer.objects.create(  # an answer from outside the booked time does not count
        booking=other,
        body=ANSWER,
        submitted_at=other.end + timedelta(minutes=1),
        updated_at=other.end + timedelta(minutes=1),
    )
    assert mentoring_minutes(other) == 0


@pytest.mark.django_db
def test_an_answer_still_counts_after_the_session_is_moved_later(alice, bob):
    booking = written(alice, bob, minutes=30)
    written_answer_submit(booking=booking, by=alice, body=ANSWER)
    Booking.objects.filter(pk=booking.pk).update(
        start=booking.start + timedelta(days=2), end=booking.end + timedelta(days=2)
    )
    booking.refresh_from_db()

    assert mentoring_minutes(booking) == 30
    assert answered_in_time_ids([booking.pk]) == {booking.pk}


@pytest.mark.django_db
def test_an_answered_written_session_earns_its_booked_minutes(alice, bob, org):
    booking = session(alice, bob, format="written", attended=(), minutes=20)
    assert recognition.points_sync_for(booking) == []  # no answer, no room: nothing held
    WrittenAnswer.objects.create(
        booking=booking,
        body=ANSWER,
        submitted_at=MONDAY + timedelta(minutes=15),
        updated_at=MONDAY + timedelta(minutes=15),
    )
    recognition.points_sync_for(booking)
    entries = PointEntry.objects.filter(booking=booking)
    assert sorted(entries.values_list("user_id", "kind", "minutes")) == sorted(
        [(alice.pk, Kind.SESSION, 20), (bob.pk, Kind.SESSION, 0)]
    )


@pytest.mark.django_db
def test_no_show_detection_leaves_written_sessions_alone(alice, bob):
    booking = written(alice, bob, start=timezone.now() - timedelta(minutes=15))
    assert room_detect_no_show(booking=booking) == "not held in the room"
    assert Booking.objects.get(pk=booking.pk).state == Booking.State.CONFIRMED


# --- the API ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_answer_over_the_api(alice, bob):
    booking = written(alice, bob)
    path = f"/api/v1/bookings/{booking.pk}/answer"
    assert api(bob).get(path).status_code == 404  # none yet
    saved = put(api(alice), booking, f" {ANSWER} ")
    assert saved.status_code == 200
    body = saved.json()
    assert body["session"] == booking.pk and body["body"] == ANSWER
    assert body["submitted_at"] == body["updated_at"] and body["due"]
    read = api(bob).get(path)
    assert read.status_code == 200 and read.json() == body
    assert put(api(alice), booking, ANSWER + " Edited.").json()["body"] == ANSWER + " Edited."
    short = put(api(alice), booking, "Too short.")
    assert short.status_code == 400
    assert short.json()["errors"] == {
        "body": ["Write at least 20 characters: an answer the mentee can act on."]
    }
    assert WrittenAnswer.objects.get().body == ANSWER + " Edited."
    assert api(alice).put(path, "{", content_type="application/json").status_code in (400, 422)


# --- two saves at once --------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_once_leave_one_answer(alice, bob):
    booking = written(alice, bob)
    racers = 4
    barrier = threading.Barrier(racers)
    outcomes = [""] * racers

    def race(n: int) -> None:
        try:
            barrier.wait()
            written_answer_submit(booking=booking, by=alice, body=f"{ANSWER} Version {n}.")
            outcomes[n] = "saved"
        except Exception as exc:  # reported by the assertion below
            outcomes[n] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Counter(outcomes) == {"saved": racers}, outcomes
    assert WrittenAnswer.objects.count() == 1
    assert Notification.objects.filter(user=bob, title__contains="answered").count() == 1
