"""The core loop in two browsers, end to end on one ASGI server: a mentee asks on a goal, a
free mentor takes it, they meet in the room, both debrief, and the action item's check-in
closes the loop back to the mentor. Then a flagged conflict is settled by a tie-break."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from bitesize.communities.models import Membership
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict, Rating
from bitesize.debriefs.services import AdviceIn, advice_set
from bitesize.debriefs.tasks import check_in
from bitesize.goals.models import Goal
from bitesize.profiles.services import profile_skill_add
from bitesize.scheduling.models import Booking
from conftest import make_user, run_due_tasks, set_hours, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def in_thread(work, *args):
    """Run project code that sends live events outside Playwright's thread, whose event loop
    would refuse the synchronous hand-over to the channel layer."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(work, *args).result()


QUESTION = "Our Kubernetes 1.31 upgrade left pods in CrashLoopBackOff, where do I look first?"


def test_ask_meet_debrief_and_follow_up(browser, asgi_url, alice, bob):
    from playwright.sync_api import expect

    alice.profile.available_now = True
    alice.profile.session_lengths = [15, 30]
    alice.profile.formats = ["video", "chat"]
    alice.profile.save()
    goal = Goal.objects.create(owner=bob, title="Run our cluster upgrades without outages")

    mentor = signed_in(browser, asgi_url, alice, "Europe/Berlin")
    mentor.goto(f"{asgi_url}/")
    expect(mentor.locator("#offers")).to_contain_text("No one is waiting")

    # 1. Ask, on the goal, for help now in a text chat.
    mentee = signed_in(browser, asgi_url, bob, "Africa/Lagos")
    mentee.goto(f"{asgi_url}/asks/new/?goal={goal.pk}")
    mentee.fill("textarea[name=question]", QUESTION)
    mentee.fill("input[name=objective]", "know which three things to check and in what order")
    mentee.fill("input[name=skills]", "Kubernetes")
    mentee.select_option("select[name=minutes]", "15")
    mentee.select_option("select[name=format]", "chat")
    mentee.select_option("select[name=urgency]", "now")
    mentee.locator("form button[type=submit]").last.click()
    if mentee.locator("text=A few tips before you post").count():
        mentee.locator("form button[type=submit]").last.click()
    mentee.wait_for_url("**/asks/*/")

    # 2. The mentor takes it; a session starts now.
    mentor.locator("#offers .offer").get_by_role("button", name="Accept and start").click()
    mentor.wait_for_url("**/sessions/*/")
    booking = Booking.objects.get()
    expect(mentee.locator("#now")).to_contain_text("is taking your ask", timeout=6_000)

    # 3. They meet in the room: a text chat, both ways; then "End session" takes both on.
    for page in (mentor, mentee):
        page.goto(f"{asgi_url}/sessions/{booking.pk}/room/")
    mentee.fill("#chat-input", "Thanks for jumping in!")
    mentee.press("#chat-input", "Enter")
    expect(mentor.locator("#chat-log")).to_contain_text("Thanks for jumping in!")
    mentor.fill("#chat-input", "Start with kubectl describe and the events")
    mentor.press("#chat-input", "Enter")
    expect(mentee.locator("#chat-log")).to_contain_text("kubectl describe")
    mentee.once("dialog", lambda dialog: dialog.accept())
    mentee.click("#end")
    for page in (mentor, mentee):
        page.wait_for_url(f"**/sessions/{booking.pk}/*")
        expect(page.locator("#debrief")).to_be_visible()

    # 4. Debrief: the mentor's advice with its assumption ...
    mentor.fill(
        "input[name=text_1]", "Read the events of one crashing pod before touching anything"
    )
    mentor.fill("input[name=assumption_1]", "the crash started with the upgrade")
    mentor.get_by_role("button", name="Save advice").click()
    expect(mentor.locator(".messages")).to_contain_text("Saved")
    # ... the mentee's reflection, an action item from that advice, and both ratings.
    mentee.goto(f"{asgi_url}/sessions/{booking.pk}/")
    expect(mentee.locator("#debrief")).to_contain_text("Assuming: the crash started")
    mentee.fill("textarea[name=text]", "Events first. I was about to roll back blindly.")
    mentee.get_by_role("button", name="Save reflection").click()
    mentee.fill("input[name=text][aria-label='Action item']", "Write a crash triage checklist")
    mentee.select_option("select[name=advice]", index=1)
    mentee.fill("input[name=due]", timezone.localdate().isoformat())
    mentee.get_by_role("button", name="Add").click()
    expect(mentee.locator("#debrief")).to_contain_text("Write a crash triage checklist")
    for page, extra in ((mentee, True), (mentor, False)):
        page.check("input[name=stars][value='5']")
        if extra:
            page.check("input[name=solved]")
        page.get_by_role("button", name="Close the session").click()
        expect(page.locator("#debrief")).to_contain_text("You rated it 5/5")
    booking.refresh_from_db()
    assert booking.state == Booking.State.COMPLETED and booking.solved
    assert Rating.objects.filter(booking=booking, took_place=True).count() == 2

    # 5. Follow-up: the check-in on the due date; the outcome reaches the mentor.
    item = ActionItem.objects.get()
    assert in_thread(check_in.call, item.pk, item.due.isoformat()) == "sent"
    mentee.goto(f"{asgi_url}/actions/{item.pk}/")
    mentee.check("input[name=state][value=done]")
    mentee.fill("textarea[name=outcome]", "The checklist found a missing CRD in ten minutes")
    mentee.get_by_role("button", name="Save").click()
    mentee.wait_for_url("**/actions/")
    mentor.goto(f"{asgi_url}/impact/")
    expect(mentor.locator("body")).to_contain_text("found a missing CRD")
    expect(mentor.locator("body")).to_contain_text("Read the events of one crashing pod")
    mentor.context.close()
    mentee.context.close()
    connections.close_all()


