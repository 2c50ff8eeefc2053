"""Which advice items from different mentors disagree: topics, stances and an explanation.

Pure: no ORM, no network. The advice ledger calls `find_conflicts` with the items of one goal;
the debrief pages show each verdict's explanation beside the two items.

How a pair is judged, in order:
1. *Topic.* Each item gets a score per career topic: its cosine to hand-written prototype
   sentences of the topic (the project's sentence embedding) plus keyword rules. Two items are
   about the same thing when they share a top topic or their own cosine is high. Without the
   model the keyword rules decide alone.
2. *Stance.* Embeddings cannot tell "do X" from "don't X" (both land close together), so the
   direction comes from explainable rules: per-topic poles (specialise against broaden, leave
   against stay, startup against big company, ...), a do/don't check on things both items name
   ("go to meetups" against "skip meetups"), now against later, and time horizons that disagree
   ("six months" against "two years"). Negation ("don't", "never", "rather than", "skip") flips
   what follows it in its clause.
3. Same topic and opposite stances is a conflict; same topic otherwise is compatible; different
   topics are unrelated.
4. *Learned parts.* A pair the rules do not call a conflict is still flagged when the pair
   encoder (pair_encoder.py: the embedding model fine-tuned to read both items together) gives
   it a probability of conflict at or above its threshold; where the encoder's file is missing,
   the learned stance model (below) takes its place. Without the embedding model, the rules
   decide alone.

The labelled pairs in data/advice_pairs.jsonl measure this (see data/README.md and make bench).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from bitesize.debriefs import pair_encoder
from bitesize.matching import embedding

Label = Literal["conflict", "compatible", "unrelated"]
LABELS: tuple[Label, ...] = ("conflict", "compatible", "unrelated")
DATA = Path(__file__).parent / "data" / "advice_pairs.jsonl"
# Written by a writer who saw neither the detector nor any other pairs, committed before any
# model was fitted or scored on it (data/README.md).
HOLDOUT = Path(__file__).parent / "data" / "advice_pairs_holdout.jsonl"
# The same, by a sixth writer, written after the first held-out set had been scored and then
# retired into the pair encoder's training data; the measure of the detector with its encoder.
HOLDOUT2 = Path(__file__).parent / "data" / "advice_pairs_holdout2.jsonl"
HELD_OUT_FILES = {"holdout": HOLDOUT, "holdout2": HOLDOUT2}


@dataclass(frozen=True)
class Advice:
    """One advice item: what to do, and optionally the assumption or context behind it."""

    text: str
    assumption: str = ""

    @property
    def full(self) -> str:
        return f"{self.text} {self.assumption}".strip()


@dataclass(frozen=True)
class Verdict:
    label: Label
    confidence: float  # 0..1, how sure the rules are of this label
    explanation: str
    topic: str = ""  # the shared topic key, or "" when the items are unrelated
    similarity: float | None = None  # cosine of the two items, None without the model


# --- topics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pole:
    says: str  # how the explanation words this side: "specialise"
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Topic:
    key: str
    name: str  # "when to change jobs": reads after "Both are about"
    keywords: re.Pattern[str]
    prototypes: tuple[str, ...]
    poles: tuple[tuple[Pole, Pole], ...] = ()


# Every rule's alternatives, kept so that each can be checked against the labelled set: a test
# asserts that none matches a test pair without matching a dev pair (the test split stays
# held out), except phrases quoted by the issue that asked for this detector.
BRIEF_PHRASES = frozenset({r"double down"})
ALTERNATIVES: dict[re.Pattern[str], tuple[str, ...]] = {}


def _rx(*alternatives: str) -> re.Pattern[str]:
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)
    ALTERNATIVES[pattern] = alternatives
    return pattern


def _pole(says: str, *alternatives: str) -> Pole:
    return Pole(says, _rx(*alternatives))


TOPICS: tuple[Topic, ...] = (
    Topic(
        "specialisation",
        "specialising versus staying broad",
        _rx(
            r"speciali[sz]",
            r"generalist",
            r"go(?:ing)? deep",
            r"broad",
            r"t-shaped",
            r"go-to person",
            r"spread(?:ing)? yourself",
            r"one area",
        ),
        (
            "Specialise in one area and become the expert for it.",
            "Stay a generalist and keep a broad skill set.",
            "Go deep on one technical domain instead of spreading yourself thin.",
            "Broaden your skills across the stack before you pick a niche.",
        ),
        (
            (
                _pole(
                    "specialise",
                    r"speciali[sz]e",
                    r"go(?:ing)? deep",
                    r"double down",  # from the issue's own example, see BRIEF_PHRASES
                    r"one thing",
                    r"go-to person",
                ),
                _pole(
                    "stay broad",
                    r"generalist",
                    r"broad",
                    r"a mix of",
                    r"many hats",
                    r"options open",
                    r"rotate",
                    r"spread(?:ing)? yourself",
                ),
            ),
        ),
    ),
    Topic(
        "job_change",
        "when to change jobs",
        _rx(
            r"change jobs?",
            r"changing jobs",
            r"job-?hop",
            r"quit\b(?! checking)",
            r"notice",
            r"leave (?:now|the|your current|during|within|if|during)",
            r"move on",
            r"new employer",
            r"current (?:job|company|role)",
            r"stints?",
            r"vesting",
            r"job (?:hunt|search)",
            r"interviewing elsewhere",
            r"another (?:month|year)",
        ),
        (
            "Stay at your job at least a year before you change jobs.",
            "Leave your current job now and move on to a new employer.",
            "Wait until your shares vest before you resign.",
            "Start looking for a new job elsewhere this month.",
        ),
        (
            (
                _pole(
                    "leave",
                    r"leave(?! your laptop| time| side)",
                    r"quit",
                    r"move on",
                    r"job-?hop",
                    r"chang(?:e|ing) jobs",
                ),
                _pole(
                    "stay",
                    r"stay(?! in touch| broad)",
                    r"stick (?:it out|around|with it)",
                    r"minimum",
                ),
            ),
        ),
    ),
    Topic(
        "negotiation",
        "negotiating pay",
        _rx(
            r"negotiat",
            r"salary",
            r"counter",
            r"offers?\b",
            r"raise\b",
            r"equity",
            r"haggl",
            r"your number",
            r"pay\b",
            r"compensation",
        ),
        (
            "Negotiate the salary in the job offer and make a counter-offer.",
            "Accept the first offer without negotiating.",
            "Ask your manager for a raise with evidence of your impact.",
            "Push for more equity or a signing bonus instead of base salary.",
        ),
        (
            (
                _pole(
                    "negotiate for more",
                    r"negotiat",
                    r"counter",
                    r"push (?:for|on)",
                    r"ask for \d+",
                    r"above their number",
                    r"haggl",
                ),
                _pole(
                    "accept what is offered",
                    r"accept the first offer",
                    r"accept (?:it )?as it is",
                    r"lucky to have",
                ),
            ),
            (
                _pole("take equity", r"(?:more|for) (?:startup )?equity"),
                _pole("take cash", r"cash over equity", r"salary for (?:startup )?equity"),
            ),
            (
                _pole("negotiate in writing", r"in writing", r"over email"),
                _pole("negotiate on a call", r"on the phone", r"on a call"),
            ),
        ),
    ),
    Topic(
        "management_track",
        "management versus the individual-contributor track",
        _rx(
            r"manag(?:er|ement|ing|e people)",
            r"lead(?:ing)? (?:the|a) (?:new )?(?:team|squad)",
            r"squad",
            r"lead role",
            r"direct reports",
            r"individual contributor",
            r"staff engineer",
            r"principal",
            r"stay technical",
            r"one-on-ones",
        ),
        (
            "Move into people management and become an engineering manager.",
            "Stay on the individual contributor track and aim for staff engineer.",
            "Take the team lead role and manage direct reports.",
            "Keep coding as a manager or stay technical.",
        ),
        (
            (
                _pole(
                    "go into management",
                    r"(?:move|go) into management",
                    r"become a (?:people )?manager",
                    r"take (?:the team lead|it\b|the manager)",
                    r"managing for a year",
                    r"leading the new",
                    r"direct reports",
                ),
                _pole(
                    "stay on the technical track",
                    r"individual contributor",
                    r"staff engineer",
                    r"principal",
                    r"stay technical",
                ),
            ),
        ),
    ),
    Topic(
        "education",
        "further education and degrees",
        _rx(
            r"master'?s",
            r"degree",
            r"phd",
            r"mba",
            r"bootcamp",
            r"certifi",
            r"enrol",
            r"alumni",
            r"graduates",
            r"university",
        ),
        (
            "Do a master's degree or a PhD at university.",
            "Skip the degree; work experience counts for more.",
            "Take a coding bootcamp or get a certification.",
            "Study part-time for a degree while you keep your job.",
        ),
        (
            (
                _pole("study full time", r"full time"),
                _pole(
                    "study alongside the job",
                    r"evening",
                    r"part-time",
                    r"while working",
                    r"keep your job",
                ),
            ),
        ),
    ),
    Topic(
        "freelancing",
        "freelancing",
        _rx(
            r"freelanc",
            r"clients?",
            r"day rates?",
            r"\brates?\b",
            r"invoice",
            r"contract(?:ing|or)",
            r"portfolio",
            r"by the day",
            r"by project",
            r"self-employ",
        ),
        (
            "Go freelance and find your own clients.",
            "Charge a day rate or price freelance work by project.",
            "Stay employed and keep your salary instead of freelancing.",
            "Raise your freelance rates with every client.",
        ),
        (
            (
                _pole("go freelance", r"go freelance"),
                _pole(
                    "stay employed",
                    r"stay employed",
                    r"keep your salary",
                ),
            ),
            (
                _pole("charge by the day", r"by the day", r"day rates? (?!cap)"),
                _pole("price by project", r"by project", r"per project"),
            ),
            (
                _pole("take any client", r"any client"),
                _pole("be picky about clients", r"picky", r"selective"),
            ),
        ),
    ),
    Topic(
        "side_projects",
        "side projects",
        _rx(
            r"side[ -]projects?",
            r"open source",
            r"launch",
            r"readme",
            r"live demo",
        ),
        (
            "Build a side project in your spare time.",
            "Launch your side project and open source it.",
            "Drop side projects and focus on your day job.",
            "Turn your side project into a business.",
        ),
        (),
    ),
    Topic(
        "networking",
        "networking",
        _rx(
            r"network(?!s? engineer)",
            r"meetups?",
            r"linkedin",
            r"introduction",
            r"introduce",
            r"cold",
            r"conference",
            r"talks?\b",
            r"contacts",
            r"in touch",
            r"visibility",
            r"posts?\b",
        ),
        (
            "Network with people in the industry at meetups and conferences.",
            "Reach out on LinkedIn and ask for referrals and introductions.",
            "Keep in touch with former colleagues.",
            "Give talks at conferences to become known.",
        ),
        (
            (
                _pole("reach out cold", r"out cold", r"cold-?messag"),
                _pole("ask for a warm introduction", r"warm introduction"),
            ),
            (
                _pole("network inside the company", r"inside your company", r"internal"),
                _pole("network outside the company", r"outside the company"),
            ),
        ),
    ),
    Topic(
        "technology_choice",
        "which technology to learn",
        _rx(
            r"rust\b",
            r"react",
            r"svelte",
            r"java\b",
            r"javascript",
            r"typescript",
            r"\bgo\b(?= now|\.|,| to| for)",
            r"python",
            r"kubernetes",
            r"linux",
            r"sql",
            r"framework",
            r"language",
            r"cloud",
            r"aws",
            r"pandas",
            r"technolog",
        ),
        (
            "Learn Rust, Go or TypeScript as your next programming language.",
            "Pick a framework such as React and a cloud provider like AWS.",
            "Stick with Java and proven technology instead of the newest framework.",
            "Learn Kubernetes, Linux and SQL.",
        ),
        (
            (
                _pole("use the newest technology", r"newest"),
                _pole(
                    "use proven technology",
                    r"boring",
                    r"proven",
                ),
            ),
        ),
    ),
    Topic(
        "learning_approach",
        "how to learn",
        _rx(
            r"learn(?:ing)? by",
            r"course",
            r"tutorials?",
            r"books?",
            r"notes",
            r"study",
            r"flashcards",
            r"spaced repetition",
            r"documentation",
            r"docs",
            r"learn(?:ing)? (?:one|several|alone)",
        ),
        (
            "Learn by building projects rather than watching courses.",
            "Take a structured course and read the books cover to cover.",
            "Study the theory and fundamentals first.",
            "Study in a group or alone, and take notes to review.",
        ),
        (
            (
                _pole("learn by building", r"by building"),
                _pole(
                    "take structured courses first",
                    r"structured course",
                ),
            ),
            (
                _pole("learn one thing at a time", r"one thing at a time"),
                _pole(
                    "learn things in parallel",
                    r"in parallel",
                ),
            ),
            (
                _pole("study alone", r"study alone", r"own pace"),
                _pole("study in a group", r"study group"),
            ),
        ),
    ),
    Topic(
        "work_life_balance",
        "work-life balance",
        _rx(
            r"hours",
            r"weekends?",
            r"evenings?",
            r"vacation",
            r"rest\b",
            r"part-time to",
            r"sleep",
            r"focus time",
            r"saturdays",
        ),
        (
            "Protect your evenings and weekends and avoid burnout.",
            "Work long hours and overtime while you are young.",
            "Take a vacation or a sabbatical to rest.",
            "Say no to extra projects when your workload is too high.",
        ),
        (
            (
                _pole(
                    "work more",
                    r"sacrifice",
                ),
                _pole(
                    "work less and rest",
                    r"say no to extra",
                    r"part-time",
                    r"protect your",
                ),
            ),
        ),
    ),
    Topic(
        "relocation_remote",
        "where to live and work (relocation and remote work)",
        _rx(
            r"relocat",
            r"remote",
            r"hybrid",
            r"office",
            r"move to (?:london|berlin|the us|a tech|a city|lisbon|amsterdam)",
            r"mov(?:e|ing) (?:countries|abroad|now while)",
            r"cost of living",
            r"visa",
            r"home town",
            r"tech hub",
            r"cities",
            r"lease",
        ),
        (
            "Relocate to a big tech city like London or Berlin.",
            "Work fully remote from home instead of moving.",
            "Work from the office or in a hybrid setup.",
            "Accept the relocation package and move abroad.",
        ),
        (
            (
                _pole(
                    "relocate",
                    r"move to",
                    r"relocate for",
                    r"move now",
                ),
                _pole(
                    "stay put or work remotely",
                    r"stay (?:remote|in)",
                ),
            ),
        ),
    ),
    Topic(
        "company_size",
        "startups versus big companies",
        _rx(
            r"start-?ups?",
            r"big (?:company|tech)",
            r"large company",
            r"small company",
            r"corporat",
            r"scale-?ups?",
            r"seed stage",
            r"series [ab]",
            r"founders?",
            r"equity",
            r"vesting",
        ),
        (
            "Join an early-stage startup.",
            "Work at a big company or a large corporation.",
            "Join a scale-up and take equity.",
            "Check the startup's runway and revenue before joining.",
        ),
        (
            (
                _pole(
                    "join a startup",
                    r"join a startup(?! only)",
                    r"early-stage startup",
                    r"small company",
                    r"scale-up to",
                    r"for startup equity",
                    r"seed stage",
                ),
                _pole(
                    "join a big company",
                    r"big company",
                    r"large company",
                    r"stay at the corporation",
                    r"after series b",
                    r"avoid scale-ups",
                ),
            ),
        ),
    ),
    Topic(
        "promotion",
        "getting promoted",
        _rx(
            r"promot",
            r"next level",
            r"sponsor",
            r"calibration",
            r"title",
            r"visib",
            r"packet",
            r"this cycle",
            r"another cycle",
            r"scope",
        ),
        (
            "Ask your manager for a promotion to the next level.",
            "Build a promotion case with a brag document and a sponsor.",
            "Wait another cycle before going for the senior title.",
            "Take on visible projects to get promoted.",
        ),
        (
            (
                _pole(
                    "push for it now",
                    r"ask for the promotion now",
                    r"write your own",
                ),
                _pole(
                    "wait and let the work speak",
                    r"wait another cycle",
                    r"let your manager write",
                ),
            ),
        ),
    ),
    Topic(
        "interviewing",
        "job applications and interviews",
        _rx(
            r"interview",
            r"leetcode",
            r"apply(?:ing)? (?:to|now)",
            r"applications?",
            r"cv\b",
            r"system design",
            r"thank-you",
            r"coding problems",
        ),
        (
            "Prepare for coding interviews with LeetCode and system design practice.",
            "Tailor your CV for every job application.",
            "Apply to many companies and practise on interviews that matter less.",
            "Send a thank-you note after each interview.",
        ),
        (
            (
                _pole("prepare long before applying", r"for three months before applying"),
                _pole("apply now", r"apply now"),
            ),
        ),
    ),
)
TOPIC_BY_KEY = {topic.key: topic for topic in TOPICS}


# --- words, clauses and negation --------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# A clause ends at punctuation or at a conjunction that starts a new instruction; "rather than",
# "instead of" and ", not" start a clause of their own so that only what follows them flips.
# "Without" does not: "never sign without asking" is one clause whose two negations cancel.
_CLAUSE_SPLIT = re.compile(r"[;:.!?]+|,\s*|\s+(?=\b(?:rather than|instead of|and|but|then|so)\b)")
_NEGATORS = _rx(
    r"don't",
    r"do not",
    r"never\b",
    r"not\b",
    r"no need",
    r"won't",
    r"isn't",
    r"aren't",
    r"shouldn't",
    r"avoid",
    r"skip",
    r"stop\b",
    r"drop\b(?! out)",
    r"decline",
    r"turn down",
    r"rather than",
    r"instead of",
    r"without",
    r"stay off",
    r"off your",
    r"worthless",
    r"waste",
    r"overrated",
    r"free of",
    r"(?:move|moving|switch|switching) from",
)
# A negative clause that only qualifies an action ("don't do it just for the title") does not
# argue against the action itself.
_HEDGES = _rx(r"only if", r"if\b", r"just (?:for|because)")
_NOW = _rx(
    r"now\b(?!adays)",
    r"right away",
    r"immediately",
    r"this (?:week|month|quarter|year|autumn|spring|cycle)",
    r"today",
    r"while (?:the|you)",
    r"from day one",
    r"early\b",
)
_LATER = _rx(
    r"wait",
    r"not yet",
    r"until",
    r"another (?:year|cycle|\w+ years?)",
    r"a few (?:more )?years",
    r"at least (?:a|one|two|\d+)",
    r"only after",
    r"after (?:the|your|series|a few)",
    r"for now",
)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "nine": 9,
    "twelve": 12,
    "eighteen": 18,
}
_DURATION = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|nine|twelve|eighteen)"
    r"(?:\s+(?:more|few))?\s+(month|year)s?\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9+#]+(?:['-][a-z0-9]+)*")
# Words that say nothing about *what* an item is about; a do/don't clash needs another word.
_STOP = frozenset(
    """
    a an the to of in on for at by with from into over about as and or but so then than your
    you you're yours it its it's this that these those there their them they we our i me my be
    is are was were been being do does did done don't not no never can could will would should
    must may might just only also even still very more most less much many few some any all
    every each other another own same such what which who whom when where why how if while
    before after until first last now later again once go going get getting take taking make
    making let keep keeping put give use using try trying start want need have having has had
    feel look come work working job jobs company people time year years month months week weeks
    day days thing things way lot bit well good better best right new up out off back here
    avoid skip stop drop decline refuse ignore turn down hold instead rather without worthless
    waste poor overrated free limit don't won't isn't aren't shouldn't say yes
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _normalise(text: str) -> str:
    return text.translate(_APOSTROPHES).lower()


