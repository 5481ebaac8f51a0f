# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Persons and organisations from capitalised runs of words, titles and in-document coreference.

A *run* is a stretch of capitalised words, possibly joined by "of", "and", "the"
or name particles ("bin", "von der").  Inside a run each word is classed as a
title (President, Minister), an honorific (H.E., Sheikh), a country word, an
organisation word, a common capitalised word, or a name word.  A stretch of name
words becomes a person only with evidence: a title or honorific right before it,
a role in apposition (", President of Senegal"), a plural title ("Prime Ministers
A and B"), "of <Country>" after it, or a clause shape that only persons take
(", who ...", "... said").  Single words ("Xi", "Kenyatta") then attach to the
fullest name that contains them; a single word with a title and no fuller form
stays a person of its own.  No name list is involved, so unseen names work.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .entities_lexicon import (
    HONORIFICS,
    NON_NAME,
    ORG_HEADS,
    ORG_LEADS,
    PARTICLES,
    PLURAL_HEADS,
    ROLE_HEADS,
    ROLE_HEADS_LOWER,
    ROLE_MODIFIERS_LOWER,
)
from .gazetteer import LOWER, UPPER, Hit, is_country_name, is_place, organizations
from .regex_speed import AnchoredScan

_ABBR = {
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "St",
    "Gen",
    "Lt",
    "Col",
    "Maj",
    "Capt",
    "Adm",
    "Sen",
    "Rep",
    "Gov",
    "Jr",
    "Sr",
    "Rev",
    "Hon",
    "Smt",
    "Amb",
    "Pres",
    "Eng",
    "Mt",
    "No",
}
_PERSONAL_HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame"}
ROLE_HEADS_ALL = ROLE_HEADS | {"PM", "Premier", "Chancellor", "Secretary-General", "Secretary-general"}

_TOKEN = re.compile(
    rf"(?:[{UPPER}]\.){{2,}}|[{UPPER}{LOWER}][{UPPER}{LOWER}0-9'’\-]*\.?|[0-9][0-9A-Za-z\-]*|[^\s]"
)
_CONNECT = {
    "of",
    "and",
    "the",
    "for",
    "on",
    "&",
    "de",
    "da",
    "do",
    "dos",
    "del",
    "von",
    "van",
    "der",
    "den",
    "bin",
    "bint",
    "ibn",
    "al",
    "el",
    "la",
    "le",
    "du",
    "di",
    "y",
    "ben",
    "abu",
    "ould",
}
_ROLE_AFTER = re.compile(
    r"^,\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?P<role>(?:[\w\-’']+\s+){0,6}?"
    r"(?P<head>(?:[A-Z][\w\-]*|[a-z][\w\-]*)))(?=[\s,.;)]|$)"
)
_VERB_AFTER = re.compile(
    r"^(?:,\s*(?:who|whose|\d{2,3},)|\s+(?:said|says|told|tells|added|adds|noted|notes|stressed|stresses|"
    r"met|meets|held|holds|signed|signs|arrived|arrives|visited|visits|called|calls|urged|urges|warned|"
    r"warns|announced|announces|spoke|speaks|wrote|writes|thanked|thanks|welcomed|welcomes|praised|"
    r"received|receives|greeted|hosted|hosts|chaired|chairs|attended|attends|described|describes|"
    r"expressed|expresses|pledged|pledges|agreed|agrees|insisted|argued|asked|replied|accused|"
    r"was|is|has|had|have|will|would)\b)"
)
_PREP_BEFORE = re.compile(r"\b(?:by|with|was|and|met|meets|received|receives|told|between|as|including)\s+$")
# Patterns anchored at the end of the text before a name; each covers at most the number
# of whitespace-separated chunks given, so it is searched only from there (_tail_start).
_ROLE_BEFORE = re.compile(r"((?:[\w\-’'.]+\s+){0,5}?)([a-zA-Z][\w\-]*)\s+$")  # 6 chunks
#: _ROLE_BEFORE read backwards: matched at the start of the reversed text, it finds the same
#: words at once, where the forward search tries (and fails at) each position of the tail
_ROLE_BEFORE_REVERSED = re.compile(r"(\s+)([\w\-]*[a-zA-Z])((?:\s+[\w\-’'.]+){0,5})")


@dataclass(frozen=True, slots=True)
class _Words:
    """What ``_ROLE_BEFORE.search(before)`` gives: the words before the head, the head word,
    where the head starts and where the words start."""

    words: str
    head: str
    head_start: int
    start: int


def _role_before(before: str) -> _Words | None:
    """``_ROLE_BEFORE`` searched in ``before``, from its reversed form.

    The forward pattern ends at the end of the text, so its match is the one that starts
    leftmost; backwards, that is the longest match at the start, which greedy quantifiers
    give at the first try (each word is a whole chunk but the first, which is its longest
    tail of word characters).  tests/test_extract_speed.py compares the two.
    """
    if not before[-1:].isspace():
        return None
    m = _ROLE_BEFORE_REVERSED.match(before[::-1])
    if m is None:
        return None
    n = len(before)
    start, head_start, head_end = n - m.end(), n - m.end(2), n - m.end(1)
    return _Words(before[start:head_start], before[head_start:head_end], head_start, start)
_POSSESSIVE_BEFORE = re.compile(r"(\S+)['’]s\s+(?:[\w\-]+\s+){0,4}$")  # 5 chunks


def _tail_start(text: str, chunks: int) -> int:
    """Where the last ``chunks`` whitespace-separated chunks of ``text`` begin (0 if fewer).

    An end-anchored pattern that spans at most that many chunks cannot match earlier,
    so searching from here finds the same match as searching the whole text, without
    trying (and failing at) every earlier position.
    """
    parts = text.rsplit(None, chunks)
    return len(parts[0]) if len(parts) > chunks else 0


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    possessive: bool = False
    cls: str = "N"  # N name, R title, H honorific, C country, O organisation, X common word, P connector


@dataclass
class PersonCand:
    tokens: list[Token]
    role: str | None = None
    nationality: str | None = None
    intl: bool = False  #: the role names an international organisation or non-state group
    cue: bool = False
    roles_after: list[str] = field(default_factory=list)
    suffix: str = ""  #: ", Jr." or " Sr." as printed after the name

    @property
    def name(self) -> str:
        return " ".join(t.text for t in self.tokens) + self.suffix

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end + len(self.suffix)


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    nationality: str | None = None
    intl: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    first: int = 0

    def tokens(self) -> list[str]:
        """The words of the name; the list is kept (coreference asks for it once per pair
        of persons), so callers must not change it."""
        cached: tuple[str, list[str]] | None = self.__dict__.get("_tokens")
        if cached is None or cached[0] is not self.name:
            # "Joseph R. Biden, Jr." is "Biden" to coreference: the suffix is not a name word
            cached = self.__dict__["_tokens"] = (self.name, _NAME_SUFFIX_END.sub("", self.name).split())
        return cached[1]


_INITIALS = re.compile(rf"(?:[{UPPER}]\.)+")
#: generational suffixes, part of the name as printed ("Joseph R. Biden, Jr.") but never a name alone
_NAME_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr."})
_NAME_SUFFIX_AFTER = re.compile(r"(?:,[ ]?|[ ])(?:Jr|Sr)\.?(?!\w)")
_NAME_SUFFIX_END = re.compile(r"(?:,[ ]?|[ ])(?:Jr|Sr)\.?$")
#: a token ending in none of these is kept as matched (no full stop, possessive or quote to trim)
_TRIMMED_ENDS = frozenset(".s'’")


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        s, e = m.span()
        if t[-1] not in _TRIMMED_ENDS:
            append(Token(t, s, e, False))
            continue
        if t.endswith(".") and len(t) > 1 and not _INITIALS.fullmatch(t):
            if t[:-1] not in _ABBR and t not in HONORIFICS:
                t, e = t[:-1], e - 1
        poss = False
        for suf in ("'s", "’s"):
            if t.endswith(suf) and len(t) > 2:
                t, e, poss = t[: -len(suf)], e - len(suf), True
        if t.endswith(("'", "’")) and len(t) > 1:
            t, e = t[:-1], e - 1
        append(Token(t, s, e, poss))
    return out


_UPPER_SET = frozenset(UPPER)
_CONNECTORS = frozenset(_CONNECT | PARTICLES)
_REGNAL = re.compile(r"[IVX]{1,4}")
_LOWER_WORD = re.compile(rf"\b[{LOWER}][{LOWER}\-]+\b")
_CHUNK = re.compile(r"\S+")
#: a chunk that can open a run: a capital letter or "al-"/"el-" somewhere in it (see fast_runs)
_RUN_CHUNK = re.compile(rf"(?<!\S)\S*?(?:[{UPPER}]|[ae]l-)\S*")  # (?<!\S): only chunk starts are tried
#: _RUN_CHUNK's test of a chunk, written so that ``re`` never tries its end at every
#: character: a capital before the first whitespace (a possessive run of other characters,
#: then one capital), or an "l-" after "a" or "e" (the greedy run backs off to each "l",
#: which ``re`` finds by comparing one character).
_RUN_CHUNK_HAS = rf"(?=[^\s{UPPER}]*+[{UPPER}]|\S*l(?<=[ae]l)-)"
_RUN_CHUNK_HERE = re.compile(_RUN_CHUNK_HAS)
#: the whitespace before a _RUN_CHUNK: a pattern led by a class, which ``re`` skips ahead
#: to, where _RUN_CHUNK's lookbehind is tried at every character
_RUN_CHUNK_AFTER = re.compile(r"\s" + _RUN_CHUNK_HAS)


def _run_chunk(text: str, pos: int) -> int:
    """``_RUN_CHUNK.search(text, pos).start()``, or -1 where it finds nothing, four
    tenths cheaper: the chunk at ``pos`` itself, then the first one after whitespace
    (tests/test_convert_speedcuts.py compares the two at every position of every page)."""
    if (pos == 0 or text[pos - 1].isspace()) and _RUN_CHUNK_HERE.match(text, pos):
        return pos
    m = _RUN_CHUNK_AFTER.search(text, pos)
    return -1 if m is None else m.end()


def _is_cap(t: str) -> bool:
    return bool(t) and (t[0] in _UPPER_SET) and not t.isdigit()


_APPOSITION_END = re.compile(r"[,;:.()\n]")
#: lower-case words that may open a further part of an apposition ("X, minister of A, and the ...")
_APPOSITION_LEADS = frozenset({"the", "a", "an", "his", "her", "its", "their", "and", "also", "now"}) | ROLE_HEADS_LOWER


_SMALL_WORDS = frozenset({"of", "and", "the", "in", "on", "for", "to", "a", "an", "at", "by", "with", "as", "from",
                          "vs", "or", "amid", "after", "over", "into"})
_LINE_WORD = re.compile(r"\b[^\W\d_][\w'’\-]*")


def _is_title_case(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a headline in title case: at least three words besides
    small ones, all capitalised (a sentence has lower-case words; the scan stops at the first)."""
    n = 0
    for m in _LINE_WORD.finditer(text, start, end):
        w = m.group(0)
        if w in _SMALL_WORDS:
            continue
        if not w[0].isupper():
            return False
        n += 1
    return n >= 3


def _titled(words: list[str]) -> bool:
    """Whether a part of an apposition is a title: it ends with a title word or has one early."""
    return bool(words) and (
        words[-1] in ROLE_HEADS_ALL
        or words[-1].lower() in ROLE_HEADS_LOWER
        or any(w in ROLE_HEADS_ALL or w in ROLE_HEADS_LOWER for w in words[:3])
    )


def _overlaps(hits_starts: list[int], hits: list[Hit], s: int, e: int) -> Hit | None:
    """The hit overlapping [s, e) among the last hit starting at or before s and the next one."""
    i = bisect.bisect_right(hits_starts, s) - 1
    if i >= 0:
        h = hits[i]
        if h.start < e and s < h.end:
            return h
    if i + 1 < len(hits):
        h = hits[i + 1]
        if h.start < e and s < h.end:
            return h
    return None


# The patterns of PersonFinder's rules, by method in the order of the class (compiled once:
# a module-level re call looks its pattern up on every call).
# _context_before():
#: a word (and "of ...") then a comma right before the name: the two title patterns below may match
_COMMA_BEFORE_NAME = re.compile(r"(?:[A-Z][\w\-]*|[a-z]+)(?:\s+of\s+[^,]{2,80})?,\s+$")
#: a title (up to three capitalised words and its head), then a comma: "the country's first President, X"
_TITLE_COMMA_BEFORE = re.compile(
    r"(?:^|[^\w])((?:[A-Z][\w\-]*\s+){0,3}(?P<head>[A-Z][\w\-]*|[a-z]+))(?P<of>),\s+$"
)
#: the same with "of <place>" after the head: "the Prime Minister of Ethiopia, X"
_TITLE_OF_COMMA_BEFORE = re.compile(r"(?:^|[^\w])((?:[A-Z][\w\-]*\s+){0,3}(?P<head>[A-Z][\w\-]*|[a-z]+))"
    r"(?P<of>\s+of\s+[^,.;]{2,60}),\s+$")
# _context_after():
#: " of (the) " right after the name: "X of Kenya"
_OF_AFTER_NAME = re.compile(r"^\s+of\s+(?:the\s+)?")
#: where an appositive title after the name ends: a relative or a verb, punctuation, the next name
_APPOSITIVE_TITLE_END = re.compile(
    r"(?:,\s+(?:who|whose|which|said|and\s+(?=[A-Z][a-z]+\s+[A-Z]))|[;.)(]|\s+(?:who|said|told|met|held|signed|"
    r"called|attended|took|described|was|is|has)\b|,\s+(?:[A-Z][a-z]+\s+){1,3}(?:[A-Z]))")
#: between the parts of an appositive title: ", " or " and " before a capital
_APPOSITIVE_PART_SEPARATOR = re.compile(r",\s+|\s+and\s+(?=[A-Z])")
#: "<title> of (the) <rest>": the title, and the country it may end with
_TITLE_OF_REST = re.compile(r"(.*?)\s+of\s+(?:the\s+)?(.*)$")
#: "(the) Republic ...", "Kingdom ...": a state's formal name after "of", not part of the title
_STATE_FORMAL_NAME = re.compile(r"(?:the\s+)?(?:Republic|Kingdom|State|Federation|Sultanate|Islamic Republic|"
    r"Russian Federation)")
#: a sentence or clause break between a demonym and the title it would qualify
_CLAUSE_BREAK = re.compile(r"[.;:!?,]\s|\n")
# _title_later_in_apposition():
#: the words of an apposition, with their offsets
_NON_SPACE_RUN = re.compile(r"\S+")
# _coordinate():
#: ", ", " and " or ", and " between two names: a list, the name after a titled one is a person too
_LIST_SEPARATOR = re.compile(r",?\s+and\s+|,\s+")
#: a word before a list of names whose object is a person ("attended by", "met"); not "with",
#: "between" or "including", which lists of places follow as often
_PERSON_OBJECT_BEFORE = re.compile(
    r"\b(?:by|met|meets|received|receives|told|thanked|welcomed|greeted|were|are)\s+$"
)
#: what a list of persons does ("A and B, among others, were present", "A and B also attended")
_LIST_VERB_AFTER = re.compile(
    r"(?:,\s*(?:among others|too),?)?(?:\s+(?:also|both|jointly|together|all))?\s+(?:were|are|attended|"
    r"took part|take part|participated|joined|accompanied|witnessed|signed|met|held|said|spoke)\b"
    # "A, B and other senior officials": the list goes on with people
    r"|\s+and\s+(?:others|other\s+(?:[\w\-]+\s+){0,2}(?:officials|leaders|members|dignitaries|guests|ministers|"
    r"delegates|representatives))\b"
)
#: what follows a list of names that only persons take: ", both members of", ", who"
_PLURAL_APPOSITION = re.compile(
    r",\s+(?:both|all|each|who|respectively|the two|the three|(?:[\w\-]+\s+){0,2}(?:members|officials|leaders|"
    r"ministers|envoys|delegates|representatives|deputies|vice[- ]premiers|vice[- ]presidents|advisers)\b)"
)
#: " and " alone between two names: the first is a person too when the second has a plural title
_AND_BETWEEN = re.compile(r"\s+and\s+")


class _LowerWords:
    """``word in set(_LOWER_WORD.findall(text))``, answered for the few words asked about
    (a couple of dozen per article) instead of scanning the whole text, which re did at
    every character for the leading ``\\b``.

    A match of _LOWER_WORD is made of letters and hyphens and starts after a non-word
    character.  So where ``word`` occurs after a non-word character other than "-", no
    earlier match can run over that place, the scan of findall tries a match there, and
    ``_LOWER_WORD.match`` gives the match it finds: ``word`` is one of the matches if it
    is exactly that match at one of its places.  After a "-", a match that began before
    may run on over it ("well-known"): the whole findall decides.
    tests/test_convert_speedpaths.py compares both on every word of real and random text.
    """

    __slots__ = ("text", "_known", "_all")

    def __init__(self, text: str) -> None:
        self.text = text
        self._known: dict[str, bool] = {}
        self._all: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._find(word)
        return known

    def _find(self, word: str) -> bool:
        text = self.text
        if not word:
            return False  # a match holds two characters at least
        i = text.find(word)
        while i >= 0:
            if i and text[i - 1] == "-":
                if self._all is None:
                    self._all = set(_LOWER_WORD.findall(text))
                return word in self._all
            m = _LOWER_WORD.match(text, i)
            if m is not None and m.end() == i + len(word):
                return True
            i = text.find(word, i + 1)
        return False


class PersonFinder:
    """Finds person candidates in a text; see the module docstring for the rules."""

    def __init__(self, text: str, countries: list[Hit], orgs: list[Hit], masked: list[tuple[int, int]]):
        self.text = text
        self.countries = countries
        self.cstarts = [h.start for h in countries]
        self.orgs = orgs
        self.ostarts = [h.start for h in orgs]
        self.masked = masked
        self.lower_words = _LowerWords(text)  #: the words the text writes in lower case
        self._title_case: dict[int, bool] = {}  #: line start -> whether the line is in title case

    def _masked(self, s: int) -> bool:
        # most pages mask nothing: skip building the generator for them
        return bool(self.masked) and any(a <= s < b for a, b in self.masked)

    def classify(self, tok: Token, nxt: Token | None) -> str:
        t = tok.text
        if _overlaps(self.cstarts, self.countries, tok.start, tok.end):
            return "C"
        if _overlaps(self.ostarts, self.orgs, tok.start, tok.end):
            return "O"
        if t in HONORIFICS and not (t in {"Lady", "Tan", "Seri", "Setia"} and nxt is None):
            return "H"
        if t in _NAME_SUFFIXES:
            return "X"
        if t in ROLE_HEADS_ALL or t in PLURAL_HEADS:
            return "R"
        if t in _CONNECT or t in PARTICLES:
            return "P"
        if (
            t in NON_NAME
            or t.upper() == t
            and len(t) <= 5
            and t.isalpha()
            and t not in {"I"}
            and len(t) > 1
            and not (nxt and nxt.text[:1].isupper() and nxt.text.upper() != nxt.text)
        ):
            return "X"
        if t in ORG_HEADS:
            return "X"
        if not _is_cap(t):
            if (
                t.startswith(("al-", "el-", "bin-", "ad-", "as-", "ash-", "at-"))
                and len(t) > 4
                and t[t.index("-") + 1 :][:1].isupper()
            ):
                return "N"
            return "L"
        if t.lower() in self.lower_words and t.lower() not in {"moon", "rose", "young", "bush", "long"}:
            return (
                "X"  # a capitalised common word ("Peace", "Tuesday") that the text also writes in lower case
            )
        return "N"

    def runs(self, tokens: list[Token]) -> list[list[Token]]:
        """Capitalised runs: consecutive capitalised tokens, joined by connectors, on one line."""
        runs: list[list[Token]] = []
        cur: list[Token] = []
        text = self.text

        def contiguous(prev: Token | None, tok: Token) -> bool:
            # only spaces between the two tokens (no line break), and no possessive before
            return prev is not None and not text[prev.end : tok.start].strip(" ") and not prev.possessive

        prev: Token | None = None
        for tok in tokens:
            t = tok.text
            cap = _is_cap(t) or t.startswith(("al-", "el-")) and len(t) > 3
            if cap and not self._masked(tok.start):
                if cur and contiguous(prev, tok):
                    cur.append(tok)
                else:
                    if cur:
                        runs.append(cur)
                    cur = [tok]
            elif (t in _CONNECT or t in PARTICLES) and cur and contiguous(prev, tok):
                cur.append(tok)
            else:
                if cur:
                    runs.append(cur)
                cur = []
            if tok.possessive and cur:
                runs.append(cur)
                cur = []
            prev = tok
        if cur:
            runs.append(cur)
        out = []
        for r in runs:
            while r and (r[-1].text in _CONNECT or r[-1].text in PARTICLES):
                r = r[:-1]
            if r:
                out.append(r)
        return out

    def fast_runs(self) -> list[list[Token]]:
        """``runs(tokenize(text))``, reading only the stretches of text a run can be in.

        No token spans whitespace, so every whitespace-delimited chunk starts a token and
        the tokens of a chunk do not depend on the text before it.  While no run is open,
        a chunk with no capital letter and no "al-"/"el-" cannot open one and its tokens
        change nothing, so the scan jumps to the next chunk that has one; only the chunks
        of (and right after) runs are tokenised, and Token objects are made only for the
        words a run can hold.  tests/test_prefilters.py checks that both give the same runs.
        """
        text = self.text
        n = len(text)
        runs: list[list[Token]] = []
        cur: list[Token] = []
        prev: Token | None = None
        connectors = _CONNECTORS
        upper = _UPPER_SET
        masked = self.masked  # most pages mask nothing: test the list before scanning it
        pos = 0
        while pos < n:
            start = _run_chunk(text, pos)
            if start < 0:
                break
            pos = n
            for m in _TOKEN.finditer(text, start):
                t = m.group(0)
                s, e = m.span()
                poss = False
                if t[-1] in _TRIMMED_ENDS:
                    if t.endswith(".") and len(t) > 1 and not _INITIALS.fullmatch(t):
                        if t[:-1] not in _ABBR and t not in HONORIFICS:
                            t, e = t[:-1], e - 1
                    for suf in ("'s", "’s"):
                        if t.endswith(suf) and len(t) > 2:
                            t, e, poss = t[: -len(suf)], e - len(suf), True
                    if t.endswith(("'", "’")) and len(t) > 1:
                        t, e = t[:-1], e - 1
                cap = t[0] in upper or t.startswith(("al-", "el-")) and len(t) > 3
                if not cap and t not in connectors:
                    # the else branch of runs(): the token only ends the run
                    if cur:
                        runs.append(cur)
                        cur = []
                    prev = None
                    if text[m.end() : m.end() + 1].isspace():
                        pos = m.end()  # a chunk ends with no run open: jump to the next candidate
                        break
                    continue
                tok = Token(t, s, e, poss)
                contiguous = prev is not None and not prev.possessive and not text[prev.end : s].strip(" ")
                if cap and not (masked and any(a <= s < b for a, b in masked)):
                    if cur and contiguous:
                        cur.append(tok)
                    else:
                        if cur:
                            runs.append(cur)
                        cur = [tok]
                elif t in connectors and cur and contiguous:
                    cur.append(tok)
                else:
                    if cur:
                        runs.append(cur)
                    cur = []
                if poss and cur:
                    runs.append(cur)
                    cur = []
                prev = tok
                if not cur and text[m.end() : m.end() + 1].isspace():
                    pos = m.end()
                    break
        if cur:
            runs.append(cur)
        out = []
        for r in runs:
            while r and r[-1].text in connectors:
                r = r[:-1]
            if r:
                out.append(r)
        return out

    def find(self) -> list[PersonCand]:
        cands: list[PersonCand] = []
        for run in self.fast_runs():
            styled = of = False  #: the run holds an honorific / an "of" (the rules below need one)
            for i, tok in enumerate(run):
                tok.cls = self.classify(tok, run[i + 1] if i + 1 < len(run) else None)
                if tok.cls == "H":
                    styled = True
                elif tok.text == "of":
                    of = True
                if (
                    tok.cls == "R"
                    and i
                    and run[i - 1].text.rstrip(".") in _PERSONAL_HONORIFICS
                    and tok.text in ROLE_HEADS
                    and tok.text not in {"President", "Minister", "Secretary", "Chancellor", "Premier"}
                ):
                    tok.cls = "N"
                if tok.cls == "N" and not tok.text.isalpha() and any(ch.isdigit() for ch in tok.text):
                    tok.cls = "X"
                if i and run[i - 1].cls == "N" and _REGNAL.fullmatch(tok.text):
                    tok.cls = "N"  # regnal numbers: "Charles III", "Abdullah II"
            if styled:
                _styles_inside_names(run)
            if of and len(run) > 2:
                self._place_after_of(run)
            cands.extend(self._run_candidates(run))
        self._coordinate(cands)
        for c in cands:
            if len(c.tokens) >= 2:
                self._trim_headline_words(c)
        return [c for c in cands if not self._headline_only(c)]

    def _place_after_of(self, run: list[Token]) -> None:
        """ "Deputy Ruler of Dubai Khalid Al Qassimi": a known place right after "of" and
        before more name words closes the title; it is not the name's first word."""
        for p in range(len(run) - 2):
            if run[p].text != "of" or run[p + 1].cls != "N":
                continue
            for width in (3, 2, 1):
                end = p + 1 + width
                if end < len(run) and run[end].cls in {"N", "H"} and all(t.cls == "N" for t in run[p + 1 : end]) \
                        and self._known_place(run[p + 1 : end]):
                    for t in run[p + 1 : end]:
                        t.cls = "X"
                    break

    def _trim_headline_words(self, cand: PersonCand) -> None:
        """In a title-case line a verb or noun after a name looks like more name: "President
        Tomas Hosts King ..." gives "Tomas Hosts".  When the story never writes the full
        form but writes a shorter start of it, the candidate keeps only that start."""
        if len(cand.tokens) < 2:
            return
        text = self.text
        line_start = text.rfind("\n", 0, cand.start) + 1
        if not self._title_case_line(line_start):
            return
        line_end = text.find("\n", cand.start)
        line_end = len(text) if line_end < 0 else line_end

        def elsewhere(words: list[str]) -> bool:
            pat = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
            for m in re.finditer(pat, text):
                if (m.start() < line_start or m.start() >= line_end) and not self._title_case_line(
                    text.rfind("\n", 0, m.start()) + 1
                ):
                    return True
            return False

        words = [t.text for t in cand.tokens]
        if elsewhere(words):
            return
        for n in range(len(words) - 1, 0, -1):
            if words[n - 1] not in PARTICLES and elsewhere(words[:n]):
                cand.tokens = cand.tokens[:n]
                cand.suffix = ""
                return

    def _headline_only(self, cand: PersonCand) -> bool:
        """A name found only in a title-case line ("Leaders Hail Deal on Border Trade",
        "Crown Prince Chairs Summit"): there every word is capitalised, so verbs and nouns
        look like names and a plural title before them like evidence.  A person named in a
        headline is named again in the story, so a candidate whose first word appears in no
        other line is dropped.  The first word, because a verb comes first in such a stretch
        ("Adopt Jeddah") and a story may name a headline's "Lee Jae-sung" only as "President
        Lee"."""
        text = self.text
        line_start = text.rfind("\n", 0, cand.start) + 1
        if not self._title_case_line(line_start):
            return False
        line_end = text.find("\n", cand.start)
        line_end = len(text) if line_end < 0 else line_end
        first = cand.tokens[0].text
        for m in re.finditer(rf"(?<!\w){re.escape(first)}(?!\w)", text):
            if (m.start() < line_start or m.start() >= line_end) and not self._title_case_line(
                text.rfind("\n", 0, m.start()) + 1
            ):
                return False
        return True

    def _title_case_line(self, line_start: int) -> bool:
        """Whether the line starting there is in title case, worked out once per line."""
        got = self._title_case.get(line_start)
        if got is None:
            end = self.text.find("\n", line_start)
            got = self._title_case[line_start] = _is_title_case(self.text, line_start, len(self.text) if end < 0 else end)
        return got

    def _segments(self, run: list[Token]) -> list[tuple[int, int]]:
        """Index ranges [i, j) of name stretches: N tokens, with particles between them."""
        segs = []
        i = 0
        n = len(run)
        while i < n:
            if run[i].cls != "N":
                i += 1
                continue
            j = i + 1
            while j < n:
                if run[j].cls == "N" and not run[j - 1].possessive:
                    j += 1
                elif (
                    run[j].cls == "P"
                    and run[j].text in PARTICLES
                    and j + 1 < n
                    and run[j + 1].cls in {"N", "P"}
                    and not run[j - 1].possessive
                ):
                    j += 1
                elif (
                    run[j].cls == "X" and run[j].text in {"Al", "El"} and j + 1 < n and run[j + 1].cls == "N"
                ):
                    j += 1
                else:
                    break
            while j > i and run[j - 1].cls == "P":
                j -= 1
            segs.append((i, j))
            i = j
        return segs

    def _run_candidates(self, run: list[Token]) -> list[PersonCand]:
        out = []
        text = self.text
        for i, j in self._segments(run):
            seg = run[i:j]
            if seg[-1].text in PARTICLES:
                continue
            if (
                len(seg) >= 2
                and self._known_place(seg)
                or len(seg) == 1
                and self._known_place(seg)
                and not (i and run[i - 1].cls in {"R", "H"})
            ):
                continue
            cand = PersonCand(seg)
            sfx = _NAME_SUFFIX_AFTER.match(text, seg[-1].end)
            if sfx is not None:
                cand.suffix = sfx.group(0)
            # the run ends with the name (a suffix token in the run belongs to it)
            at_end = j == len(run) or (sfx is not None and j == len(run) - 1 and run[j].text in _NAME_SUFFIXES)
            # --- evidence before the name, inside the run
            k = i - 1
            while k >= 0 and run[k].cls == "H":
                k -= 1
                cand.cue = True
            if k >= 0 and run[k].cls in {"X", "C", "P", "O"}:
                # "Secretary of State John Kerry", "Minister of Industry and Trade X",
                # "President of the Republic of Uzbekistan X": walk back to the title
                k2 = k
                # inside an institution's name ("... of the Nurul Huda Mosque X") its own
                # proper words are no person: walk back over them too
                institution = run[k].text in ORG_HEADS or run[k].text in _INSTITUTION_NOUNS
                while k2 >= 0 and (run[k2].cls in {"X", "C", "P", "O"} or institution and run[k2].cls == "N") \
                        and not run[k2].possessive:
                    k2 -= 1
                if (
                    k2 >= 0
                    and (run[k2].cls == "R" or run[k2].cls == "H" and run[k2].text.isalpha())  # "Grand Imam of"
                    and not (j < len(run) and (run[j].text in ORG_HEADS or run[j].text in _INSTITUTION_NOUNS))
                    and k2 + 1 < i
                    and run[k2 + 1].text in {"of", "for"}
                    and not run[k2].possessive
                    and j - i >= 2
                    and not self._known_place(seg)
                ):
                    cand.cue = True
                    title_end = k
                    while title_end > k2 and run[title_end].cls in {"C", "P"}:
                        title_end -= 1
                    cand.role = self.text[run[self._role_start(run, k2)].start : run[title_end].end]
                    for t in run[k2:i]:
                        if t.cls == "C":
                            h = _overlaps(self.cstarts, self.countries, t.start, t.end)
                            if h:
                                cand.nationality = h.key
                                cand.role = self.text[run[self._role_start(run, k2)].start : run[k2].end]
                        elif t.cls == "O":
                            cand.intl = True
            if k >= 0 and run[k].cls == "R" and not run[k].possessive:
                cand.cue = True
                cand.role = self._role_before(run, k)
            if (
                k >= 0
                and run[k].cls == "P"
                and run[k].text == "and"
                and k >= 1
                and run[k - 1].cls == "R"
                and run[k - 1].text in PLURAL_HEADS
            ):
                cand.cue = True
            # country / org words before the title in the same run
            if cand.cue:
                for t in run[:i]:
                    if t.cls == "C":
                        h = _overlaps(self.cstarts, self.countries, t.start, t.end)
                        if h:
                            cand.nationality = h.key
                    elif t.cls == "O":
                        cand.intl = True
            # --- evidence before the run, in the text
            before = text[max(0, run[0].start - 80) : run[0].start]
            if i == 0 or all(t.cls in {"H"} for t in run[:i]):
                self._context_before(cand, before, run, i)
            elif cand.cue and not cand.nationality:
                self._possessive_country(cand, before, run)
            # --- evidence after
            after = text[cand.end : cand.end + 200]
            if at_end or run[j].cls == "P" and run[j].text == "of":
                self._context_after(
                    cand,
                    after if at_end else text[run[j].start - 1 : run[j].start + 200],
                    at_end,
                )
            # "signed by X and ...": the run goes on with "and", and a word before it that only
            # a person follows still holds ("with X and Y" may be two places)
            and_next = not at_end and run[j].text == "and"
            if not cand.cue and len(seg) >= 2 and (at_end or and_next) and i == 0:
                if (not and_next and (_VERB_AFTER.match(after) or _PREP_BEFORE.search(before, _tail_start(before, 1)))
                        or and_next and _PERSON_OBJECT_BEFORE.search(before, _tail_start(before, 1))):
                    if all(t.text not in NON_NAME for t in seg) and not any(
                        t.cls != "N" and t.text not in PARTICLES for t in seg
                    ):
                        cand.cue = True
            out.append(cand)
        return out

    def _bare_list(self, group: list[PersonCand]) -> None:
        """Full names listed with no title ("Li Wen and Zhou Ming, members of ...") are
        persons when the list as a whole has a person's evidence: a verb or a plural
        apposition after it, or a preposition before it ("attended by A, B and C")."""
        if all(c.cue for c in group) or not all(
            len(c.tokens) >= 2 and all(t.cls == "N" or t.text in PARTICLES for t in c.tokens)
            and not any(t.text in NON_NAME for t in c.tokens)
            for c in group
        ):
            return
        text = self.text
        after = text[group[-1].end : group[-1].end + 80]
        before = text[max(0, group[0].start - 80) : group[0].start]
        if (_VERB_AFTER.match(after) or _LIST_VERB_AFTER.match(after) or _PLURAL_APPOSITION.match(after)
                or _PERSON_OBJECT_BEFORE.search(before, _tail_start(before, 1))):
            for c in group:
                c.cue = True  # the titled ones keep their titles; the bare ones join them

    def _known_place(self, seg: list[Token]) -> bool:
        return is_place(" ".join(t.text for t in seg))

    def _role_start(self, run: list[Token], k: int) -> int:
        """Where the title ending at run[k] starts: title words and modifiers ("Foreign",
        "Deputy") before it, so "Foreign Minister of Peru X" keeps "Foreign Minister"."""
        s = k
        while (
            s - 1 >= 0
            and (run[s - 1].cls == "R" or run[s - 1].text.lower() in ROLE_MODIFIERS_LOWER)
            and not run[s - 1].possessive
        ):
            s -= 1
        return s

    def _role_before(self, run: list[Token], k: int) -> str:
        """The title ending at run[k], extended left over title and topic words, stopping at a country."""
        s = k
        while s - 1 >= 0 and run[s - 1].cls in {"R", "X", "P"} and not run[s - 1].possessive:
            if run[s - 1].cls == "P" and run[s - 1].text not in {"of", "and", "for", "&"}:
                break
            if run[s - 1].cls == "P" and run[s - 1].text == "and" and s - 2 >= 0 and run[s - 2].cls == "R":
                break  # "The Prime Minister and President X": two people
            if run[s - 1].cls == "X" and run[s - 1].text in {
                "The",
                "A",
                "An",
                "In",
                "On",
                "At",
                "As",
                "After",
                "Before",
                "Among",
                "With",
                "And",
                "But",
            }:
                break
            s -= 1
        while s < k and run[s].cls == "P":
            s += 1
        return self.text[run[s].start : run[k].end]

    def _context_before(self, cand: PersonCand, before: str, run: list[Token], i: int) -> None:
        # "FARC leader X", "the Saudi Shia cleric X", "his Singaporean counterpart X", "first lady X"
        m = _role_before(before)
        if m and "\n" in before[m.head_start + len(m.head) :]:
            m = None  # "... says Turkish president" ending a headline titles no name on the next line
        if m and (m.head in ROLE_HEADS_LOWER or m.head in PLURAL_HEADS) and not cand.cue:
            cand.cue = True
            words = m.words.split()
            keep: list[str] = []
            for w in reversed(words):
                wl = w.lower().strip(",")
                if w.endswith((",", ".", ";", ":")) or wl in {"the", "a", "an"}:
                    break
                if wl in ROLE_MODIFIERS_LOWER or w[:1].isupper():
                    keep.insert(0, w)
                else:
                    break
            lead = [w for w in keep if w.lower() not in {"his", "her", "their"}]
            role_start = before.rfind(" ".join(lead + [m.head])) if lead else m.head_start
            role = before[role_start:].strip()
            # nationality from a demonym or "<Country>'s" in the words before the head
            # (only words of the same clause: "... trip to the DPRK in 24 years. Kremlin
            # spokesman X" is no North Korean; _CLAUSE_BREAK between the word and the head)
            seg_start = run[0].start - len(before) + m.start
            head_at = run[0].start - len(before) + m.head_start
            text = self.text
            for h in self.countries:
                if seg_start <= h.start < run[0].start and not _CLAUSE_BREAK.search(text, h.end, head_at):
                    cand.nationality = h.key
                    role = role.replace(h.form, "").replace("'s", "").strip()
            for h in self.orgs:
                if seg_start <= h.start < run[0].start and not _CLAUSE_BREAK.search(text, h.end, head_at):
                    cand.intl = True
            if (
                m.head
                not in {
                    "sister",
                    "brother",
                    "wife",
                    "husband",
                    "son",
                    "daughter",
                    "father",
                    "mother",
                    "counterpart",
                    "counterparts",
                }
                and m.head not in PLURAL_HEADS
            ):
                cand.role = role
            elif m.head in PLURAL_HEADS:
                cand.role = role
        elif (
            before.rstrip().endswith(",")  # what the pattern needs at the end, checked without it
            and _COMMA_BEFORE_NAME.search(before)
            and (not cand.cue or not cand.role)  # an honorific alone ("..., Dr. X") gives no title
        ):
            # "the Prime Minister of Ethiopia, Dr. X"; "the country's first President, X"
            m2 = _TITLE_COMMA_BEFORE.search(before)
            if not (m2 and (m2.group("head") in ROLE_HEADS_ALL or m2.group("head") in PLURAL_HEADS)):
                m2 = _TITLE_OF_COMMA_BEFORE.search(before)
            if m2 and (
                m2.group("head") in ROLE_HEADS_ALL
                or m2.group("head") in PLURAL_HEADS
                or m2.group("head") in ROLE_HEADS_LOWER
            ):
                cand.cue = True
                role = m2.group(1)
                if m2.group("of"):
                    of = m2.group("of")
                    hits = [
                        h
                        for h in self.countries
                        if before.find(of) >= 0
                        and run[0].start - len(before) + before.rfind(of) <= h.start < run[0].start
                    ]
                    if hits:
                        cand.nationality = hits[-1].key
                    else:
                        role += of
                        if any(
                            o.start >= run[0].start - len(before) + before.rfind(of)
                            and o.start < run[0].start
                            for o in self.orgs
                        ):
                            cand.intl = True
                cand.role = role.strip()
        if not cand.nationality and cand.cue:
            self._possessive_country(cand, before, run)

    def _possessive_country(self, cand: PersonCand, before: str, run: list[Token]) -> None:
        """ "Nigeria's President X", "China's Wang Yi": a country in the possessive just before."""
        m3 = _POSSESSIVE_BEFORE.search(before, _tail_start(before, 5))
        if m3:
            for h in self.countries:
                if (
                    h.end <= run[0].start
                    and run[0].start - h.end < len(m3.group(0)) + 2
                    and h.form in m3.group(1)
                ):
                    cand.nationality = h.key

    def _context_after(self, cand: PersonCand, after: str, end_of_run: bool) -> None:
        m_of = _OF_AFTER_NAME.match(after)
        if m_of:
            pos = cand.end + m_of.end()
            h = _overlaps(self.cstarts, self.countries, pos, pos + 1)
            if h and h.start == pos and h.kind == "name":
                cand.nationality = cand.nationality or h.key
                cand.cue = True
            return
        m = _ROLE_AFTER.match(after)
        if not m:
            return
        head = m.group("head")
        if (
            head in ROLE_HEADS_ALL
            or head.lower() in ROLE_HEADS_LOWER
            or head in {"Chairperson", "chairperson"}
            or self._title_later_in_apposition(after, m.start("role"), cand.end)
        ):
            # the full appositive: up to the clause end
            tail = after[m.start("role") :]
            stop = _APPOSITIVE_TITLE_END.search(tail)
            phrase = tail[: stop.start()] if stop else tail[:120]
            phrase = phrase.strip().rstrip(",")
            cand.cue = True
            base = cand.end + m.start("role")
            for k, part in enumerate(_APPOSITIVE_PART_SEPARATOR.split(phrase)):
                part = part.strip()
                if not part:
                    continue
                pwords = part.split()
                if (
                    k
                    and pwords[0].islower()
                    and pwords[0] not in _APPOSITION_LEADS
                    and pwords[0] not in ROLE_MODIFIERS_LOWER
                    and not _titled(pwords)
                ):
                    break  # "X, Peru's president, received Y, ...": the sentence goes on, the apposition ended
                if k and pwords[0] == "and" and len(pwords) > 1 and pwords[1].islower() \
                        and pwords[1] not in ROLE_MODIFIERS_LOWER and not _titled(pwords):
                    # "X, Secretary of the Council, and a Saudi delegation led by Y" / "X, Minister
                    # of Energy, and by Brunei's Minister Y": the list goes on with someone else
                    break
                pstart = base + phrase.find(part)
                hits = [h for h in self.countries if pstart <= h.start < pstart + len(part)]
                orgs = [o for o in self.orgs if pstart <= o.start < pstart + len(part)]
                mm = _TITLE_OF_REST.match(part)
                if hits and not cand.nationality:
                    cand.nationality = hits[0].key
                if (
                    mm
                    and hits
                    and mm.group(2).strip()
                    in {h.form for h in hits} | {"Republic of " + h.form for h in hits}
                ):
                    part = mm.group(1)
                elif (
                    mm
                    and hits
                    and _STATE_FORMAL_NAME.match(mm.group(2))
                ):
                    part = mm.group(1)
                if orgs and not hits:
                    cand.intl = True
                if _titled(part.split()):
                    cand.roles_after.append(part)

    def _title_later_in_apposition(self, after: str, at: int, base: int) -> bool:
        """ "X, Kenya's foreign minister, ..." and "X, the deputy foreign minister of Peru, ...": a
        title that is not the first word of the apposition (``after[at:]``; ``after`` starts at
        ``base`` in the text), after words that only qualify it: a country or demonym
        (possibly possessive) or a modifier such as "foreign", "deputy", "former".  Anything
        else before it ("X, who met the minister", "X, Sheikh Y After A Call") means the
        apposition is not a title, and so does a name after it ("X, Canadian Prime Minister
        Y and ...": a list of people)."""
        app = after[at:]
        end = _APPOSITION_END.search(app)
        region = app[: end.start()] if end else app[:100]
        words = list(_NON_SPACE_RUN.finditer(region))
        for k, wm in enumerate(words[:7]):
            w = wm.group(0)
            if w in ROLE_HEADS_ALL or w.lower() in ROLE_HEADS_LOWER:
                nxt = words[k + 1].group(0) if k + 1 < len(words) else None
                return k > 0 and (nxt is None or nxt in {"of", "for", "to", "at", "in"})
            bare = w[:-2] if w.endswith(("'s", "’s")) else w
            pos = base + at + wm.start()
            if bare.lower() in ROLE_MODIFIERS_LOWER or bare.lower() in {"the", "a", "an"}:
                continue
            if not _overlaps(self.cstarts, self.countries, pos, pos + len(bare)):
                return False
        return False

    def _coordinate(self, cands: list[PersonCand]) -> None:
        """Names joined by "and" or commas to a person with a title share its evidence."""
        by_start = sorted(cands, key=lambda c: c.start)
        group: list[PersonCand] = []
        for c in by_start:
            if group and _LIST_SEPARATOR.fullmatch(self.text[group[-1].end : c.start]):
                group.append(c)
                continue
            if len(group) >= 2:
                self._bare_list(group)
            group = [c]
        if len(group) >= 2:
            self._bare_list(group)
        for a, b in zip(by_start, by_start[1:], strict=False):
            between = self.text[a.end : b.start]
            if a.cue and not b.cue and len(b.tokens) >= 2 and _LIST_SEPARATOR.fullmatch(between):
                b.cue = True
                if a.role and a.role.split()[-1] in PLURAL_HEADS:
                    b.role = a.role
            if (
                b.cue
                and not a.cue
                and len(a.tokens) >= 2
                and _AND_BETWEEN.fullmatch(between)
                and b.role
                and b.role.split()[-1] in PLURAL_HEADS
            ):
                a.cue = True


_SINGULAR = {
    "Presidents": "President",
    "Ministers": "Minister",
    "Premiers": "Premier",
    "presidents": "President",
    "ministers": "Minister",
    "leaders": "leader",
    "advisers": "Adviser",
    "advisors": "Adviser",
    "Leaders": "Leader",
    "secretaries": "Secretary",
    "Secretaries": "Secretary",
}


def _singular_role(role: str) -> str:
    words = role.split()
    if words and words[-1] in _SINGULAR:
        words[-1] = _SINGULAR[words[-1]]
        words = [w.capitalize() if w.islower() and w not in {"of", "and", "for", "the"} else w for w in words]
        if words[0].lower() == "former":
            words[0] = "former"
    return " ".join(words)


#: nouns that end the name of an institution a title can be "of" ("Grand Imam of the X Mosque")
_INSTITUTION_NOUNS = frozenset({
    "Mosque", "Church", "Cathedral", "Temple", "Synagogue", "Shrine", "Museum", "Academy", "University",
    "College", "Institute", "School", "Hospital", "Foundation", "Library", "Seminary",
})
#: styles that are also ordinary words of place names ("Seri Begawan", "Sri Lanka"): a style
#: only after another style ("Datuk Seri", "Tan Sri") or before a full name of two words
_SECONDARY_STYLES = frozenset({"Seri", "Sri", "Setia"})
#: honorifics that never stand inside a personal name
_OUTER_HONORIFICS = frozenset({
    "His", "Her", "Royal", "Excellency", "Highness", "Majesty", "Sir", "Dame", "Lord", "Lady", "Madam", "Madame",
    "Monsieur", "Mister", "Herr", "Frau", "Comrade", "Honourable", "Honorable", "Reverend", "Senhor", "Señor",
    "Pak", "Bapak", "Ibu",
})


def _styles_inside_names(run: list[Token]) -> None:
    """Honorific words that are part of the name or of a place, not a style before it.

    "Abdi Sheikh Warsame": a style word between two name words is a name word (Somali
    and Arabic names carry it).  "Seri Kenanga" (a residence), "Bandar Seri Begawan": a
    secondary Malay style with no style before it and less than a full name after it
    is no evidence of a person.
    """
    n = len(run)
    for i, tok in enumerate(run):
        if tok.cls != "H":
            continue
        if tok.text in _SECONDARY_STYLES and not (i and run[i - 1].cls == "H"):
            if not (i + 2 < n and run[i + 1].cls == "N" and run[i + 2].cls == "N"):
                tok.cls = "X"
                continue
        if (
            0 < i < n - 1
            and run[i - 1].cls == "N"
            and run[i + 1].cls == "N"
            and tok.text.isalpha()
            and tok.text not in _OUTER_HONORIFICS
            and not run[i - 1].possessive
        ):
            tok.cls = "N"


def resolve_persons(cands: list[PersonCand], text: str) -> list[Person]:
    """Group candidates into persons: fullest form as the name, shorter forms as aliases."""
    persons: list[Person] = []
    multi = [c for c in cands if c.cue and len(c.tokens) >= 2]
    multi.sort(key=lambda c: -len(c.tokens))
    for c in multi:
        toks = [t.text for t in c.tokens]
        target = None
        for p in persons:
            pt = p.tokens()
            if pt[: len(toks)] == toks or (
                len(toks) == 2
                and pt[-len(toks) :] == toks
                and len(toks) < len(pt)
                and toks[0] not in PARTICLES
            ):
                target = p
                break
        if target is None:
            target = Person(c.name, first=c.start)
            persons.append(target)
        elif c.name != target.name and c.name not in target.aliases:
            target.aliases.append(c.name)
        _absorb(target, c)
    # single words and uncued stretches that repeat part of a known name
    # "c not in multi" compares candidates field by field; equal candidates have equal
    # tokens, hence the same span, so only the multi-word candidates of that span can be
    # equal to c
    multi_by_span: dict[tuple[int, int], list[PersonCand]] = {}
    for m in multi:
        multi_by_span.setdefault((m.start, m.end), []).append(m)
    singles = sorted(
        (c for c in cands if c not in multi_by_span.get((c.start, c.end), ())), key=lambda c: c.start
    )
    for c in singles:
        toks = [t.text for t in c.tokens]
        target = _match_partial(persons, toks) or next((p for p in persons if p.tokens() == toks), None)
        if target is None:
            if c.cue and len(toks) == 1 and toks[0] not in NON_NAME:
                target = Person(c.name, first=c.start)
                persons.append(target)
            else:
                continue
        elif c.name != target.name and c.name not in target.aliases:
            target.aliases.append(c.name)
        _absorb(target, c)
    # single-word persons that a later fuller name covers were handled by _match_partial order;
    # merge single-name persons into a fuller person with the same word.
    for p in [p for p in persons if len(p.tokens()) == 1]:
        q = _match_partial([x for x in persons if x is not p and len(x.tokens()) > 1], p.tokens())
        if q is not None:
            q.aliases.append(p.name)
            q.mentions.extend(p.mentions)
            q.roles.extend(r for r in p.roles if r not in q.roles)
            q.nationality = q.nationality or p.nationality
            persons.remove(p)
    for p in persons:
        p.first = min((s for s, _ in p.mentions), default=p.first)
        p.aliases = [a for a in dict.fromkeys(p.aliases) if a != p.name]
        p.mentions = sorted(set(p.mentions))
        if p.intl:
            p.nationality = None if not p.nationality else p.nationality
    persons.sort(key=lambda p: p.first)
    return persons


def _match_partial(persons: list[Person], toks: list[str]) -> Person | None:
    if not toks or toks[0] in PARTICLES:
        return None
    best: tuple[int, int, Person] | None = None
    n = len(toks)
    one = n == 1
    # the single word's tests, worked out once (the loop runs over every person)
    word = toks[0]
    word_upper = word.upper()
    all_caps = word.isupper()
    may_be_middle = word[:1].isupper() and len(word) > 2
    for p in persons:
        pt = p.tokens()
        if len(pt) <= n:
            continue
        if n <= 2 and pt[-n:] == toks:
            rank = 0
        elif pt[:n] == toks:
            rank = 1
        elif one and all_caps and pt[-1].upper() == word_upper:
            rank = 2
        elif one and pt[0].upper() == word_upper:
            rank = 2
        elif one and may_be_middle and word in pt[1:-1]:
            rank = 3  # "Lula" of "Luiz Inácio Lula da Silva"
        else:
            continue
        key = (rank, p.first)
        if best is None or key < best[:2]:
            best = (rank, p.first, p)
    return best[2] if best else None


def _absorb(p: Person, c: PersonCand) -> None:
    p.mentions.append((c.start, c.end))
    for r in ([c.role] if c.role else []) + c.roles_after:
        r = _singular_role(r.strip())
        if r and r not in p.roles:
            p.roles.append(r)
    if c.nationality and not p.nationality:
        p.nationality = c.nationality
    if c.intl and not c.nationality:
        p.intl = True


# --------------------------------------------------------------------------- organisations

_ACRONYM_DEF = re.compile(  # (?=[A-Z]): the first character of any match, checked first
    r"(?=[A-Z])(?P<full>(?:[A-Z][\w\-’']*\s+(?:(?:of|for|and|on|the|de|&)\s+){0,2}){1,9}[A-Z][\w\-’']*)"
    r"\s+\((?P<acr>[A-Z][A-Za-z0-9&\-]{1,9})\)"
)
#: the tail of every _ACRONYM_DEF match, led by its "(" (a character ``re`` finds by
#: comparing one character, where a leading ``\s`` asks Unicode's tables at every one)
_ACRONYM_TAIL = re.compile(r"\((?<=\s\()[A-Z][A-Za-z0-9&\-]{1,9}\)")
#: a character no _ACRONYM_DEF match holds before its "(": its names, connectors and the
#: whitespace between them are word characters, "-", "’", "'", "&" and whitespace
_OUTSIDE_ACRONYM_DEF = re.compile(r"[^\w\-’'&\s]")


def _acronym_defs(text: str) -> Iterator[re.Match[str]]:
    """``_ACRONYM_DEF.finditer(text)``, tried only in the stretch before each "(ACR)".

    The full pattern tries every capital letter of the text and most fail after reading
    several words; a match is one stretch of name characters (no "(" among them, so no
    earlier tail) that ends with its tail, so the matches are those found between the last
    character outside that set before each tail and the tail's end (one at most in each).
    The stretch start is searched in the reversed text, from the tail backwards.
    tests/test_convert_speedcuts.py compares the matches with the plain finditer."""
    rev = ""
    n = len(text)
    for tail in _ACRONYM_TAIL.finditer(text):
        if not rev:
            rev = text[::-1]
        outside = _OUTSIDE_ACRONYM_DEF.search(rev, n - tail.start())
        yield from _ACRONYM_DEF.finditer(text, 0 if outside is None else n - outside.start(), tail.end())


def _institution_heads() -> str:
    return "|".join(re.escape(w) for w in sorted(ORG_HEADS | ORG_LEADS, key=len, reverse=True))


@lru_cache(maxsize=1)
def _institution_pattern() -> re.Pattern[str]:
    """Institution-shaped names, built once (joining and escaping the word lists per
    article cost more than the scan)."""
    # every match starts with a capital (the lookahead only makes other positions fail fast)
    return re.compile(
        rf"(?=[{UPPER}])(?:[{UPPER}][\w\-’']*\s+){{0,5}}(?:{_institution_heads()})\b"
        rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[{UPPER}][\w\-’']*)(?:\s+(?:and\s+)?[{UPPER}][\w\-’']*)*)*"
    )


