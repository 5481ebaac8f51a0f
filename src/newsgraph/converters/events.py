# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Diplomatic events: triggers, modality, participants, dates and in-document coreference.

Each sentence is cut into clauses at subordinators ("when", "where", "after", "; "),
so that "X was signed 56 years after A and B signed Y in Paris on Jan. 22, 1963"
gives two signings with their own participants and dates.  A trigger is a verb or
noun pattern per event type (CAMEO 040-057 cues).  A trigger is dropped when its
clause says the event is planned, hoped for or did not happen ("is due to meet",
"accepted an invitation to visit", "will be held", "did not travel").  Definite
noun mentions ("the summit", "those talks") never create an event; they add their
participants to the event they refer to.  Events of one type whose participants,
places and dates agree are merged, so a headline, a caption and the lead that
report one meeting give one event, dated by the most explicit date among them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import dates as datex
from .entities import Person, _tail_start
from .gazetteer import UPPER, Hit
from .model import EventX, Span
from .regex_speed import AnchoredScan, LeadScan, casefold_word_start, lead_words, word_start_prefix
from .sentences import sentence_spans

if TYPE_CHECKING:
    from .extract import Context

CAMEO = {
    "Meeting": "040",
    "Talks": "040",
    "Summit": "040",
    "PhoneCall": "041",
    "Visit": "042",
    "Signing": "057",
    "Statement": "010",
    "Event": "050",
}

_CAP = rf"[{UPPER}]"
# (type, pattern, words): every match of the pattern holds one of the words (case as written)
# and the pattern is skipped on a text that holds none, which saves most of the ~25 scans
# of a typical article; () means the pattern is always scanned.  A new pattern needs its
# words: tests/test_extract_speed.py checks them against every match in the corpora.
_TRIGGERS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "PhoneCall",
        r"\b(?:spoke|speaks|talked|talks|held\s+(?:a\s+)?(?:phone|telephone)\s+(?:call|talks|conversation)s?|"
        r"had\s+a\s+(?:phone|telephone)\s+(?:call|conversation)|met|held\s+(?:a\s+)?(?:meeting|discussions?))\b(?=[^.;]{0,60}?\b(?:by|on|over|via)\s+(?:the\s+)?"
        r"(?:(?:tele)?phone\b|video(?:\s*-?\s*link|\s*(?:tele)?conferenc\w*|\s+call)?\b))",
        ("phone", "video"),
    ),
    ("PhoneCall", r"\b(?:phoned|telephoned|rang)\b", ("phoned", "rang")),
    (
        "PhoneCall",
        r"\b(?:(?:a|an|their|the|his|her)\s+)?(?:phone|telephone|video)\s+(?:call|conversation|talks)\b",
        ("phone", "video"),
    ),
    (
        # "held a Foreign Ministers' Video Teleconference Meeting with", "a virtual meeting"
        "PhoneCall",
        r"\b(?:[Vv]ideo\s*-?\s*(?:[Tt]ele)?[Cc]onferenc(?:e|ing)(?:\s+(?:[Mm]eeting|[Tt]alks|[Cc]all))?|"
        r"[Vv]irtual\s+(?:[Mm]eeting|[Tt]alks|[Cc]onversation)|[Vv]ideo\s+[Mm]eeting)\b",
        ("ideo", "irtual"),
    ),
    (
        "Statement",
        r"\b(?:issued|adopted|released|issue|adopt|release)\s+(?:a|an|the)\s+(?:\w+\s+){0,3}?(?i:joint\s+)?"
        r"(?i:statement|declaration|communiqu[ée])\b(?<!following statement)",
        ("issue", "adopt", "release"),
    ),
    (
        # "adopted a Shared Vision for ...", "adopted three documents": a text agreed by the leaders
        "Statement",
        r"\badopted\s+(?:a|an|the|two|three|four|five|several|\d+)\s+(?:[\w-]+\s+){0,3}?"
        r"(?:[Vv]ision|documents|[Rr]oadmap|[Aa]ction\s+[Pp]lan|[Pp]rinciples)\b",
        ("adopted",),
    ),
    (
        "Statement",
        r"\b(?:joint|trilateral|ministerial|leaders'?|final)\s+(?:joint\s+)?(?:statement|declaration|communiqu[ée])\s*"
        r"(?:,\s*\"[^\"]+\",\s*)?(?:that\s+was\s+|which\s+was\s+|was\s+)?(?:issued|adopted|released)\b",
        ("issued", "adopted", "released"),
    ),
    (
        "Signing",
        r"\b(?:signed|signs|sign|signing|inked|inks|put\s+their\s+names\s+to|initialled)\b(?!\s+up\b)",
        ("sign", "ink", "put", "initialled"),
    ),
    (
        "Signing",
        r"\b(?:were|was|have\s+been|had\s+been)\s+exchanged\b|\bexchanged\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:documents|instruments|"
        r"memorand\w+|MoUs?|agreements|notes)\b",
        ("exchanged",),
    ),
    ("Summit", r"\b(?i:summit\s+meeting)\b", ()),
    ("Summit", r"\b(?:summit|Summit)s?\b", ("summit", "Summit")),
    ("Talks", r"\b(?:held|hold|holds|holding|conducted)\s+(?:[\w-]+\s+){0,3}?talks\b", ("talks",)),
    ("Talks", r"\b[Tt]alks\s+(?:between|with|hosted|in|at|on\s+the\s+sidelines)\b", ("talks", "Talks")),
    ("Talks", r"\btalks\s+(?:that|which)\s+(?:[\w-]+\s+){1,4}?(?:held|had|hold)\b", ("talks",)),
    ("Talks", r"\b(?:[Tt]he|those|these|their|that)\s+(?:\w+\s+)?talks\b", ("talks",)),
    ("Meeting", r"\b(?:met|meets|meet|meeting)\b(?:\s+with)?", ("met", "meet")),
    (
        # the passive: "On Wednesday, A was received by B", "A and B were joined by C"
        "Meeting",
        r"\b(?:was|were|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?(?:received|hosted|welcomed|greeted|joined)\s+by\b",
        ("received", "hosted", "welcomed", "greeted", "joined"),
    ),
    (
        "Meeting",
        r"\b(?:received|receives|hosted|hosts)\s+(?=(?:[A-Z]|the\s+visiting|the\s+(?:two|three|four|five)\s+(?:[\w-]+\s+)?(?:leaders|ministers|presidents|premiers|delegations|envoys|counterparts)\b|each\s+(?:of\s+the\s+)?(?:leader|president|prime\s+minister|minister|visitor|guest|head)|his\s+\w+\s+counterpart|(?:at|in)\s+[^;,\n]{0,60}?\b(?:President|Prime\s+Minister|King|Emir|Sheikh|Crown\s+Prince|Chancellor|Premier|Minister|Secretary)\b))",
        ("receive", "host"),
    ),
    ("Meeting", r"\b(?:called|calls)\s+on\s+(?=(?:the\s+)?(?:visiting\s+)?[A-Z])", ("call",)),
    ("Meeting", r"\b(?:Leaders['’]?\s+)?[Rr]etreat\b", ("etreat",)),
    (
        "Visit",
        r"\b(?:state|official|working|first|historic|surprise|two-day|three-day|four-day|five-day|brief)?\s*visits?\b|"
        r"\b(?:State|Official|Working)\s+Visits?\b",
        ("visit", "Visit"),
    ),
    ("Visit", r"\bvisit(?:ed|ing|s)?\s+(?=[A-Z])", ("visit",)),
    ("Visit", r"\b(?:arrived|arrives|landed|lands)\s+(?:in|at)\b", ("arrive", "land")),
    (
        # a visit told as the time spent there: "spent Sunday in Tashkent", "spent two days in Lima"
        "Visit",
        r"\bspent\s+(?:the\s+(?:day|weekend|night|morning|afternoon|evening)|"
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening))?|"
        r"(?:two|three|four|five|several|\d)\s+days|[0-3]?\d\s+[A-Z][a-z]+|[A-Z][a-z]+\s+[0-3]?\d)\s+in\s+(?=[A-Z])",
        ("spent",),
    ),
    (
        "Visit",
        r"\b(?:travel(?:l)?ed|flew|sailed|came|went|travels|comes|(?:had|has|have)\s+(?:\w+\s+)?come)\s+(?:\w+\s+)?to\s+(?=[A-Z])",
        ("travel", "flew", "sailed", "came", "went", "comes", "come"),
    ),
    (
        "Visit",
        r"\b(?:made|makes|make)\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:stop|stopover)\b|\bstopover\b",
        ("stop",),
    ),
    ("Visit", r"\bcrossed\s+(?:the\s+border\s+)?(?:in)?to\s+(?=[A-Z])", ("crossed",)),
    ("Visit", r"\b(?:trip|journey|tour)\s+to\s+(?=[A-Z])", ("trip", "journey", "tour")),
    (
        "Visit",
        r"\battended\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?(?:conference|forum|celebrations?)\b",
        ("attended",),
    ),
    (
        "Event",
        r"\bconferred\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:Order|Medal|Prize|award|honour|honor|decoration)\b",
        ("conferred",),
    ),
]
#: Patterns that start with an optional word or a run of spaces, which ``re`` must try at
#: every position: they are searched only near their anchors (see regex_speed.AnchoredScan).
#: Keyed by how the pattern begins: (anchors, most whitespace runs a match has before one).
_ANCHORS: dict[str, tuple[tuple[str, ...] | re.Pattern[str], int]] = {
    r"\b(?:state|official|": (("visit", "Visit"), 1),  # "state visit", " visit", "State Visit"
    r"\b(?:(?:a|an|their|the|his|her)\s+)?(?:phone|": (("phone", "video"), 1),  # "a telephone call"
    r"\b(?:[Tt]he|those|": (("talks",), 2),  # "those talks", "the bilateral talks"
    r"\b(?:Leaders": (("etreat",), 1),  # "Leaders' Retreat", "retreat"
}
#: Patterns whose matches hold one of a few words at a fixed distance from their start,
#: tried only there (regex_speed.LeadScan): (words, offset).  Case is ignored in
#: "summit meeting", but nothing other than "m" and "M" matches an "m" then.
_AT_OFFSET: dict[str, tuple[tuple[str, ...], int]] = {
    r"\b(?i:summit\s+meeting)": (("mm", "mM", "Mm", "MM"), 2),
    r"\b(?:[Vv]ideo": (("ideo", "irtual"), 1),  # "[Vv]ideo ...|[Vv]irtual ..."
    r"\b[Tt]alks\s": (("alks",), 1),  # "talks between", "Talks between" at a sentence's start
}


def _scanner(pattern: str) -> re.Pattern[str] | AnchoredScan | LeadScan:
    """The pattern compiled in a form that scans fast and matches the same (see
    regex_speed): near its anchors, at its words, or from its first letters."""
    for begins, (anchors, runs) in _ANCHORS.items():
        if pattern.startswith(begins):
            return AnchoredScan(re.compile(pattern), anchors, runs)
    for begins, (words, offset) in _AT_OFFSET.items():
        if pattern.startswith(begins):
            return LeadScan(re.compile(pattern), words, offset)
    heads = lead_words(pattern)
    if heads is not None:  # "\b(?:met|meets|meet|meeting)": found by its words
        return LeadScan(re.compile(pattern), heads)
    return re.compile(word_start_prefix(pattern))


_TRIGGER_RE = [(t, _scanner(p), words) for t, p, words in _TRIGGERS]