def _stem(word: str) -> str:
    """A crude shared stem: "manager" and "management", "meetups" and "meetup" meet."""
    word = word.removesuffix("'s")
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    return word[:6]


@dataclass(frozen=True)
class _Clause:
    text: str
    negative: bool  # an odd number of negators: the clause argues against what it names
    hedged: bool
    terms: frozenset[str]
    head: str | None  # the action ("accept", "ask"); None when any action is refused ("skip X")


# Words before the action that do not change it; "don't" and friends are looked through too.
_LEAD_IN = frozenset(
    re.findall(
        r"\S+",
        "always never only just also then so and but rather than instead of you really do don't "
        "not won't shouldn't please still even definitely",
    )
)
# A clause that refuses whatever it names, or calls it worthless, clashes with any action on it.
_REFUSING = _rx(
    r"skip",
    r"avoid",
    r"stop\b",
    r"drop\b",
    r"decline",
    r"turn down",
    r"stay off",
    r"worthless",
    r"waste",
    r"no need",
    r"don't need",
    r"isn't",
    r"aren't",
    r"not required",
    r"off your",
    r"(?:move|moving|switch|switching) from",
)


def _head(words: list[str]) -> str:
    for word in words:
        if word not in _LEAD_IN:
            return _stem(word)
    return ""


