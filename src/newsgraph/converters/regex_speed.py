"""Equivalent rewrites of trigger patterns that Python's regex engine can scan fast.

``re`` finds where a match may start quickly only when the pattern begins with a
literal or a set of literals; a pattern that begins with ``\\b`` ("\\b(?:met|meets)")
is tried at every position of the text, which made each of the ~30 trigger patterns
cost as much as a pass over the whole article.  When every alternative after the
``\\b`` begins with a letter, ``\\b`` before it means only "no word character just
before", which a lookbehind placed after that letter says equally:

    \\b(?:met|meets|held\\s+talks)   ->   (?:m(?<!\\wm)(?:et|eets)|h(?<!\\wh)(?:eld\\s+talks))

The rewritten pattern matches exactly the same spans with the same groups
(alternatives keep their order within each first letter, and alternatives with
different first letters cannot match at the same position);
tests/test_prefilters.py compares both on every test text.  Patterns of any other
shape (or with an alternation at the top level, which no prefix can speed up) are
returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_QUANTIFIERS = ("?", "*", "+", "{")


def _structure(s: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """The group brackets and bars of a regex from ``start``, skipping escapes and classes.

    Yields (index, char) for each ``(``, ``)`` and ``|``; yields (-1, "") and stops when a
    character class never closes, so callers can give up on a pattern they cannot read.
    """
    i = start
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(s, i)
            if i < 0:
                yield -1, ""
                return
        elif c in "()|":
            yield i, c
        i += 1


def _group_end(s: str, start: int) -> int | None:
    """Index of the ``)`` closing the group opened at ``s[start]``, or None."""
    depth = 0
    for i, c in _structure(s, start):
        if i < 0:
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _class_end(s: str, start: int) -> int:
    """Index of the ``]`` closing the character class opened at ``s[start]``, or -1."""
    i = start + 1
    if s[i : i + 1] == "^":
        i += 1
    if s[i : i + 1] == "]":
        i += 1
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == "]":
            return i
        i += 1
    return -1


def _split_alternatives(s: str) -> list[str] | None:
    """The top-level alternatives of a regex body, or None if it cannot be read."""
    parts: list[str] = []
    depth = 0
    last = 0
    for i, c in _structure(s):
        if i < 0:
            return None
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0:
            parts.append(s[last:i])
            last = i + 1
    if depth != 0:
        return None
    parts.append(s[last:])
    return parts


def _letter_led(alt: str) -> bool:
    return len(alt) >= 1 and alt[0].isascii() and alt[0].isalpha() and alt[1:2] not in _QUANTIFIERS


def word_start_prefix(pattern: str) -> str:
    """``pattern`` rewritten to start with its possible first letters (see the module doc)."""
    if not pattern.startswith("\\b"):
        return pattern
    top = _split_alternatives(pattern)
    if top is None or len(top) > 1:
        return pattern  # "A|B": the scan could not start from A's letters alone
    body = pattern[2:]
    if _letter_led(body):  # \bword...
        first = body[0]
        return f"{first}(?<!\\w{first}){body[1:]}"
    if not body.startswith("(?:"):
        return pattern
    end = _group_end(body, 0)
    if end is None or body[end + 1 : end + 2] in _QUANTIFIERS:
        return pattern
    alternatives = _split_alternatives(body[3:end])
    if not alternatives or not all(_letter_led(a) for a in alternatives):
        return pattern
    by_letter: dict[str, list[str]] = {}
    for alt in alternatives:
        by_letter.setdefault(alt[0], []).append(alt[1:])
    branches = [f"{c}(?<!\\w{c})(?:{'|'.join(rests)})" for c, rests in by_letter.items()]
    return "(?:" + "|".join(branches) + ")" + body[end + 1 :]


#: the characters other than its two cases that ``re.IGNORECASE`` matches an ASCII letter with
_FOLDS = {"i": "İı", "k": "\u212a", "s": "ſ"}


def _after_boundary(alt: str) -> tuple[list[str], str] | None:
    """(alternatives, rest) of ``\\b(?:a|b)rest``, or ([word], rest) of ``\\bword...``, when
    every alternative begins with an ASCII letter; else None."""
    if not alt.startswith("\\b"):
        return None
    body = alt[2:]
    if _letter_led(body):
        return [body[0]], body[1:]
    if not body.startswith("(?:"):
        return None
    end = _group_end(body, 0)
    if end is None or body[end + 1 : end + 2] in _QUANTIFIERS:
        return None
    inner = _split_alternatives(body[3:end])
    if not inner or not all(_letter_led(a) for a in inner):
        return None
    return inner, body[end + 1 :]


def casefold_word_start(pattern: str) -> str:
    """An ``re.IGNORECASE`` pattern of the shape ``\\b(?:a|b)...|\\bc...`` rewritten to begin
    with a character class of its first letters (in every case IGNORECASE matches them
    with), to be compiled *without* the flag: the rest is wrapped in ``(?i:...)``.

    IGNORECASE turns off ``re``'s skip to the characters a match can start with, so the
    plain form tries every alternative at every position of the text.  The rewrite consumes
    the first letter, checks with ``(?<!\\w.)`` what ``\\b`` checked before it, and keeps
    every alternative in its place, behind a lookbehind for its own first letter, so it
    matches the same spans with the same groups (tests/test_extract_speed.py).  A pattern of
    another shape is returned unchanged, and must then be compiled with the flag.
    """
    top = _split_alternatives(pattern)
    if top is None:
        return pattern
    firsts: list[str] = []
    branches: list[str] = []
    for alt in top:
        parsed = _after_boundary(alt)
        if parsed is None:
            return pattern
        inner, rest = parsed
        for a in inner:
            if a[0].lower() not in firsts:
                firsts.append(a[0].lower())
        if len(inner) == 1 and len(inner[0]) == 1:  # \bword...: the rest follows the letter
            branches.append(f"(?<={inner[0]}){rest}")
        else:
            branches.append("(?:" + "|".join(f"(?<={a[0]}){a[1:]}" for a in inner) + ")" + rest)
    letters = "".join(c + c.upper() + _FOLDS.get(c, "") for c in firsts)
    return f"[{letters}](?<!\\w.)(?i:{'|'.join(branches)})"


_WORD_BOUNDARY = re.compile(r"\b")


class AnchoredScan:
    """``pattern.finditer``, with the pattern tried only just before the places where one
    of its anchors occurs.

    Some patterns begin with an optional word or a run of spaces ("state visit", " visit",
    "were among the witnesses"), a shape no prefix rewrite can speed up: ``re`` tries them
    at every position of the text.  But each of their matches holds an anchor (a literal
    word, or a match of a small pattern) after at most ``runs`` whitespace runs from its
    start.  So a match whose anchor is the next one at or after ``pos`` starts no earlier
    than the ``runs + 1``-th whitespace run before that anchor, and no match starts between
    ``pos`` and there; ``pattern.match`` is tried at each possible start (a match of
    ``starts``: word boundaries by default) from there up to the anchor.  The first that
    matches is the match a scan of the whole text finds next (a match tried at a later
    position still sees the text before it, for ``\b`` and lookbehinds); if none does, the
    next match lies past this anchor and the scan moves to the next one.  So an anchor that
    occurs where no match is costs only a few tries.  tests/test_extract_speed.py compares
    both scans on real and random texts.
    """

    __slots__ = ("pattern", "words", "anchor", "runs", "starts", "stops")

    #: how far back from an anchor the whitespace runs are looked for; a stretch of longer
    #: words falls back to trying every start from ``pos``, which is always correct
    WINDOW = 200

    def __init__(
        self,
        pattern: re.Pattern[str],
        anchors: tuple[str, ...] | re.Pattern[str],
        runs: int,
        starts: re.Pattern[str] = _WORD_BOUNDARY,
        stops: str = "",
    ) -> None:
        self.pattern = pattern
        self.words = anchors if isinstance(anchors, tuple) else ()
        self.anchor = anchors if isinstance(anchors, re.Pattern) else None
        self.runs = runs
        self.starts = starts  #: every position a match can start at is a match of this
        #: characters no match holds before its anchor: when given, a match starts after the
        #: last of them before the anchor, and ``runs`` is not used
        self.stops = stops

    def _next_anchor(self, text: str, at: int, nxt: list[int]) -> int:
        """Where the first anchor at or after ``at`` starts, or -1; ``nxt`` caches the next
        occurrence of each word (-1 once none is left)."""
        if self.anchor is not None:
            am = self.anchor.search(text, at)
            return -1 if am is None else am.start()
        a = -1
        for i, w in enumerate(self.words):
            p = nxt[i]
            if 0 <= p < at:
                p = nxt[i] = text.find(w, at)
            if p >= 0 and (a < 0 or p < a):
                a = p
        return a

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        match = self.pattern.match
        starts = self.starts.finditer
        nxt = [text.find(w) for w in self.words]
        keep = self.runs + 1
        window = self.WINDOW
        n = len(text)
        pos = 0  # no match starts before this (the end of the last one)
        seek = 0  # nor has any anchor before this
        while pos <= n:
            a = self._next_anchor(text, seek, nxt)
            if a < 0:
                return
            if self.stops:
                floor = max(text.rfind(c, 0, a) for c in self.stops) + 1
            else:
                lo = max(0, a - window)
                parts = text[lo:a].rsplit(None, keep)
                floor = lo + len(parts[0]) if len(parts) > keep else 0
            found = None
            for c in starts(text, floor if floor > pos else pos, a + 1):
                found = match(text, c.start())
                if found is not None:
                    break
            if found is None:
                seek = a + 1
                continue
            yield found
            pos = seek = found.end() if found.end() > found.start() else found.end() + 1


_META = frozenset("\\[](){}?*+|.^$")


def _literal_heads(body: str) -> list[str] | None:
    """The literal text each match of ``body`` (a regex without flags) begins with, one
    string per alternative, or None when some alternative begins with anything else."""
    alternatives = _split_alternatives(body)
    if alternatives is None:
        return None
    heads: list[str] = []
    for alt in alternatives:
        if alt.startswith("(?:"):  # a leading group: the heads of its own alternatives
            end = _group_end(alt, 0)
            if end is None or alt[end + 1 : end + 2] in _QUANTIFIERS:
                return None
            inner = _literal_heads(alt[3:end])
            if inner is None:
                return None
            heads += inner
            continue
        i = 0
        while i < len(alt) and alt[i] not in _META:
            i += 1
        if alt[i : i + 1] in _QUANTIFIERS:
            i -= 1  # "leaders'?": the quantified character may be absent
        if i <= 0:
            return None
        heads.append(alt[:i])
    return heads


def lead_words(pattern: str) -> tuple[str, ...] | None:
    """The words one of which every match of ``pattern`` (compiled without flags) starts
    with: the literal text at the head of each alternative, after a leading ``\\b``,
    looking into a leading ``(?:...)`` group.  None when some alternative has no such head
    (a class, an optional group, a case-folding group come first).  A word that another
    word begins is left out: the shorter one finds its places too."""
    alternatives = _split_alternatives(pattern)
    if alternatives is None:
        return None
    heads: list[str] = []
    for alt in alternatives:
        found = _literal_heads(alt[2:] if alt.startswith("\\b") else alt)
        if found is None:
            return None
        heads += found
    words = sorted(set(heads))
    return tuple(w for w in words if not any(w != v and w.startswith(v) for v in words))


class LeadScan:
    """``pattern.finditer`` for a pattern whose every match holds one of a few words at a
    fixed ``offset`` from its start (the head words of lead_words, at offset 0), tried only
    there.

    A pattern that begins with ``\\b`` is tried by ``re`` at every position of the text; its
    prefix rewrite (word_start_prefix) still enters the matcher at every occurrence of its
    first letters ("s", "t", "h" for "spoke|talks|held"), a few hundred instructions each.
    ``str.find`` finds the words themselves far faster.  Every match start is then among
    the places tried, in order, so the first one from the end of the last match where
    ``pattern.match`` succeeds is the match a scan finds next (a match tried at a position
    sees the text before it, for ``\\b`` and lookbehinds); a match holds at least its word,
    so none is empty.  tests/test_convert_speedpaths.py compares both scans.
    """

    __slots__ = ("pattern", "words", "offset")

    def __init__(self, pattern: re.Pattern[str], words: tuple[str, ...], offset: int = 0) -> None:
        if not words or not all(words) or offset < 0:
            raise ValueError("LeadScan needs non-empty words and an offset >= 0")
        self.pattern = pattern
        self.words = words
        self.offset = offset

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        find = text.find
        offset = self.offset
        places: list[int] = []
        for w in self.words:
            i = find(w, offset)
            while i >= 0:
                places.append(i - offset)
                i = find(w, i + 1)
        if not places:
            return
        places.sort()
        match = self.pattern.match
        pos = 0
        for at in places:
            if at >= pos:
                m = match(text, at)
                if m is not None:
                    yield m
                    pos = m.end()


class LineStartScan:
    """``pattern.finditer`` and ``pattern.search`` for a MULTILINE pattern that begins with
    ``^``, tried only at the starts of lines.

    ``re`` can skip ahead only to a literal or a set of characters that a match begins
    with; a pattern that begins with ``^`` has neither, so a scan enters the matcher at
    every character of the text just to fail the ``^`` (a few hundred instructions each,
    the cost of a pass over the whole article for every such pattern).  Every match of
    such a pattern starts at the text's start or right after a "\\n", the only places
    ``^`` holds, so ``pattern.match`` tried at those places, in order, from the end of the
    last match, finds the matches a scan finds.  An empty match (none of the patterns
    given here can make one) hands the rest to ``re``'s own scan, which has its rules for
    them.  tests/test_convert_speedpaths.py compares both scans.
    """

    __slots__ = ("pattern",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        alternatives = _split_alternatives(pattern.pattern)
        if not (pattern.flags & re.MULTILINE) or not pattern.pattern.startswith("^") or (
            alternatives is None or len(alternatives) > 1
        ):
            raise ValueError(f"not a MULTILINE pattern anchored at ^ throughout: {pattern.pattern[:60]!r}")
        self.pattern = pattern

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        match = self.pattern.match
        find = text.find
        at = 0
        while True:
            m = match(text, at)
            if m is not None:
                if m.end() == m.start():
                    yield from self.pattern.finditer(text, at)
                    return
                yield m
                at = m.end()
                if text[at - 1] == "\n":
                    continue  # the match ended at a line start: try there
            k = find("\n", at)
            if k < 0:
                return
            at = k + 1

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


__all__ = [
    "word_start_prefix", "casefold_word_start", "lead_words", "AnchoredScan", "LeadScan", "LineStartScan",
]
