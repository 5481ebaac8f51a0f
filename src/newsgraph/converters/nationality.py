# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Nationality from what a sentence says about a person, beyond the words around the name.

The person rules (entities.py) read a country from the title itself: "Peruvian President
X", "X, Peru's foreign minister", "President of Peru X".  Stories often tie a person to
a state elsewhere, in words that say it as plainly:

- a delegation: "a Chilean delegation led by X", "X led the Chilean delegation";
- a signature: "X signed the accord on behalf of Chile";
- a copula: "the last Chilean president to visit was X", "X is the first Chilean
  minister to ...", "X is to be sworn in as Chile's president";
- a description that can only be one of the people named: "..., the Chilean president
  said" when exactly one person in the story holds the title "President" and the text
  gives that person no state.

Only persons with no nationality and no international role are filled in, and every
rule reads a state the text names (a country or demonym the gazetteer found); nothing
is guessed from a person's name, a title alone or the outlet.  A rule that finds two
different states for one person gives none: a wrong state is worse than none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from .entities import Person
from .entities_lexicon import ROLE_HEADS, ROLE_HEADS_LOWER
from .gazetteer import Hit

#: the head words of titles, lower case ("president", "minister", "premier" ...)
_HEADS = frozenset(w.lower() for w in ROLE_HEADS) | frozenset(ROLE_HEADS_LOWER) | {"premier", "chancellor"}

#: title and honorific words between "led by" / "was" and the name ("led by Foreign Minister X")
_TITLE_WORDS = re.compile(r"(?:(?:[A-Z][\w.\-’']*|of|the|and|for|&)\s+)*")

