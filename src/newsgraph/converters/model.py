"""The plain data that flows through conversion: reader -> extractor -> RDF writer.

Readers (``readers.py``) turn a text page, an HTML page or a JSON record into a
:class:`Document`.  The extractor (``extract.py``) reads a Document into an
:class:`Extraction`.  The writer (``rdf.py``) turns an Extraction into one named
graph.  None of these import Flask or the store, so each can be tested alone.

All character offsets are into ``Document.text``, which is what mention nodes
(``{article}#char=start,end``) refer to.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of Document.text."""

    start: int
    end: int


@dataclass
class Document:
    """One article as read from its page, before any entity extraction."""

    text: str  #: the article text that offsets refer to: headline, captions and body, boilerplate removed
    title: str | None = None
    url: str | None = None
    published: str | None = None  #: ISO date or dateTime, as the page gives it
    source: str | None = None  #: credited agency or masthead
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    dateline_place: str | None = None  #: "BEIJING" of "BEIJING, May 13 (Xinhua) --"
    dateline_date: str | None = None  #: ISO date of the dateline, when it has a year
    dateline_month_day: tuple[int, int] | None = None  #: month and day of a dateline without a year
    language: str | None = None
    input_format: str = "text"  #: text | html | json
    title_span: Span | None = None
    body_span: Span | None = None
    caption_spans: list[Span] = field(default_factory=list)


@dataclass
class PersonX:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    nationality: str | None = None  #: ISO alpha-3
    mentions: list[Span] = field(default_factory=list)


@dataclass
class CountryX:
    alpha3: str
    aliases: list[str] = field(default_factory=list)  #: surface forms seen ("Tajik", "PRC")
    mentions: list[Span] = field(default_factory=list)


@dataclass
class OrganizationX:
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class EventX:
    type: str  #: Meeting | Talks | Visit | PhoneCall | Signing | Summit | Statement | Event
    date: str | None = None  #: ISO date, only when the text fixes the day
    participants: list[str] = field(default_factory=list)  #: PersonX.name values
    countries: list[str] = field(default_factory=list)  #: alpha-3
    organizations: list[str] = field(default_factory=list)  #: OrganizationX.name values
    location: str | None = None
    cameo: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class AgreementX:
    title: str
    parties: list[str] = field(default_factory=list)  #: alpha-3 codes or OrganizationX.name values
    date: str | None = None  #: YYYY-MM-DD, YYYY-MM or YYYY
    signed_at: int | None = None  #: index into Extraction.events
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Extraction:
    document: Document
    persons: list[PersonX] = field(default_factory=list)
    countries: list[CountryX] = field(default_factory=list)
    organizations: list[OrganizationX] = field(default_factory=list)
    events: list[EventX] = field(default_factory=list)
    agreements: list[AgreementX] = field(default_factory=list)
