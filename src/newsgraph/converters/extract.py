# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Entity, event and agreement extraction from a Document.

Deterministic by design (shared/design/EXTRACTION-ANCHORS.md): gazetteers for
countries and international organisations, title and apposition patterns for
persons, trigger patterns with tense and modality checks for events, and noun
phrase patterns for agreements, tied together by in-document coreference.
Nothing is downloaded or loaded at run time beyond the package's own tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import dates as datex
from .entities import Org, Person, PersonFinder, find_organizations, resolve_persons
from .gazetteer import Hit, find_countries, find_known_organizations
from .model import (
    AgreementX,
    CountryX,
    Document,
    EventX,
    Extraction,
    OrganizationX,
    PersonX,
    Span,
)
from .nationality import infer_nationalities
from .regex_speed import LineStartScan

# Credits and page furniture that name people who are not in the news.
_CREDIT_PATTERNS: list[re.Pattern[str] | LineStartScan] = [
    re.compile(r"\((?:[A-Z][\w&.\- ]{1,40})/(?:[^()\n]{2,60})\)"),  # (Xinhua/Li Xiang)
    re.compile(
        r"\((?:Photo|Photos|Photograph|Image|Credit|Editor|Editing|Reporting|Writing|Source)\b[^()\n]{0,80}\)",
        re.I,
    ),
    # "Photo: X" at a line or sentence start; the plain form is
    # (?:^|(?<=[.!?]\s))(?i:Photo|Photos|Photograph|Image|Credit)s?\s*(?:by)?\s*[:|]\s*[^\n]{1,60}$
    # (re.M, re.I), written here to start with its first letter (every case "re" allows for it)
    # so that the scan skips ahead to such a letter (tests/test_extract_speed.py)
    re.compile(
        r"[PpIiİıCc](?:(?<=^.)|(?<=[.!?]\s.))(?i:(?<=p)(?:hoto|hotos|hotograph)|(?<=i)mage|(?<=c)redit)"
        r"(?i:s?\s*(?:by)?\s*[:|]\s*[^\n]{1,60}$)",
        re.M,
    ),
    LineStartScan(re.compile(
        r"^[ \t]*(?:By|BY|Reporter|Reporting|Reported by|Editor|Editing|Edited by|Writing|Written by|"
        r"Compiled by|Translated by|Source|Release Date|Published|Updated|Last updated|Tags|Keywords|"
        r"Follow|Contact|Copyright|©)\b[^\n]*$",
        re.M,
    )),
    LineStartScan(re.compile(r"^[ \t]*\([^()\n]*(?:Editing|Reporting|Writing) by[^()\n]*\)[ \t]*$", re.M)),
]
# (the two patterns led by "^" are scanned line start by line start: regex_speed.LineStartScan)
_JUNK_HEADERS = LineStartScan(re.compile(
    r"^[ \t]*(?:Related(?: stories| news| articles| content| posts)?|More from[^\n]*|MOST READ|Most read|Most popular|"
    r"Read more|Read also|See also|Also read|\[Editor's pick\]|Editor's pick|Recommended|Trending|Top stories|"
    r"Latest news|You may also like)[ \t]*:?[ \t]*$",
    re.M,
))


# The patterns of _masks(), compiled once: a module-level re call looks its pattern up on every call.
_MASKS_RE = re.compile(r"[^\n]*\n?")


