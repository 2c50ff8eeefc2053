"""Three-way merge of the shared notes, so that two people typing at once lose nothing.

A client sends the text it started from (its base) and its text now; the server merges the
client's changes into the current text. Changes in different places both apply; the same
change made on both sides applies once; different changes to the same place keep both
versions, the current one first. No ORM here: plain strings in, a string out."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

FINE_DIFF_LIMIT = 4_000_000  # characters compared, about a second of difflib at worst


class Hunk(NamedTuple):
    start: int  # in the base
    end: int
    text: str  # what replaces base[start:end]
    side: int  # 0 = current, 1 = incoming


def changes(base: str, other: str, side: int) -> list[Hunk]:
    """The edits that turn base into other. The common head and tail are cut first: a
    keystroke's diff is then tiny whatever the length of the notes."""
    if base == other:
        return []
    head = 0
    limit = min(len(base), len(other))
    while head < limit and base[head] == other[head]:
        head += 1
    tail = 0
    while tail < limit - head and base[-1 - tail] == other[-1 - tail]:
        tail += 1
    a, b = base[head : len(base) - tail], other[head : len(other) - tail]
    if len(a) * len(b) > FINE_DIFF_LIMIT:
        # A large rewrite: comparing character by character would cost seconds; one
        # replacement is as faithful for the merge.
        return [Hunk(head, head + len(a), b, side)]
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        Hunk(head + i1, head + i2, b[j1:j2], side)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _overlap(h: Hunk, k: Hunk) -> bool:
    if h.start == h.end and k.start == k.end:
        return h.start == k.start  # two insertions at one point
    if h.start == h.end:
        return k.start < h.start < k.end
    if k.start == k.end:
        return h.start < k.start < h.end
    return max(h.start, k.start) < min(h.end, k.end)


def _apply(base: str, start: int, end: int, hunks: list[Hunk]) -> str:
    """base[start:end] with one side's hunks (all inside the range) applied."""
    out, at = [], start
    for hunk in sorted(hunks, key=lambda h: (h.start, h.end)):
        out.append(base[at : hunk.start])
        out.append(hunk.text)
        at = hunk.end
    out.append(base[at:end])
    return "".join(out)


def merge(base: str, current: str, incoming: str) -> str:
    """current with the changes from base to incoming merged in."""
    if incoming in (base, current):
        return current
    if current == base:
        return incoming
    hunks = sorted(
        changes(base, current, 0) + changes(base, incoming, 1),
        key=lambda h: (h.start, h.end != h.start, h.end, h.side),
    )
    # Cluster hunks that overlap, directly or through a chain of others.
    clusters: list[list[Hunk]] = []
    for hunk in hunks:
        if clusters and any(_overlap(hunk, other) for other in clusters[-1]):
            clusters[-1].append(hunk)
        else:
            clusters.append([hunk])
    out, at = [], 0
    for cluster in clusters:
        start = min(h.start for h in cluster)
        end = max(h.end for h in cluster)
        out.append(base[at:start])
        mine = [h for h in cluster if h.side == 0]
        theirs = [h for h in cluster if h.side == 1]
        if not mine or not theirs:
            out.append(_apply(base, start, end, cluster))
        else:
            ours, other = _apply(base, start, end, mine), _apply(base, start, end, theirs)
            out.append(ours if ours == other else ours + other)
        at = end
    out.append(base[at:])
    return "".join(out)