def test_a_flagged_conflict_is_settled_by_a_tie_break(browser, live_server, bob, org):
    from playwright.sync_api import expect

    goal = Goal.objects.create(owner=bob, title="Grow into a senior engineer")
    mentors = []
    for n, name in enumerate(["Ines Duarte", "Kofi Mensah", "Lena Park"]):
        user = make_user(f"m{n}@example.com", name, mentor=True)
        profile_skill_add(profile=user.profile, text="Career development", level=4)
        user.profile.session_lengths = [15, 30]
        user.profile.save()
        Membership.objects.create(community=org, user=user, role=Membership.Role.MENTOR)
        mentors.append(user)
    first, second, third = mentors
    set_hours(third)
    for mentor, advice, days in (
        (
            first,
            AdviceIn(
                "Specialise in backend performance now and stop spreading yourself thin",
                "you want a staff role within three years",
            ),
            9,
        ),
        (
            second,
            AdviceIn(
                "Stay a generalist for two more years before you pick a specialty",
                "you are still finding out what you enjoy",
            ),
            2,
        ),
    ):
        start = timezone.now() - timedelta(days=days)
        booking = Booking.objects.create(
            mentor=mentor,
            mentee=bob,
            start=start,
            end=start + timedelta(minutes=30),
            question="Should I specialise or stay broad?",
            state=Booking.State.CONFIRMED,
        )
        from bitesize.asks.services import ask_create

        booking.ask = ask_create(
            asker=bob,
            question="Should I specialise or stay broad as a mid-level engineer?",
            objective="choose a focus for next year",
            goal_id=goal.pk,
        )
        booking.save()
        in_thread(lambda b=booking, m=mentor, a=advice: advice_set(booking=b, by=m, items=[a]))
    in_thread(run_due_tasks)
    conflict = Conflict.objects.get()

    mentee = signed_in(browser, live_server.url, bob, "Africa/Lagos")
    mentee.goto(f"{live_server.url}/goals/{goal.pk}/")
    flag = mentee.locator(f"#conflict-{conflict.pk}")
    expect(flag).to_contain_text("Your mentors disagree")
    expect(flag).to_contain_text("you are still finding out what you enjoy")
    flag.get_by_role("button", name="Ask for a tie-break").click()
    mentee.wait_for_url("**/asks/*/")
    suggestions = mentee.locator("#suggestions")
    expect(suggestions).to_contain_text("Lena Park")
    expect(suggestions).not_to_contain_text("Ines Duarte")
    expect(suggestions).not_to_contain_text("Kofi Mensah")
    suggestions.locator(".suggestion", has_text="Lena Park").get_by_role(
        "link", name="Book"
    ).click()
    mentee.locator(".slot").first.click()
    mentee.get_by_role("button", name="Book the session").click()
    mentee.wait_for_url("**/sessions/*/")
    tie_break = Booking.objects.get(mentor=third)

    tie_breaker = signed_in(browser, live_server.url, third, "Europe/Berlin")
    tie_breaker.goto(f"{live_server.url}/sessions/{tie_break.pk}/")
    brief = tie_breaker.locator("#brief")
    expect(brief).to_contain_text("A tie-break: two mentors disagree")
    expect(brief).to_contain_text("Specialise in backend performance now")
    expect(brief).to_contain_text("you are still finding out what you enjoy")

    mentee.goto(f"{live_server.url}/goals/{goal.pk}/")
    flag = mentee.locator(f"#conflict-{conflict.pk}")
    flag.locator("input[value=tie_break]").check()
    flag.locator("textarea[name=rationale]").fill("Lena: stay broad one more year, then specialise")
    flag.get_by_role("button", name="Record the decision").click()
    flag = mentee.locator(f"#conflict-{conflict.pk}")
    expect(flag).to_contain_text("Decided after a tie-break")
    expect(flag).to_contain_text("stay broad one more year")
    conflict.refresh_from_db()
    assert (conflict.state, conflict.decision) == ("resolved", "tie_break")
    assert AdviceItem.objects.count() == 2
    mentee.context.close()
    tie_breaker.context.close()
    connections.close_all()