#: "<country> delegation led by": what may stand between the country word and "delegation"
_DELEGATION_AFTER_COUNTRY = re.compile(
    r"(?:['’]s)?\s+(?:(?:[a-z]+-level|government|official|ministerial|military|trade|business|parliamentary|senior)\s+)?"
    r"delegation\s+(?:(?:was|is|were|will\s+be)\s+)?(?:led|headed)\s+by\s+"
)
#: "X led a/the <country> delegation": from the end of the name to the country word
_LED_A_DELEGATION = re.compile(
    r"(?:,[^,.;\n]{1,120},)?\s+(?:also\s+)?(?:led|headed|leads|heads|will\s+lead|will\s+head|is\s+leading|was\s+leading)"
    r"\s+(?:a|an|the|his|her)\s+"
)
_DELEGATION_WORD = re.compile(
    r"(?:['’]s)?\s+(?:(?:[a-z]+-level|government|official|ministerial|military|trade|business|parliamentary|senior)\s+)?"
    r"delegation\b(?!s)"
)
#: "X signed the accord on behalf of (the government of) <country>"
_SIGNED_ON_BEHALF = re.compile(
    r"(?:,[^.;\n]{1,160}?,)?\s+(?:(?:today|also|formally|jointly|later|then|personally)\s+)?"
    r"(?:signed|initialled|initialed|signs|will\s+sign)\s+"
    r"(?:(?!(?:as|while|and|with|alongside|but|by)\b)[\w\-’']+\s+){0,8}?"
    r"on\s+behalf\s+of\s+(?:the\s+)?(?:(?:[Gg]overnment|[Pp]eople)\s+of\s+(?:the\s+)?)?"
)
#: a second state right after the first ("on behalf of Chile and Peru respectively")
_ANOTHER_STATE_NEXT = re.compile(r"\s*(?:,|and|&)\s*(?:and\s+)?(?:the\s+)?")
#: "the (last|first ...) " right before a country word that opens a copula description
_THE = frozenset({"the", "The"})
_ORDINALS = frozenset({"last", "first", "previous", "only", "next"})
#: how the text before such a country word ends (a cheap test before reading the words)
_OPENER_ENDS = tuple(f"{w}{sp}" for w in (*_THE, *_ORDINALS) for sp in " \n\t")
#: words that open a definite description before a demonym: "the", a verb of saying
_DEFINITE_WORDS = _THE | {"says", "said", "told", "adds", "added"}
_OF_ENDS = ("of ", "of the ")
#: a plain word of a title ("President", "prime", "Vice-President")
_PLAIN_WORD = re.compile(r"[\w\-]+")
#: "<country> <title> (to ... / who ...) was|is": the title and the words up to the name
_TITLE_THEN_WAS = re.compile(
    r"(?:['’]s)?\s+(?P<title>(?:[\w\-]+\s+){0,2}?[\w\-]+)"
    r"(?:\s+(?:to|who|in|since|during|of)\b[^.;\n]{0,100}?)?\s+(?:was|is)\s+"
)
#: "X (, who ..., ) is/was the first <country> ...": from the end of the name to the country word
_IS_THE_FIRST = re.compile(
    r"(?:,\s+who\s+[^,;\n]{1,100},)?\s+(?:(?:is|was|will\s+be)\s+(?:to\s+be\s+)?sworn\s+in\s+as|"
    r"is|was|became|becomes|will\s+become)\s+"
    r"(?:(?:the|a)\s+)?(?:(?:first|last|new|only|next|youngest|oldest|previous)\s+)?"
)
#: the title after the country word of _IS_THE_FIRST ("Indian Prime Minister", "Chile's president")
_TITLE_AFTER_COUNTRY = re.compile(r"(?:['’]s)?\s+(?P<w1>[\w\-]+)(?P<p1>['’]s)?(?:\s+(?P<w2>[\w\-]+)(?P<p2>['’]s)?)?")
#: words of a description "the <country> <title>" after the country word, up to three
_DESCRIPTION_WORDS = re.compile(r"(?:['’]s)?[ \t]+([\w\-]+)(?:[ \t]+([\w\-]+))?(?:[ \t]+([\w\-]+))?")
#: a verb that puts two sides face to face, right after a name: "A met B", "A held talks with B"
#: what may stand between a name and its verb: a bracket ("(L)", "(centre)"), then a time word
_ASIDE = r"(?:\s*\([^()\n]{1,30}\))?"
_WHEN = r"\s+(?:(?:on\s+\w+|today|yesterday|also)\s+)?"
_FACE_TO_FACE = re.compile(
    _ASIDE + _WHEN + r"(?:met(?:\s+with)?|meets(?:\s+with)?|(?:held|holds)\s+(?:talks|a\s+meeting|a\s+phone\s+call)\s+with|"
    r"spoke\s+(?:by\s+(?:tele)?phone\s+)?with|received|receives|hosted|hosts|welcomed|welcomes)\s+"
)
#: "A and his Chilean counterpart B": from the end of A to the country word
_AND_COUNTERPART = re.compile(r"\s+and\s+(?:his|her)\s+")
_COUNTERPART_WORD = re.compile(r"\s+counterpart,?\s+")
#: "A and Chilean President B held talks": from the end of A to the title before B
_AND_THEN = re.compile(r"\s+and\s+")
#: what "A and Chilean President B" do together as two sides
_TOGETHER_AFTER = re.compile(
    _ASIDE + ",?" + _WHEN + r"(?:held|hold|signed|sign)\s+(?:(?:a|an|their|the)\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:talks|meeting|summit|retreat|agreements?|accords?|treaty|memorand\w*|statement|declaration)\b"
)
#: a capitalised word on the same line right after a description (a name), or after a comma
_CAPITAL = re.compile(r"[ \t]+[A-Z]")
_COMMA_CAPITAL = re.compile(r",?[ \t]+[A-Z]")
#: a sentence break between two places of the text
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n")