#: Where a clause ends: ", when", "; ", " after the", " following his", ": ".  The plain form
#: is in tests/test_extract_speed.py; this one consumes the first character (a comma,
#: semicolon, colon or space) before its alternatives, so that ``re`` scans fast to the
#: next such character, and each alternative checks with a lookbehind which one it was.
_CLAUSE = re.compile(
    r"[,;:\s](?:(?<=,)\s+(?=(?:when|where|while|after|before|during\s+which|following|but|as)\b)|"
    r"(?<=;)\s+|(?<=\s)\s*(?=(?:after|before|when|while|until|since)\s+(?:[A-Z]|the\b|he\b|she\b|it\b|they\b|his\b|her\b|"
    r"its\b|their\b|a\b|an\b|months\b|weeks\b|years\b))|(?<=\s)\s*(?=following\s+(?:the|his|her|their)\b)|(?<=:)\s+(?=[A-Z]))"
)
_RELATIVE = re.compile(r",\s+(?=(?:who|whose|which)\b)")
#: Modals and plans that make a trigger future or hypothetical, as one alternation:
_FUTURE_WORDS = (
    r"will|would|shall|'ll|is\s+to|are\s+to|was\s+to|were\s+to|to\s+be\s+(?:held|signed)|scheduled|due\s+to|"
    r"expected|plans?\s+to|planned|planning|intends?\s+to|intended|set\s+to|going\s+to|about\s+to|invitation\s+to|"
    r"invited\s+(?:[\w'’.-]+\s+){0,4}?to|ready\s+to|willing\s+to|agreed\s+to|aims?\s+to|hopes?\s+to|wants?\s+to|seeks?\s+to|(?-i:may)|might|"
    r"could|should|can|must|next(?!\s+(?:day|morning|afternoon|evening)\b)|upcoming|proposed|prepare\s+to|preparing\s+to|would-be|possible|potential|"
    r"future|calls?\s+for|called\s+for|urged|urges|asked\s+to|if|look(?:s|ed|ing)?\s+forward\s+to"
)
#: ... and the same words grouped by first letter, keeping their order within each group
#: (words with different first letters cannot match at one place, so the matches are the
#: same): case-insensitive, the flat list was tried word by word at every word start of
#: the text before each trigger, and this was ~40% of _is_future's time.
#: tests/test_extract_speed.py checks that both find the same matches.
_FUTURE_GROUPED = (
    r"w(?:ill|ould|as\s+to|ere\s+to|illing\s+to|ants?\s+to|ould-be)|s(?:hall|cheduled|et\s+to|eeks?\s+to|hould)|'ll|"
    r"i(?:s\s+to|ntends?\s+to|ntended|nvitation\s+to|nvited\s+(?:[\w'’.-]+\s+){0,4}?to|f)|a(?:re\s+to|bout\s+to|greed\s+to|ims?\s+to|sked\s+to)|"
    r"to\s+be\s+(?:held|signed)|due\s+to|expected|"
    r"p(?:lans?\s+to|lanned|lanning|roposed|repare\s+to|reparing\s+to|ossible|otential)|going\s+to|ready\s+to|"
    r"hopes?\s+to|(?-i:may)|m(?:ight|ust)|c(?:ould|an|alls?\s+for|alled\s+for)|next(?!\s+(?:day|morning|afternoon|evening)\b)|u(?:pcoming|rged|rges)|future|"
    r"look(?:s|ed|ing)?\s+forward\s+to"
)
_FUTURE = re.compile(  # (?=[a-z']): what every alternative starts with, checked first
    rf"(?=[a-z'])\b(?:{_FUTURE_GROUPED})\b",
    re.I,
)
# The case-insensitive patterns below are written plainly (the *_PLAIN sources, to be
# read with re.I) and compiled in casefold_word_start's form, which matches the same but
# lets ``re`` skip to their first letters (see regex_speed; tests/test_extract_speed.py).
_LOOK_FORWARD_PLAIN = r"\blook(?:s|ed|ing)?\s+forward\s+to\b"
_LOOK_FORWARD = re.compile(casefold_word_start(_LOOK_FORWARD_PLAIN))
_NEG_PLAIN = (
    r"\b(?:not|never|n't|no|without|failed\s+to|refused\s+to|declined\s+to|cancel(?:l)?ed|postponed|"
    r"called\s+off|instead\s+of|rather\s+than)\s+(?:\w+\s+){0,2}$"
)
_NEG = re.compile(casefold_word_start(_NEG_PLAIN))
_FUT_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,3}?(?:(?:will|is|are|was|were)\s+(?:to\s+be|expected|scheduled|due|set|"
    r"planned|likely)|will\s+(?:be\s+held|be\s+hosted|take\s+place|convene)|"
    r"(?:opens|begins|starts|convenes|kicks\s+off)\s+(?:on\s+\w+day|next|later|tomorrow|this\s+(?:week|month))|to\s+be\s+(?:held|hosted|signed)|expected\s+(?:in|on|to|later|next)|"
    r"planned\s+for|scheduled\s+for|due\s+(?:in|on|to|later|next)|later\s+this|next\s+(?:week|month|year))",
    re.I,
)
_DEF_NOUN_PLAIN = (
    r"\b(?:the|those|these|this|that|their|its|his|her)\s+(?:(?!(?:of|on|in|at|for|by|to|with|from|"
    r"followed|after|before)\b)[\w'’]+[- ]){0,2}$"
)
_DEF_NOUN = re.compile(casefold_word_start(_DEF_NOUN_PLAIN))
_PLURAL_REF_PLAIN = (
    r"\b(?:the|both|all)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(?:[A-Z][\w-]+\s+){0,2}(?:leaders|presidents|"
    r"premiers|prime\s+ministers|heads\s+of\s+state|heads\s+of\s+government|men|women|sides|ministers|"
    r"foreign\s+ministers|chancellors|statesmen|counterparts)\b|\b(?:They|they)\b|\b(?:in|In)\s+their\s+presence\b|"
    r"\beach\s+(?:of\s+the\s+)?(?:leader|president|prime\s+minister|minister|visitor|guest|head)s?\b"
)
_PLURAL_REF = re.compile(casefold_word_start(_PLURAL_REF_PLAIN))
#: a plural reference right before a comma: the antecedent of "..., who"
_PLURAL_BEFORE_COMMA = re.compile(r"(?:" + _PLURAL_REF.pattern + r")\s*,\s*$")
_SIDES_PLAIN = r"\b(?:the|both)\s+(?:two\s+)?(?:sides|countries|governments|nations|states|neighbours|neighbors)\b"
_SIDES = re.compile(casefold_word_start(_SIDES_PLAIN))
# _DEF_TITLE, _TWO_TITLES (and _LOC_AT below) run over the clause of every trigger; written
# by word_start_prefix to begin with their first letters, so that re skips ahead to them
# instead of entering the matcher at every character for the leading \b
_DEF_TITLE_PLAIN = (
    r"\b(?:the|The)\s+((?:Prime\s+Minister|President|Chancellor|Premier|King|Queen|Emir|Amir|"
    r"Crown\s+Prince|Foreign\s+Minister|Secretary-General|Federal\s+Chancellor|Secretary|Sultan|Minister))\b(?!\s+(?:of|[A-Z]))"
)
_DEF_TITLE = re.compile(word_start_prefix(_DEF_TITLE_PLAIN))
_TWO_TITLES_PLAIN = (
    r"\b(?:the|The|both|Both)\s+two\s+((?:[Pp]rime\s+[Mm]inister|[Pp]resident|[Ff]oreign\s+[Mm]inister|[Cc]hancellor|"
    r"[Pp]remier|[Kk]ing|[Ss]ecretar(?:y|ie)|[Mm]inister)s)\b"
)
_TWO_TITLES = re.compile(word_start_prefix(_TWO_TITLES_PLAIN))
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er)\b")
_SUBJECT_PRONOUN = re.compile(
    r"\b(?:[Hh]e|[Ss]he)\s+(?:(?:also|later|then|first|again|briefly|separately)\s+)?$"
)


@dataclass
class Ev:
    type: str
    start: int
    end: int
    clause: tuple[tuple[int, int], ...]
    sent: int
    participants: list[Person] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    location: str | None = None
    date: dt.date | None = None
    strength: int = 0  #: 3 explicit day, 2 relative, 1 inherited, 0 none
    historic: bool = False  #: a month or year alone places it: not the story's day
    hist_key: tuple[int | None, int | None] | None = None
    definite: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    plural_ref: bool = False
    sides_ref: bool = False
    airport: bool = False
    relative: bool = False  #: told in a relative clause ("Xi, who arrived on Sunday, ..."): dates itself only
    distributive: bool = False
    #: a definite mention inside "after/before/following the talks": it names the event
    #: another one is timed by, and reports nothing of its own
    temporal_ref: str = ""  #: its first word, lower-cased: "after", "before", "during" ...
    #: the span of that mention, on the event of the same sentence that it times
    ref_span: tuple[int, int] | None = None
    co_subjects: bool = False  #: a visit whose coordinated subjects each travelled  #: "separate talks with each of", "on state visits": one event per person
    #: a past signing told in a participle after its document ("the X Treaty, signed in P on
    #: 2 November 2010 by A and B"): its own event, which neither joins nor dates the story's
    background: bool = False
    separate: bool = False  #: "In a separate ceremony, ministers signed": not the signing told before
    visitor_ref: bool = False  #: "the visiting president" names the visitor of the visit told


Clause = tuple[tuple[int, int], ...]


def _clauses(text: str, s: int, e: int) -> list[Clause]:
    """Clauses of a sentence as tuples of ranges; a relative clause (", who ...,") is cut out
    of the clause it interrupts, which then has two ranges."""
    cuts = [s]
    for m in _CLAUSE.finditer(text, s, e):
        if m.start() > cuts[-1] + 3:
            cuts.append(
                m.end()
                if text[m.start()] in ",;:"
                else m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            )
    cuts.append(e)
    out: list[Clause] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a:
            continue
        rm = _RELATIVE.search(text, a, b)
        if rm is None:
            out.append(((a, b),))
            continue
        rel_end = text.find(", ", rm.end(), b)
        rel_end = b if rel_end < 0 else rel_end
        main = ((a, rm.start()),) + (((rel_end, b),) if rel_end < b else ())
        out.append(main)
        out.append(((rm.end(), rel_end),))
    return out


def _in(clause: Clause, pos: int) -> bool:
    return any(a <= pos < b for a, b in clause)


def _ctext(text: str, clause: Clause) -> str:
    return " ".join(text[a:b] for a, b in clause)


# The patterns of _is_future()'s rules (compiled once: a module-level re call looks its pattern up on every call).
#: "to" (and an adverb) right before the trigger: "agreed to visit"
_TO_BEFORE = re.compile(r"\bto\s+(?:\w+ly\s+)?$")
#: a trigger that can be a bare infinitive after "to"
_BARE_VERB = re.compile(r"(?:meet|visit|sign|hold|travel|attend|call|speak|come|go|"
    r"make|receive|host|adopt|issue)\b")
#: "the first/last/only/second/third ... to" before the trigger: past, not planned
_ORDINAL_TO = re.compile(r"\b(?:first|last|only|second|third)\s+(?:\w+\s+){0,4}to\s+$")
#: "the first/last/only ... to" before an infinitive trigger
_FIRST_LAST_ONLY_TO = re.compile(r"\b(?:first|last|only)\s+(?:\w+\s+){0,4}to\s+$")
#: a signing told as another ceremony than the one before
_SEPARATE_CEREMONY = re.compile(r"\b[Ii]n\s+a\s+separate\s+(?:ceremony|event|signing)\b")
#: "the visiting president", "the visiting Serenian leader": the visitor of the visit told
_VISITING_TITLE = re.compile(
    r"\b[Tt]he\s+visiting\s+(?:[A-Z][\w-]+\s+)?(?:[Pp]resident|[Pp]rime\s+[Mm]inister|[Cc]hancellor|[Pp]remier|[Kk]ing|[Qq]ueen|"
    r"[EeAa]mir|[Ss]ultan|[Ff]oreign\s+[Mm]inister|[Mm]inister|leader|head\s+of\s+state|guest|dignitary)\b"
)
#: "the first/last/only ..." right before a noun trigger
_FIRST_LAST_ONLY = re.compile(r"\b(?:first|last|only)\s+(?:\w+\s+){0,3}$")
#: a trigger that is a finite past verb
_FINITE_PAST = re.compile(r"^(?:signed|met|held|visited|arrived|spoke|received|issued|adopted|exchanged)\b")
#: "and"/"but" a few words before the trigger: a clause of its own
_NEW_CLAUSE_AFTER_MODAL = re.compile(r"\b(?:and|but)\s+(?:\w+\s+){0,3}$")


