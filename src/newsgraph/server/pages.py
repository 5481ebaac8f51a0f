"""What an HTML page shows: the view model between a Description and the Jinja templates.

Templates only lay out what this module hands them -- labels, hrefs, notes -- so the
rules about what a reader sees (which link goes where, how an event without a name is
called, how a sentence marks the words a fact was read from) live in Python and are
tested here rather than scattered through markup.  Every string stays plain text until
Jinja escapes it; only the SVG pictures arrive as Markup, built with ``escape`` already.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from flask import url_for
from markupsafe import Markup
from rdflib import OWL, RDF, RDFS, XSD, Literal, URIRef
from rdflib.term import Node

from .. import formats, iris
from ..ontology.namespace import NG
from . import svg
from .describe import Card, Description, Mention

#: Order in which a resource's own facts are listed; anything else follows alphabetically.
FACT_ORDER: tuple[URIRef, ...] = (
    NG.name,
    NG.title,
    NG.alias,
    NG.role,
    NG.nationality,
    NG.date,
    NG.location,
    NG.participant,
    NG.country,
    NG.organization,
    NG.party,
    NG.signedAt,
    NG.published,
    NG.source,
    NG.url,
    NG.byline,
    NG.editor,
    NG.photographer,
    NG.reports,
    NG.reportedIn,
    NG.mentions,
    NG.isoAlpha2,
    NG.isoAlpha3,
    NG.cameoCode,
    OWL.sameAs,
    RDFS.seeAlso,
)

#: Facts not listed in the table because the page shows them elsewhere.
HIDDEN_FACTS = (RDF.type, RDFS.label)

#: Headings for the lists of resources that point at this one.
INCOMING_HEADINGS: dict[URIRef, str] = {
    NG.participant: "Events taken part in",
    NG.country: "Events involving this country",
    NG.organization: "Events involving this organisation",
    NG.party: "Agreements as a party",
    NG.signedAt: "Agreements signed at this event",
    NG.reports: "Reported in",
    NG.reportedIn: "Events reported here",
    NG.source: "Articles published",
    NG.nationality: "People of this nationality",
    NG.mentions: "Mentioned in articles",
}

KIND_NOUNS = {
    "person": "people",
    "country": "countries",
    "organization": "organisations",
    "source": "articles",
}

_LOCAL = re.compile(r"[#/]([^#/]+)$")


@lru_cache(maxsize=1)
def ontology_labels() -> dict[str, str]:
    """Labels of the ontology's terms, read once from the bundled ontology."""
    from ..ontology import load_ontology

    try:
        graph = load_ontology()
    except (OSError, ValueError):
        return {}
    labels: dict[str, str] = {}
    for s, o in graph.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and (not isinstance(o, Literal) or o.language in (None, "en")):
            labels.setdefault(str(s), str(o))
    return labels


COMMON_LABELS = {
    str(RDF.type): "type",
    str(RDFS.label): "label",
    str(RDFS.seeAlso): "see also",
    str(RDFS.comment): "comment",
    str(OWL.sameAs): "same as",
}


def term_label(iri: str) -> str:
    found = ontology_labels().get(iri) or COMMON_LABELS.get(iri)
    if found:
        return found
    m = _LOCAL.search(iri)
    return m.group(1) if m else iri


@dataclass
class Ref:
    """A link to a resource with its label and a short note (type, date, place)."""

    iri: str
    label: str
    href: str | None
    note: str = ""


@dataclass
class Value:
    text: str
    href: str | None = None
    note: str = ""
    iri: str | None = None


@dataclass
class Fact:
    label: str
    prop: str
    prop_href: str | None
    values: list[Value]


@dataclass
class LinkGroup:
    heading: str
    prop: str
    count: int
    items: list[Ref]


@dataclass
class Piece:
    """A run of sentence text; ``ref`` set when it is the span a fact was read from."""

    text: str
    ref: Ref | None = None
    marked: bool = False


@dataclass
class Evidence:
    anchor_id: str
    pieces: list[Piece]
    article: Ref | None = None
    date: str = ""