def infer_nationalities(persons: list[Person], text: str, countries: list[Hit]) -> None:
    """Fill in the nationality of persons the title rules left without one (see the module doc)."""
    # a delegation or a signature on behalf of a state is read for every person without a
    # state: "intl" also marks officials of a state's own councils ("Secretary of the
    # Security Council"); a description or a copula only for national officials (the
    # convention leaves the heads of international organisations without a state)
    open_persons = [p for p in persons if not p.nationality]
    if not open_persons or not countries:
        return
    by_start = {h.start: h for h in countries}
    found: dict[int, set[str]] = {}  #: id(person) -> the states the rules read for it

    def give(p: Person, code: str) -> None:
        found.setdefault(id(p), set()).add(code)

    starts: dict[int, Person] = {}
    for p in open_persons:
        for s, _ in p.mentions:
            starts[s] = p

    order = sorted(starts)

    def person_after(pos: int) -> Person | None:
        """The open person whose name starts at ``pos``, or after title and honorific words
        only ("led by Foreign Minister X"): the first name with nothing else before it."""
        i = bisect.bisect_left(order, pos)
        while i < len(order) and order[i] - pos <= 120:
            s = order[i]
            if _TITLE_WORDS.fullmatch(text, pos, s):
                return starts[s]
            i += 1
        return None

    # "a Chilean delegation led by X"
    if "delegation" in text:
        for h in countries:
            m = _DELEGATION_AFTER_COUNTRY.match(text, h.end)
            led = person_after(m.end()) if m is not None else None
            if led is not None:
                give(led, h.key)
    delegation = "delegation" in text
    behalf = "behalf" in text
    for p in open_persons:
        for _, e in p.mentions:
            # "X led the Chilean delegation"
            m = _LED_A_DELEGATION.match(text, e) if delegation else None
            state = by_start.get(m.end()) if m is not None else None
            if state is not None and _DELEGATION_WORD.match(text, state.end):
                give(p, state.key)
            # "X signed the accord on behalf of Chile"
            m = _SIGNED_ON_BEHALF.match(text, e) if behalf else None
            state = by_start.get(m.end()) if m is not None else None
            if state is not None and state.kind == "name" and not _two_states(text, state, by_start):
                give(p, state.key)
            # "X is the first Chilean minister to ...", "X is to be sworn in as Chile's president"
            m = None if p.intl else _IS_THE_FIRST.match(text, e)
            state = by_start.get(m.end()) if m is not None else None
            t = _TITLE_AFTER_COUNTRY.match(text, state.end) if state is not None else None
            # the title's head is the first or second word, not a possessive
            # ("the Chilean president's guest" is not the president)
            if state is not None and t is not None and (
                t.group("w1").lower() in _HEADS and not t.group("p1")
                or t.group("w2") and t.group("w2").lower() in _HEADS and not t.group("p2")
            ):
                give(p, state.key)
    for h in countries:
        # "the last Chilean president to visit Peru was X"
        if not text.endswith(_OPENER_ENDS, 0, h.start):
            continue  # (a cheap test first: most state words follow no "the")
        before = _words_before(text, h.start)
        if before and (before[-1] in _THE or len(before) > 1 and before[-1] in _ORDINALS and before[-2] in _THE):
            m = _TITLE_THEN_WAS.match(text, h.end)
            if m is not None and m.group("title").split()[-1].lower() in _HEADS:
                was = person_after(m.end())
                if was is not None and not was.intl:
                    give(was, h.key)
    _descriptions(persons, text, countries, give)
    _settle(open_persons, found)
    # then the other side of a meeting, which needs every state the rules above could read
    found.clear()
    _other_side(persons, text, countries, give)
    _settle(open_persons, found)


def _settle(persons: list[Person], found: dict[int, set[str]]) -> None:
    """Give each person the one state the rules read for it; two states give none."""
    for p in persons:
        codes = found.get(id(p))
        if codes and len(codes) == 1 and not p.nationality:
            p.nationality = next(iter(codes))