#: verbs of a trip in the present simple of a timetable ("travels to Kyiv on Monday")
_TIMETABLE_TRIP = "travels|arrives|lands|flies|heads|comes|visits"
#: a trigger in the present simple of a timetable ("travels", "arrives", "meets")
_PRESENT_SIMPLE = re.compile(r"(?:" + _TIMETABLE_TRIP + r"|meets|holds)\b")
#: ... followed in its clause by the day it is set for
_SCHEDULED_DAY = re.compile(
    r"[^.;\n]{0,60}?\b(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|tomorrow|"
    r"next\s+(?:week|month)|later\s+this\s+(?:week|month))\b"
)


#: "(that|which) the two governments plan to hold": the noun before is what they plan
_PLANNED_RELATIVE = re.compile(
    r"\W{0,3}(?:(?:that|which)\s+)?(?:[\w'’-]+\s+){0,4}?(?:plans?|intends?|hopes?|aims?|wants?|agreed|are\s+set|is\s+set)"
    r"\s+to\s+(?:hold|host|convene|organi[sz]e|stage|make|pay)\b",
    re.I,
)
_TIMETABLE_FOR = re.compile(
    r"\b(?:" + _TIMETABLE_TRIP + r")\b" + _SCHEDULED_DAY.pattern + r"[^.;\n]{0,30}?\bfor\s+(?:[\w-]+\s+){0,2}$"
)


#: "after"/"following" right before a noun trigger: the event came before the main verb's
_AFTER_NOUN_BEFORE = re.compile(r"\b(?:after|following)\s+(?:[\w'’-]+\s+){0,2}$")


def _is_future(text: str, clause_start: int, trig_start: int, trig_end: int, kind: str) -> bool:
    pre = text[max(clause_start, trig_start - 90) : trig_start]
    trig = text[trig_start:trig_end]
    if _LOOK_FORWARD.search(text, clause_start, trig_start):
        return True  # "looked forward to welcoming the leaders ... for the summit"
    if _NEG.search(pre, _tail_start(pre, 4)):  # a match spans at most four chunks at the end
        return True
    matches = list(_FUTURE.finditer(pre))
    m = matches[-1] if matches else None
    if m is not None:
        # "among the first to sign", "the last ... to visit" are past, not planned
        if m.group(0)[:6].lower() == "agreed" and kind == "noun" and _AFTER_NOUN_BEFORE.search(pre):
            pass  # "agreed to end the dispute after talks hosted by X": the talks led to the agreement
        elif not _ORDINAL_TO.search(pre):
            between = pre[m.end() :]
            # a modal two clauses back does not govern a finite past verb ("said it would ..., and they signed")
            if not (
                _FINITE_PAST.match(trig)
                and _NEW_CLAUSE_AFTER_MODAL.search(between)
                and "," in between
            ):
                return True
    if _TO_BEFORE.search(pre) and _BARE_VERB.match(trig):
        if not _FIRST_LAST_ONLY_TO.search(pre):
            return True
    post = text[trig_end : trig_end + 60]
    if (
        kind in {"noun", "def"}
        and _FUT_AFTER.match(post)
        and not _FIRST_LAST_ONLY.search(pre)
    ):
        return True
    if kind == "verb" and _PRESENT_SIMPLE.match(trig) and _SCHEDULED_DAY.match(text, trig_end):
        return True  # "The chancellor travels to Kyiv on Monday": the present of a timetable
    if kind in {"noun", "def"} and _PLANNED_RELATIVE.match(post):
        return True  # "a summit the two sides plan to hold in Baku": the summit is a plan
    if kind == "noun" and _TIMETABLE_FOR.search(pre):
        return True  # "... travels to Kyiv on Monday for talks": the talks are as planned as the trip
    return False


# The patterns of _kind(), compiled once: a module-level re call looks its pattern up on every call.
#: a trigger that is a noun (phrase), not a verb
_NOUN_TRIGGER = re.compile(
    r"^(?:summit|visit|visits|meeting|talks|retreat|call|conversation|trip|journey|tour|stopover|.*\svisits?|"
    r"(?:phone|telephone|video)\s+(?:call|conversation|talks)|video|virtual)")
#: a trigger that opens with a determiner: "those talks"
_DEFINITE_START = re.compile(r"(?:[Tt]he|those|these|their|that)\s")
#: an ordinal before the noun: "the third summit" is not a reference back
_ORDINAL_BEFORE = re.compile(r"\b(?:first|last|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,3}$")


#: "witnessed the signing": the leaders watched a signing the text reports here
_WITNESSED_BEFORE = re.compile(
    r"\b(?:witnessed|witness|witnessing|oversaw|watched|presided\s+over)\s+(?:the|a)\s+$", re.I
)


#: "was the first", "marks his second", "is Xi's first": a copula before an ordinal
#: characterises an event the text has told, it does not report another
_COPULA_ORDINAL_BEFORE = re.compile(
    r"\b(?:is|was|marks|marked|marking|becomes|became|being)\s+(?:the|his|her|its|their|[A-Z][\w-]+['’]s)\s+"
    r"(?:first|second|third|fourth|fifth|last|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,3}$"
)


def _kind(ev_type: str, text: str, s: int, e: int) -> str:
    t = text[s:e].lower()
    s += len(t) - len(t.lstrip())  # " visit" (the space the adjective-less form takes): "the" is before
    before = text[max(0, s - 40) : s]
    if ev_type in {"Summit", "Visit", "Meeting", "Talks", "PhoneCall"} and _NOUN_TRIGGER.match(t.strip()):
        if ev_type == "Talks" and _DEFINITE_START.match(t):
            return "def"
        if _DEF_NOUN.search(before) and not _ORDINAL_BEFORE.search(before):
            return "def"
        if _COPULA_ORDINAL_BEFORE.search(before):
            return "def"  # "It was the first visit by ... in seven years": said of a visit told already
        return "noun"
    if ev_type == "Signing" and t == "signing":
        if _WITNESSED_BEFORE.search(before):
            return "noun"  # "the two leaders witnessed the signing of ...": a report, not a reference
        return "def" if _DEF_NOUN.search(before) else "noun"
    if ev_type == "Talks" and _DEFINITE_START.match(t):
        return "def"
    return "verb"


def find_events(ctx: Context) -> list[EventX]:
    text = ctx.text
    sents = [(s, e) for s, e in sentence_spans(text) if not _masked(ctx, s)]
    ctx.extra["sentences"] = sents
    raw: list[Ev] = []
    # every trigger pattern runs once over the text; earlier patterns win overlaps
    taken: list[tuple[int, int, str]] = []
    occupied: set[int] = set()
    scans: list[tuple[str, re.Pattern[str] | AnchoredScan | LeadScan, tuple[str, ...]]] = [
        ("Attend", _ATTEND_SCAN, _ATTEND_WORDS),
        ("Repeat", _AS_DID, ("did",)),
        *_TRIGGER_RE,
    ]
    for ev_type, pat, words in scans:
        if words and not any(map(text.__contains__, words)):
            continue  # no match is possible: each match holds one of the words
        for m in pat.finditer(text):
            if m.end() == m.start() or not occupied.isdisjoint(range(m.start(), m.end())):
                continue
            taken.append((m.start(), m.end(), ev_type))
            occupied.update(range(m.start(), m.end()))
    taken.sort()
    starts = [t[0] for t in taken]
    ctx.extra["dates"] = dates = datex.find_dates(text)
    ctx.extra["date_starts"] = [d.start for d in dates]  # ascending: dates come in text order
    for si, (ss, se) in enumerate(sents):
        lo, hi = bisect.bisect_left(starts, ss), bisect.bisect_left(starts, se)
        if lo == hi:
            continue  # no trigger starts in the sentence: no clause of it holds one to build
        for ts, te, ev_type in taken[lo:hi]:
            if ev_type == "Signing" and text.startswith("signed", ts):
                _note_background(ctx, ts, te, se)
        clauses = _clauses(text, ss, se)
        per_clause: list[tuple[Clause, list[tuple[int, int, str]]]] = []
        in_sentence = taken[lo:hi]
        for clause in clauses:
            found = [t for t in in_sentence if _in(clause, t[0]) and t[1] <= clause[-1][1] + 1]
            per_clause.append((clause, found))
        for ci, (clause, found) in enumerate(per_clause):
            for ts, te, ev_type in found:
                ev = _build(ctx, ev_type, ts, te, clause, (ss, se), si, found, per_clause, ci)
                if ev is not None:
                    raw.append(ev)
    _link_temporal_refs(raw)
    events = _fold_nameless_visits(_fold_headline(ctx, _merge(ctx, raw)))
    _add_visitors(events)
    _refer_dates(events, overwrite=False)
    _inherit_dates(ctx, events)
    _refer_dates(events, overwrite=True)
    events = _distribute(ctx, events)
    return [_to_x(ctx, e) for e in events if _keep(e) and not _after_story(ctx, e)]


#: "A travelled to X, as did B": B did what the clause before reports
_AS_DID = re.compile(r"(?<=,\s)as\s+did\b")
_ATTEND = re.compile(
    r"\b(?:(?:were|was)\s+among\s+the\s+witnesses|among\s+the\s+witnesses\s+were|witnessed\s+by|"
    r"(?:ceremony|signing|summit|meeting|talks)\s+(?:was|were)\s+(?:also\s+)?attended\s+by|attended\s+the\s+"
    r"(?:ceremony|signing|summit|meeting|event)|also\s+took\s+part\s+in\s+the\s+(?:summit|meeting|talks|ceremony)|"
    r"(?:in\s+the\s+presence\s+of|looking\s+on|standing\s+beside\s+them|sat\s+in\s+on|Attending\s+the\s+"
    r"(?:summit|meeting|ceremony|talks)\s+were|took\s+part\s+in\s+the\s+talks))\b"
)
#: one of these is in every match of _ATTEND (see _TRIGGERS)
_ATTEND_WORDS = ("witness", "attended", "took", "presence", "looking", "standing", "sat", "Attending")
#: "were among the witnesses": at most three whitespace runs before one of the words
_ATTEND_SCAN = AnchoredScan(_ATTEND, _ATTEND_WORDS, 3)
#: and a match of this (a fast scan: no leading \b) is inside every match of _ATTEND
_ATTEND_GATE = re.compile(
    r"witness|attended\s+(?:by|the)|took\s+part|presence\s+of|looking\s+on|standing\s+beside|sat\s+in\s+on|"
    r"Attending\s+the"
)


def _link_temporal_refs(raw: list[Ev]) -> None:
    """Each event of a sentence that holds "after/before the <event>" is timed by that
    event: "After the talks, the two leaders issued a joint statement" happened on the
    day of the talks, not on the day the paragraph last named."""
    refs = [r for r in raw if r.temporal_ref]
    if not refs:
        return
    for ev in raw:
        if ev.temporal_ref or ev.type == "Attend":
            continue
        near = [r for r in refs if r.sent == ev.sent]
        if near:
            ref = min(near, key=lambda r: abs(r.start - ev.start))
            ev.ref_span = (ref.start, ref.end)


def _refer_dates(events: list[Ev], overwrite: bool) -> None:
    """An event with no date of its own that is timed by another ("after the talks")
    takes the date of the event that mention was merged into.  Run before dates are
    inherited (so the paragraph's day does not win), and after (the event referred to
    may itself have inherited its day); the second pass overwrites only inherited days."""
    for ev in events:
        if ev.ref_span is None or ev.historic or (ev.strength > 1 or ev.strength < 0):
            continue
        if ev.strength == 1 and not overwrite:
            continue
        target = next((t for t in events if t is not ev and ev.ref_span in t.mentions), None)
        if target is None or target.strength < 0:
            continue
        if target.historic:
            ev.date, ev.strength, ev.historic, ev.hist_key = None, 1, True, target.hist_key
        elif target.date is not None:
            ev.date, ev.strength = target.date, 1


def _masked(ctx: Context, pos: int) -> bool:
    return any(a <= pos < b for a, b in ctx.masked)