def _masks(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    spans: list[tuple[int, int]] = []
    for pat in _CREDIT_PATTERNS:
        spans.extend((m.start(), m.end()) for m in pat.finditer(text))
    for m in _JUNK_HEADERS.finditer(text):
        # a link list: the header and the short lines after it, up to a long paragraph
        end = m.end()
        for lm in _MASKS_RE.finditer(text[m.end() :]):
            if len(lm.group(0).strip()) > 160:
                break
            end = m.end() + lm.end()
            if not lm.group(0):
                break
        spans.append((m.start(), end))
    names = [n for n in [*doc.bylines, *doc.editors, *doc.photographers] if n and len(n) > 2]
    for n in names:
        for nm in re.finditer(re.escape(n), text):
            line_start = text.rfind("\n", 0, nm.start()) + 1
            line_end = text.find("\n", nm.end())
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            if len(line) < 90 or text[max(0, nm.start() - 1)] in "(/" or text[nm.end() : nm.end() + 1] in ")":
                spans.append((nm.start(), nm.end()))
    spans.sort()
    return spans


@dataclass
class Context:
    """Everything the event and agreement rules share about one document."""

    doc: Document
    text: str
    masked: list[tuple[int, int]]
    countries: list[Hit]
    org_hits: list[Hit]
    persons: list[Person]
    orgs: list[Org]
    anchor: dt.date | None
    year: int | None
    dateline: datex.Dateline | None
    dateline_place: str | None
    extra: dict[str, object] = field(default_factory=dict)


def _anchor(doc: Document, dateline: datex.Dateline | None) -> tuple[dt.date | None, int | None]:
    """The day relative dates count from, and the year bare day-month dates take."""
    published = datex.parse_iso(doc.published)
    dl_date = datex.parse_iso(doc.dateline_date)
    year = published.year if published else (dl_date.year if dl_date else None)
    if dl_date is None and dateline is not None and dateline.date is not None:
        dm = dateline.date
        dl_date = datex.safe_date(dm.year or year, dm.month, dm.day)
    if dl_date is None and doc.dateline_month_day and year:
        dl_date = datex.safe_date(year, doc.dateline_month_day[0], doc.dateline_month_day[1])
    if dl_date and year is None:
        year = dl_date.year
    return dl_date or published, year


# The patterns of _title_place(), compiled once: a module-level re call looks its pattern up on every call.
_TITLE_PLACE_RE = re.compile(r"^[A-Z]+'[A-Z]+$")


def _title_place(place: str | None) -> str | None:
    if not place:
        return None
    place = place.strip()
    if place.isupper():
        place = " ".join(
            w.capitalize() if not _TITLE_PLACE_RE.match(w) else w[0] + w[1:].lower()
            for w in place.split()
        )
    return place


def build_context(doc: Document) -> Context:
    text = doc.text
    masked = _masks(doc)
    countries = [h for h in find_countries(text) if not any(a <= h.start < b for a, b in masked)]
    known_orgs = find_known_organizations(text)
    orgs, org_hits = find_organizations(text, known_orgs, masked)
    # an organisation name that contains a country word ("Reserve Bank of India") keeps the
    # country as a mention but the person rules must see the organisation first
    finder = PersonFinder(text, countries, org_hits, masked)
    persons = resolve_persons(finder.find(), text)
    credit_names = {n.strip() for n in [*doc.bylines, *doc.editors, *doc.photographers]}
    persons = [p for p in persons if p.name not in credit_names]
    infer_nationalities(persons, text, countries)
    dateline = datex.find_dateline(text)
    anchor, year = _anchor(doc, dateline)
    place = doc.dateline_place or (dateline.place if dateline else None)
    return Context(
        doc, text, masked, countries, org_hits, persons, orgs, anchor, year, dateline, _title_place(place)
    )


def extract(document: Document) -> Extraction:
    """Read persons, countries, organisations, events and agreements from the document."""
    from .agreements import find_agreements
    from .events import find_events

    ctx = build_context(document)
    events = find_events(ctx)
    agreements = find_agreements(ctx, events)
    ex = Extraction(document=document)
    for p in ctx.persons:
        ex.persons.append(
            PersonX(
                p.name, list(p.aliases), list(p.roles), p.nationality, [Span(s, e) for s, e in p.mentions]
            )
        )
    by_code: dict[str, CountryX] = {}
    for h in ctx.countries:
        c = by_code.setdefault(h.key, CountryX(h.key))
        if h.form not in c.aliases:
            c.aliases.append(h.form)
        c.mentions.append(Span(h.start, h.end))
    ex.countries = list(by_code.values())
    for o in ctx.orgs:
        ex.organizations.append(OrganizationX(o.name, list(o.aliases), [Span(s, e) for s, e in o.mentions]))
    ex.events = events
    ex.agreements = agreements
    _keep_codes_consistent(ex)
    return ex


def _keep_codes_consistent(ex: Extraction) -> None:
    """Every code used by a person, event or agreement is a country the text mentions."""
    known = {c.alpha3 for c in ex.countries}
    for p in ex.persons:
        if p.nationality and p.nationality not in known:
            p.nationality = None
    for e in ex.events:
        e.countries = [c for c in dict.fromkeys(e.countries) if c in known]
    for a in ex.agreements:
        a.parties = [x for x in dict.fromkeys(a.parties) if len(x) != 3 or not x.isupper() or x in known]


__all__ = ["extract", "build_context", "Context", "EventX", "AgreementX"]