def _two_states(text: str, h: Hit, by_start: dict[int, Hit]) -> bool:
    """Whether a second state follows the first ("on behalf of Chile and Peru, respectively")."""
    m = _ANOTHER_STATE_NEXT.match(text, h.end)
    return m is not None and m.end() > h.end and m.end() in by_start


def _descriptions(
    persons: list[Person], text: str, countries: list[Hit], give: Callable[[Person, str], None]
) -> None:
    """ "..., the Chilean president said": a definite description whose title only one
    person of the story holds among those the text ties to no other state (and nobody it
    ties to that state holds it).

    The description must stand in another sentence than every mention of that person
    ("President X met the Chilean president" is about someone else), and the title must
    be the person's whole title, as the text gives it ("the Chilean prime minister" is not
    the deputy prime minister)."""
    holders: dict[str, list[Person]] = {}
    for p in persons:
        for r in p.roles:
            holders.setdefault(r.lower(), []).append(p)
    #: the head words of the titles a description could give a state to
    open_heads = {r.split()[-1].lower() for p in persons if not p.nationality and not p.intl for r in p.roles if r}
    if not open_heads:
        return
    for h in countries:
        # cheap tests first: a head word of an open title just after the state word, or
        # "of (the) " just before it
        after = text[h.end : h.end + 40].lower()
        if not any(hd in after for hd in open_heads) and not text.endswith(_OF_ENDS, 0, h.start):
            continue
        before = _words_before(text, h.start)
        keys: list[str] = []
        if before and before[-1] in _DEFINITE_WORDS or _at_line_start(text, h.start):
            m = _DESCRIPTION_WORDS.match(text, h.end)
            if m is not None:
                words = [w for w in m.groups() if w]
                for n in range(len(words), 0, -1):
                    keys.append(" ".join(words[:n]).lower())
                    end = m.start(n) + len(words[n - 1])
                    if _names_follow(text, end):
                        keys.pop()  # "the Chilean president Ana Ruiz": a name, read by the title rules
        title = _title_of_before(text, h.start, before)
        if title and not _names_follow(text, h.end, comma=True):
            keys.append(title.lower())
        for key in keys:
            if key.split()[-1] not in _HEADS:
                continue
            who = holders.get(key, [])
            if any(q.nationality == h.key for q in who):
                break  # the description is of a person the text already ties to that state
            open_ = [q for q in who if not q.nationality]
            if len(open_) != 1 or open_[0].intl:
                continue
            p = open_[0]
            if any(_same_sentence(text, s, h.start) for s, _ in p.mentions):
                continue
            give(p, h.key)
            break


def _names_follow(text: str, end: int, comma: bool = False) -> bool:
    """Whether a capitalised name (or ", Name" when ``comma``) follows ``end``."""
    rest = text[end : end + 40]
    m = (_COMMA_CAPITAL if comma else _CAPITAL).match(rest)
    return m is not None and not rest.lstrip(", ").startswith(("The ", "He ", "She ", "It "))


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = (a, b) if a <= b else (b, a)
    return _SENTENCE_BREAK.search(text, lo, hi) is None