class _ByPosition:
    """Item indices sorted by a position, so that the items inside a clause are found by
    bisection; testing every person, country and organisation mention against every
    clause was a quarter of the time spent building events."""

    def __init__(self, pairs: list[tuple[int, int]]) -> None:  # (position, item index)
        pairs = sorted(pairs)
        self._keys = [pos for pos, _ in pairs]
        self._items = [i for _, i in pairs]

    def inside(self, clause: Clause) -> list[int]:
        """Indices, in item order, of the items with a position in one of the clause's ranges."""
        found: set[int] = set()
        keys = self._keys
        for a, b in clause:
            found.update(self._items[bisect.bisect_left(keys, a) : bisect.bisect_left(keys, b)])
        return sorted(found)


@dataclass
class _Index:
    persons: _ByPosition  #: by every mention start
    free_countries: list[Hit]  #: country mentions outside organisation names, in text order
    countries: _ByPosition  #: free_countries by start
    orgs: _ByPosition  #: ctx.org_hits by start


def _index(ctx: Context) -> _Index:
    """The position indexes of a document, made on first use (the mentions do not change
    while events are read)."""
    idx = ctx.extra.get("position_index")
    if not isinstance(idx, _Index):
        free = [h for h in ctx.countries if not _inside_org(ctx, h.start)]
        idx = _Index(
            _ByPosition([(s, i) for i, p in enumerate(ctx.persons) for s, _ in p.mentions]),
            free,
            _ByPosition([(h.start, i) for i, h in enumerate(free)]),
            _ByPosition([(o.start, i) for i, o in enumerate(ctx.org_hits)]),
        )
        ctx.extra["position_index"] = idx
    return idx


def _persons_in(ctx: Context, clause: Clause) -> list[Person]:
    """The persons named in the clause, outside the phrase of a document's past signing
    ("..., signed in 2010 by A and B"), whose signatories are that signing's alone."""
    persons = ctx.persons
    return [persons[i] for i in _index(ctx).persons.inside(_outside_background(ctx, clause))]


# The patterns of _build()'s rules, in the order the rules apply them (compiled once: a
# module-level re call looks its pattern up on every call).
#: "meet the press/demand/targets": not a meeting
_MEET_A_DEMAND = re.compile(r"\s*(?:the\s+)?(?:press|reporters|journalists|media|demand|"
    r"needs?|targets?|expectations|criteria|deadline)\b")
#: a subject right before a bare "meet"
_SUBJECT_BEFORE_MEET = re.compile(r"\b(?:[A-Z][\w-]+|they|leaders|presidents|ministers)\s+$")
#: "called on ... to <verb>": an appeal
_CALLED_ON_TO = re.compile(r"\s*(?:the\s+)?(?:[\w'-]+\s+){0,8}?to\s+\w+")
#: "called on X at the palace": a courtesy call, not an appeal
_CALLED_ON_AT = re.compile(r"[^.,;]{0,40}\b(?:at|in)\s+(?:the\s+)?[A-Z]")
#: "summit" in the clause of a "met": the meeting is a summit
_SUMMIT_IN_CLAUSE = re.compile(r"\bsummit\b", re.I)
#: "met ahead of the summit": a meeting of its own before the summit, not the summit
_BEFORE_A_SUMMIT = re.compile(
    r"\b(?:ahead\s+of|before|in\s+the\s+run-up\s+to|on\s+the\s+eve\s+of|prepare|preparing|to\s+prepare\s+for)\s+(?:the|a|an|this|next)\s+"
    r"(?:[\w'’-]+\s+){0,4}summit\b",
    re.I,
)
#: "summit meeting" anywhere in the clause
_SUMMIT_MEETING = re.compile(r"summit\s+meeting", re.I)
#: a preposition before "retreat": "at the presidential retreat" is a place
_PLACE_BEFORE_RETREAT = re.compile(r"\b(?:at|to|near|from|in)\s+(?:the\s+|a\s+)?(?:[\w.'’-]+\s+){0,3}$")
#: "for a ..." right before "summit"
_FOR_A_BEFORE = re.compile(r"\bfor\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}$")
#: a travel verb before it: "came to Islamabad for a summit"
_TRAVEL_VERB = re.compile(r"\b(?:came|come|travel\w*|flew|arrived|went|was\s+in|were\s+in)\b")
#: "summit meeting" as the trigger: a Meeting
_SUMMIT_MEETING_LOWER = re.compile(r"summit\s+meeting")
#: "summit mechanism/format/declaration...": the summit only qualifies a noun
_SUMMIT_AS_MODIFIER = re.compile(r"\s*(?:mechanism|format|process|declaration|documents?|outcomes?)\b", re.I)
#: "Declaration of the ... Summit": a summit named in a document title
_DOCUMENT_TITLE_BEFORE = re.compile(r"\b(?:Declaration|Statement|Communiqu\w+)\s+of\s+the\s+(?:[\w-]+\s+){0,4}$")
#: "After the talks, ...", "following their meeting", "ahead of the signing": the
#: definite noun that follows names the event a neighbouring one is timed by
_TEMPORAL_REF = re.compile(
    r"\b(?:(after|following|before|ahead\s+of|during|at\s+the\s+(?:end|close|conclusion)\s+of|"
    r"in\s+the\s+wake\s+of|on\s+the\s+sidelines\s+of)\s+"
    r"(?:(?:the|their|these|those|this|that|his|her)\s+(?:[\w'’-]+\s+){0,2})?|"
    r"(at|in)\s+(?:the|their|these|those|this|that)\s+(?:[\w'’-]+\s+){0,2})$",
    re.I,
)
#: "the visiting": who, not what
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|our|their)\s+$")
#: "welcomed ... visit": a reference to a visit told elsewhere
_WELCOMED_BEFORE = re.compile(r"\b(?:welcomed|welcome|hailed)\s+(?:\w+['’]s\s+)?(?:\w+\s+){0,2}$")
#: "Xi's visit": a reference to a visit told elsewhere
_POSSESSIVE_BEFORE = re.compile(r"[A-Z]\w+['’]s\s+(?:\w+\s+)?$")
#: "leaders' visit", "exchange of visits": not one event
_VISIT_MODIFIER_BEFORE = re.compile(r"\b(?:leaders['’]?|ministerial|reciprocal|exchange\s+of)\s+$", re.I)
#: "came to power/terms/an agreement...": no travel
_CAME_TO_IDIOM = re.compile(
    r"\s*(?:power|office|terms|an?\s+agreement|the\s+conclusion|light|mind|a\s+halt|an\s+end)"
)
#: "signing on", "signing up": no signing of a document
_SIGNING_ON_OR_UP = re.compile(r"\s+(?:of\s+)?(?:on|up)\b")
#: "a sign", "no sign", "every sign": the noun "sign"
_A_SIGN_BEFORE = re.compile(r"\b(?:a|an|the|no|any|every|clear|strong|positive|good|first)\s+$", re.I)
#: "sign of": the noun
_OF_AFTER = re.compile(r"\s+of\b")
#: "summit" right before "talks": the summit carries the event
_SUMMIT_WORD_BEFORE = re.compile(r"\bsummit\s+$", re.I)
#: "talks" as a call only when a phone or a video link follows
_PHONE_OR_VIDEO = re.compile(r"phone|video")
#: "talks ... between/with/of/by": the participants are named after the noun
_PARTICIPANTS_FOLLOW = re.compile(r"(?:\s+\w+){0,3}\s+(?:between|with|of|by|among)\b")
#: a support verb before a noun trigger ("held ... talks"): the clause speaks for it
_SUPPORT_VERB_BEFORE = re.compile(
    r"\b(?:held|hold|had|chaired|co-chaired|attended|hosted|opened|paid|pays|paying|undertook|undertaking|began|begins|"
    r"concluded|concludes|(?:is|are|was|were)\s+(?:currently\s+|now\s+)?on)\s+(?:[\w'-]+\s+){0,6}$")
#: a noun trigger fronted in its clause: "In talks at ...", "During his visit to ..."
_FRONTED_PP = re.compile(r"\s*(?:In|During|At|Over)(?:\s+[\w'’-]+){0,3}\s*$")
#: the passive meeting trigger: "was received by", "were joined by"
_PASSIVE_MEETING = re.compile(r"(?:was|were|has|have|had)\s")
#: "by/of/with/greet/welcome/meet ... X": X receives the visitor
_HOST_BEFORE = re.compile(r"\b(?:by|of|with|greet|welcome|meet|met)\s+(?:[\w.'-]+\s+){0,6}$")
#: "visit ... by": the visitor is named after the noun
_BY_AFTER_TRIGGER = re.compile(r"\bby\s")
#: a host's "by" ("was received by X"): it names who welcomed the visitor, not who came
_HOST_BY_BEFORE = re.compile(r"\b(?:received|welcomed|greeted|hosted|met|invited|invitation)\s+(?:\w+\s+){0,3}$")


def _visit_by(text: str, ts: int, ce: int) -> bool:
    """Whether a "by" after the visit's trigger, in its clause, names its visitor ("a visit
    to Lima by X"), not the host who received the visitor ("arrived ... and was received
    by X") nor someone of the next sentence ("... were followed by the signing")."""
    return any(
        not _HOST_BY_BEFORE.search(text, max(0, m.start() - 30), m.start())
        for m in _BY_AFTER_TRIGGER.finditer(text, ts, min(ts + 200, ce))
    )
#: a clause opening with "who"/"whose": a relative clause
_RELATIVE_PRONOUN = re.compile(r"(?:who|whose)\b")
#: an object pronoun after "met": the person named before
_HIM_OR_HER = re.compile(r"\b(?:him|her)\b")
#: "met him": the participant is a person named before
_HIM_OR_HER_AFTER = re.compile(r"\s*(?:him|her)\b")
#: whitespace runs, folded to one space
_WHITESPACE_RUN = re.compile(r"\s+")
#: "separately", "each of": one event per counterpart
_SEPARATE_OR_EACH = re.compile(r"\bseparate(?:ly)?\b|\beach\s+of\b")
#: "visits" in the plural
_VISITS_PLURAL = re.compile(r"visits$")
#: "on (state) visits": one visit per visitor
_ON_BEFORE = re.compile(r"\bon\s+(?:\w+\s+)?$")
#: an airport welcome: the meeting is part of the visit
_AIRPORT_WELCOME = re.compile(r"\b(?:on|upon)\s+(?:his|her|their)?\s*arrival\b|\bat\s+the\s+airport\b|"
    r"\btarmac\b", re.I)