@lru_cache(maxsize=1)
def _institution_scan() -> AnchoredScan:
    """_institution_pattern's matches, tried only from the capitals at most five words
    before a head word ("Ministry", "Bank"...): every match holds one after at most five
    whitespace runs.  The plain scan tried the five optional words and every head at each
    capital of the text (tests/test_extract_speed.py compares the two)."""
    return AnchoredScan(
        _institution_pattern(), re.compile(rf"(?:{_institution_heads()})\b"), 5, starts=re.compile(rf"[{UPPER}]")
    )


@dataclass
class Org:
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    international: bool = False


# The patterns of find_organizations(), compiled once:
# a module-level re call looks its pattern up on every call.
#: an article before a defined name: "the Revolutionary Armed Forces of Colombia (FARC)"
_LEADING_ARTICLE = re.compile(r"^(?:The|the|A|An)\s+")
#: a capitalised word of a defined name: the acronym is built from their initials
_CAPITALISED_WORD = re.compile(r"[A-Z][\w\-]*")
#: an article or preposition at the front of an institution-shaped name, not part of it
_LEADING_FUNCTION_WORD = re.compile(r"^(?:The|A|An|In|On|At|From|By|With|Both|Under|After|Before)\s+")
#: a title before an institution: "President of the European Council" is a role, not the council
_LEADING_OFFICE_TITLE = re.compile(r"(?:(?:Vice|Deputy|Prime|Foreign|Crown)\s+)?(?:[A-Z][\w\-]*\s+)?"
    r"(?:President|Minister|Secretary|Chairperson|Chairman|Director|Head|Commissioner|Governor)"
    r"(?:\s+of)?\s+(?:the\s+)?")