def _other_side(
    persons: list[Person], text: str, countries: list[Hit], give: Callable[[Person, str], None]
) -> None:
    """ "President A met Chilean President B", "A and his Chilean counterpart B", "A and
    Chilean President B held talks": A is on the other side of a meeting of two states.

    A, whose title names no state, faces B, whom the text ties to one; the other state is
    the one the story names most after B's, strictly more often than any third.  A
    mediator or host from a third state is the risk: so nobody the text ties to that
    other state may be named (a story that labels both sides and leaves A bare says A
    is neither), and A's faces must all be of B's state.
    """
    tied = [p for p in persons if p.nationality]
    open_ = [p for p in persons if not p.nationality and not p.intl and p.roles]
    if not tied or not open_:
        return
    tied_states = {p.nationality for p in tied}
    tied_starts = {s: p for p in tied for s, _ in p.mentions}
    open_starts = {s: p for p in open_ for s, _ in p.mentions}
    counts: dict[str, int] = {}
    for h in countries:
        counts[h.key] = counts.get(h.key, 0) + 1
    if len(counts) < 2:
        return
    by_start = {h.start: h for h in countries}

    tied_order = sorted(tied_starts)
    open_order = sorted(open_starts)

    def titled_name(pos: int, starts: dict[int, Person]) -> Person | None:
        """The person whose name starts at ``pos`` after title words only (within 80 characters)."""
        order = tied_order if starts is tied_starts else open_order
        i = bisect.bisect_left(order, pos)
        while i < len(order) and order[i] < pos + 80:
            if _TITLE_WORDS.fullmatch(text, pos, order[i]):
                return starts[order[i]]
            i += 1
        return None

    faces: dict[int, tuple[Person, set[str]]] = {}

    def face(a: Person, b: Person | None) -> None:
        if b is not None and b.nationality:
            faces.setdefault(id(a), (a, set()))[1].add(b.nationality)

    for a in open_:
        for _, e in a.mentions:
            m = _FACE_TO_FACE.match(text, e)
            if m is not None:
                face(a, titled_name(m.end(), tied_starts))
            m = _AND_COUNTERPART.match(text, e)
            state = by_start.get(m.end()) if m is not None else None
            c = _COUNTERPART_WORD.match(text, state.end) if state is not None else None
            if state is not None and c is not None:
                partner = tied_starts.get(c.end())
                if partner is not None and partner.nationality == state.key:
                    face(a, partner)
            m = _AND_THEN.match(text, e)
            if m is None:
                continue
            at = m.end()
            partner = titled_name(at, tied_starts)
            # the partner's own title names the partner's state: "A and Chilean President B"
            if partner is not None and any(
                at <= h.start < s for s, _ in partner.mentions for h in countries if h.key == partner.nationality
            ):
                for s, end in partner.mentions:
                    if at <= s < at + 80 and _TOGETHER_AFTER.match(text, end):
                        face(a, partner)
    for b in tied:  # "Chilean President B met President A"
        for _, e in b.mentions:
            m = _FACE_TO_FACE.match(text, e)
            met = titled_name(m.end(), open_starts) if m is not None else None
            if met is not None:
                face(met, b)
    for a, states in faces.values():
        if len(states) != 1:
            continue
        mine = next(iter(states))
        rest = sorted(((n, k) for k, n in counts.items() if k != mine), reverse=True)
        if not rest or len(rest) > 1 and rest[0][0] == rest[1][0]:
            continue
        other = rest[0][1]
        if other not in tied_states:
            give(a, other)


def _words_before(text: str, pos: int) -> list[str]:
    """The last few whitespace-separated words before ``pos`` when whitespace ends there."""
    if pos == 0 or not text[pos - 1].isspace():
        return []
    return text[max(0, pos - 60) : pos].split()[-6:]


def _at_line_start(text: str, pos: int) -> bool:
    line = text.rfind("\n", 0, pos) + 1
    return not text[line:pos].strip(" \t")


def _title_of_before(text: str, pos: int, before: list[str]) -> str | None:
    """ "the President of (the) " right before ``pos`` (or the same at a line start): the title
    of one to three plain words, the longest that "the" or the line start opens."""
    words = before[:-1] if before and before[-1] == "the" else before
    if not words or words[-1] != "of":
        return None
    line = text.rfind("\n", 0, pos) + 1
    on_line = len(text[line:pos].split())  # how many of the words are on this line
    skip = len(before) - len(words) + 1  # "of" (and "the")
    for k in (3, 2, 1):
        if len(words) < k + 1 or not all(_PLAIN_WORD.fullmatch(w) for w in words[-1 - k : -1]):
            continue
        opener = words[-2 - k] if len(words) >= k + 2 else None
        if opener in _THE or on_line == k + skip:
            return " ".join(words[-1 - k : -1])
    return None
