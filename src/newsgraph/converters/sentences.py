"""Sentence boundaries of an article text, for the ``ng:sentence`` of mention nodes.

A reader who follows a fact back to its mention wants the whole sentence around it,
not just the name.  News prose is full of abbreviations that end in a full stop
("U.S.", "Jan. 22", "Dr. Abiy", "H.E. Mr."), so a full stop ends a sentence only when
the next sentence visibly starts and the word before it is not a known abbreviation
or an initial.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep",
    "st", "mt", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "hon", "rev", "fr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "e.u", "h.e", "h.h", "h.r.h", "h.m", "a.m", "p.m", "approx", "est", "dept", "min", "pres",
}
#: A sentence break: closing quotes or brackets and spaces after a full stop (or ! ? …)
#: before a capital or digit, or a run of line breaks.  Written to begin with the one
#: character every match begins with, so that ``re`` skips ahead to such a character
#: instead of trying the pattern at every position; the lookbehinds placed after it say
#: what a leading ``(?<=[.!?…])`` said.  tests/test_extract_speed.py checks that it splits
#: exactly like the plain form, ``(?<=[.!?…])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|\n+``.
_BOUNDARY = re.compile(
    r"[\"'”’)\]\s](?:(?<=[.!?…][\"'”’)\]])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|"
    r"(?<=[.!?…]\s)\s*(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|(?<=\n)\n*)"
)
_PREV_WORD = re.compile(r"([\w.]+)[.!?…][\"'”’)\]]*\s*$")
#: the characters a _BOUNDARY match can start with right after a stop (its first class)
_AFTER_STOP = frozenset("\"'”’)]")


def _boundaries(text: str) -> Iterator[re.Match[str]]:
    """``_BOUNDARY.finditer(text)``, tried only where its lookbehinds let a match start:
    right after ". ! ? …" when a quote, bracket or whitespace follows, and at line breaks.
    The places are found with ``str.find``, a few instructions per character, where a
    search with any pattern led by a class of several characters spends fifty; searching
    with _BOUNDARY itself also tried it at every space and quote of the text (it was a
    third of the cost of splitting an article).  tests/test_convert_speedcuts.py compares
    the matches with the plain finditer."""
    find = text.find
    starts = []
    for stop in ".!?…":
        k = find(stop)
        while k >= 0:
            k += 1
            nxt = text[k : k + 1]
            if nxt in _AFTER_STOP or nxt.isspace():
                starts.append(k)
            k = find(stop, k)
    k = find("\n")
    while k >= 0:
        starts.append(k)
        k = find("\n", k + 1)
    starts.sort()
    pos = 0
    for at in starts:
        if at < pos:
            continue
        m = _BOUNDARY.match(text, at)
        if m is not None:
            yield m
            pos = m.end()


#: the last text split and its spans: the extractor and the RDF writer both split each
#: article, one right after the other (one tuple, so a thread never sees a torn pair)
_last: tuple[str, list[tuple[int, int]]] = ("", [])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering the text in order."""
    global _last
    last_text, last_spans = _last
    if text == last_text:
        return list(last_spans)
    spans = _split(text)
    _last = (text, spans)
    return list(spans)


def _split(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _boundaries(text):
        if "\n" not in m.group(0):
            before = text[max(start, m.start() - 24): m.start() + 1]
            pw = _PREV_WORD.search(before)
            if pw:
                word = pw.group(1).lower().rstrip(".")
                if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                    continue
        end = m.start()
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Sentences:
    """Looks up the sentence around a span; built once per document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, start: int, end: int) -> str:
        """The sentence(s) holding [start, end); a span across a boundary gets both."""
        s, e = self.bounds(start, end)
        return self.text[s:e]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Where :meth:`around`'s text starts and ends (mentions in one sentence get the
        same bounds, so a caller can make the sentence's literal once)."""
        if not self.spans:
            return start, end
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        j = max(i, bisect.bisect_right(self._starts, max(start, end - 1)) - 1)
        return min(self.spans[i][0], start), max(self.spans[j][1], end)


__all__ = ["Sentences", "sentence_spans"]