@dataclass
class Pager:
    page: int
    last: int
    first_href: str
    last_href: str
    prev_href: str | None
    next_href: str | None
    link_range: tuple[int, int]
    link_total: int
    mention_range: tuple[int, int]
    mention_total: int


@dataclass
class Alternate:
    label: str
    href: str
    media_type: str


@dataclass
class ResourcePage:
    title: str
    kind: str
    iri: str
    types: list[Ref]
    facts: list[Fact]
    groups: list[LinkGroup]
    evidence: list[Evidence]
    evidence_total: int
    pager: Pager | None
    alternates: list[Alternate]
    network: Markup | None = None
    network_caption: str = ""
    timeline: Markup | None = None
    timeline_caption: str = ""
    notes: list[str] = field(default_factory=list)


class Linker:
    """Turns IRIs into hrefs a reader can follow on this server."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def href(self, iri: str) -> str | None:
        parsed = iris.parse(self.base, iri)
        if parsed is not None:
            return url_for("resources.doc", kind=parsed.kind, name=parsed.key)
        if "#" in iri:
            doc, _, fragment = iri.partition("#")
            parsed = iris.parse(self.base, doc)
            if parsed is not None:
                return url_for("resources.doc", kind=parsed.kind, name=parsed.key) + "#" + anchor_id(fragment)
        if iri.startswith(iris.NG):
            return url_for("discovery.ontology_document", ext="html") + "#" + iri[len(iris.NG) :]
        if iri.rstrip("#/") == iris.ONTOLOGY_IRI:
            return url_for("discovery.ontology_document", ext="html")
        if iri.startswith(("http://", "https://")):
            return iri
        return None


def anchor_id(fragment: str) -> str:
    """An HTML id for a mention fragment (``char=10,25`` -> ``char-10-25``)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", fragment).strip("-") or "x"


def type_label(types: list[URIRef]) -> str:
    """The most specific of our classes, by label ("Meeting" rather than "Event")."""
    ours = [t for t in types if str(t).startswith(iris.NG)]
    if not ours:
        return term_label(str(types[0])) if types else ""
    specific = [t for t in ours if t != NG.Event] or ours
    return term_label(str(specific[0]))


def card_label(card: Card | None, iri: str) -> str:
    if card is not None:
        if card.label:
            return card.label
        kind = type_label(card.types)
        if kind and card.date:
            return f"{kind} on {card.date}"
        if kind:
            return kind
    m = _LOCAL.search(iri)
    return m.group(1) if m else iri


def card_note(card: Card | None, *, with_type: bool = True) -> str:
    if card is None:
        return ""
    bits = []
    if card.label:
        # A named resource: say what it is and when.  An unnamed one is already called
        # "{type} on {date}" by card_label, so repeating those would only add noise.
        t = type_label(card.types)
        if with_type and t:
            bits.append(t)
        if card.date:
            bits.append(card.date)
    loc = card.first(NG.location)
    if loc is not None:
        bits.append(str(loc))
    return " · ".join(bits)


def _literal_value(lit: Literal) -> Value:
    text = str(lit)
    note = ""
    if lit.language:
        note = lit.language
    href = None
    if lit.datatype == XSD.anyURI and text.startswith(("http://", "https://")):
        href = text
    return Value(text=text, href=href, note=note)


def _fact_sort_key(prop: URIRef) -> tuple[int, str]:
    try:
        return (FACT_ORDER.index(prop), "")
    except ValueError:
        return (len(FACT_ORDER), term_label(str(prop)))


def resource_title(desc: Description) -> str:
    for prop in (RDFS.label, NG.name, NG.title):
        vals = desc.values(prop)
        if vals:
            return str(vals[0])
    kind = type_label(desc.types)
    dates = desc.values(NG.date)
    if kind and dates:
        return f"{kind} on {dates[0]}"
    return kind or desc.key