def _clauses(text: str) -> list[_Clause]:
    out = []
    for part in _CLAUSE_SPLIT.split(_normalise(text)):
        part = part.strip()
        if not part:
            continue
        negators = len(_NEGATORS.findall(part))
        words = _WORD.findall(part)
        terms = frozenset(_stem(w) for w in words if w not in _STOP and len(w) > 2)
        head = None if _REFUSING.search(part) else _head(words)
        out.append(_Clause(part, negators % 2 == 1, bool(_HEDGES.search(part)), terms, head))
    return out


@dataclass(frozen=True)
class _Reading:
    """What the rules read in one item: per-pole stances, timing, horizons, clauses."""

    poles: dict[tuple[str, int], int]  # (topic key, axis index) -> +1 first pole, -1 second
    pole_words: dict[tuple[str, int], str]
    timing: int  # +1 act now, -1 wait, 0 says nothing
    months: tuple[float, ...]
    clauses: tuple[_Clause, ...]


def _read(advice: Advice) -> _Reading:
    clauses = _clauses(advice.text)
    poles: dict[tuple[str, int], int] = {}
    words: dict[tuple[str, int], str] = {}
    for topic in TOPICS:
        for index, (first, second) in enumerate(topic.poles):
            score = 0
            for clause in clauses:
                if clause.negative and clause.hedged:
                    continue  # "don't become a manager just for the title" takes no side
                sign = -1 if clause.negative else 1
                if first.pattern.search(clause.text):
                    score += sign
                if second.pattern.search(clause.text):
                    score -= sign
            if score:
                poles[(topic.key, index)] = 1 if score > 0 else -1
                words[(topic.key, index)] = first.says if score > 0 else second.says
    now = sum(1 for c in clauses if _NOW.search(c.text) and not c.negative)
    later = sum(1 for c in clauses if _LATER.search(c.text))
    later += sum(1 for c in clauses if _NOW.search(c.text) and c.negative)
    timing = (now > later) - (later > now)
    months = []
    for amount, unit in _DURATION.findall(_normalise(advice.text)):
        value = int(amount) if amount.isdigit() else _NUMBERS[amount]
        months.append(float(value * (12 if unit == "year" else 1)))
    return _Reading(poles, words, timing, tuple(months), tuple(clauses))


# --- topic scores -----------------------------------------------------------------------------

KEYWORD_WEIGHT = 0.15  # one keyword hit is worth this much cosine
SAME_TOPIC_COSINE = 0.55  # two items this close are about the same thing whatever their topics
ASSUMPTION_WEIGHT = 0.5  # the assumption helps place an item but counts less than the advice


@lru_cache(maxsize=1)
def _prototype_vectors() -> tuple[npt.NDArray[np.float32], tuple[int, ...]]:
    texts = [p for topic in TOPICS for p in topic.prototypes]
    owners = tuple(i for i, topic in enumerate(TOPICS) for _ in topic.prototypes)
    return embedding.embed(texts), owners


def _hits(topic: Topic, text: str) -> int:
    """Keyword hits, plus pole phrases: taking a side on a topic is also being about it."""
    hits = len(topic.keywords.findall(text))
    for first, second in topic.poles:
        hits += bool(first.pattern.search(text)) + bool(second.pattern.search(text))
    return hits


def _keyword_scores(advice: Advice) -> npt.NDArray[np.float64]:
    text, assumption = _normalise(advice.text), _normalise(advice.assumption)
    return np.array(
        [_hits(t, text) + ASSUMPTION_WEIGHT * _hits(t, assumption) for t in TOPICS],
        dtype=np.float64,
    )


def _topic_scores(
    items: Sequence[Advice], vectors: npt.NDArray[np.float32] | None
) -> npt.NDArray[np.float64]:
    """Rows: items; columns: TOPICS. Cosine to the nearest prototype plus keyword hits."""
    keywords = np.stack([_keyword_scores(item) for item in items]) if items else np.zeros((0, 0))
    if vectors is None:
        return KEYWORD_WEIGHT * keywords
    prototypes, owners = _prototype_vectors()
    cosines = vectors @ prototypes.T
    nearest = np.full((len(items), len(TOPICS)), -1.0)
    for column, owner in enumerate(owners):
        nearest[:, owner] = np.maximum(nearest[:, owner], cosines[:, column])
    return nearest + KEYWORD_WEIGHT * keywords


