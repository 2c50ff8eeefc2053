"""The debrief: advice with its assumptions, a private reflection, action items with
check-ins, and both people closing the session."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bitesize.debriefs.models import ActionItem, AdviceItem, CheckIn, DebriefReminder, Rating
from bitesize.debriefs.selectors import advice_drafts, debrief_for, impact_of
from bitesize.debriefs.services import (
    AdviceIn,
    action_item_add,
    action_item_update,
    advice_set,
    rating_submit,
    reflection_save,
)
from bitesize.debriefs.tasks import check_in, remind_debrief
from bitesize.notifications.models import Notification
from bitesize.rooms.models import RoomState
from bitesize.scheduling.models import Booking, BookingSeat
from conftest import client_for

pytestmark = pytest.mark.django_db

ADVICE = [
    AdviceIn("Run the upgrade on a canary node pool first", "you have spare capacity for one pool"),
    AdviceIn("Pin every Helm chart version before you start", "charts float on latest today"),
]


def session(mentor, mentee, *, started_minutes_ago=40, minutes=30):
    start = timezone.now() - timedelta(minutes=started_minutes_ago)
    booking = Booking.objects.create(
        mentor=mentor,
        mentee=mentee,
        start=start,
        end=start + timedelta(minutes=minutes),
        question="How do I upgrade Kubernetes without downtime?",
        state=Booking.State.CONFIRMED,
    )
    BookingSeat.objects.bulk_create(
        BookingSeat(booking=booking, user=u, start=booking.start, end=booking.end)
        for u in (mentor, mentee)
    )
    return booking


@pytest.fixture
def done_session(alice, bob):
    return session(alice, bob)


def test_mentor_writes_one_to_five_items_with_assumptions(done_session, alice, bob):
    items = advice_set(booking=done_session, by=alice, items=ADVICE)
    assert [(a.position, a.text, a.assumption) for a in items] == [
        (1, ADVICE[0].text, ADVICE[0].assumption),
        (2, ADVICE[1].text, ADVICE[1].assumption),
    ]
    assert Notification.objects.filter(user=bob, kind="debrief.advice").count() == 1
    with pytest.raises(Exception, match="at least one"):
        advice_set(booking=done_session, by=alice, items=[AdviceIn("  ")])
    with pytest.raises(Exception, match="Keep it to 5"):
        advice_set(booking=done_session, by=alice, items=[ADVICE[0]] * 6)
    with pytest.raises(Exception, match="act on"):
        advice_set(booking=done_session, by=alice, items=[AdviceIn("Be better")])
    with pytest.raises(Exception, match="Only the mentor"):
        advice_set(booking=done_session, by=bob, items=ADVICE)
    # Nothing already stored was lost by the refused attempts.
    assert AdviceItem.objects.filter(booking=done_session).count() == 2
    # Saving again edits in place and drops the extra item.
    advice_set(booking=done_session, by=alice, items=[AdviceIn("Run a canary pool first please")])
    assert list(AdviceItem.objects.values_list("position", "text")) == [
        (1, "Run a canary pool first please")
    ]


def test_the_debrief_opens_when_the_session_starts(alice, bob):
    later = session(alice, bob, started_minutes_ago=-60)
    with pytest.raises(Exception, match="opens when the session starts"):
        advice_set(booking=later, by=alice, items=ADVICE)
    assert not AdviceItem.objects.exists()


def test_reflection_is_private_unless_shared(done_session, alice, bob):
    reflection_save(booking=done_session, by=bob, text="Canary first, then the rest.", shared=False)
    page = client_for(alice).get(f"/sessions/{done_session.pk}/").content.decode()
    assert "Canary first, then the rest." not in page
    assert debrief_for(done_session, alice).reflection is None
    reflection_save(booking=done_session, by=bob, text="Canary first, then the rest.", shared=True)
    page = client_for(alice).get(f"/sessions/{done_session.pk}/").content.decode()
    assert "Canary first, then the rest." in page
    with pytest.raises(Exception, match="Only the mentee"):
        reflection_save(booking=done_session, by=alice, text="Not mine to write", shared=True)


def test_action_items_from_advice_check_in_when_due_and_reach_the_mentor(
    done_session, alice, bob, django_capture_on_commit_callbacks
):
    (first, _second) = advice_set(booking=done_session, by=alice, items=ADVICE)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        item = action_item_add(
            by=bob, text="Create the canary pool", due=today, booking=done_session, advice=first
        )
    assert check_in.call(item.pk, today.isoformat()) == "sent"
    assert check_in.call(item.pk, today.isoformat()) == "already sent"
    assert CheckIn.objects.filter(action=item).count() == 1
    note = Notification.objects.get(user=bob, kind="debrief.checkin")
    assert note.url == f"/actions/{item.pk}/"
    page = client_for(bob).get(note.url).content.decode()
    assert "Done? What happened?" in page
    response = client_for(bob).post(
        note.url, {"state": "done", "outcome": "Canary caught a broken CRD before prod"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == ActionItem.State.DONE and item.done_at is not None
    assert CheckIn.objects.get(action=item).answered_at is not None
    applied = Notification.objects.get(user=alice, kind="debrief.applied")
    assert "Canary caught a broken CRD" in applied.body
    impact = impact_of(alice)
    assert [i.pk for i in impact.applied] == [item.pk] and impact.advice_given == 2
    assert "Canary caught a broken CRD" in client_for(alice).get("/impact/").content.decode()
    # A check-in for a date the item no longer has does nothing.
    assert check_in.call(item.pk, (today - timedelta(days=3)).isoformat()) == "stale"


def test_action_items_are_the_mentees_own(done_session, alice, bob, charlie):
    advice_set(booking=done_session, by=alice, items=ADVICE)
    with pytest.raises(Exception, match="belong to the mentee"):
        action_item_add(by=alice, text="Do it for them", booking=done_session)
    item = action_item_add(by=bob, text="Create the canary pool", booking=done_session)
    with pytest.raises(Exception, match="Only the owner"):
        action_item_update(item=item, by=alice, state="done")
    assert client_for(charlie).get(f"/actions/{item.pk}/").status_code == 404
    assert client_for(alice).post(f"/actions/{item.pk}/", {"state": "done"}).status_code == 404
    item.refresh_from_db()
    assert item.state == ActionItem.State.OPEN


def test_both_confirming_completes_the_session_and_feeds_matching(done_session, alice, bob):
    rating_submit(booking=done_session, by=bob, took_place=True, stars=5, solved=True)
    done_session.refresh_from_db()
    assert done_session.state == Booking.State.CONFIRMED
    assert (done_session.mentee_rating, done_session.solved) == (5, True)
    rating_submit(booking=done_session, by=alice, took_place=True, stars=4)
    done_session.refresh_from_db()
    assert done_session.state == Booking.State.COMPLETED
    with pytest.raises(Exception, match="already rated"):
        rating_submit(booking=done_session, by=bob, took_place=True, stars=1)
    assert Rating.objects.get(booking=done_session, author=bob).stars == 5


def test_a_reported_no_show_records_one_and_bad_ratings_are_refused(done_session, alice, bob):
    with pytest.raises(Exception, match="from 1 to 5"):
        rating_submit(booking=done_session, by=bob, took_place=True, stars=9)
    assert not Rating.objects.exists()
    rating_submit(booking=done_session, by=bob, took_place=False, comment="Waited 15 minutes")
    done_session.refresh_from_db()
    assert done_session.state == Booking.State.NO_SHOW
    assert debrief_for(done_session, bob) is not None  # the record stays readable


def test_a_no_show_report_does_not_override_the_other_persons_confirmation(
    done_session, alice, bob
):
    rating_submit(booking=done_session, by=alice, took_place=True, stars=4)
    rating_submit(booking=done_session, by=bob, took_place=False)
    done_session.refresh_from_db()
    assert done_session.state == Booking.State.CONFIRMED  # disputed: left for the team


def test_debrief_reminder_goes_once_to_whoever_has_not_finished(done_session, alice, bob, outbox):
    advice_set(booking=done_session, by=alice, items=ADVICE)
    rating_submit(booking=done_session, by=alice, took_place=True, stars=4)
    end = done_session.end.isoformat()
    assert remind_debrief.call(done_session.pk, end) == "sent 1"
    assert remind_debrief.call(done_session.pk, end) == "sent 0"
    assert list(DebriefReminder.objects.values_list("person_id", flat=True)) == [bob.pk]
    note = Notification.objects.get(kind="debrief.reminder")
    assert note.user == bob and "Write your reflection" in note.body
    assert remind_debrief.call(done_session.pk, "2020-01-01T00:00:00+00:00") == "stale"


def test_debrief_pages_work_end_to_end(done_session, alice, bob):
    mentor, mentee = client_for(alice), client_for(bob)
    page = mentor.get(f"/sessions/{done_session.pk}/").content.decode()
    assert 'id="debrief"' in page and "Save advice" in page
    mentor.post(
        f"/sessions/{done_session.pk}/debrief/advice/",
        {"text_1": ADVICE[0].text, "assumption_1": ADVICE[0].assumption},
    )
    advice = AdviceItem.objects.get()
    mentee_page = mentee.get(f"/sessions/{done_session.pk}/").content.decode()
    assert ADVICE[0].text in mentee_page and "Assuming: " + ADVICE[0].assumption in mentee_page
    mentee.post(f"/advice/{advice.pk}/helpful/", {"helpful": "yes"})
    mentee.post(
        f"/sessions/{done_session.pk}/debrief/reflection/", {"text": "Start with a canary pool."}
    )
    mentee.post(
        f"/sessions/{done_session.pk}/debrief/actions/",
        {"text": "Create the canary pool", "advice": advice.pk, "due": "2099-01-01"},
    )
    mentee.post(
        f"/sessions/{done_session.pk}/debrief/rating/",
        {"took_place": "yes", "stars": "5", "solved": "on"},
    )
    advice.refresh_from_db()
    assert advice.helpful is True
    assert ActionItem.objects.get().advice == advice
    assert debrief_for(done_session, bob).done
    bad = mentee.post(f"/sessions/{done_session.pk}/debrief/actions/", {"text": "x", "due": "no"})
    assert bad.status_code == 302 and ActionItem.objects.count() == 1
    assert "Book Alice Moreau again" in mentee.get(f"/sessions/{done_session.pk}/").content.decode()


def test_outsiders_get_404_on_every_debrief_path_and_nothing_changes(done_session, charlie):
    client = client_for(charlie)
    advice = advice_set(booking=done_session, by=done_session.mentor, items=ADVICE)[0]
    for path, data in (
        (f"/sessions/{done_session.pk}/debrief/advice/", {"text_1": "Take over this session"}),
        (f"/sessions/{done_session.pk}/debrief/reflection/", {"text": "Not my session at all"}),
        (f"/sessions/{done_session.pk}/debrief/actions/", {"text": "Sneak an item in"}),
        (f"/sessions/{done_session.pk}/debrief/rating/", {"took_place": "no"}),
        (f"/advice/{advice.pk}/helpful/", {"helpful": "no"}),
    ):
        assert client.post(path, data).status_code == 404, path
    assert client.get(f"/sessions/{done_session.pk}/").status_code == 404
    advice.refresh_from_db()
    assert advice.helpful is None and advice.text == ADVICE[0].text
    assert not Rating.objects.exists() and not ActionItem.objects.exists()
    done_session.refresh_from_db()
    assert done_session.state == Booking.State.CONFIRMED


def test_advice_drafts_come_from_the_notes_lines_that_read_as_advice() -> None:
    notes = "Upgrade plan\n- Run the canary pool first\n\n2) pin the Helm charts today\n* ok\n"
    notes += "\n".join(f"• Point number {n} to act on" for n in range(1, 9))
    drafts = advice_drafts(notes)
    assert drafts[:2] == ["Run the canary pool first", "pin the Helm charts today"]
    assert len(drafts) == 5 and "Upgrade plan" not in drafts and "ok" not in drafts
    assert advice_drafts("") == [] and advice_drafts("x " * 300)[0] == ("x " * 300).strip()[:400]


def test_the_mentors_advice_form_starts_from_the_rooms_shared_notes(done_session, alice, bob):
    RoomState.objects.create(
        booking=done_session, notes="- Run the upgrade on a canary pool first\n- Pin the charts"
    )
    page = client_for(alice).get(f"/sessions/{done_session.pk}/").content.decode()
    assert 'id="advice-drafts"' in page
    assert 'value="Run the upgrade on a canary pool first"' in page
    assert 'value="Pin the charts"' in page
    # The mentee's side shows no drafts; once advice is saved, the saved items replace them.
    assert (
        'id="advice-drafts"'
        not in client_for(bob).get(f"/sessions/{done_session.pk}/").content.decode()
    )
    advice_set(booking=done_session, by=alice, items=ADVICE[:1])
    page = client_for(alice).get(f"/sessions/{done_session.pk}/").content.decode()
    assert 'id="advice-drafts"' not in page and 'value="Pin the charts"' not in page


def test_impact_counts_the_booked_minutes_of_completed_sessions_only(done_session, alice, bob):
    Booking.objects.filter(pk=done_session.pk).update(state=Booking.State.COMPLETED)
    booked = int((done_session.end - done_session.start).total_seconds() // 60)

    impact = impact_of(alice)

    assert (impact.sessions, impact.minutes, impact.people) == (1, booked, 1)
    assert impact_of(bob).minutes == 0  # the mentee's own page counts no mentoring
    Booking.objects.filter(pk=done_session.pk).update(state=Booking.State.CONFIRMED)
    assert (impact_of(alice).sessions, impact_of(alice).minutes) == (0, 0)