def build_page(
    desc: Description,
    base: str,
    *,
    page_href: Callable[[int], str],
    alternates: list[Alternate],
    network: tuple[list[svg.Node], dict[tuple[int, int], int]] | None = None,
    day_counts: list[tuple[str, int]] | None = None,
) -> ResourcePage:
    linker = Linker(base)

    def ref(iri: Node, *, with_type: bool = True) -> Ref:
        card = desc.card(iri)
        return Ref(
            iri=str(iri),
            label=card_label(card, str(iri)),
            href=linker.href(str(iri)),
            note=card_note(card, with_type=with_type),
        )

    title = resource_title(desc)
    types = [Ref(str(t), term_label(str(t)), linker.href(str(t))) for t in desc.types]

    grouped: dict[URIRef, list[Value]] = {}
    for st in desc.statements:
        if st.predicate in HIDDEN_FACTS:
            continue
        values = grouped.setdefault(st.predicate, [])
        if isinstance(st.object, Literal):
            v = _literal_value(st.object)
        elif isinstance(st.object, URIRef):
            r = ref(st.object)
            v = Value(text=r.label, href=r.href, note=r.note, iri=r.iri)
        else:
            v = Value(text="(blank node)")
        if v not in values:
            values.append(v)
    facts = [
        Fact(
            term_label(str(p)),
            str(p),
            linker.href(str(p)),
            sorted(vals, key=lambda v: v.text) if p in (NG.alias, NG.role, NG.mentions) else vals,
        )
        for p, vals in sorted(grouped.items(), key=lambda kv: _fact_sort_key(kv[0]))
    ]
    if desc.kind == "person" or desc.kind == "country" or desc.kind == "organization":
        # Names of a thing repeat its title; keep aliases, drop the name row when identical.
        facts = [f for f in facts if not (f.prop == str(NG.name) and [v.text for v in f.values] == [title])]

    groups: list[LinkGroup] = []
    for link in desc.links:
        if not groups or groups[-1].prop != str(link.predicate):
            heading = INCOMING_HEADINGS.get(link.predicate) or f"Is {term_label(str(link.predicate))} of"
            groups.append(
                LinkGroup(heading, str(link.predicate), desc.link_counts.get(link.predicate, 0), [])
            )
        groups[-1].items.append(ref(link.subject))

    if desc.kind == "article":
        evidence = article_evidence(desc, linker, ref)
        evidence_total = len(evidence)
    else:
        evidence = [mention_evidence(m, desc, linker, ref) for m in desc.mentions]
        evidence_total = desc.mention_count

    pager = None
    if desc.paged:
        size = desc.page_size
        start = (desc.page - 1) * size
        pager = Pager(
            page=desc.page,
            last=desc.last_page,
            first_href=page_href(1),
            last_href=page_href(desc.last_page),
            prev_href=page_href(desc.page - 1) if desc.page > 1 else None,
            next_href=page_href(desc.page + 1) if desc.page < desc.last_page else None,
            link_range=(min(start + 1, desc.link_total), min(start + size, desc.link_total)),
            link_total=desc.link_total,
            mention_range=(min(start + 1, desc.mention_count), min(start + size, desc.mention_count)),
            mention_total=desc.mention_count,
        )

    page = ResourcePage(
        title=title,
        kind=desc.kind,
        iri=str(desc.iri),
        types=types,
        facts=facts,
        groups=groups,
        evidence=evidence,
        evidence_total=evidence_total,
        pager=pager,
        alternates=alternates,
    )
    if network and network[0]:
        noun = KIND_NOUNS.get(desc.kind, "resources")
        page.network = svg.network(title, network[0], network[1], noun=noun)
        page.network_caption = f"The {noun} most often in the same events as {title}"
        if desc.kind == "person":
            page.network_caption = f"Who met whom: the people most often in the same events as {title}"
    if day_counts:
        noun = "articles" if desc.kind == "source" else "events"
        page.timeline = svg.timeline(day_counts, noun=noun)
        page.timeline_caption = f"{noun.capitalize()} over time"
    if desc.core_truncated:
        page.notes.append("This resource has more statements than a page shows; query /sparql for all.")
    return page