def _cut_after_country(name: str) -> str:
    """An institution's name ends with the country it is "of": in "Communist Party of
    Viet Nam Vo Lam" the capitalised words after the country are the next name."""
    words = name.split(" ")
    for at in range(1, len(words) - 1):
        if words[at - 1] not in ("of", "the"):
            continue
        for width in (3, 2, 1):
            end = at + width
            if end < len(words) and words[end] != "and" and is_country_name(" ".join(words[at:end])):
                return " ".join(words[:end])
    return name


def find_organizations(
    text: str, known: list[Hit], masked: list[tuple[int, int]]
) -> tuple[list[Org], list[Hit]]:
    """Known international organisations, acronym definitions and institution-shaped names.

    Returns the organisations and every organisation mention as a Hit (key = org name),
    which the person rules use to tell an official of the UN from a national one.
    """
    table = organizations()
    orgs: dict[str, Org] = {}
    hits: list[Hit] = []

    def add(name: str, form: str, s: int, e: int, intl: bool) -> None:
        if any(a <= s < b for a, b in masked):
            return
        o = orgs.setdefault(name, Org(name, international=intl))
        if form != name and form not in o.aliases:
            o.aliases.append(form)
        o.mentions.append((s, e))
        hits.append(Hit(s, e, name, form, "org"))

    for h in known:
        add(h.key, h.form, h.start, h.end, table[h.key].international if h.key in table else True)
    acr_map: dict[str, str] = {}
    for m in _acronym_defs(text):
        full = _LEADING_ARTICLE.sub("", m.group("full"))
        words = [w for w in _CAPITALISED_WORD.findall(full)]
        acr = m.group("acr")
        initials = "".join(w[0] for w in words)
        # the acronym must be built from the name's initials ("Revolutionary Armed Forces of Colombia (FARC)")
        if not words or acr[0] != words[0][0] and acr[0] not in initials:
            continue
        shape = any(w in ORG_HEADS for w in words) or acr.isupper() and len(acr) >= 2
        if not shape:
            continue
        known_name = next((k for k, v in table.items() if acr in v.aliases or k == full), None)
        name = known_name or full
        start = m.start("full") + m.group("full").find(full)
        add(name, full, start, start + len(full), table[name].international if name in table else False)
        add(name, acr, m.start("acr"), m.end("acr"), table[name].international if name in table else False)
        if name in orgs:  # a definition inside masked page furniture names no organisation
            acr_map[acr] = name
    for acr, name in acr_map.items():
        for m in re.finditer(rf"(?<![\w\-]){re.escape(acr)}(?![\w\-])", text):
            if not any(s <= m.start() < e for s, e in orgs[name].mentions):
                add(name, acr, m.start(), m.end(), orgs[name].international)
    # institution-shaped names: "Reserve Bank of India", "Ministry of Education of the Republic of India"
    for m in _institution_scan().finditer(text):
        name = m.group(0)
        name = _LEADING_FUNCTION_WORD.sub("", name)
        # drop a leading title: "President of the European Council" is a role, not the council
        lead = _LEADING_OFFICE_TITLE.match(name)
        if lead:
            name = name[lead.end() :]
        start = m.end() - len(name)
        name = _cut_after_country(name)
        words = name.split()
        if len(words) < 2 or name in table:
            continue
        if all(w in ORG_HEADS or w in ORG_LEADS for w in words if w[0].isupper()):
            continue  # "Office", "Council of Ministers" without a proper name is too vague alone
        if any(h.start <= start < h.end for h in hits):
            continue
        add(name, name, start, start + len(name), False)
    hits.sort(key=lambda h: h.start)
    return list(orgs.values()), hits