# Texts embedded before, so that a ledger re-checked after each new item, or an evaluation that
# meets the same text twice, embeds it once. Bounded: cleared when full.
_CACHE: dict[str, npt.NDArray[np.float32]] = {}
CACHE_SIZE = 20_000


def _vectors(texts: list[str]) -> npt.NDArray[np.float32]:
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        if len(_CACHE) + len(missing) > CACHE_SIZE:
            _CACHE.clear()
        _CACHE.update(zip(missing, embedding.embed(missing), strict=True))
    return np.stack([_CACHE[t] for t in texts])


def _embed(items: Sequence[Advice], use_model: bool = True) -> npt.NDArray[np.float32] | None:
    if not items or not use_model or not embedding.model_available():
        return None
    advice = _vectors([item.text for item in items])
    context = _vectors([item.full for item in items])
    mixed = advice + ASSUMPTION_WEIGHT * context
    unit: npt.NDArray[np.float32] = (mixed / np.linalg.norm(mixed, axis=1, keepdims=True)).astype(
        np.float32
    )
    return unit


def topic_of(item: Advice) -> str:
    """The key of the career topic an item is most about ("" when nothing points anywhere)."""
    scores = _topic_scores([item], _embed([item]))[0]
    if not np.any(scores > 0):
        return ""
    return TOPICS[int(np.argmax(scores))].key


def group_by_topic(items: Sequence[Advice]) -> dict[str, list[int]]:
    """Indexes of the items per topic key, topics in the order of TOPICS ("" last)."""
    scores = _topic_scores(items, _embed(items))
    groups: dict[str, list[int]] = {}
    order = {t.key: i for i, t in enumerate(TOPICS)} | {"": len(TOPICS)}
    for index, row in enumerate(scores):
        key = TOPICS[int(np.argmax(row))].key if np.any(row > 0) else ""
        groups.setdefault(key, []).append(index)
    return dict(sorted(groups.items(), key=lambda kv: order[kv[0]]))


# --- the verdict ------------------------------------------------------------------------------


def _shared_topic(
    sa: npt.NDArray[np.float64], sb: npt.NDArray[np.float64], cosine: float | None
) -> int | None:
    """The topic both items are about, or None. Each item's top two topics may meet, provided
    the shared one is close to that item's best; a very similar pair shares its best topic."""
    best_a, best_b = int(np.argmax(sa)), int(np.argmax(sb))
    if sa[best_a] <= 0 or sb[best_b] <= 0:
        return None
    if best_a == best_b:
        return best_a
    joint = int(np.argmax(np.minimum(sa / sa[best_a], sb / sb[best_b])))
    margin = TOPIC_MARGIN if cosine is not None else KEYWORD_MARGIN
    if sa[joint] >= sa[best_a] * margin and sb[joint] >= sb[best_b] * margin:
        return joint
    if cosine is not None and cosine >= SAME_TOPIC_COSINE:
        return best_a if sa[best_a] + sb[best_a] >= sa[best_b] + sb[best_b] else best_b
    return None


TOPIC_MARGIN = 0.92  # with the model, a second topic counts when it scores this share of the best
KEYWORD_MARGIN = 0.99  # keyword counts tie often; without the model a second topic must tie


@dataclass
class _Evidence:
    weight: float
    kind: str  # "pole", "polarity", "timing", "horizon"
    says: tuple[str, str]  # what a says, what b says

    def phrase(self) -> str:
        if self.kind == "horizon":
            return f"one talks of {self.says[0]}, the other of {self.says[1]}"
        if self.kind == "timing":
            return f"one says {self.says[0]}, the other says {self.says[1]}"
        return f'one says "{self.says[0]}", the other says "{self.says[1]}"'


def _quote(clause: _Clause) -> str:
    return clause.text.strip().rstrip(",")


def _disagreements(a: _Reading, b: _Reading) -> list[_Evidence]:
    found: list[_Evidence] = []
    for key, stance in a.poles.items():
        other = b.poles.get(key)
        if other is not None and other != stance:
            found.append(_Evidence(0.85, "pole", (a.pole_words[key], b.pole_words[key])))
    # Do against don't on something both name: "go to meetups" / "skip meetups", but not
    # "never accept the first offer" / "ask whether there is room in the offer".
    for ca in a.clauses:
        for cb in b.clauses:
            shared = ca.terms & cb.terms
            hedged = (ca.negative and ca.hedged) or (cb.negative and cb.hedged)
            same_action = ca.head is None or cb.head is None or ca.head == cb.head
            if shared and same_action and ca.negative != cb.negative and not hedged:
                found.append(_Evidence(0.7, "polarity", (_quote(ca), _quote(cb))))
    if a.timing and b.timing and a.timing != b.timing:
        says = ("act now", "wait") if a.timing > 0 else ("wait", "act now")
        found.append(_Evidence(0.65, "timing", says))
    elif a.timing > 0 and not b.timing and b.months and min(b.months) >= LONG_MONTHS:
        found.append(_Evidence(0.6, "timing", ("act now", f"give it {_months(b.months)}")))
    elif b.timing > 0 and not a.timing and a.months and min(a.months) >= LONG_MONTHS:
        found.append(_Evidence(0.6, "timing", (f"give it {_months(a.months)}", "act now")))
    if a.months and b.months:
        low, high = min(a.months + b.months), max(a.months + b.months)
        apart = max(a.months) < min(b.months) or max(b.months) < min(a.months)
        if apart and high / max(low, 1.0) >= HORIZON_RATIO:
            found.append(_Evidence(0.6, "horizon", (_months(a.months), _months(b.months))))
    return found


LONG_MONTHS = 12  # "now" against "for two more years" is a disagreement about timing
HORIZON_RATIO = 3  # "six months" against "two years" disagree; "a year" against "18 months" not