def _mark(sentence: str, spans: list[tuple[str, Ref | None]]) -> list[Piece]:
    """Split a sentence into pieces, marking the first unused occurrence of each span."""
    found: list[tuple[int, int, Ref | None]] = []
    for text, r in spans:
        if not text:
            continue
        start = 0
        while True:
            i = sentence.find(text, start)
            if i < 0:
                break
            j = i + len(text)
            if all(j <= a or i >= b for a, b, _ in found):
                found.append((i, j, r))
                break
            start = i + 1
    found.sort(key=lambda t: t[0])
    pieces: list[Piece] = []
    pos = 0
    for a, b, r in found:
        if a > pos:
            pieces.append(Piece(sentence[pos:a]))
        pieces.append(Piece(sentence[a:b], r, True))
        pos = b
    if pos < len(sentence):
        pieces.append(Piece(sentence[pos:]))
    return pieces


def mention_evidence(m: Mention, desc: Description, linker: Linker, ref: Callable[..., Ref]) -> Evidence:
    sentence = m.sentence or m.anchor or ""
    article = ref(m.article, with_type=False) if m.article is not None else None
    card = desc.card(m.article) if m.article is not None else None
    date = card.date if card is not None and card.date else ""
    # No id here: mentions from different articles share offsets.  The article's own
    # page carries the anchors (``#char-S-E``) that the citation link points at.
    return Evidence(
        anchor_id="",
        pieces=_mark(sentence, [(m.anchor or "", None)]),
        article=Ref(article.iri, article.label, linker.href(str(m.iri)) or article.href) if article else None,
        date=date,
    )


def article_evidence(desc: Description, linker: Linker, ref: Callable[..., Ref]) -> list[Evidence]:
    """The article's sentences that facts were read from, each span linked to what it names."""
    anchor: dict[Node, str] = {}
    sentence: dict[Node, str] = {}
    begin: dict[Node, int] = {}
    denoted: dict[Node, Node] = {}
    for s, p, o in desc.article_triples:
        if p == NG.anchorOf:
            anchor[s] = str(o)
        elif p == NG.sentence:
            sentence[s] = str(o)
        elif p == NG.beginIndex:
            try:
                begin[s] = int(str(o))
            except ValueError:
                pass
        elif p == NG.denotedBy:
            denoted[o] = s
    by_sentence: dict[str, list[Node]] = {}
    for m, text in sentence.items():
        by_sentence.setdefault(text, []).append(m)
    ordered = sorted(by_sentence.items(), key=lambda kv: min(begin.get(m, 1 << 30) for m in kv[1]))
    out = []
    for text, ms in ordered:
        ms.sort(key=lambda m: begin.get(m, 0))
        spans = [(anchor.get(m, ""), ref(denoted[m]) if m in denoted else None) for m in ms]
        first = str(ms[0]).partition("#")[2]
        out.append(Evidence(anchor_id=anchor_id(first) if first else "", pieces=_mark(text, spans)))
    return out


def alternates_for(kind: str, key: str, page: int) -> list[Alternate]:
    """Links to every representation of one page of a resource's description."""
    query: dict[str, Any] = {"page": page} if page > 1 else {}
    out = [Alternate("HTML", url_for("resources.doc", kind=kind, name=key, **query), "text/html")]
    labels = {
        "turtle": "Turtle",
        "jsonld": "JSON-LD",
        "rdfxml": "RDF/XML",
        "nt": "N-Triples",
        "trig": "TriG",
        "nquads": "N-Quads",
    }
    for fmt in formats.DOCUMENT_FORMATS:
        out.append(
            Alternate(
                labels.get(fmt.name, fmt.name),
                url_for("resources.data", kind=kind, name=f"{key}.{fmt.extension}", **query),
                fmt.media_type,
            )
        )
    return out


__all__ = [
    "Alternate",
    "Evidence",
    "Fact",
    "LinkGroup",
    "Linker",
    "Pager",
    "Piece",
    "Ref",
    "ResourcePage",
    "Value",
    "alternates_for",
    "build_page",
    "card_label",
    "ontology_labels",
    "resource_title",
    "term_label",
    "type_label",
]