def _build(
    ctx: Context,
    ev_type: str,
    ts: int,
    te: int,
    clause: Clause,
    sent: tuple[int, int],
    si: int,
    found: list[tuple[int, int, str]],
    per_clause: list[tuple[Clause, list[tuple[int, int, str]]]],
    ci: int,
) -> Ev | None:
    text = ctx.text
    cs = next(a for a, b in clause if a <= ts < b)
    ce = clause[-1][1]
    trig = text[ts:te]
    if ev_type == "Attend":
        ev = Ev("Attend", ts, te, clause, si, definite=True)
        ev.participants = _persons_in(ctx, clause)
        ev.mentions.append((ts, te))
        return ev
    if ev_type == "Repeat":
        if ci == 0:
            return None
        before_found = [f for f in per_clause[ci - 1][1] if f[2] not in {"Attend", "Repeat"}]
        if not before_found:
            return None
        pts, pte, ev_type = before_found[-1]
        if _kind(ev_type, text, pts, pte) != "verb" or _is_future(
            text, per_clause[ci - 1][0][0][0], pts, pte, "verb"
        ):
            return None
        kind = "verb"
    else:
        kind = _kind(ev_type, text, ts, te)
    if ev_type == "Signing" and ctx.extra.get("backgrounds"):
        bg = next((b for b in _backgrounds(ctx) if b.start == ts), None)
        if bg is not None:
            return _background_event(ctx, bg, te, si)
    if _is_future(text, cs, ts, te, kind):
        return None
    low = trig.lower()
    after = text[te : te + 80]
    before = text[max(cs, ts - 60) : ts]
    clause_text = _ctext(text, clause)
    # --- type refinements
    if ev_type == "Meeting":
        if low.startswith(("meet", "met")) and _MEET_A_DEMAND.match(after):
            return None
        if (
            _PASSIVE_MEETING.match(low)
            and not _person_before(ctx, clause, ts)
            and not _PRONOUN.search(text[cs:ts])
            and not _PLURAL_REF.search(text[cs:ts])
        ):
            return None  # "the plan was welcomed by X": a thing, not a visitor, was received
        if (
            low.startswith("meet")
            and low.rstrip() in {"meet", "meet with"}
            and not _SUBJECT_BEFORE_MEET.search(before)
        ):
            return None
        if (
            low.startswith(("called", "calls"))
            and _CALLED_ON_TO.match(after)
            and not _CALLED_ON_AT.match(after)
        ):
            return None  # "called on the two sides to step up cooperation" is an appeal
        if (
            _SUMMIT_IN_CLAUSE.search(clause_text)
            and not _SUMMIT_MEETING.search(clause_text)
            and low.startswith(("met", "meet"))
            and not _summit_ahead(clause_text)
        ):
            ev_type = "Summit"
    if (
        ev_type == "Meeting"
        and low.endswith("retreat")
        and not low.startswith("leader")
        and _PLACE_BEFORE_RETREAT.search(before)
    ):
        return None  # "at the presidential retreat": a place
    if ev_type == "Summit":
        if _FOR_A_BEFORE.search(before) and _TRAVEL_VERB.search(text[cs:ts]):
            return None  # "came to Islamabad for a summit": the visit carries it
        if _SUMMIT_MEETING_LOWER.match(low):
            ev_type = "Meeting"
        if _SUMMIT_AS_MODIFIER.match(after):
            return None
        if _DOCUMENT_TITLE_BEFORE.search(before):
            return None  # the summit named in a document title
    if ev_type == "Visit":
        if low.strip() == "visiting" and _DETERMINER_BEFORE.search(before):
            return None  # "called on the visiting Prime Minister": who, not what
        if _WELCOMED_BEFORE.search(before) or _POSSESSIVE_BEFORE.search(before):
            kind = "def"
        if low.strip() in {"visit", "visits"} and _VISIT_MODIFIER_BEFORE.search(before):
            return None
        if low.startswith(("came", "comes", "went", "travel", "flew", "sailed")) and _CAME_TO_IDIOM.match(after):
            return None
    if ev_type == "Signing":
        if low == "signing" and _SIGNING_ON_OR_UP.match(after):
            return None
        if low == "sign" and (_A_SIGN_BEFORE.search(before) or _OF_AFTER.match(after)):
            return None  # "a sign of our friendship": the noun, not the verb
    if ev_type == "Talks" and _SUMMIT_WORD_BEFORE.search(text[max(0, ts - 8) : ts]):
        return None  # "held summit talks": the summit carries it
    if (
        ev_type == "PhoneCall"
        and low.startswith(("talks", "talked"))
        and not _PHONE_OR_VIDEO.search(after)
    ):
        return None
    ev = Ev(ev_type, ts, te, clause, si, definite=(kind == "def"))
    ev.mentions.append((ts, te))
    if kind == "def":
        tm = _TEMPORAL_REF.search(text[max(0, ts - 40) : ts])
        if tm is not None:
            ev.temporal_ref = (tm.group(1) or tm.group(2)).lower()
    # --- participants
    setting_visit = False
    if kind in {"noun", "def"} and ev_type in {"Visit", "Summit", "Meeting", "PhoneCall", "Talks"}:
        # a noun mention speaks only for its own phrase: "... , the first trip to Cuba by a president"
        lo = max(cs, text.rfind(",", cs, ts) + 1)
        hi = text.find(",", te, ce)
        hi = ce if hi < 0 else hi
        # a visit's, up to a signing it names: "the visit culminated in the signing of X by A and B"
        if ev_type == "Visit":
            hi = min([hi, *(f[0] for f in found if te <= f[0] < hi and f[2] == "Signing")])
            # ... and begin after the event told before it: "A and B signed X on the last day of the visit"
            lo = max([lo, *(f[1] for f in found if lo <= f[1] <= ts and f[2] not in {"Attend", "Repeat", "Visit"})])
        window: Clause = ((lo, hi),)
        if ev_type != "Visit" and _PARTICIPANTS_FOLLOW.match(text[te : te + 30]):
            window = clause
        if (
            ev_type == "Visit"
            and kind == "def"
            and _FRONTED_PP.match(text[cs:ts])
            and any(f[0] >= te and f[2] not in {"Attend", "Repeat"} for f in found)
        ):
            # "During the visit, A and B signed": the clause's subject is the signing's, the
            # host among them; the visit referred to is the one told before, with its visitor
            setting_visit = True
        elif _SUPPORT_VERB_BEFORE.search(text[cs:ts]) or _FRONTED_PP.match(text[cs:ts]):
            window = clause  # "In talks at the palace, A and B agreed": the clause's subject took part
    else:
        window = clause
    ev.participants = _persons_in(ctx, window)
    if kind == "def" and ev.participants and _SPEECH_VERB.search(text, window[0][0], window[-1][1]):
        # "the visit showed a thaw, analyst X said": the speaker remarks on it, did not take part
        ev.participants = [p for p in ev.participants if not _speaker(ctx, p, window)]
    if ev_type == "Visit":
        hosts = {
            id(p)
            for p in ev.participants
            if any(
                _in(window, s)
                and _HOST_BEFORE.search(text[max(0, s - 60) : s])
                and s > ts
                for s, _ in p.mentions
            )
        }
        ev.participants = [
            p for p in ev.participants if id(p) not in hosts or _visit_by(text, ts, ce)
        ]
    rel = next(((a, b) for a, b in clause if a == cs and _RELATIVE_PRONOUN.match(text[a : a + 6])), None)
    ev.relative = rel is not None
    antecedent_plural = rel is not None and _PLURAL_BEFORE_COMMA.search(text[max(0, cs - 80) : cs])
    if antecedent_plural:
        ev.plural_ref = True  # "the five presidents, who are in China on state visits"
    elif rel is not None:
        # "Rahmon, who came to China": the relative pronoun stands for the name before the comma
        ev.participants = [
            p for p in _recent_person(ctx, cs - 2, None) if p not in ev.participants
        ] + ev.participants
    if (
        not ev.participants
        and _PRONOUN.search(text[cs:ts])
        or (not ev.participants and _HIM_OR_HER_AFTER.match(after))
    ):
        ev.participants = _recent_person(ctx, ts, clause)
        if not ev.participants and setting_visit:
            # "During his visit to Orvano, Verlan and Marrow signed" as a lead: the first named
            ev.participants = _persons_in(ctx, clause)[:1]
    elif ev.participants and kind == "verb" and _SUBJECT_PRONOUN.search(text[cs:ts]):
        # "..., where he met Prime Minister X": the subject is the person last named before the clause
        ev.participants = [
            p for p in _subject_person(ctx, sent[0], cs) if p not in ev.participants
        ] + ev.participants
    if ev_type == "Meeting" and _HIM_OR_HER.search(text[ts:ce]) and len(ev.participants) == 1:
        ev.participants += [p for p in _recent_person(ctx, cs, clause) if p not in ev.participants]
    if ev_type == "Visit" and kind == "def":
        # "During the visit, the two presidents signed": the plural is the signing's subject,
        # the host among them; the visit mentioned is the one told before, with its visitors
        lo = max(cs, text.rfind(",", cs, ts) + 1)
        hi = text.find(",", te, ce)
        ev.plural_ref = bool(_PLURAL_REF.search(text, lo, ce if hi < 0 else hi))
    elif _PLURAL_REF.search(clause_text) or not ev.participants and _PLURAL_REF.search(text[sent[0] : sent[1]]):
        ev.plural_ref = True
    # "the Prime Minister" when exactly one person in the article holds that title
    for m in _DEF_TITLE.finditer(clause_text):
        title = m.group(1).lower()
        holders = [
            p
            for p in ctx.persons
            if any(
                r.lower() == title
                or r.lower().endswith(" " + title)
                or r.lower().removeprefix("the ").startswith(title + " of ")  # "The Amir of Qatar"
                for r in p.roles
            )
        ]
        if len(holders) == 1 and holders[0] not in ev.participants:
            ev.participants.append(holders[0])
    # "the two Prime Ministers": the two persons who hold that title, when exactly two do
    for m in _TWO_TITLES.finditer(clause_text) if not (ev_type == "Visit" and kind == "def") else ():
        # ("During the visit, the two presidents signed": the host is one of them, not a visitor)
        title = _WHITESPACE_RUN.sub(" ", m.group(1)).lower()[:-1]
        holders = [
            p
            for p in ctx.persons
            if any(r.lower() == title or r.lower().endswith(" " + title) for r in p.roles)
        ]
        if len(holders) == 2:
            ev.participants.extend(p for p in holders if p not in ev.participants)
            ev.plural_ref = False
    if _SIDES.search(clause_text):
        ev.sides_ref = True
    if ev_type == "Signing" and "separate" in clause_text and _SEPARATE_CEREMONY.search(clause_text):
        ev.separate = True
    if ev_type != "Visit" and "visiting" in clause_text and _VISITING_TITLE.search(clause_text):
        ev.visitor_ref = True
    if ev_type in {"Talks", "Meeting", "PhoneCall"} and _SEPARATE_OR_EACH.search(clause_text):
        ev.distributive = True
    if (
        ev_type == "Visit"
        and _VISITS_PLURAL.search(trig.strip())
        and _ON_BEFORE.search(before)
    ):
        ev.distributive = True
    if (
        ev_type == "Visit"
        and kind == "verb"
        and len(ev.participants) >= 3
        and all(any(_in(clause, s) and s < ts for s, _ in p.mentions) for p in ev.participants)
    ):
        ev.distributive = ev.co_subjects = True  # "A, B and C travelled to X": a visit each
    # --- countries acting in the clause
    idx = _index(ctx)
    ev.countries.extend(idx.free_countries[i].key for i in idx.countries.inside(_outside_background(ctx, window)))
    ev.orgs = list(dict.fromkeys(ctx.org_hits[i].key for i in idx.orgs.inside(window)))
    # --- airport welcomes belong to the visit
    if ev_type == "Meeting" and _AIRPORT_WELCOME.search(text[sent[0] : sent[1]]):
        ev.type = "Visit"
        ev.airport = True
        # "He was received at the airport by X": X is the host, not a visitor; the visitor
        # is the subject, a pronoun for the person named before
        guests = [
            p
            for p in ev.participants
            if not any(
                _in(clause, s) and s > ts and _HOST_BEFORE.search(text[max(0, s - 60) : s]) for s, _ in p.mentions
            )
        ]
        if not guests and _PRONOUN.search(text[cs:ts]):
            guests = _recent_person(ctx, ts, clause)
        if guests:
            ev.participants = guests
    # --- date
    _date_for(ctx, ev, found, per_clause, ci)
    if ev_type == "Signing" and ev.historic and low.startswith("signed") and _document_before(ctx, ts):
        return None  # "the Partnership signed in London in January 2020": the document's history
    # --- location
    ev.location = _location(ctx, ev, cs, ce)
    return ev


#: a document's name or noun right before "signed": "the Treaty signed in ...", "the pact signed in 2019"
_DOCUMENT_BEFORE_SIGNED = re.compile(
    r"(?:\b[A-Z][\w'’-]*|\b(?:agreement|treaty|accord|pact|deal|memorandum|declaration|charter|partnership|"
    r"convention|protocol|roadmap|plan|documents?|MoUs?|agreements|treaties|accords)),?\s+$"
)


def _document_before(ctx: Context, pos: int) -> bool:
    """Whether "signed" at ``pos`` is a participle after a document ("the Accord signed in
    2019"), not a verb after its signatory (a person, country or organisation named there)."""
    before = ctx.text[max(0, pos - 60) : pos]
    if not _DOCUMENT_BEFORE_SIGNED.search(before):
        return False
    end = len(before.rstrip(" ,")) + max(0, pos - 60)
    if any(e == end for p in ctx.persons for _, e in p.mentions):
        return False
    last = before.rstrip(" ,").rsplit(None, 1)[-1]
    if any(last in p.name.split() or last in p.aliases for p in ctx.persons):
        return False  # "that Okafor and Lindqvist signed": a name the person rules did not mark here
    return not any(h.end == end for h in (*ctx.countries, *ctx.org_hits))