def _months(months: tuple[float, ...]) -> str:
    value = months[0]
    if value >= 12 and value % 12 == 0:
        years = int(value // 12)
        return f"{years} year{'s' if years > 1 else ''}"
    return f"{int(value)} month{'s' if value != 1 else ''}"


def _assumptions(a: Advice, b: Advice) -> str:
    first, second = (x.assumption.strip().rstrip(".") for x in (a, b))
    if first and second:
        return f' Their assumptions: "{first}" against "{second}".'
    if first or second:
        return f' One assumes "{first or second}".'
    return ""


def _rules_verdict(
    a: Advice,
    b: Advice,
    sa: npt.NDArray[np.float64],
    sb: npt.NDArray[np.float64],
    cosine: float | None,
) -> Verdict:
    shared = _shared_topic(sa, sb, cosine)
    if shared is None:
        names = [
            TOPICS[int(np.argmax(s))].name if np.any(s > 0) else "something else" for s in (sa, sb)
        ]
        confidence = 0.6 if cosine is None else float(min(0.95, max(0.5, 1.0 - cosine)))
        return Verdict(
            "unrelated",
            round(confidence, 2),
            f"Different topics: one is about {names[0]}, the other about {names[1]}.",
            "",
            cosine,
        )
    topic = TOPICS[shared]
    evidence = _disagreements(_read(a), _read(b))
    if not evidence:
        return Verdict(
            "compatible",
            0.6,
            f"Both are about {topic.name} and point the same way, or at different parts of it.",
            topic.key,
            cosine,
        )
    # More signs of disagreement make the verdict surer, never certain.
    strongest = sorted((e.weight for e in evidence), reverse=True)[:3]
    confidence = 1.0 - math.prod(1.0 - weight for weight in strongest)
    return Verdict(
        "conflict",
        round(min(0.97, confidence), 2),
        _explain(topic, evidence) + _assumptions(a, b),
        topic.key,
        cosine,
    )


def _explain(topic: Topic, evidence: list[_Evidence]) -> str:
    """The strongest sign of disagreement, and a second one of another kind when there is one."""
    ranked = sorted(evidence, key=lambda e: -e.weight)
    text = f"Both are about {topic.name}; {ranked[0].phrase()}"
    other = next((e for e in ranked if e.kind != ranked[0].kind), None)
    if other is not None:
        text += f"; also, {other.phrase()}"
    return text + "."


# --- the learned stance component -------------------------------------------------------------
#
# The stance rules above are precise but lexical: a conflict phrased with words they do not
# list goes unseen. This part reads stance from the embedding instead. Each topic has one or two
# axes between two poles, each pole described by a few plain sentences ("Specialise deeply in one
# narrow area." against "Stay a generalist with broad skills."); an item's lean on an axis is its
# cosine to one pole's centroid minus its cosine to the other's. Two items that lean to opposite
# poles of their shared topic, beside the rules' own signals (topic agreement, pole, do/don't,
# timing and horizon clashes, negation), are the features of a small multinomial logistic
# regression fitted on data/advice_pairs_train.jsonl by `python -m
# bitesize.debriefs.train_conflicts`, which writes its weights to data/conflict_model.json.
# A pair the rules call a conflict stays one; otherwise the model's probability of "conflict"
# must reach the threshold stored with the weights. Without the model file, or without the
# embedding model, the rules decide alone.

MODEL_FILE = Path(__file__).parent / "data" / "conflict_model.json"


@dataclass(frozen=True)
class StanceAxis:
    topic: str  # a TOPICS key, or "" for an axis that applies to any topic
    says: tuple[str, str]  # how an explanation words each pole
    poles: tuple[tuple[str, ...], tuple[str, ...]]  # sentences that describe each pole


def _axis(
    topic: str, first: str, first_texts: tuple[str, ...], second: str, second_texts: tuple[str, ...]
) -> StanceAxis:
    return StanceAxis(topic, (first, second), (first_texts, second_texts))


STANCE_AXES: tuple[StanceAxis, ...] = (
    _axis(
        "specialisation",
        "specialise",
        (
            "Specialise deeply in one narrow area.",
            "Focus on a single domain and become its expert.",
            "Depth in one field matters more than breadth.",
        ),
        "stay broad",
        (
            "Stay a generalist with broad skills.",
            "Explore many different areas and keep your options open.",
            "Breadth across fields matters more than depth.",
        ),
    ),
    _axis(
        "job_change",
        "leave the job",
        (
            "Quit your job and move to a new employer soon.",
            "It is time to leave your current company.",
            "Start looking for a new job now.",
        ),
        "stay in the job",
        (
            "Stay at your current job for longer.",
            "Be patient and remain with your current employer.",
            "Do not change jobs yet; stick it out.",
        ),
    ),
    _axis(
        "negotiation",
        "negotiate for more",
        (
            "Negotiate hard and ask for more money.",
            "Make a counter-offer above their number.",
            "Push for a higher salary.",
        ),
        "accept what is offered",
        (
            "Accept the offer as it is.",
            "Take what they offer without negotiating.",
            "Don't push for more money; just say yes.",
        ),
    ),
    _axis(
        "negotiation",
        "take equity",
        ("Take more equity and stock options.", "Stock in the company is worth more than cash."),
        "take cash",
        ("Take a higher cash salary instead of equity.", "Cash now is worth more than stock."),
    ),
    _axis(
        "management_track",
        "go into management",
        (
            "Become a people manager and lead a team.",
            "Move into engineering management.",
            "Take the management role with direct reports.",
        ),
        "stay on the technical track",
        (
            "Stay an individual contributor and keep coding.",
            "Grow on the technical track toward staff or principal engineer.",
            "Stay hands-on and technical instead of managing.",
        ),
    ),
    _axis(
        "education",
        "get the degree",
        (
            "Go back to university for a degree.",
            "Do a master's or a PhD.",
            "Formal education and credentials are worth it.",
        ),
        "skip formal education",
        (
            "Skip the degree and learn on the job.",
            "Work experience counts more than a diploma.",
            "You don't need formal education; teach yourself.",
        ),
    ),
    _axis(
        "education",
        "study full time",
        ("Study full time and put work on hold.", "Stop working while you study."),
        "study alongside the job",
        ("Study part-time while you keep working.", "Take evening classes next to your job."),
    ),
    _axis(
        "freelancing",
        "go freelance",
        (
            "Go freelance and work for your own clients.",
            "Quit your job to become self-employed.",
            "Start contracting independently now.",
        ),
        "stay employed",
        (
            "Keep your salaried job instead of freelancing.",
            "Stay employed; freelance income is risky.",
            "Don't go independent yet.",
        ),
    ),
    _axis(
        "freelancing",
        "charge for time",
        ("Charge an hourly or daily rate.", "Bill clients for the time you spend."),
        "charge per project",
        ("Charge a fixed price per project.", "Price your work by its value, not by hours."),
    ),
    _axis(
        "side_projects",
        "keep doing side projects",
        (
            "Build side projects in your spare time.",
            "Keep working on your side project.",
            "Side projects are worth your evenings.",
        ),
        "drop side projects",
        (
            "Drop side projects and rest in your free time.",
            "Focus on your day job instead of side projects.",
            "Side projects are not worth your time.",
        ),
    ),
    _axis(
        "side_projects",
        "launch it now",
        ("Ship and launch your project now, even if it is rough.", "Release it publicly early."),
        "polish it first",
        ("Keep polishing the project privately before launching.", "Wait until it is ready."),
    ),
    _axis(
        "networking",
        "network actively",
        (
            "Network actively at meetups and conferences.",
            "Reach out to people and build your visibility.",
            "Put yourself out there and meet people.",
        ),
        "let the work speak",
        (
            "Skip networking events and focus on your work.",
            "Let your work speak for itself.",
            "Networking is overrated; keep a low profile.",
        ),
    ),
    _axis(
        "technology_choice",
        "adopt the new technology",
        (
            "Learn the newest technology and frameworks.",
            "Switch to a modern language now.",
            "Adopt new tools early.",
        ),
        "stick with proven technology",
        (
            "Stick with proven, established technology.",
            "Keep using the language you already know well.",
            "Avoid hyped new frameworks.",
        ),
    ),
    _axis(
        "learning_approach",
        "learn by doing",
        (
            "Learn by building projects and practising.",
            "Learn hands-on by doing.",
            "Skip the theory and start building.",
        ),
        "learn the theory first",
        (
            "Study the theory and fundamentals first.",
            "Take a structured course before building anything.",
            "Read the textbook before you practise.",
        ),
    ),
    _axis(
        "learning_approach",
        "learn alone",
        ("Study alone at your own pace.", "Teach yourself without help."),
        "learn with others",
        ("Learn in a group or with a mentor.", "Study together with other people."),
    ),
    _axis(
        "work_life_balance",
        "work harder",
        (
            "Work long hours and put in extra effort.",
            "Sacrifice evenings and weekends for your career.",
            "Push through and take on more work.",
        ),
        "rest and protect your time",
        (
            "Rest and protect your free time.",
            "Work fewer hours and avoid burnout.",
            "Take time off and say no to extra work.",
        ),
    ),
    _axis(
        "relocation_remote",
        "relocate or be in the office",
        (
            "Relocate to the city where the company is.",
            "Move abroad for the job.",
            "Work from the office every day.",
        ),
        "stay put and work remotely",
        (
            "Stay where you live and work remotely.",
            "Don't move; work from home.",
            "Choose a fully remote job.",
        ),
    ),
    _axis(
        "company_size",
        "join a startup",
        (
            "Join a small early-stage startup.",
            "Work at a startup and take the risk.",
            "Small companies are the best place for you.",
        ),
        "join a big company",
        (
            "Join a large established company.",
            "Work at a big corporation for stability.",
            "Big tech is the best place for you.",
        ),
    ),
    _axis(
        "promotion",
        "push for it now",
        (
            "Ask for the promotion now.",
            "Push for the next title this cycle.",
            "Promote yourself and make your wins visible.",
        ),
        "wait and let the work speak",
        (
            "Wait another cycle before going for promotion.",
            "Be patient; the promotion will come.",
            "Keep your head down and let your work speak.",
        ),
    ),
    _axis(
        "interviewing",
        "apply now",
        (
            "Apply now and learn from real interviews.",
            "Start interviewing right away.",
            "Send out applications this week.",
        ),
        "prepare first",
        (
            "Prepare for months before applying.",
            "Practise a lot before you interview anywhere.",
            "Don't apply until you are ready.",
        ),
    ),
    _axis(
        "interviewing",
        "apply widely",
        ("Apply to as many companies as you can.", "Cast a wide net with your applications."),
        "be selective",
        ("Apply only to a few companies you really want.", "Be picky about where you apply."),
    ),
    # Axes of any topic: acting against waiting, risk against safety, more against less.
    _axis(
        "",
        "act now",
        ("Do it now, right away.", "Act immediately; don't wait."),
        "wait",
        ("Wait and do it later.", "Hold off for now and be patient."),
    ),
    _axis(
        "",
        "take the risk",
        ("Take the bold, risky option.", "Go for it and take the leap."),
        "play it safe",
        ("Play it safe and choose the stable option.", "Be careful and avoid the risk."),
    ),
    _axis(
        "",
        "do more of it",
        ("Do more of it and say yes.", "Increase it and commit fully."),
        "do less of it",
        ("Do less of it and say no.", "Cut it back or stop it."),
    ),
    _axis(
        "",
        "change course",
        ("Make a change and try something new.", "Switch to something different."),
        "keep things as they are",
        ("Keep things as they are.", "Stay with what you have now."),
    ),
)
GENERIC_AXES = tuple(i for i, axis in enumerate(STANCE_AXES) if not axis.topic)


@lru_cache(maxsize=1)
def _axis_vectors() -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Per axis: the unit centroid of its first pole minus that of its second, and the lean of
    the axis's topic prototypes on it (the middle of that topic; 0 for axes of any topic)."""
    rows = []
    for axis in STANCE_AXES:
        ends = []
        for texts in axis.poles:
            centroid = embedding.embed(list(texts)).mean(axis=0)
            ends.append(centroid / np.linalg.norm(centroid))
        rows.append(ends[0] - ends[1])
    directions = np.stack(rows).astype(np.float32)
    prototypes, owners = _prototype_vectors()
    middles = np.zeros(len(STANCE_AXES), dtype=np.float32)
    for i, axis in enumerate(STANCE_AXES):
        if axis.topic:
            own = [k for k, o in enumerate(owners) if TOPICS[o].key == axis.topic]
            middles[i] = float((prototypes[own] @ directions[i]).mean())
    return directions, middles


def _topic_axes(topic: int) -> list[int]:
    key = TOPICS[topic].key
    return [i for i, axis in enumerate(STANCE_AXES) if axis.topic == key]


def _joint_topic(sa: npt.NDArray[np.float64], sb: npt.NDArray[np.float64]) -> int:
    """The topic both items are most about, each item's scores scaled by its own best."""
    top_a, top_b = max(float(sa.max()), 1e-6), max(float(sb.max()), 1e-6)
    return int(np.argmax(np.minimum(sa / top_a, sb / top_b)))


# General English, not career words: pairs of words that name opposite choices. One item using
# one word and the other item its opposite (and not both) is a sign of disagreement.
CONTRASTS: tuple[tuple[str, str], ...] = tuple(
    (pair.split("/")[0], pair.split("/")[1])
    for pair in """
    now/later now/wait now/yet today/later soon/later early/late earlier/later first/last
    before/after more/less more/fewer many/few most/least every/few all/none
    everything/nothing dozens/few wide/narrow broad/narrow widely/selective deep/broad
    depth/breadth single/several single/multiple specialist/generalist big/small
    large/small bigger/smaller long/short longer/shorter high/low higher/lower fast/slow
    faster/slower quick/slow increase/reduce raise/cut add/cut start/stop join/leave
    stay/leave stay/move stay/quit keep/drop keep/quit keep/stop keep/change accept/decline
    accept/refuse accept/counter push/accept ask/wait inside/outside
    internal/external public/private open/closed open/private alone/together alone/group
    solo/team full-time/part-time remote/office home/office local/abroad
    cheap/expensive free/paid safe/risky stable/risky safety/risk newest/proven
    modern/established new/proven hard/easy loud/quiet visible/quiet humble/brag
    direct/indirect written/spoken email/call theory/practice reading/building formal/informal
    structured/unstructured general/specific hourly/fixed daily/weekly
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Words that judge what they name as bad, or as good: one item dismissing what the other
# recommends is a sign of disagreement.
_DISMISSIVE = re.compile(
    r"\b(?:waste|overrated|pointless|useless|overkill|outdated|bloated|dead end|mistake|"
    r"trap|bad idea|not worth|isn't worth|aren't worth|lottery|gamble|backfire|hurts?|"
    r"box-ticking|distraction|dilute|scare|spoil|shrinking|crowded|risky|unpredictable|"
    r"look bad|red flag|never pays|don't need|no need|unnecessary|overpriced|cost you)\b",
    re.IGNORECASE,
)
_APPROVING = re.compile(
    r"\b(?:best|worth it|worth your|pays off|pay off|great|perfect|essential|valuable|"
    r"the way to|fastest|only way|key|must|ideal|smart|wise|right call|good idea|no-brainer)\b",
    re.IGNORECASE,
)
# Words that argue against what follows them in a clause; the clause without them says what it
# is about ("don't haggle over the bonus" is about haggling over the bonus).
_AGAINST = re.compile(
    r"\b(?:don't|do not|never|not|no|avoid|skip|stop|drop|refuse|decline|turn down|ignore|"
    r"instead of|rather than|without|waste|overrated|pointless|overkill|outdated|isn't|aren't|"
    r"won't|can't|shouldn't|forget|pass on|hold off|hold back)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Item:
    """What the stance model reads in one item, computed once per item."""

    vector: npt.NDArray[np.float32]
    scores: npt.NDArray[np.float64]
    reading: _Reading
    lean: npt.NDArray[np.float32]  # per axis, from the topic's middle
    parts: tuple[tuple[bool, int, str], ...]  # per clause: against?, row in part_vectors, text
    part_vectors: npt.NDArray[np.float32]
    words: frozenset[str]
    judges: int  # -1 dismisses something, +1 approves of something, 0 neither


def _items(
    advice: Sequence[Advice], vectors: npt.NDArray[np.float32], scores: npt.NDArray[np.float64]
) -> list[_Item]:
    directions, middles = _axis_vectors()
    split: list[list[tuple[bool, str]]] = []
    for item in advice:
        clauses = []
        for clause in _CLAUSE_SPLIT.split(_normalise(item.text)):
            clause = clause.strip()
            if not clause:
                continue
            against = len(_AGAINST.findall(clause)) % 2 == 1
            about = re.sub(r"\s+", " ", _AGAINST.sub(" ", clause)).strip() or clause
            clauses.append((against, about))
        split.append(clauses or [(False, _normalise(item.text))])
    texts = [about for pieces in split for _, about in pieces]
    part_vectors = _vectors(texts)
    out, row = [], 0
    for n, item in enumerate(advice):
        parts = []
        for against, about in split[n]:
            parts.append((against, row, about))
            row += 1
        text = _normalise(item.text)
        dismisses, approves = bool(_DISMISSIVE.search(text)), bool(_APPROVING.search(text))
        out.append(
            _Item(
                vectors[n],
                scores[n],
                _read(item),
                (directions @ vectors[n] - middles).astype(np.float32),
                tuple(parts),
                part_vectors,
                frozenset(_WORD.findall(text)),
                -1 if dismisses else (1 if approves else 0),
            )
        )
    return out


def _unhedged_negative(reading: _Reading) -> bool:
    return any(c.negative and not c.hedged for c in reading.clauses)


def _contrasts(a: frozenset[str], b: frozenset[str]) -> list[tuple[str, str]]:
    """The opposite words of CONTRASTS that a and b use, a's word first."""
    found = []
    for x, y in CONTRASTS:
        if x in a and y in b and x not in b and y not in a:
            found.append((x, y))
        elif y in a and x in b and y not in b and x not in a:
            found.append((y, x))
    return found


FEATURES: tuple[str, ...] = (
    "cosine",
    "rules say conflict",
    "rules say compatible",
    "pole clash",
    "do/don't clash",
    "now/later clash",
    "horizon clash",
    "topic agreement",
    "same best topic",
    "topic strength",
    "one side negated",
    "both negated",
    "topic axis clash",
    "topic axis gap",
    "topic axis agree x negation",
    "generic axis clash",
    "generic axis gap",
    "opposite words",
    "one side dismisses",
    "same thing, opposite polarity",
    "same thing, same polarity",
)


def _pair_features(a: _Item, b: _Item, rules: Verdict) -> tuple[npt.NDArray[np.float64], str]:
    """The features of one pair, in the order of FEATURES, and in words what sets the two
    apart: the poles of their topic they lean to, else opposite words, else a clause one argues
    for and the other against, else a general direction."""
    kinds = {e.kind for e in _disagreements(a.reading, b.reading)}
    sa, sb = a.scores, b.scores
    joint = _joint_topic(sa, sb)
    top_a, top_b = max(float(sa.max()), 1e-6), max(float(sb.max()), 1e-6)
    neg_a, neg_b = _unhedged_negative(a.reading), _unhedged_negative(b.reading)
    clash = -(a.lean * b.lean)  # positive when the two items lean to opposite poles
    gap = np.abs(a.lean - b.lean)
    own = _topic_axes(joint)
    generic = list(GENERIC_AXES)
    one_negated = float(neg_a != neg_b)
    opposite, same, argued = 0.0, 0.0, ""
    for against_a, row_a, clause_a in a.parts:
        for against_b, row_b, clause_b in b.parts:
            similarity = float(a.part_vectors[row_a] @ b.part_vectors[row_b])
            if against_a != against_b:
                if similarity > opposite:
                    opposite = similarity
                    said = (clause_a, clause_b) if against_b else (clause_b, clause_a)
                    argued = f'one argues for "{said[0]}", the other against it'
            else:
                same = max(same, similarity)
    words = _contrasts(a.words, b.words)
    reasons = []
    for axes in (own, generic):
        best = max(axes, key=lambda i: float(clash[i]), default=None)
        if best is not None and clash[best] > 0:
            says = STANCE_AXES[best].says
            first = 0 if a.lean[best] > 0 else 1
            reasons.append(f'one leans to "{says[first]}", the other to "{says[1 - first]}"')
        if axes is own:
            reasons += [f'one says "{x}", the other "{y}"' for x, y in words[:1]]
            reasons += [argued] if opposite >= ARGUED_SIMILARITY else []
    features = np.array(
        [
            float(a.vector @ b.vector),
            float(rules.label == "conflict"),
            float(rules.label == "compatible"),
            float("pole" in kinds),
            float("polarity" in kinds),
            float("timing" in kinds),
            float("horizon" in kinds),
            min(float(sa[joint]) / top_a, float(sb[joint]) / top_b),
            float(int(np.argmax(sa)) == int(np.argmax(sb))),
            min(float(sa[joint]), float(sb[joint])),
            one_negated,
            float(neg_a and neg_b),
            float(clash[own].max()) if own else 0.0,
            float(gap[own].max()) if own else 0.0,
            float(-clash[own].min()) * one_negated if own else 0.0,
            float(clash[generic].max()),
            float(gap[generic].max()),
            float(len(words)),
            float(a.judges * b.judges < 0 or (a.judges + b.judges == -1)),
            opposite,
            same,
        ],
        dtype=np.float64,
    )
    return features, (reasons or ["they read as recommending different things"])[0]


ARGUED_SIMILARITY = 0.5  # a clause argued for and one argued against name the same thing


def stance_features(pairs: Sequence[tuple[Advice, Advice]]) -> npt.NDArray[np.float64]:
    """Rows: pairs; columns: FEATURES. What the stance model is fitted on (needs the model)."""
    advice = [item for pair in pairs for item in pair]
    vectors = _embed(advice)
    if vectors is None:
        raise embedding.EmbeddingUnavailable("the stance features need the embedding model")
    scores = _topic_scores(advice, vectors)
    items = _items(advice, vectors, scores)
    rows = []
    for n, (a, b) in enumerate(pairs):
        i, j = 2 * n, 2 * n + 1
        cosine = round(float(vectors[i] @ vectors[j]), 4)
        rules = _rules_verdict(a, b, scores[i], scores[j], cosine)
        rows.append(_pair_features(items[i], items[j], rules)[0])
    return np.stack(rows) if rows else np.zeros((0, len(FEATURES)))


@dataclass(frozen=True)
class StanceModel:
    """A multinomial logistic regression over FEATURES, as fitted by train_conflicts."""

    features: tuple[str, ...]
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    coef: npt.NDArray[np.float64]  # rows: LABELS
    intercept: npt.NDArray[np.float64]
    threshold: float  # P(conflict) from which a pair the rules let through is flagged

    def probabilities(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        logits = ((features - self.mean) / self.scale) @ self.coef.T + self.intercept
        logits = logits - logits.max(axis=-1, keepdims=True)
        odds = np.exp(logits)
        probabilities: npt.NDArray[np.float64] = odds / odds.sum(axis=-1, keepdims=True)
        return probabilities


def load_stance_model(path: Path = MODEL_FILE) -> StanceModel | None:
    """The fitted stance model, or None when the file is missing or was fitted on other
    features (then the rules decide alone)."""
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(raw.get("features", ())) != FEATURES or list(raw.get("labels", ())) != list(LABELS):
        return None
    return StanceModel(
        FEATURES,
        np.array(raw["mean"], dtype=np.float64),
        np.array(raw["scale"], dtype=np.float64),
        np.array(raw["coef"], dtype=np.float64),
        np.array(raw["intercept"], dtype=np.float64),
        float(raw["threshold"]),
    )


@lru_cache(maxsize=1)
def _stance_model() -> StanceModel | None:
    return load_stance_model()


def _classify(
    a: Advice,
    b: Advice,
    sa: npt.NDArray[np.float64],
    sb: npt.NDArray[np.float64],
    cosine: float | None,
    items: tuple[_Item, _Item] | None = None,
    encoded: npt.NDArray[np.float64] | None = None,
) -> Verdict:
    """The rules' verdict, unless they let through a pair that the pair encoder flags (given
    its probabilities for the pair), or, where the encoder is missing, the stance model (given
    the two items' stance readings, which exist only where the embedding model does).

    The encoder replaces the stance model rather than joining it: on writers held out from
    both, adding the stance model's flags cost more precision than it gained recall
    (data/README.md)."""
    rules = _rules_verdict(a, b, sa, sb, cosine)
    if rules.label == "conflict":
        return rules
    topic = TOPIC_BY_KEY.get(rules.topic) or TOPICS[_joint_topic(sa, sb)]
    if encoded is not None:
        probability = float(encoded[LABELS.index("conflict")])
        # Two mentors giving the same advice in (nearly) the same words agree; the encoder never
        # saw such a pair in training and must not be asked to judge one.
        if probability < pair_encoder.threshold() or (cosine or 0.0) >= SAME_ADVICE_COSINE:
            return rules
        # The encoder reads the pair as a whole and has no words to point at; what each item
        # recommends is beside the explanation on every page that shows one.
        return Verdict(
            "conflict",
            round(min(0.97, probability), 2),
            f"Both are about {topic.name}; read together, they recommend different things "
            f"(pair encoder, p = {probability:.2f})." + _assumptions(a, b),
            topic.key,
            cosine,
        )
    model = _stance_model()
    if model is None or items is None:
        return rules
    features, reason = _pair_features(items[0], items[1], rules)
    probability = float(model.probabilities(features)[LABELS.index("conflict")])
    if probability < model.threshold:
        return rules
    return Verdict(
        "conflict",
        round(min(0.97, probability), 2),
        f"Both are about {topic.name}; {reason} (learned stance model, p = {probability:.2f})."
        + _assumptions(a, b),
        topic.key,
        cosine,
    )


SAME_ADVICE_COSINE = 0.95  # "Ask for more money." / "Ask for more money!"; a negation is ~0.85


def _encoded(
    pairs: Sequence[tuple[Advice, Advice]], use_encoder: bool = True
) -> list[npt.NDArray[np.float64] | None]:
    """The pair encoder's probabilities per pair, or None per pair where it is not used."""
    if not pairs or not use_encoder or not pair_encoder.available():
        return [None] * len(pairs)
    readings = [
        (pair_encoder.reading(a.text, a.assumption), pair_encoder.reading(b.text, b.assumption))
        for a, b in pairs
    ]
    return list(pair_encoder.probabilities(readings))


def _stance_items(
    advice: Sequence[Advice],
    vectors: npt.NDArray[np.float32] | None,
    scores: npt.NDArray[np.float64],
    use_learned: bool = True,
) -> list[_Item] | None:
    """The stance readings of the items, or None when the stance model will not be used."""
    if vectors is None or not use_learned or _stance_model() is None:
        return None
    return _items(advice, vectors, scores)


def _as_advice(item: Advice | str) -> Advice:
    return item if isinstance(item, Advice) else Advice(item)


def classify(a: Advice | str, b: Advice | str) -> Verdict:
    """Whether two advice items conflict, agree on the same topic, or are about different things."""
    pair = [_as_advice(a), _as_advice(b)]
    vectors = _embed(pair)
    scores = _topic_scores(pair, vectors)
    cosine = None if vectors is None else round(float(vectors[0] @ vectors[1]), 4)
    items = _stance_items(pair, vectors, scores)
    both = None if items is None else (items[0], items[1])
    encoded = _encoded([(pair[0], pair[1])], vectors is not None)[0]
    return _classify(pair[0], pair[1], scores[0], scores[1], cosine, both, encoded)


def classify_many(
    pairs: Sequence[tuple[Advice, Advice]],
    *,
    use_model: bool = True,
    use_learned: bool = True,
    use_encoder: bool = True,
) -> list[Verdict]:
    """`classify` for many pairs, embedding every text once; use_model=False runs the rules
    alone, as they run where the model is missing; use_learned=False leaves both learned parts
    out (embedding and rules, as before they existed); use_encoder=False leaves out only the
    pair encoder (and so lets the stance model decide in its place)."""
    items = [item for pair in pairs for item in pair]
    vectors = _embed(items, use_model)
    scores = _topic_scores(items, vectors)
    stance = _stance_items(items, vectors, scores, use_learned)
    encoded = _encoded(pairs, vectors is not None and use_learned and use_encoder)
    out = []
    for n, (a, b) in enumerate(pairs):
        i, j = 2 * n, 2 * n + 1
        cosine = None if vectors is None else round(float(vectors[i] @ vectors[j]), 4)
        both = None if stance is None else (stance[i], stance[j])
        out.append(_classify(a, b, scores[i], scores[j], cosine, both, encoded[n]))
    return out


def find_conflicts(
    items: Sequence[Advice], mentors: Sequence[Hashable], *, use_encoder: bool = True
) -> list[tuple[int, int, Verdict]]:
    """Pairs (i, j, verdict), i < j, of items from different mentors that conflict, surest first.

    `mentors[k]` says who gave `items[k]`; one mentor's items never conflict with each other
    here (a mentor who contradicts themself is not what the ledger flags). use_encoder=False
    leaves the pair encoder out (for make bench's reference).
    """
    if len(items) != len(mentors):
        raise ValueError("find_conflicts needs one mentor per item")
    vectors = _embed(items)
    scores = _topic_scores(items, vectors)
    stance = _stance_items(items, vectors, scores)
    candidates = [
        (i, j)
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if mentors[i] != mentors[j]
    ]
    encoded = _encoded(
        [(items[i], items[j]) for i, j in candidates], vectors is not None and use_encoder
    )
    found = []
    for (i, j), probabilities in zip(candidates, encoded, strict=True):
        cosine = None if vectors is None else round(float(vectors[i] @ vectors[j]), 4)
        both = None if stance is None else (stance[i], stance[j])
        verdict = _classify(items[i], items[j], scores[i], scores[j], cosine, both, probabilities)
        if verdict.label == "conflict":
            found.append((i, j, verdict))
    found.sort(key=lambda f: -f[2].confidence)
    return found


# --- the labelled set -------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelledPair:
    id: str
    split: str
    a: Advice
    b: Advice
    label: Label
    topic: str


def load_pairs(path: Path = DATA, split: str | None = None) -> list[LabelledPair]:
    pairs = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row: dict[str, Any] = json.loads(line)
            if split is not None and row["split"] != split:
                continue
            pairs.append(
                LabelledPair(
                    row["id"],
                    row["split"],
                    Advice(row["a"]["text"], row["a"].get("assumption", "")),
                    Advice(row["b"]["text"], row["b"].get("assumption", "")),
                    row["label"],
                    row["topic"],
                )
            )
    return pairs


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    accuracy: float  # over the three labels, for predictions that have three labels
    n: int


def score(truth: Iterable[Label], predicted: Iterable[Label]) -> Scores:
    """Precision, recall and F1 of the "conflict" class; accuracy over all labels."""
    pairs = list(zip(truth, predicted, strict=True))
    tp = sum(1 for t, p in pairs if t == p == "conflict")
    flagged = sum(1 for _, p in pairs if p == "conflict")
    actual = sum(1 for t, _ in pairs if t == "conflict")
    precision = tp / flagged if flagged else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(1 for t, p in pairs if t == p) / len(pairs) if pairs else 0.0
    return Scores(precision, recall, f1, accuracy, len(pairs))


@dataclass(frozen=True)
class Report:
    rows: list[tuple[str, str, Scores]] = field(default_factory=list)  # (method, split, scores)


def _similarity_threshold(dev: Sequence[LabelledPair]) -> float:
    """The cosine above which the similarity baseline says "conflict", tuned on dev for F1."""
    cosines = _pair_cosines(dev)
    truth = [p.label for p in dev]
    best, best_f1 = 1.0, -1.0
    for threshold in sorted(set(cosines)):
        f1 = score(truth, ["conflict" if c >= threshold else "unrelated" for c in cosines]).f1
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def _pair_cosines(pairs: Sequence[LabelledPair]) -> list[float]:
    vectors = _embed([item for p in pairs for item in (p.a, p.b)])
    assert vectors is not None
    return [float(vectors[2 * n] @ vectors[2 * n + 1]) for n in range(len(pairs))]


FULL = "detector (embedding + rules + pair encoder)"
LEARNED = "detector (embedding + rules + learned stance)"
EMBEDDING_RULES = "detector (embedding + rules, no learned stance)"
RULES_ONLY = "detector, rules only (no model)"


def evaluate(
    path: Path = DATA, splits: Sequence[str] = ("dev", "test", "holdout", "holdout2")
) -> Report:
    """The detector and its reference baselines on splits of the labelled set (dev and test)
    and on the held-out sets of other writers (holdout, holdout2).

    Baselines: "same topic = conflict" (this module's topic step with no stance rules) and, with
    the model, "cosine >= t = conflict" with t tuned on dev. The detector runs four ways: in
    full (rules and the pair encoder, where its file is there), without the pair encoder (rules
    and the learned stance model, as before the encoder existed), with neither learned part
    (embedding and rules), and with the embedding model switched off (rules only), as it runs
    where the model file is missing. Only holdout2 is held out from the pair encoder: dev,
    test and holdout are among its training data (data/README.md).
    """
    report = Report()
    dev = load_pairs(path, "dev") or load_pairs(DATA, "dev")  # a file of its own has no dev
    threshold = _similarity_threshold(dev) if embedding.model_available() else None
    for split in splits:
        source = HELD_OUT_FILES.get(split, path) if path == DATA else path
        pairs = dev if split == "dev" else load_pairs(source, split)
        truth = [p.label for p in pairs]
        items = [(p.a, p.b) for p in pairs]
        verdicts = classify_many(items, use_learned=False)
        same_topic: list[Label] = [
            "conflict" if v.label != "unrelated" else "unrelated" for v in verdicts
        ]
        report.rows.append(("baseline: same topic = conflict", split, score(truth, same_topic)))
        if threshold is not None:
            by_cosine: list[Label] = [
                "conflict" if c >= threshold else "unrelated" for c in _pair_cosines(pairs)
            ]
            report.rows.append(
                (f"baseline: cosine >= {threshold:.2f} = conflict", split, score(truth, by_cosine))
            )
        if threshold is not None and pair_encoder.available():
            full = [v.label for v in classify_many(items)]
            report.rows.append((FULL, split, score(truth, full)))
        if threshold is not None and _stance_model() is not None:
            learned = [v.label for v in classify_many(items, use_encoder=False)]
            report.rows.append((LEARNED, split, score(truth, learned)))
        report.rows.append((EMBEDDING_RULES, split, score(truth, [v.label for v in verdicts])))
        rules = [v.label for v in classify_many(items, use_model=False)]
        report.rows.append((RULES_ONLY, split, score(truth, rules)))
    return report


def main(argv: Sequence[str]) -> None:
    """`python -m bitesize.debriefs.conflicts [PATH] [--splits dev,test,holdout,holdout2]
    [--misses]`:
    score a labelled set beside the baselines; --misses lists the wrong verdicts of the dev
    split, the one rules are designed on (never a held-out split's)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitesize.settings")  # the model's path
    parser = argparse.ArgumentParser(prog="python -m bitesize.debriefs.conflicts")
    parser.add_argument("path", nargs="?", type=Path, default=DATA)
    parser.add_argument("--splits", default="dev,test,holdout,holdout2", help="e.g. dev,test")
    parser.add_argument("--misses", action="store_true", help="list wrong verdicts on dev")
    args = parser.parse_args(argv)
    for method, split, s in evaluate(args.path, args.splits.split(",")).rows:
        print(
            f"{method:<48} {split:<8} P {s.precision:.2f}  R {s.recall:.2f}  "
            f"F1 {s.f1:.2f}  acc {s.accuracy:.2f}  n {s.n}"
        )
    if args.misses:
        dev = load_pairs(args.path, "dev")
        for pair, verdict in zip(dev, classify_many([(p.a, p.b) for p in dev]), strict=True):
            if verdict.label != pair.label:
                print(f"\n{pair.id} {pair.label} -> {verdict.label} ({pair.topic})")
                print(f"  a: {pair.a.text}\n  b: {pair.b.text}\n  {verdict.explanation}")


if __name__ == "__main__":
    main(sys.argv[1:])
