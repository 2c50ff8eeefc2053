"""The point rules, badges and streaks as pure functions: no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bitesize.recognition import rules
from bitesize.recognition.rules import Kind, SessionFacts

START = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)  # a Wednesday
MENTOR, MENTEE = 1, 2


def held(**changes):
    base = {
        "booking_id": 7,
        "mentor_id": MENTOR,
        "mentee_id": MENTEE,
        "state": "completed",
        "start": START,
        "confirmed_by": frozenset({MENTOR, MENTEE}),
        "first_joined": {MENTOR: START, MENTEE: START + timedelta(minutes=5)},
        "minutes_together": 25,
    }
    return SessionFacts(**{**base, **changes})


def kinds(awards):
    return sorted((a.user_id, a.kind, a.points) for a in awards)


def test_a_session_both_confirmed_and_attended_earns_both_people():
    awards = rules.session_awards(held(), rules.Rules())
    assert kinds(awards) == [
        (MENTOR, Kind.PUNCTUAL, 1),
        (MENTOR, Kind.SESSION, 10),
        (MENTEE, Kind.SESSION, 10),
    ]
    mentor_session = next(a for a in awards if a.user_id == MENTOR and a.kind == Kind.SESSION)
    assert mentor_session.minutes == 25 and mentor_session.key == "session:7"


def test_debrief_reflection_and_tie_break_each_earn_with_their_own_key():
    awards = rules.session_awards(
        held(debrief_done=frozenset({MENTOR, MENTEE}), reflection=True, tie_break=True),
        rules.Rules(),
    )
    keys = {(a.user_id, a.key) for a in awards}
    assert {(MENTOR, "debrief:7"), (MENTEE, "debrief:7"), (MENTEE, "reflection:7")} <= keys
    assert (MENTOR, "tie_break:7") in keys


def test_it_gives_nothing_unless_both_confirmed():
    facts = held(confirmed_by=frozenset({MENTOR}))
    assert rules.session_eligible(facts, rules.Rules()) == "not confirmed by both"
    assert rules.session_awards(facts, rules.Rules()) == []


def test_it_gives_nothing_without_attendance_for_both():
    facts = held(first_joined={MENTOR: START})
    assert rules.session_eligible(facts, rules.Rules()) == "attendance not recorded for both"
    assert rules.session_awards(facts, rules.Rules()) == []


def test_it_gives_nothing_for_a_session_not_completed():
    assert rules.session_awards(held(state="confirmed"), rules.Rules()) == []


def test_it_caps_the_sessions_of_one_pair_per_week():
    assert rules.session_awards(held(rank_in_week=1), rules.Rules()) != []
    facts = held(rank_in_week=2)
    assert rules.session_eligible(facts, rules.Rules()) == "weekly cap for this pair reached"
    assert rules.session_awards(facts, rules.Rules()) == []


def test_blocked_people_get_nothing_not_even_penalties():
    assert rules.session_awards(held(blocked=True), rules.Rules()) == []
    no_show = held(state="no_show", absent=frozenset({MENTOR}), blocked=True)
    assert rules.session_awards(no_show, rules.Rules()) == []


def test_a_no_show_costs_the_absent_person_only():
    awards = rules.session_awards(held(state="no_show", absent=frozenset({MENTEE})), rules.Rules())
    assert kinds(awards) == [(MENTEE, Kind.NO_SHOW, -10)]


def test_a_late_cancel_costs_the_person_who_cancelled():
    awards = rules.session_awards(held(state="cancelled", late_cancel_by=MENTOR), rules.Rules())
    assert kinds(awards) == [(MENTOR, Kind.LATE_CANCEL, -5)]
    assert rules.session_awards(held(state="cancelled"), rules.Rules()) == []


def test_action_items_earn_up_to_the_limit_per_session():
    r = rules.Rules()
    earned = [
        rules.action_award(
            user_id=MENTEE, action_id=n, rank_in_session=n, session_earns=True, rules=r
        )
        for n in range(5)
    ]
    assert [a is not None for a in earned] == [True, True, True, False, False]
    assert (
        rules.action_award(
            user_id=MENTEE, action_id=1, rank_in_session=0, session_earns=False, rules=r
        )
        is None
    )


def test_helpful_advice_earns_its_mentor_only_when_the_session_earned():
    r = rules.Rules()
    award = rules.advice_award(mentor_id=MENTOR, advice_id=3, session_earns=True, rules=r)
    assert award is not None and award.user_id == MENTOR and award.key == "advice:3"
    assert rules.advice_award(mentor_id=MENTOR, advice_id=3, session_earns=False, rules=r) is None


def test_week_rank_orders_by_start_whatever_the_arrival_order():
    monday = datetime(2026, 3, 2, 9, tzinfo=UTC)
    sessions = [(monday + timedelta(days=2), 9), (monday, 12), (monday - timedelta(days=1), 3)]
    assert rules.week_rank((monday, 12), sessions) == 0
    assert (
        rules.week_rank((monday + timedelta(days=2), 9), sessions) == 1
    )  # Sunday before: other week


def test_a_community_overrides_points_and_limits():
    overrides = rules.validate_overrides({"points": {"session": 20}, "pair_cap_per_week": 1})
    r = rules.rules_for(overrides)
    assert r.worth(Kind.SESSION) == 20 and r.worth(Kind.DEBRIEF) == 3
    assert rules.session_awards(held(rank_in_week=1), r) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"points": {"bribe": 5}},
        {"points": {"session": "ten"}},
        {"points": {"session": 1000}},
        {"points": {"no_show": 5}},
        {"pair_cap_per_week": -1},
        {"surprise": 1},
        ["session"],
    ],
)
def test_it_refuses_bad_overrides(bad):
    with pytest.raises(ValueError):
        rules.validate_overrides(bad)


def test_built_in_badges_from_facts():
    assert rules.badges_earned(rules.BadgeFacts()) == []
    facts = rules.BadgeFacts(
        sessions=25,
        people=10,
        categories=5,
        actions_done=10,
        tie_breaks=1,
        accept_minutes=(2, 4, 30),
    )
    assert rules.badges_earned(facts) == [
        "first-session",
        "sessions-10",
        "sessions-25",
        "connector",
        "polymath",
        "quick-responder",
        "follow-through",
        "tie-breaker",
    ]


def test_quick_responder_needs_a_median_under_ten_minutes_over_a_few_samples():
    assert "quick-responder" not in rules.badges_earned(rules.BadgeFacts(accept_minutes=(1, 2)))
    assert "quick-responder" not in rules.badges_earned(
        rules.BadgeFacts(accept_minutes=(1, 12, 15))
    )
    assert "quick-responder" in rules.badges_earned(rules.BadgeFacts(accept_minutes=(1, 9.5, 60)))


TODAY = date(2026, 3, 18)  # a Wednesday


def weeks_ago(*ns):
    return [TODAY - timedelta(weeks=n) for n in ns]


def test_a_streak_counts_consecutive_weeks():
    assert rules.weekly_streak(weeks_ago(0, 1, 2), TODAY) == rules.Streak(3, False, True)


def test_this_week_without_participation_yet_does_not_break_it():
    assert rules.weekly_streak(weeks_ago(1, 2), TODAY).weeks == 2


def test_one_missed_week_is_forgiven():
    streak = rules.weekly_streak(weeks_ago(0, 2, 3), TODAY)
    assert streak == rules.Streak(3, True, True)


def test_a_second_missed_week_ends_the_streak():
    assert rules.weekly_streak(weeks_ago(0, 2, 4, 5), TODAY).weeks == 2
    assert rules.weekly_streak(weeks_ago(0, 3), TODAY).weeks == 1  # two weeks in a row


def test_no_participation_no_streak():
    assert rules.weekly_streak([], TODAY) == rules.Streak(0, False, False)
    assert rules.weekly_streak(weeks_ago(3), TODAY).alive is False