#: a document right before a participle "signed": "the Varn Treaties, signed", "the Agreement
#: on Trade and Transit, signed" (a tail after the noun needs the comma that closes the name)
_DOCUMENT_NOUN_BEFORE = re.compile(
    r"\b(?:agreements?|treat(?:y|ies)|accords?|pacts?|deals?|memorand(?:um|a)(?:\s+of\s+understanding)?|"
    r"declarations?|charters?|conventions?|protocols?|partnership|mous?|communiqu[ée]s?|documents?)"
    r"(?:\s+(?:of|on|for|between|with)\s+[^,;.()]{1,60}?,|\s*,?)\s+$",
    re.I,
)
#: a word after a comma that carries on a participle's adjuncts: "signed in Tarvik, on 2 May"
_ADJUNCT_AFTER_COMMA = re.compile(r"\s*(?:on|in|at|by)\s")
#: where the signatories of a participle are named: "signed ... by A and B"
_BY = re.compile(r"\bby\s")
#: how far before the page's day a signing is told as the document's history
_BACKGROUND_DAYS = 30


def _participle_end(ctx: Context, start: int, ce: int) -> int:
    """Where a participial phrase that opens at ``start`` ends: at the first comma (or
    semicolon) that is not in a date ("October 30, 2016"), not before another adjunct
    ("in Tarvik, on 2 May") and not inside a list of names or places."""
    text = ctx.text
    pos = start
    while True:
        comma = min((i for i in (text.find(",", pos, ce), text.find(";", pos, ce)) if i >= 0), default=-1)
        if comma < 0:
            return ce
        if text[comma] == ";":
            return comma
        nxt = comma + 1 + len(text[comma + 1 : comma + 4]) - len(text[comma + 1 : comma + 4].lstrip())
        in_date = any(d.start < comma < d.end for d in _dates_near(ctx, comma))
        named = any(s == nxt for p in ctx.persons for s, _ in p.mentions) or any(
            h.start == nxt for h in ctx.countries
        )
        if not (in_date or named or _ADJUNCT_AFTER_COMMA.match(text, comma + 1)):
            return comma
        pos = comma + 1


@dataclass(frozen=True)
class _Background:
    """A document's past signing told in a participle: "the Varn Treaties, signed in Tarvik
    on 2 November 2010 by A and B, ..." (``start``: "signed"; ``end``: the phrase's end)."""

    start: int
    end: int
    day: dt.date


def _backgrounds(ctx: Context) -> list[_Background]:
    found = ctx.extra.get("backgrounds")
    if not isinstance(found, list):
        found = ctx.extra["backgrounds"] = []
    return found


def _background_dates(ctx: Context) -> set[int]:
    """The starts of the days that date a document's past signing: no other event takes
    them, from its clause or from its paragraph."""
    found = ctx.extra.get("background_dates")
    if not isinstance(found, set):
        found = ctx.extra["background_dates"] = set()
    return found


def _dates_near(ctx: Context, pos: int) -> list[datex.DateMention]:
    """The date mentions that start within 30 characters before ``pos``."""
    all_dates: list[datex.DateMention] = ctx.extra["dates"]  # type: ignore[assignment]
    starts: list[int] = ctx.extra["date_starts"]  # type: ignore[assignment]
    return all_dates[bisect.bisect_left(starts, pos - 30) : bisect.bisect_left(starts, pos)]


def _note_background(ctx: Context, ts: int, te: int, se: int) -> None:
    """Record "signed" at ``ts`` as a document's past signing when it is a participle after
    a document ("the Varn Treaties, signed in Tarvik on 2 November 2010 by A and B, and
    agreed ...") whose phrase names a day well before the story's.  That phrase tells the
    document's past: its day, people and places are its own, not the sentence's event's
    nor the story's.  Read before the sentence's events are built, so that none of them
    takes what the phrase names."""
    text = ctx.text
    if not _DOCUMENT_NOUN_BEFORE.search(text, max(0, ts - 120), ts):
        return
    end = _participle_end(ctx, te, se)
    all_dates: list[datex.DateMention] = ctx.extra["dates"]  # type: ignore[assignment]
    starts: list[int] = ctx.extra["date_starts"]  # type: ignore[assignment]
    days = [d for d in all_dates[bisect.bisect_left(starts, te) : bisect.bisect_left(starts, end)] if d.kind == "day"]
    if not days or ctx.anchor is None and days[0].year is None:
        return
    day = datex.resolve(days[0], ctx.anchor, ctx.year)
    if day is None or ctx.anchor is not None and (ctx.anchor - day).days <= _BACKGROUND_DAYS:
        return  # a participle of the story's days tells the story's own signing
    _backgrounds(ctx).append(_Background(ts, end, day))
    _background_dates(ctx).update(d.start for d in days)


def _outside_background(ctx: Context, clause: Clause) -> Clause:
    """The clause without the phrases of documents' past signings."""
    spans = _backgrounds(ctx)
    if not spans:
        return clause
    out: list[tuple[int, int]] = []
    for a, b in clause:
        for bg in spans:
            if a < bg.end and bg.start < b:
                if a < bg.start:
                    out.append((a, bg.start))
                a = max(a, bg.end)
        if a < b:
            out.append((a, b))
    return tuple(out)


def _background_event(ctx: Context, bg: _Background, te: int, si: int) -> Ev | None:
    """The past signing a participle tells, with the signatories named after "by"; with
    none named there it is no event (the day is the agreement's alone)."""
    by = _BY.search(ctx.text, te, bg.end)
    if by is None:
        return None
    persons = ctx.persons
    idx = _index(ctx)
    participants = [persons[i] for i in idx.persons.inside(((by.end(), bg.end),))]
    if not participants:
        return None
    ev = Ev("Signing", bg.start, te, ((bg.start, bg.end),), si, date=bg.day, strength=3, background=True)
    ev.mentions.append((bg.start, te))
    ev.participants = participants
    ev.countries = [idx.free_countries[i].key for i in idx.countries.inside(ev.clause)]
    ev.location = _location(ctx, ev, bg.start, bg.end)
    return ev


#: a verb of saying, the mark of a remark
_SPEECH_VERB = re.compile(r"\b(?:said|says|told|added|noted|stressed|remarked|commented|wrote)\b")
#: "X said", "X, the spokesman, said" right after a name
_SPEECH_AFTER_NAME = re.compile(r"(?:\s*,[^,.;]{0,50},)?\s+(?:said|says|told|added|noted|stressed|remarked|commented|wrote)\b")
#: "said X", "told reporters Foreign Minister X" right before a name
_SPEECH_BEFORE_NAME = re.compile(r"\b(?:said|says|told|added|noted|stressed|remarked|commented|wrote)\s+(?:[\w'’-]+\s+){0,3}$")


def _speaker(ctx: Context, p: Person, window: Clause) -> bool:
    """Whether the person is named in the window only as the one who says something."""
    text = ctx.text
    inside = [(s, e) for s, e in p.mentions if _in(window, s)]
    return bool(inside) and all(
        _SPEECH_AFTER_NAME.match(text, e) or _SPEECH_BEFORE_NAME.search(text[max(0, s - 50) : s]) for s, e in inside
    )


def _summit_ahead(clause_text: str) -> bool:
    """Whether the summit a "met" clause names is still to come ("met ahead of the summit",
    "to prepare a summit that opens on Friday"): the meeting is then not that summit."""
    if _BEFORE_A_SUMMIT.search(clause_text):
        return True
    m = _SUMMIT_IN_CLAUSE.search(clause_text)
    return m is not None and _FUT_AFTER.match(clause_text[m.end() : m.end() + 60]) is not None


def _person_before(ctx: Context, clause: Clause, pos: int) -> bool:
    """Whether the clause names a person before ``pos`` (the subject of a passive verb)."""
    return any(_in(clause, s) and s < pos for p in _persons_in(ctx, clause) for s, _ in p.mentions)


def _inside_org(ctx: Context, pos: int) -> bool:
    return any(o.start <= pos < o.end for o in ctx.org_hits)


def _subject_person(ctx: Context, sent_start: int, pos: int) -> list[Person]:
    """The person a subject pronoun stands for: the first one named in its sentence before
    it, else the first one named in the sentence before (the topic, rarely the object)."""
    text = ctx.text
    prev_start = max(
        text.rfind(". ", 0, max(0, sent_start - 2)) + 2, text.rfind("\n", 0, max(0, sent_start - 1)) + 1
    )
    for lo, hi in ((sent_start, pos), (prev_start, sent_start)):
        best: tuple[int, Person] | None = None
        for p in ctx.persons:
            for s, _ in p.mentions:
                if lo <= s < hi and (best is None or s < best[0]):
                    best = (s, p)
        if best is not None:
            return [best[1]]
    return []


def _recent_person(ctx: Context, pos: int, exclude: Clause | None) -> list[Person]:
    best: tuple[int, Person] | None = None
    for p in ctx.persons:
        for s, _ in p.mentions:
            if s < pos and (exclude is None or not _in(exclude, s)) and (best is None or s > best[0]):
                best = (s, p)
    return [best[1]] if best else []


# The patterns of _usable_dates(), compiled once: a module-level re call looks its pattern up on every call.
#: a year alone dates an event only as "in 2001"/"since 2001"
_IN_OR_SINCE_YEAR = re.compile(r"(?:in|since)\s")


def _usable_dates(ctx: Context, clause: Clause, lo: int, hi: int) -> list[tuple[int, datex.DateMention]]:
    out = []
    all_dates: list[datex.DateMention] = ctx.extra["dates"]  # type: ignore[assignment]
    starts = ctx.extra.get("date_starts")
    if not isinstance(starts, list):
        starts = ctx.extra["date_starts"] = [d.start for d in all_dates]  # in text order, as found
    background = _background_dates(ctx)
    for cs, ce in clause:
        # the dates that start in the range, by bisection (a date starting at or after ce
        # cannot end by ce); then the same tests as over the whole list
        for d in all_dates[bisect.bisect_left(starts, cs) :]:
            if d.start >= ce:
                break
            if not (cs <= d.start and d.end <= ce):
                continue
            ds = d.start
            if d.kind == "year" and not _IN_OR_SINCE_YEAR.match(d.text):
                continue
            if _inside_org(ctx, ds) or ds < lo or ds >= hi or _in_dateline(ctx, ds):
                continue
            if background and ds in background:
                continue  # "the X Accords, signed in P on 4 March 2011": that document's day
            out.append((ds, d))
    return out


def _anchor_at(ctx: Context, pos: int) -> dt.date | None:
    """The day a weekday or "yesterday" at ``pos`` counts from.  A headline or standfirst
    above a dated dateline is the page's, written on its publication day; the story
    from the dateline on counts from the dateline's day ("ASTANA, June 3 -- ... on Monday")."""
    dl = ctx.dateline
    if dl is not None and dl.date is not None and pos < dl.start:
        published = datex.parse_iso(ctx.doc.published)
        if published is not None:
            return published
    return ctx.anchor


def _in_dateline(ctx: Context, pos: int) -> bool:
    """The date of a "CITY, May 12 (Agency) --" dateline is the day the story was filed,
    the anchor of its weekdays: it does not date the event of the sentence it opens
    ("..., May 12 (Agency) -- A met B on Thursday" happened on the Thursday)."""
    dl = ctx.dateline
    return dl is not None and dl.date is not None and dl.start <= pos < dl.end


# The patterns of _date_for(), compiled once: a module-level re call looks its pattern up on every call.
#: a clause opening with "when"/"as": it happened at the time just named
_WHEN_OR_AS = re.compile(r"(?:when|as)\b")
#: "a day after", "two days before" right before the clause
_DAYS_AFTER_BEFORE = re.compile(r"\b((?:a|one|two|three)\s+days?\s+(?:after|before))\s*(?:after|before)?\s*$")
#: a relative pronoun for a person: what follows it is told of that person
_WHO = re.compile(r"\bwho(?:m|se)?\b")
#: "a day" right before a clause cut at its "after"/"before": "The call came a day | after A and B met"
_DAYS_BEFORE_CUT = re.compile(r"\b((?:a|one|two|three)\s+days?)\s+$")
#: relative days told from the day the text last named, not from the page's day:
#: "On Friday A met B ... B had held talks with C earlier in the day", "The next day ..."
_ANAPHORIC_DAY = re.compile(
    r"(?i:later\s+that\s+day|earlier\s+(?:that|in\s+the)\s+day|on\s+the\s+same\s+day|"
    r"the\s+(?:previous|next|following)\s+day|(?:a|one|two|three)\s+days?\s+(?:later|earlier))$"
)


