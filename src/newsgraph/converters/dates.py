# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Date expressions in news text and their resolution to calendar days.

Conventions (shared/corpus/dev/README.md): an explicit date beats a relative one;
weekdays, "today" and "yesterday" resolve against the dateline or publication date
only when that date has a year; a day and month without a year take the
publication year; a range takes its first day; a month or a year alone is not a
day and resolves to nothing (it still tells the event is not "today").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .regex_speed import LineStartScan

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Order matters: the first alternative that matches at a position wins.
DATE_RE = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)
  | (?P<num>\b(?P<nd>[0-3]?\d)[./](?P<nm>[01]?\d)[./](?P<ny>{_YEAR})\b)
  | (?P<mdy>\b(?P<a_m>{_MON})\s+(?P<a_d>{_DAY})(?:\s*(?:-|–|to|and|&)\s*(?P<a_d2>{_DAY}))?\b
        (?:,?\s+(?P<a_y>{_YEAR})\b)?)
  | (?P<dmy>\b(?P<b_d>{_DAY})(?:\s*(?:-|–|to|and|&)\s*(?P<b_d2>{_DAY}))?\s+(?:of\s+)?(?P<b_m>{_MON})\b
        (?:,?\s+(?P<b_y>{_YEAR})\b)?)
  | (?P<my>\b(?:(?P<c_q>early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?(?P<c_m>{_MON})
        (?:\s+(?:of\s+)?(?P<c_y>{_YEAR}))?\b)
  | (?P<year>\b(?:in|of|since|from|by|until|before|after)\s+(?P<y_y>{_YEAR})\b
        |(?<=\s)(?P<y_y2>{_YEAR})(?=\s+[A-Za-z])|\((?P<y_y3>{_YEAR})\))
  | (?P<wd>\b(?P<w>{_WD})(?:'s|’s)?\b)
  | (?P<rel>\b(?:today|yesterday|tonight|this\s+(?:morning|afternoon|evening|week)|
        earlier\s+(?:in\s+the\s+day|today)|(?:later|earlier)\s+that\s+day|on\s+the\s+same\s+day|
        the\s+(?:previous|next|following)\s+day|the\s+day\s+(?:before|after)|
        (?:a|one|two|three)\s+days?\s+(?:after|before|later|earlier))\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    kind: str  #: day | month | year | weekday | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    offset: int = 0  #: for relative: days from the anchor
    text: str = ""


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


# The patterns of _day(), compiled once: a module-level re call looks its pattern up on every call.
#: the figures of a day, without its "st"/"nd"/"th"
_DAY_FIGURES = re.compile(r"\d+")


def _day(s: str) -> int:
    return int(_DAY_FIGURES.match(s).group(0))  # type: ignore[union-attr]


_REL = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier in the day": 0,
    "earlier today": 0,
    "later that day": 0,
    "earlier that day": 0,
    "on the same day": 0,
    "yesterday": -1,
    "the previous day": -1,
    "the day before": -1,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
}
_NUM = {"a": 1, "one": 1, "two": 2, "three": 3}


# Where a date expression can start: a digit, a capitalised word (month, weekday), or one
# of the relative words.  Matching DATE_RE only there is twice as fast as searching.
_DATE_START = re.compile(  # (?=[\dA-Za-z(]): what every alternative starts with, checked first
    r"(?=[\dA-Za-z(])(?=\b(?:\d|[A-Z][a-z]{2}|[A-Z]{3}|[Ee]arly|[Mm]id|[Ll]ate|the\s+(?:end|beginning|previous|next|following|day)|"
    r"(?:in|of|since|from|by|until|before|after)\s+\d|[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]his\s|[Ee]arlier|[Ll]ater|"
    r"[Oo]n\s+the|(?:a|one|two|three)\s+days?)|\()"
)


#: How a date expression that starts with a letter can begin (lower-cased): a month, a
#: weekday, a qualifier or a relative word.  The start finder also stops at every other
#: capitalised word ("Minister", "Beijing"), where DATE_RE is certain to fail; checking
#: these prefixes first spares most of those costly case-insensitive attempts.
_LETTER_STARTS = (
    *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    *("ear", "mid", "lat", "the", "in", "of", "sin", "fro", "by", "unt", "bef", "aft"),
    *("tod", "yes", "ton", "thi", "on", "a", "one", "two", "thr"),
)


#: What DATE_RE needs at a start that is a letter, case-insensitively: the first words of
#: each of its alternatives that can begin with a letter (a month or a weekday by its first
#: three letters, a qualifier before a month, a preposition before a year, a relative
#: phrase).  It only turns away positions where DATE_RE cannot match, and turns away most
#: of the capitalised words _DATE_START lets through ("Ambassador", "The", "After"), which
#: the three-letter _LETTER_STARTS cannot (every word in "A" passes "a" of "a day after").
_LETTER_DATE = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|early|mid|late|"
    r"the\s+(?:end|beginning|previous|next|following|day)|(?:in|of|since|from|by|until|before|after)\s+"
    r"(?:1[5-9]|20)\d\d|today|yesterday|tonight|this\s|earlier\s|later\s|on\s+the\s|(?:a|one|two|three)\s+day)"
)

#: The start points of _DATE_START where DATE_RE may match, found in one C-level scan, so
#: the Python loop below visits ~8 positions per article instead of ~80.  The lookahead only
#: drops positions where DATE_RE cannot match (every DATE_RE match starting with a letter
#: starts with _LETTER_DATE, case-insensitively), so the matches are the same; DATE_RE
#: itself runs once, in _date_matches, at each position left (it used to run here as a
#: further lookahead, and again there at each position that passed).  VERBOSE applies to
#: the whole pattern (_DATE_START has no blank or "#" for it to drop); IGNORECASE only to
#: the part that needs it.
_DATE_AT = re.compile(_DATE_START.pattern + "(?=(?i:[^a-z]|" + _LETTER_DATE + "))", re.VERBOSE)


#: A first test of a start for _DATE_AFTER, true wherever _DATE_AT holds and its first
#: character is in _DATE_AFTER's class: cheap to fail, where _DATE_AT spends thousands of
#: instructions turning away "the", "of", "in" and "Minister" (half the cost of finding
#: dates).  It is what _DATE_AT requires, read by first character so that ``re`` rejects a
#: word by comparing one character per branch: a digit, "(" or any non-ASCII character
#: (a digit of another script) passes; a lower-case letter must start one of the
#: lower-case forms of _DATE_START (case-sensitive there, so copied exactly); an upper-case
#: letter must start one of the _LETTER_DATE words, compared case-insensitively as
#: _DATE_AT does, cut short after their first letters or first word.  It only turns away
#: positions _DATE_AT turns away; _DATE_AT still decides at every position it lets through
#: (tests/test_convert_speedpaths.py compares the starts with and without it).
_DATE_MAYBE = (
    r"(?=t(?:he\s+(?:end|beginning|previous|next|following|day)|o(?:day|night)|his\s|wo\s+day|hree\s+day)|"
    r"a(?:fter\s+\d|\s+day)|o(?:f\s+\d|n\s+the|ne\s+day)|in\s+\d|since\s+\d|b(?:y|efore)\s+\d|from\s+\d|"
    r"earl|mid|late|until\s+\d|yesterday|"
    r"[(0-9\x80-\U0010ffff]|"
    r"T(?i:ue|hu|he\s|his\s|hree\s|oday|onight|wo\s)|A(?i:pr|ug|fter\s|\s)|S(?i:ep|at|un|ince\s)|"
    r"M(?i:ar|ay|on|id)|J(?i:an|u[nl])|F(?i:eb|ri|rom\s)|O(?i:ct|f\s|ne?\s)|N(?i:ov)|D(?i:ec)|W(?i:ed)|"
    r"E(?i:arl)|L(?i:ate)|I(?i:n\s)|B(?i:y\s|efore\s)|U(?i:ntil\s)|Y(?i:esterday))"
)

#: _DATE_AT found through the character before each position.  A pattern that starts with
#: a character class lets ``re`` skip ahead to such a character instead of trying the
#: lookaheads at every letter of every word.  The class is written with ASCII ranges
#: (every character but an ASCII letter, digit or "_"), which ``re`` tests with a bitmap
#: where ``\W`` asks Unicode's tables at every character; the lookbehind then keeps only
#: ``\W`` (a non-ASCII letter fails it), after _DATE_MAYBE, so it runs only where a date
#: may start.  It misses only the very start of the text and a "(" right after a word
#: character, which _date_starts tries one by one (tests/test_extract_speed.py checks both
#: give the same).  The class after it is what both lookaheads of _DATE_AT allow as a first
#: character (a digit, "(", a first letter of _LETTER_DATE that _DATE_START lets start in
#: that case).
_DATE_AFTER = re.compile(
    r"[^0-9A-Za-z_]" + _DATE_MAYBE + r"(?<=\W)(?=[\d(ABDEFIJLMNOSTUWYabefilmostuy])(?=" + _DATE_AT.pattern + ")",
    _DATE_AT.flags,
)
_WORD_CHAR = re.compile(r"\w")


def _date_starts(text: str) -> list[int]:
    """The positions where _DATE_AT matches, in order: every start of a DATE_RE match that
    _DATE_START allows, and some where DATE_RE fails."""
    starts = [m.start() + 1 for m in _DATE_AFTER.finditer(text)]
    extra = [0] if _DATE_AT.match(text) else []
    k = text.find("(", 1)
    while k >= 0:
        if _WORD_CHAR.match(text, k - 1) and _DATE_AT.match(text, k):
            extra.append(k)
        k = text.find("(", k + 1)
    return sorted(starts + extra) if extra else starts


def _date_matches(text: str) -> list[re.Match[str]]:
    out = []
    pos = 0
    for start in _date_starts(text):
        if start < pos:
            continue
        first = text[start]
        if first.isascii() and first.isalpha() and not text[start : start + 3].lower().startswith(_LETTER_STARTS):
            continue
        m = DATE_RE.match(text, start)
        if m:
            out.append(m)
            pos = m.end()
    return out


# The patterns of find_dates(), compiled once: a module-level re call looks its pattern up on every call.
#: a day in figures after "May"/"Mar" ("May 5"): the month, not the verb or the name
_DAY_IN_FIGURES = re.compile(r"\d")
#: "in", "since", "by", "early" ... right before a bare "May": the month, not the verb or the name
_PREPOSITION_BEFORE_MONTH = re.compile(r"\b(?:in|since|until|by|early|late|mid)\s+$")
#: whitespace runs, folded to one space to look a relative date up in _REL
_WHITESPACE_RUN = re.compile(r"\s+")


def find_dates(text: str) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _date_matches(text):
        g = m.groupdict()
        s, e, t = m.start(), m.end(), m.group(0)
        try:
            if g["iso"]:
                out.append(DateMention(s, e, "day", int(g["iy"]), int(g["im"]), int(g["id"]), text=t))
            elif g["num"]:
                d, mo = int(g["nd"]), int(g["nm"])
                if mo > 12 and d <= 12:
                    d, mo = mo, d
                out.append(DateMention(s, e, "day", int(g["ny"]), mo, d, text=t))
            elif g["mdy"]:
                if g["a_m"].rstrip(".") in {"May", "Mar"} and not g["a_y"] and not _DAY_IN_FIGURES.match(g["a_d"]):
                    continue
                y = int(g["a_y"]) if g["a_y"] else None
                out.append(DateMention(s, e, "day", y, _month(g["a_m"]), _day(g["a_d"]), text=t))
            elif g["dmy"]:
                y = int(g["b_y"]) if g["b_y"] else None
                out.append(DateMention(s, e, "day", y, _month(g["b_m"]), _day(g["b_d"]), text=t))
            elif g["my"]:
                mon = g["c_m"]
                if mon.rstrip(".") in {"May", "Mar"} and not g["c_y"] and not g["c_q"]:
                    # "May" is also a verb and a name: only "in May", "May 2020".
                    if not _PREPOSITION_BEFORE_MONTH.search(text[max(0, s - 8) : s]):
                        continue
                if (
                    mon.rstrip(".")
                    in {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
                    and not g["c_y"]
                ):
                    continue  # bare abbreviations are too often something else
                y = int(g["c_y"]) if g["c_y"] else None
                out.append(DateMention(s, e, "month", y, _month(mon), text=t))
            elif g["year"]:
                y = int(g["y_y"] or g["y_y2"] or g["y_y3"])
                out.append(DateMention(s, e, "year", y, text=t))
            elif g["wd"]:
                out.append(DateMention(s, e, "weekday", day=WEEKDAYS[g["w"].lower()], text=t))
            elif g["rel"]:
                key = _WHITESPACE_RUN.sub(" ", t.lower())
                if key in _REL:
                    off = _REL[key]
                else:
                    n, _, rest = key.partition(" ")
                    # "a day after <X>" puts X a day earlier; "a day later" puts the event a day later.
                    off = _NUM.get(n, 1) * (1 if ("before" in rest or "later" in rest) else -1)
                out.append(DateMention(s, e, "relative", offset=off, text=t))
        except (KeyError, ValueError):
            continue
    return out


def safe_date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# The patterns of parse_iso(), compiled once: a module-level re call looks its pattern up on every call.
#: YYYY-MM-DD at the start of the value (a timestamp's time is ignored)
_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = _ISO_DAY.match(value)
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def resolve(mention: DateMention, anchor: dt.date | None, year: int | None) -> dt.date | None:
    """The calendar day a mention names, or None when the text does not fix one."""
    if mention.kind == "day":
        return safe_date(mention.year or year, mention.month, mention.day)
    if mention.kind == "weekday" and anchor is not None and mention.day is not None:
        back = (anchor.weekday() - mention.day) % 7
        return anchor - dt.timedelta(days=back)
    if mention.kind == "relative" and anchor is not None:
        return anchor + dt.timedelta(days=mention.offset)
    return None


def partial(mention: DateMention, year: int | None) -> str | None:
    """YYYY-MM-DD, YYYY-MM or YYYY for agreement dates."""
    if mention.kind == "day":
        d = safe_date(mention.year or year, mention.month, mention.day)
        return d.isoformat() if d else None
    if mention.kind == "month" and mention.year:
        return f"{mention.year:04d}-{mention.month:02d}"
    if mention.kind == "year" and mention.year:
        return f"{mention.year:04d}"
    return None


DATELINE_RE = re.compile(
    rf"""^[ \t]*(?P<place>[A-Z][^\n,(/–—:]{{1,40}}?(?:,\s*(?!{_MON}\b)[A-Z][\w .'’-]{{1,30}}?)?)
    (?:,\s*(?P<date>(?:{_MON}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MON})(?:,?\s+{_YEAR})?))?
    \s*(?:\((?P<agency>[^)\n]{{2,40}})\)|/(?P<agency2>[^/\n]{{2,20}})/\.?|,\s*(?P<agency3>[A-Z]{{2,6}}|[A-Z][a-z]+\s?[A-Z]*)(?=\s*[-–—]))?
    (?:\s*(?:--|—|–|-(?=\s)|:(?=\s))|(?<=[A-Za-z]/\.)|(?<=[A-Za-z]/))\s*""",
    re.VERBOSE | re.MULTILINE,
)
#: DATELINE_RE tried at line starts only (regex_speed.LineStartScan)
_DATELINE_SCAN = LineStartScan(DATELINE_RE)


@dataclass(frozen=True)
class Dateline:
    place: str
    start: int
    end: int
    date: DateMention | None


# The patterns of find_dateline(), compiled once: a module-level re call looks its pattern up on every call.
#: an upper-case place alone on its line right before a long lead paragraph
_PLACE_LINE_BEFORE_LEAD = LineStartScan(
    re.compile(r"^[ \t]*([A-Z][A-Z .'’-]{2,30})[ \t]*\n\s*\n?([A-Z][^\n]{80,})", re.MULTILINE)
)
#: ", AP" after the place: an agency code, not part of the place
_AGENCY_CODE_AFTER_PLACE = re.compile(r",\s*[A-Z]{2,6}$")
#: "said", "the", "is" ... in a mixed-case "place": the start of a sentence, not a dateline
_SENTENCE_WORD = re.compile(r"\b(?:said|says|is|was|the|of|and|will)\b")


def find_dateline(text: str, limit: int = 3000) -> Dateline | None:
    """The "BEIJING, May 13 (Xinhua) --" opening of a wire story, if there is one."""
    for m in _DATELINE_SCAN.finditer(text[:limit]):
        place = m.group("place").strip()
        if place.upper() in {"URL", "SOURCE", "EDITOR", "BY", "PHOTO", "UPDATED", "PUBLISHED"}:
            continue
        words = place.split()
        sep = text[m.start() : m.end()].rstrip()[-1:]
        rest = text[m.end() :].split("\n", 1)[0]
        if "|" in place or len(words) > 6 or len(rest) < 60:
            continue
        if not (
            m.group("date")
            or m.group("agency")
            or m.group("agency2")
            or m.group("agency3")
            or place.isupper()
            or (sep in "–—-" and len(rest) >= 100 and len(words) <= 4)
        ):
            continue
        place = _AGENCY_CODE_AFTER_PLACE.sub("", place)
        if _SENTENCE_WORD.search(place) and not place.isupper():
            continue
        date = None
        if m.group("date"):
            ds = find_dates(m.group("date"))
            date = ds[0] if ds else None
            if date is not None:
                off = m.start("date")
                date = DateMention(
                    off + date.start,
                    off + date.end,
                    date.kind,
                    date.year,
                    date.month,
                    date.day,
                    text=date.text,
                )
        return Dateline(place, m.start("place"), m.end(), date)
    # A place alone on its line right before the lead ("ISTANBUL\n\nRussia and Ukraine ...").
    m2 = _PLACE_LINE_BEFORE_LEAD.search(text[:limit])
    if m2 and len(m2.group(1).split()) <= 3:
        return Dateline(m2.group(1).strip(), m2.start(1), m2.end(1), None)
    return None