def _in_who_clause(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` is in a "who" clause opened after ``lo`` and not closed by a comma
    ("X, who came for the Games, at the Palace, Feb. 5": the caption's day is after it)."""
    ends = [m.end() for m in _WHO.finditer(text, lo, pos)]
    return bool(ends) and "," not in text[ends[-1] : pos]


def _date_for(
    ctx: Context,
    ev: Ev,
    found: list[tuple[int, int, str]],
    per_clause: list[tuple[Clause, list[tuple[int, int, str]]]],
    ci: int,
) -> None:
    text = ctx.text
    real = [f for f in found if f[2] != "Attend"]
    # a trigger owns the dates up to the next trigger in its clause
    nxt = min((s for s, _, _ in real if s > ev.start), default=10**9)
    prv = max((e for _, e, _ in real if e <= ev.start), default=-1)
    usable = _usable_dates(ctx, ev.clause, prv, nxt)
    if usable and usable[-1][0] > ev.end:
        # "... were joined by X, a former judge who was named on Monday": a day in the
        # "who" clause (up to its comma) dates what it tells of that person, not this event
        usable = [u for u in usable if u[0] < ev.end or not _in_who_clause(text, ev.end, u[0])]
    if (
        ci > 0
        and _WHEN_OR_AS.match(text[ev.clause[0][0] : ev.clause[0][0] + 5])
        and not [d for d in usable if d[1].kind != "relative"]
    ):
        # "... in June 1991, when X visited": the time just named is the time of the clause
        prev_dates = _usable_dates(ctx, per_clause[ci - 1][0], -1, 10**9)
        if prev_dates:
            usable = [prev_dates[-1]]
    if not usable:
        cs = ev.clause[0][0]
        pre = text[max(0, cs - 40) : cs + 7]
        m = _DAYS_AFTER_BEFORE.search(pre)
        if m:
            usable = [(cs, d) for d in datex.find_dates(m.group(1))]
        elif text.startswith(("after ", "before "), cs):
            # the clause was cut between "a day" and its "after": the phrase dates this clause
            m = _DAYS_BEFORE_CUT.search(text, max(0, cs - 20), cs)
            if m:
                word = "after" if text.startswith("after", cs) else "before"
                usable = [(cs, d) for d in datex.find_dates(f"{m.group(1)} {word}")]
    if not usable and ci > 0:
        # "... on Monday, when A and B signed": the clause before, if it reports nothing itself
        pclause, pfound = per_clause[ci - 1]
        if not [f for f in pfound if f[2] != "Attend"]:
            usable = _usable_dates(ctx, pclause, -1, 10**9)
    if not usable:
        return
    _, d = min(usable, key=lambda x: abs(x[0] - ev.start))
    if d.kind == "day":
        ev.date = datex.resolve(d, ctx.anchor, ctx.year)
        ev.strength = 3 if ev.date else -1
    elif d.kind in {"weekday", "relative"}:
        anchor = _anchor_at(ctx, d.start)
        if d.kind == "relative" and d.text and _ANAPHORIC_DAY.match(d.text):
            anchor = _day_named_before(ctx, d.start) or anchor
        ev.date = datex.resolve(d, anchor, ctx.year)
        ev.strength = 2 if ev.date else -1  # no dated page: the day is unknown, do not inherit one
    else:
        ev.historic = True
        ev.hist_key = (d.year, d.month)


def _day_named_before(ctx: Context, pos: int) -> dt.date | None:
    """The day the text names last before ``pos`` (a date, a weekday, "yesterday"), which
    "later that day" and "the next day" count from; None when the last time named is a
    month or a year, or none is."""
    all_dates: list[datex.DateMention] = ctx.extra["dates"]  # type: ignore[assignment]
    starts: list[int] = ctx.extra["date_starts"]  # type: ignore[assignment]
    shift = 0
    background = _background_dates(ctx)
    for i in range(bisect.bisect_left(starts, pos) - 1, -1, -1):
        d = all_dates[i]
        if _inside_org(ctx, d.start) or _in_dateline(ctx, d.start) or d.start in background:
            continue
        if d.kind == "relative" and _ANAPHORIC_DAY.match(d.text):
            shift += d.offset  # "the next day ... the following day": counted from the day before
            continue
        day = datex.resolve(d, _anchor_at(ctx, d.start), ctx.year)
        return day + dt.timedelta(days=shift) if day is not None else None
    return None


_LOC_AT_PLAIN = (
    rf"\b(?:at|in|on)\s+(?:the\s+)?((?:{_CAP}[\w'’\-]*\s+(?:(?:of\s+the|of|de|al|the)\s+)?){{0,5}}"
    rf"{_CAP}[\w'’\-]*)(?:,?\s+in\s+((?:{_CAP}[\w'’\-]*\s+){{0,2}}{_CAP}[\w'’\-]*))?"
)
_LOC_AT = re.compile(word_start_prefix(_LOC_AT_PLAIN))
_VENUE = re.compile(
    r"\b(?:Palace|House|Hall|Office|Centre|Center|Lawn|Castle|Residence|Villa|Pavilion|Hotel|"
    r"Building|Complex|Secretariat|Ministry|Headquarters|Kremlin|Élysée|Elysee|Chancellery|Qasr|"
    r"Nations|Stadium|Fort|Club|Garden|Gardens|Square|Tower)\b"
)


# The patterns of _location(), compiled once: a module-level re call looks its pattern up on every call.
#: capitalised words after "in"/"on" that are dates or determiners
_NOT_A_PLACE_NAME = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That)\b")


def _location(ctx: Context, ev: Ev, cs: int, ce: int) -> str | None:
    text = ctx.text
    seg = _ctext(text, ev.clause if ev.background else _outside_background(ctx, ev.clause))
    venue = None
    place = None
    for m in _LOC_AT.finditer(seg):
        name = m.group(1)
        if _NOT_A_PLACE_NAME.match(name):
            continue
        if any(name.startswith(p.name.split()[0]) for p in ctx.persons):
            continue
        if _VENUE.search(name) and venue is None:
            venue = name
            if m.group(2):
                place = m.group(2)
        elif place is None and m.group(0).lstrip().startswith(("in", "In")):
            place = name
    if ev.type == "Visit":
        mv = re.search(
            rf"\b(?:to|in|into)\s+((?:{_CAP}[\w'’\-]*\s+){{0,2}}{_CAP}[\w'’\-]*)", text[ev.start : ce]
        )
        if mv:
            return mv.group(1)
    if ev.type in {"PhoneCall", "Statement"} and not place and not venue:
        return None
    if venue and place:
        return f"{venue}, {place}"
    if venue:
        dl = ctx.dateline_place
        return f"{venue}, {dl}" if dl and dl not in venue else venue
    return place or ctx.dateline_place


_COMPAT = {
    "Meeting": {"Meeting", "Summit", "Talks"},
    "Summit": {"Summit", "Meeting"},
    "Talks": {"Talks", "Meeting", "Summit"},
    "PhoneCall": {"PhoneCall"},
    "Visit": {"Visit"},
    "Signing": {"Signing"},
    "Statement": {"Statement"},
    "Event": {"Event"},
}


def _date_compatible(a: Ev, b: Ev) -> bool:
    if a.historic or b.historic:
        if a.historic and b.historic:
            return a.hist_key == b.hist_key
        other = b if a.historic else a
        hist = a if a.historic else b
        if other.date is None:
            return other.strength <= 0 and not other.participants
        return (
            hist.hist_key is not None
            and hist.hist_key[0] in (None, other.date.year)
            and hist.hist_key[1] in (None, other.date.month)
        )
    if a.date and b.date and a.strength >= 2 and b.strength >= 2 and a.date != b.date:
        # an explicit date beats a relative one for the same event (caption vs "on Saturday")
        return {a.strength, b.strength} == {2, 3}
    return True


def _places_compatible(a: Ev, b: Ev, ctx: Context) -> bool:
    la, lb = a.location, b.location
    if not la or not lb or la == ctx.dateline_place or lb == ctx.dateline_place:
        return True
    if _country_name(ctx, la) != _country_name(ctx, lb):
        return True  # "a visit to Peru" and "the visit to Lima": a country holds its places
    la_l, lb_l = la.lower(), lb.lower()
    return la_l in lb_l or lb_l in la_l or la_l.split(",")[-1].strip() == lb_l.split(",")[-1].strip()


def _country_name(ctx: Context, place: str) -> bool:
    names = ctx.extra.get("country_names")
    if not isinstance(names, set):
        names = ctx.extra["country_names"] = {h.form for h in ctx.countries}
    return place in names


def _same(a: Ev, b: Ev, ctx: Context) -> bool:
    if b.type not in _COMPAT.get(a.type, {a.type}) and a.type not in _COMPAT.get(b.type, {b.type}):
        return False
    if a.type != b.type and not (a.definite or b.definite):
        return False
    if not _date_compatible(a, b) or not _places_compatible(a, b, ctx):
        return False
    if a.background != b.background and a.date != b.date:
        return False  # a document's past signing is not the story's signing
    if a.type == b.type == "Signing" and (a.separate or b.separate) and not (a.definite or b.definite):
        return False  # "In a separate ceremony, ministers signed ...": another signing
    pa, pb = set(map(id, a.participants)), set(map(id, b.participants))
    if (
        a.type == b.type
        and a.type in {"Signing", "Summit", "Statement"}
        and not a.historic
        and not b.historic
        and (a.date == b.date or a.date is None or b.date is None)
    ):
        return True  # one ceremony: "A and B signed X; C and D signed Y"
    if pa and pb and not pa & pb:
        return False
    if (
        a.type == b.type == "Meeting"
        and not (a.definite or b.definite)
        and len(pa) >= 2
        and len(pb) >= 2
        and pa - pb
        and pb - pa
    ):
        return False  # "A met B ...; earlier, A met C": two meetings of one day
    if not pa and not pb and a.countries and b.countries and not set(a.countries) & set(b.countries):
        return False
    return True


# The patterns of _merge(), compiled once: a module-level re call looks its pattern up on every call.
#: an attendance of a meeting or talks
_MEETING_OR_TALKS = re.compile(r"meeting|talks")


def _merge(ctx: Context, raw: list[Ev]) -> list[Ev]:
    out: list[Ev] = []
    pending: list[Ev] = []  #: temporal references with no event before them
    for ev in raw:
        target = None
        if ev.type == "Attend":
            said = ctx.text[ev.start : ev.end].lower()
            first = (
                {"Summit"}
                if "summit" in said
                else {"Meeting", "Talks"}
                if _MEETING_OR_TALKS.search(said)
                else {"Signing"}
            )
            for pref in (first, {"Summit", "Meeting", "Talks", "Signing"}):
                target = next(
                    (c for c in reversed(out) if c.type in pref and c.start < ev.start and not c.historic),
                    None,
                )
                if target is not None:
                    break
            if target is not None:
                for p in ev.participants:
                    if p not in target.participants:
                        target.participants.append(p)
            continue
        if ev.definite:
            for cand in reversed(out):
                if cand.background and cand.date != ev.date:
                    continue  # "the signing" is the story's, not a document's past one
                if ev.type in _COMPAT.get(cand.type, {cand.type}) or cand.type in _COMPAT.get(ev.type, set()):
                    # "The meeting took place at the X Palace": a bare reference names a venue
                    # of the place told before, not another place
                    if _date_compatible(cand, ev) and (
                        not ev.participants or _places_compatible(cand, ev, ctx)
                    ):
                        target = cand
                        break
            if target is None and ev.temporal_ref:
                pending.append(ev)  # "Before the signing, ...": the signing may be told later
                continue
            if _unreported(ev, target):
                continue
        if target is None:
            for cand in out:
                if _same(cand, ev, ctx):
                    target = cand
                    break
        if target is None:
            out.append(ev)
            continue
        _fold(target, ev)
    for ev in pending:
        later = next(
            (
                c
                for c in out
                if c.start > ev.start
                and not c.historic  # "signed in 2001" told later is not the signing "before" refers to
                and (ev.type in _COMPAT.get(c.type, {c.type}) or c.type in _COMPAT.get(ev.type, set()))
            ),
            None,
        )
        if later is not None:  # the reference names that event; it reports nothing itself
            later.mentions.append((ev.start, ev.end))
        elif not ev.temporal_ref.startswith(("before", "ahead")) and not _unreported(ev, None):
            out.append(ev)  # "at the end of his two-day visit": the one mention of a real event
    return out


def _fold_headline(ctx: Context, events: list[Ev]) -> list[Ev]:
    """A headline's "A, B hold talks" is the meeting the body tells as "A met B": a
    meeting, talks or summit told only in the headline joins the body's event of a
    kindred type with the same people, which keeps its own type."""
    span = ctx.doc.title_span
    if span is None:
        return events
    out = list(events)
    for ev in events:
        if ev.type not in {"Meeting", "Talks", "Summit"} or not all(
            span.start <= s and e <= span.end for s, e in ev.mentions
        ):
            continue
        mine = set(map(id, ev.participants))
        body = next(
            (
                b
                for b in out
                if b is not ev
                and b.type in _COMPAT[ev.type]
                and b.start >= span.end
                and not b.historic
                and (mine & set(map(id, b.participants)) if mine else set(ev.countries) & set(b.countries))
                and _date_compatible(b, ev)
            ),
            None,
        )
        if body is not None:
            keep = body.type
            _fold(body, ev)
            body.type = keep
            out.remove(ev)
    return out


def _fold_nameless_visits(events: list[Ev]) -> list[Ev]:
    """A visit told with no visitor ("the centrepiece of the first trip to X by a sitting
    president", "the first state visit to Y by an African head of state") characterises
    the visit the story reports by name: it joins that visit when exactly one visit of the
    story names its visitors (and shares its countries, if it has any)."""
    named = [e for e in events if e.type == "Visit" and e.participants and not e.historic]
    if not named or len(named) == len(events):
        return events
    out = []
    for ev in events:
        if ev.type != "Visit" or ev.participants or ev.historic:
            out.append(ev)
            continue
        fits = [
            n
            for n in named
            if not ev.countries
            or set(ev.countries) & ({*n.countries} | {p.nationality for p in n.participants if p.nationality})
        ]
        if len(fits) != 1 and len(named) == 1:
            fits = named
        if len(fits) != 1:
            out.append(ev)
            continue
        target = fits[0]
        date, strength = target.date, target.strength
        _fold(target, ev)
        if strength > 0:  # the named visit's own day stands; the remark only describes it
            target.date, target.strength = date, strength
    return out


def _add_visitors(events: list[Ev]) -> None:
    """"The visiting president and X signed": the visitor is the one of the visit told last
    before (else first after), when that visit names its visitors."""
    refs = [e for e in events if e.visitor_ref]
    if not refs:
        return
    visits = sorted((v for v in events if v.type == "Visit" and v.participants and not v.historic), key=lambda v: v.start)
    for ev in refs:
        before = [v for v in visits if v.start < ev.start]
        visit = before[-1] if before else (visits[0] if visits else None)
        if visit is not None:
            ev.participants = [p for p in visit.participants if p not in ev.participants] + ev.participants


def _unreported(ev: Ev, target: Ev | None) -> bool:
    """A definite mention that refers to no event told before it and names no one: not an event."""
    return target is None and (not (ev.participants or ev.countries) or ev.type == "Talks")


def _fold(target: Ev, ev: Ev) -> None:
    for p in ev.participants:
        if p not in target.participants:
            target.participants.append(p)
    for c in ev.countries:
        if c not in target.countries:
            target.countries.append(c)
    for o in ev.orgs:
        if o not in target.orgs:
            target.orgs.append(o)
    target.mentions.extend(ev.mentions)
    if ev.strength > target.strength:
        target.date, target.strength = ev.date, ev.strength
    if ev.historic and not target.date:
        target.historic, target.hist_key = True, ev.hist_key
    if ev.location and (
        not target.location or len(ev.location) > len(target.location) and "," in ev.location
    ):
        target.location = ev.location
    target.plural_ref = target.plural_ref or ev.plural_ref
    target.visitor_ref = target.visitor_ref or ev.visitor_ref
    target.sides_ref = target.sides_ref or ev.sides_ref
    if target.definite and not ev.definite:
        target.definite = False
        target.type = ev.type


def _inherit_dates(ctx: Context, events: list[Ev]) -> None:
    """Events the text does not date take the day of the story they are told in."""
    ordered = sorted(events, key=lambda e: e.start)
    for ev in ordered:
        if ev.date is None and ev.strength == 0 and not ev.historic:
            prev = [
                e
                for e in ordered
                if e.start < ev.start
                and e.date
                and not e.historic
                and e.strength > 0
                and not e.relative
                and not e.background
            ]
            told = _paragraph_day(ctx, ev.start, prev[-1].start if prev else -1)
            if told is not None:
                ev.date, ev.strength = told, 1
            elif prev:
                ev.date, ev.strength = prev[-1].date, 1
            elif (
                ctx.anchor is not None
                and ctx.doc.published
                or ctx.anchor is not None
                and ctx.doc.dateline_date
            ):
                nxt = [
                    e
                    for e in ordered
                    if e.date and not e.historic and e.strength > 0 and not e.background and not _aside(ctx, e)
                ]
                ev.date, ev.strength = (nxt[0].date if nxt else ctx.anchor), 1
    # plural references ("the two leaders signed") take the participants of the event before
    for i, ev in enumerate(ordered):
        if ev.plural_ref and len(ev.participants) < 2:
            # the event before; else, for "the signing followed talks that the two leaders held",
            # the one after
            for other in [*reversed(ordered[:i]), *ordered[i + 1 :]]:
                if len(other.participants) >= 2:
                    for p in other.participants:
                        if p not in ev.participants:
                            ev.participants.append(p)
                    break
            else:
                # no event names two people ("X arrived ... at the invitation of Y. The two
                # leaders held talks"): the two the sentence before names
                ev.participants.extend(p for p in _pair_named_before(ctx, ev.start) if p not in ev.participants)
        if not ev.participants and not ev.countries and ev.sides_ref:
            for earlier in reversed(ordered[:i]):
                if earlier.countries:
                    ev.countries = list(earlier.countries)
                    break
            else:
                ev.countries = _main_countries(ctx)
    if _main_countries(ctx):
        for ev in ordered:
            if (
                not ev.participants
                and not ev.countries
                and ev.type in {"Signing", "Statement"}
                and not ev.historic
            ):
                ev.countries = _main_countries(ctx)


#: a relative pronoun that opens a clause
_WHO_OR_WHICH = re.compile(r"(?:who|whose|which)\b")


def _aside(ctx: Context, ev: Ev) -> bool:
    """Whether the event is told in a relative clause ("the Accords, which they signed on
    Monday"; "Xi, who arrived on Sunday"): its day is its own, and an undated event told
    before it in the main clause does not take it."""
    return ev.relative or bool(_WHO_OR_WHICH.match(ctx.text, ev.clause[0][0]))


def _pair_named_before(ctx: Context, pos: int) -> list[Person]:
    """The two persons named in the nearest of the two sentences before ``pos`` that names
    any; none when it names one or more than two (who "the two leaders" are is unclear)."""
    sents = ctx.extra.get("sentences")
    if not isinstance(sents, list):
        return []
    i = bisect.bisect_right([s for s, _ in sents], pos) - 1
    for j in range(i - 1, max(-1, i - 3), -1):
        named = _persons_in(ctx, (sents[j],))
        if named:
            return named if len(named) == 2 else []
    return []


def _paragraph_day(ctx: Context, pos: int, after: int) -> dt.date | None:
    """The day last named in the paragraph before ``pos`` and after the event before it:
    "On 22 June, X was welcomed at the palace. The two leaders then held talks" dates the
    talks to 22 June, not to the previous event's day."""
    text = ctx.text
    para = text.rfind("\n\n", 0, pos)
    lo = max(after, para)
    all_dates: list[datex.DateMention] = ctx.extra["dates"]  # type: ignore[assignment]
    starts: list[int] = ctx.extra["date_starts"]  # type: ignore[assignment]
    background = _background_dates(ctx)
    i = bisect.bisect_left(starts, pos) - 1
    while i >= 0 and all_dates[i].start > lo:
        d = all_dates[i]
        if (
            d.kind == "day"
            and not _inside_org(ctx, d.start)
            and not _in_dateline(ctx, d.start)
            and d.start not in background
        ):
            return datex.resolve(d, ctx.anchor, ctx.year)
        i -= 1
    return None


def _distribute(ctx: Context, events: list[Ev]) -> list[Ev]:
    """One event per counterpart for "held separate talks with each of the presidents" and
    per visitor for "who are in China on state visits"."""
    out: list[Ev] = []
    for ev in events:
        if not ev.distributive or len(ev.participants) < 3:
            out.append(ev)
            continue
        if ev.type == "Visit":
            hosts = set(ev.countries)
            if ev.co_subjects:  # the visitors' own countries are not hosts ("Argentine President A, ...")
                hosts -= {p.nationality for p in ev.participants if p.nationality}
            visitors = [p for p in ev.participants if p.nationality and p.nationality not in hosts]
            groups = [[p] for p in visitors]
        else:
            subject = [
                p for p in ev.participants if any(_in(ev.clause, s) and s < ev.start for s, _ in p.mentions)
            ]
            groups = [subject + [p] for p in ev.participants if p not in subject] if subject else []
        if len(groups) < 2:
            out.append(ev)
            continue
        for g in groups:
            out.append(
                Ev(
                    ev.type,
                    ev.start,
                    ev.end,
                    ev.clause,
                    ev.sent,
                    participants=g,
                    countries=[c for c in ev.countries]
                    if ev.type != "Visit"
                    else [c for c in ev.countries if c in hosts or any(c == p.nationality for p in g)],
                    orgs=list(ev.orgs),
                    location=ev.location,
                    date=ev.date,
                    strength=ev.strength,
                    historic=ev.historic,
                    hist_key=ev.hist_key,
                    mentions=list(ev.mentions),
                )
            )
    return out


def _main_countries(ctx: Context) -> list[str]:
    counts: dict[str, int] = {}
    for h in ctx.countries:
        counts[h.key] = counts.get(h.key, 0) + 1
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
    return [k for k, _ in top]


def _after_story(ctx: Context, ev: Ev) -> bool:
    """A noun event placed only by a month after the story's month ("the summit in
    December" in a September story) has not happened yet."""
    if not ev.historic or ev.hist_key is None or ctx.anchor is None:
        return False
    year, month = ev.hist_key
    if month is None:  # "a summit in Bogotá in 2025" in a 2024 story
        return year is not None and year > ctx.anchor.year
    if year is None:
        return 0 < month - ctx.anchor.month <= 4
    return (year, month) > (ctx.anchor.year, ctx.anchor.month)


def _keep(ev: Ev) -> bool:
    if not ev.participants and not ev.countries:
        return False
    if ev.type == "Signing" and ev.historic and not ev.participants:
        return False  # "the agreement they signed in 2001": a document's history, not a reported event
    return not ev.definite or bool(ev.participants or ev.countries)


def _to_x(ctx: Context, ev: Ev) -> EventX:
    countries = list(ev.countries)
    for p in ev.participants:
        if p.nationality and p.nationality not in countries:
            countries.append(p.nationality)
    return EventX(
        type=ev.type,
        date=ev.date.isoformat() if ev.date and not ev.historic else None,
        participants=[p.name for p in ev.participants],
        countries=countries,
        organizations=list(ev.orgs),
        location=ev.location,
        cameo=CAMEO.get(ev.type),
        mentions=[Span(s, e) for s, e in sorted(set(ev.mentions))],
    )
