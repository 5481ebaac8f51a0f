"""Extraction -> one named graph, and graphs -> deterministic RDF text.

The graph of an article is named by the article's URI and holds everything read from
it: the article node, its events, agreements and actors, the mention nodes that tie
each of them to characters of ``Document.text``, and a PROV record of the converter
release that produced it.  Every IRI comes from :mod:`newsgraph.iris`, so converting
the same article with the same base gives the same graph on any machine; there are no
blank nodes and no wall-clock timestamps, and :func:`serialize` sorts its output, so
the bytes are the same too.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice
from typing import Any, cast

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL as _OWL
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import XSD as _XSD
from rdflib.namespace import Namespace

from .. import __version__, iris
from ..formats import RdfFormat
from ..ontology.namespace import NG as _NG
from .model import AgreementX, CountryX, EventX, Extraction, Span
from .sentences import Sentences


class _Terms:
    """A namespace whose terms are made once.

    rdflib's namespaces build and check a new URIRef on every attribute access, which
    was a sixth of the writer's time; this one keeps each term after its first use.
    """

    def __init__(self, ns: Any) -> None:
        self._ns = ns

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(getattr(self._ns, name))
        setattr(self, name, term)
        return term

    def __str__(self) -> str:
        return str(self._ns)


NG = cast("type[_NG]", _Terms(_NG))
RDF = cast("type[_RDF]", _Terms(_RDF))
RDFS = cast("type[_RDFS]", _Terms(_RDFS))
XSD = cast("type[_XSD]", _Terms(_XSD))
OWL = cast("type[_OWL]", _Terms(_OWL))
PROV = cast("type[_PROV]", _Terms(_PROV))
SCHEMA = cast(Namespace, _Terms(Namespace("https://schema.org/")))
GEONAMES = "https://sws.geonames.org/{}/"
WIKIDATA = "http://www.wikidata.org/entity/{}"

EVENT_CLASSES: dict[str, URIRef] = {
    "Meeting": NG.Meeting,
    "Talks": NG.Talks,
    "Visit": NG.Visit,
    "PhoneCall": NG.PhoneCall,
    "Signing": NG.Signing,
    "Summit": NG.Summit,
    "Statement": NG.Statement,
}

PREFIXES: dict[str, str] = {
    "ng": str(NG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "prov": str(PROV),
    "schema": str(SCHEMA),
}

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


# --------------------------------------------------------------------------- country facts


@dataclass(frozen=True)
class CountryFacts:
    """What the graph says about a country besides its code."""

    alpha3: str
    name: str
    alpha2: str | None = None
    geonames: str | None = None
    wikidata: str | None = None


def _get(obj: Any, *names: str) -> Any:
    for n in names:
        if isinstance(obj, dict) and obj.get(n) not in (None, ""):
            return obj[n]
        value = getattr(obj, n, None)
        if value not in (None, ""):
            return value
    return None


def _pycountry_facts(alpha3: str) -> CountryFacts | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    if c is None:
        return None
    name = getattr(c, "common_name", None) or c.name
    if "," in name:
        name = getattr(c, "official_name", None) or name
    return CountryFacts(alpha3, name, c.alpha_2)


_FACTS_CACHE: dict[str, CountryFacts | None] = {}


def country_facts(alpha3: str, hint: CountryX | None = None) -> CountryFacts | None:
    """Name, codes and public identifiers of a country.

    The extractor's gazetteer is the authority (it ships GeoNames and Wikidata ids);
    until it offers ``country_info(alpha3)`` pycountry gives the name and alpha-2.
    Fields the extractor put on the CountryX itself win over both.
    """
    alpha3 = alpha3.upper()
    if alpha3 not in _FACTS_CACHE:
        facts: CountryFacts | None = None
        info: Any = None
        try:
            from . import gazetteer  # type: ignore[attr-defined]

            lookup = getattr(gazetteer, "country_info", None)
            info = lookup(alpha3) if callable(lookup) else None
        except Exception:  # noqa: BLE001 - a gazetteer still being written must not break conversion
            info = None
        base = _pycountry_facts(alpha3)
        if info is not None or base is not None:
            name = _get(info, "name", "common_name") or (base.name if base else None)
            if name:
                facts = CountryFacts(
                    alpha3,
                    str(name),
                    _get(info, "alpha2", "alpha_2", "iso2") or (base.alpha2 if base else None),
                    _str_or_none(_get(info, "geonames", "geonames_id", "geonameid")),
                    _str_or_none(_get(info, "wikidata", "wikidata_id", "qid")),
                )
        _FACTS_CACHE[alpha3] = facts
    facts = _FACTS_CACHE[alpha3]
    if hint is not None and facts is not None:
        name = _get(hint, "name")
        geo = _str_or_none(_get(hint, "geonames", "geonames_id", "geonameid"))
        qid = _str_or_none(_get(hint, "wikidata", "wikidata_id", "qid"))
        if name or geo or qid:
            facts = CountryFacts(alpha3, str(name or facts.name), facts.alpha2, geo or facts.geonames,
                                 qid or facts.wikidata)
    return facts


def _str_or_none(v: Any) -> str | None:
    return None if v in (None, "") else str(v)


# --------------------------------------------------------------------------- graph building


def _published_literal(value: str | None) -> Literal | None:
    """ng:published as a valid xsd:date or xsd:dateTime, or None.

    An impossible day or time ("2024-02-30", "25:10") is dropped rather than written as
    an ill-typed literal, which the shapes reject and a store keeps only as an opaque
    string; a time without seconds gets ":00", since xsd:dateTime requires them.
    """
    if not value:
        return None
    if _DATE.match(value):
        return _xsd_date(value)
    canonical = _valid_datetime(value)
    return Literal(canonical, datatype=XSD.dateTime) if canonical else None


def _valid_datetime(value: str) -> str | None:
    """An ISO date-time as a valid xsd:dateTime lexical form, None when it is none."""
    m = _DATETIME.match(value)
    if m is None:
        return None
    day, hh, mm, ss, frac, tz = m.groups()
    ss = ss or "00"
    try:
        datetime.fromisoformat(f"{day}T{hh}:{mm}:{ss}")
    except ValueError:  # 24:00:00 is legal XSD but means the next day: not worth the trouble
        return None
    if tz and tz != "Z" and (int(tz[1:3]) * 60 + int(tz[4:6]) > 14 * 60 or int(tz[4:6]) > 59):
        return None
    return f"{day}T{hh}:{mm}:{ss}{frac or ''}{tz or ''}"


def _date_statement(value: str | None) -> tuple[URIRef, Literal] | None:
    """ng:date for a full day; ng:partialDate for a year or a month; None otherwise.

    The contract fixes ng:date as an xsd:date, so a year ("1953") or a month ("2000-12")
    read from the text goes to ng:partialDate as an xsd:gYear or xsd:gYearMonth instead
    of being lost.
    """
    if not value:
        return None
    if _DATE.match(value):
        lit = _xsd_date(value)
        return None if lit is None else (NG.date, lit)
    m = _YEAR_MONTH.match(value)
    if m is not None:
        if m.group(1) == "0000":
            return None
        if m.group(2) is None:
            return NG.partialDate, Literal(value, datatype=XSD.gYear)
        if 1 <= int(m.group(2)) <= 12:
            return NG.partialDate, Literal(value, datatype=XSD.gYearMonth)
    return None


def _first_start(spans: Sequence[Span]) -> int:
    return min((s.start for s in spans), default=1 << 60)


def text_order(items: Sequence[EventX] | Sequence[AgreementX]) -> list[int]:
    """Indices of events (or agreements) in text order: by first mention, ties by list order."""
    return sorted(range(len(items)), key=lambda i: (_first_start(items[i].mentions), i))


#: the fields ``Literal()`` sets; with another rdflib layout :func:`_plain` defers to it
_FAST_PLAIN = getattr(Literal, "__slots__", None) == ("_language", "_datatype", "_value", "_ill_typed")


def _plain(value: str) -> Literal:
    """``Literal(value)`` for a plain string, made without rdflib's datatype machinery.

    A plain literal is most of what the writer makes (names, anchors, sentences) and
    ``Literal()`` spends several microseconds casting and checking a string that needs
    neither; the result is the same object state, field for field.  Anything that is
    not an exact ``str``, or an rdflib whose Literal has other fields, takes the normal
    constructor.
    """
    if type(value) is not str or not _FAST_PLAIN:
        return Literal(value)
    lit = str.__new__(Literal, value)
    lit._language = None
    lit._datatype = None
    lit._value = value
    lit._ill_typed = None
    return lit


def _typed(lexical: str, datatype: URIRef, value: Any) -> Literal:
    """``Literal(lexical, datatype=datatype)`` for a lexical form the caller has checked and
    parsed (``value`` is what rdflib would parse it to), made field by field as _plain does:
    a typed ``Literal()`` parses, checks and re-writes its lexical form, tens of
    microseconds for each date (tests/test_rdf_writer.py compares every field)."""
    if not _FAST_PLAIN:
        return Literal(lexical, datatype=datatype)
    lit = str.__new__(Literal, lexical)
    lit._language = None
    lit._datatype = datatype
    lit._value = value
    lit._ill_typed = False
    return lit


def _xsd_date(value: str) -> Literal | None:
    """An xsd:date literal for a real day written YYYY-MM-DD, else None."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    if value.isascii() and day.isoformat() == value:
        return _typed(value, XSD.date, day)
    return Literal(value, datatype=XSD.date)


def _any_uri(url: str) -> Literal:
    """``Literal(url, datatype=XSD.anyURI)``: rdflib keeps the string itself as its value."""
    return _typed(url, XSD.anyURI, url) if type(url) is str else Literal(url, datatype=XSD.anyURI)


def _minted(iri: str) -> URIRef:
    """A URIRef for an IRI this module built from parts already checked, without
    URIRef()'s character scan (the same object otherwise)."""
    return str.__new__(URIRef, iri)


_OFFSETS: dict[int, Literal] = {}


def _offset(n: int) -> Literal:
    """An offset as an xsd:integer, the type a store gives back for any integer (an
    xsd:nonNegativeInteger would come back as xsd:integer: not the graph written).
    Typed integer literals are slow to build and offsets repeat across mentions and
    articles, so the small ones are made once."""
    lit = _OFFSETS.get(n)
    if lit is None:
        lit = Literal(n, datatype=XSD.integer)
        if len(_OFFSETS) < 1 << 16:
            _OFFSETS[n] = lit
            # kept for good, so its id names it for as long as the process lives
            _OFFSET_NT[id(lit)] = _nt_term(lit)
    return lit


#: the N-Triples text of each cached offset, by the literal's id: the writer meets the
#: same few hundred offsets in every article and need not format them again
_OFFSET_NT: dict[int, str] = {}


class _Builder:
    def __init__(self, extraction: Extraction, base: str) -> None:
        self.x = extraction
        self.doc = extraction.document
        self.base = base.rstrip("/")
        self.key = iris.article_key(self.doc.url, self.doc.text)
        self.article = URIRef(iris.article(self.base, self.key))
        self._article_str = str(self.article)
        # A dict keeps insertion order and drops duplicates, at a fraction of an rdflib store's
        # cost.  Each key is a triple, held by its value as a 1-tuple; or a mention node's IRI
        # whose value is the node's own triples: no other triple can repeat them (no other
        # subject is a mention IRI), so they skip the dict's hashing, which calls rdflib's
        # Python-level Literal.__hash__ for each of their four literals.  The graph's
        # triples are the values, chained, in the order they were written.
        self.triples: dict[Triple | URIRef, tuple[Triple, ...] | list[Triple]] = {}
        self._sentences: Sentences | None = None
        #: the ng:sentence literal of each sentence span: mentions in one sentence share it
        self._sentence_literals: dict[tuple[int, int], Literal] = {}
        self._described: set[URIRef] = set()
        self._country_hints = {c.alpha3.upper(): c for c in extraction.countries}
        self._org_names = {o.name for o in extraction.organizations}
        self._persons: dict[str, URIRef] = {}
        self._organizations: dict[str, URIRef] = {}
        self._countries: dict[str, URIRef | None] = {}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        t = (s, p, o)
        self.triples[t] = (t,)

    # -- mentions
    def mention(self, resource: URIRef, span: Span) -> None:
        text = self.doc.text
        if not (0 <= span.start < span.end <= len(text)):
            return
        if self._sentences is None:
            self._sentences = Sentences(text)
        # the article IRI was checked when it was made, and "#char=s,e" adds nothing to check
        m = _minted(iris.mention(self._article_str, span.start, span.end))
        triples = self.triples
        t = (resource, NG.denotedBy, m)
        triples[t] = (t,)
        if m in self._described:
            return
        self._described.add(m)
        bounds = self._sentences.bounds(span.start, span.end)
        sentence = self._sentence_literals.get(bounds)
        if sentence is None:
            sentence = self._sentence_literals[bounds] = _plain(text[bounds[0] : bounds[1]])
        triples[m] = [
            (m, RDF.type, NG.Mention),
            (m, NG.beginIndex, _offset(span.start)),
            (m, NG.endIndex, _offset(span.end)),
            (m, NG.anchorOf, _plain(text[span.start : span.end])),
            (m, NG.sentence, sentence),
            (m, NG.inArticle, self.article),
        ]

    def mentions(self, resource: URIRef, spans: Iterable[Span]) -> None:
        for span in spans:
            self.mention(resource, span)

    # -- actors
    def named(self, iri: URIRef, cls: URIRef, name: str) -> None:
        if iri in self._described:
            return
        self._described.add(iri)
        self.add(iri, RDF.type, cls)
        self.add(iri, NG.name, _plain(name))
        self.add(iri, RDFS.label, _plain(name))

    # person, organization and country are asked again for every event and mention that
    # names the actor; after the first call (which writes its description) the IRI is
    # all they give, so it is kept by argument
    def person(self, name: str) -> URIRef:
        iri = self._persons.get(name)
        if iri is None:
            iri = self._persons[name] = URIRef(iris.person(self.base, name))
            self.named(iri, NG.Person, name)
        return iri

    def organization(self, name: str) -> URIRef:
        iri = self._organizations.get(name)
        if iri is None:
            iri = self._organizations[name] = URIRef(iris.organization(self.base, name))
            self.named(iri, NG.Organization, name)
        return iri

    def country(self, alpha3: str) -> URIRef | None:
        if alpha3 not in self._countries:
            self._countries[alpha3] = self._country(alpha3)
        return self._countries[alpha3]

    def _country(self, alpha3: str) -> URIRef | None:
        code = alpha3.strip().upper()
        if not _ALPHA3.match(code):
            return None
        facts = country_facts(code, self._country_hints.get(code))
        if facts is None:
            return None
        iri = URIRef(iris.country(self.base, code))
        if iri in self._described:
            return iri
        self.named(iri, NG.Country, facts.name)
        self.add(iri, NG.isoAlpha3, _plain(code))
        if facts.alpha2:
            self.add(iri, NG.isoAlpha2, _plain(facts.alpha2))
        if facts.geonames:
            self.add(iri, OWL.sameAs, URIRef(GEONAMES.format(facts.geonames)))
        if facts.wikidata:
            qid = facts.wikidata.rsplit("/", 1)[-1]
            self.add(iri, OWL.sameAs, URIRef(WIKIDATA.format(qid)))
        return iri

    def party(self, value: str) -> URIRef | None:
        v = value.strip()
        if not v:
            return None
        if _ALPHA3.match(v) and v not in self._org_names:
            c = self.country(v)
            if c is not None:
                return c
        return self.organization(v)

    # -- the whole graph
    def build(self) -> list[Triple]:
        doc, art, add = self.doc, self.article, self.add
        add(art, RDF.type, NG.Article)
        if doc.title:
            add(art, NG.title, _plain(doc.title))
            add(art, RDFS.label, _plain(doc.title))
        if doc.url:
            add(art, NG.url, _any_uri(doc.url))
        pub = _published_literal(doc.published)
        if pub is not None:
            add(art, NG.published, pub)
        if doc.source:
            src = URIRef(iris.source(self.base, doc.source))
            self.named(src, NG.Source, doc.source)
            add(art, NG.source, src)
        for name in doc.editors:
            add(art, NG.editor, _plain(name))
        for name in doc.photographers:
            add(art, NG.photographer, _plain(name))
        for name in doc.bylines:
            add(art, NG.byline, _plain(name))
        if doc.language:
            add(art, SCHEMA.inLanguage, _plain(doc.language))
        self._provenance()

        for p in self.x.persons:
            iri = self.person(p.name)
            add(art, NG.mentions, iri)
            for alias in p.aliases:
                if alias and alias != p.name:
                    add(iri, NG.alias, _plain(alias))
            for role in p.roles:
                if role:
                    add(iri, NG.role, _plain(role))
            if p.nationality:
                nat = self.country(p.nationality)
                if nat is not None:
                    add(iri, NG.nationality, nat)
            self.mentions(iri, p.mentions)
        for c in self.x.countries:
            ciri = self.country(c.alpha3)
            if ciri is None:
                continue
            add(art, NG.mentions, ciri)
            for alias in c.aliases:
                if alias:
                    add(ciri, NG.alias, _plain(alias))
            self.mentions(ciri, c.mentions)
        for o in self.x.organizations:
            oiri = self.organization(o.name)
            add(art, NG.mentions, oiri)
            for alias in o.aliases:
                if alias and alias != o.name:
                    add(oiri, NG.alias, _plain(alias))
            self.mentions(oiri, o.mentions)

        event_iris: dict[int, URIRef] = {}
        for n, i in enumerate(text_order(self.x.events), start=1):
            event_iris[i] = URIRef(iris.event(self.base, self.key, n))
        for i, ev in enumerate(self.x.events):
            self._event(event_iris[i], ev)
        for n, i in enumerate(text_order(self.x.agreements), start=1):
            self._agreement(URIRef(iris.agreement(self.base, self.key, n)), self.x.agreements[i], event_iris)
        return list(chain.from_iterable(self.triples.values()))

    def _provenance(self) -> None:
        activity = URIRef(iris.conversion_activity(str(self.article)))
        agent = URIRef(iris.software_agent(__version__))
        self.add(self.article, PROV.wasGeneratedBy, activity)
        self.add(activity, RDF.type, PROV.Activity)
        self.add(activity, PROV.wasAssociatedWith, agent)
        self.add(activity, RDFS.label, _plain(f"conversion of the article by newsgraph {__version__}"))
        if self.doc.url:
            self.add(activity, PROV.used, _any_uri(self.doc.url))
        self.add(agent, RDF.type, PROV.SoftwareAgent)
        self.add(agent, RDFS.label, _plain(f"newsgraph {__version__}"))
        self.add(agent, SCHEMA.softwareVersion, _plain(__version__))

    def _event(self, iri: URIRef, ev: EventX) -> None:
        add = self.add
        # ng:Event always, the subclass as well: the store does no inference, and
        # "?e a ng:Event" must find every event.
        add(iri, RDF.type, NG.Event)
        subclass = EVENT_CLASSES.get(ev.type)
        if subclass is not None:
            add(iri, RDF.type, subclass)
        add(self.article, NG.reports, iri)
        add(iri, NG.reportedIn, self.article)
        if ev.cameo:
            add(iri, NG.cameoCode, _plain(ev.cameo))
        dated = _date_statement(ev.date)
        if dated is not None:
            add(iri, *dated)
        for name in ev.participants:
            if name:
                add(iri, NG.participant, self.person(name))
        for code in ev.countries:
            c = self.country(code)
            if c is not None:
                add(iri, NG.country, c)
        for name in ev.organizations:
            if name:
                add(iri, NG.organization, self.organization(name))
        if ev.location:
            add(iri, NG.location, _plain(ev.location))
        self.mentions(iri, ev.mentions)

    def _agreement(self, iri: URIRef, ag: AgreementX, event_iris: dict[int, URIRef]) -> None:
        add = self.add
        add(iri, RDF.type, NG.Agreement)
        add(iri, NG.title, _plain(ag.title))
        add(iri, RDFS.label, _plain(ag.title))
        for value in ag.parties:
            p = self.party(value)
            if p is not None:
                add(iri, NG.party, p)
        dated = _date_statement(ag.date)
        if dated is not None:
            add(iri, *dated)
        if ag.signed_at is not None and ag.signed_at in event_iris:
            add(iri, NG.signedAt, event_iris[ag.signed_at])
        self.mentions(iri, ag.mentions)


def build_triples(extraction: Extraction, base: str) -> tuple[URIRef, list[Triple]]:
    """The article IRI and the triples of its named graph, without building an rdflib Graph."""
    builder = _Builder(extraction, base)
    return builder.article, builder.build()


def to_graph(identifier: URIRef, triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph named ``identifier`` holding the triples, with the usual prefixes bound."""
    g = Graph(identifier=identifier)
    _bind(g)
    for t in triples:
        g.add(t)
    return g


def build_graph(extraction: Extraction, base: str) -> Graph:
    """The article's named graph (identifier = the article IRI)."""
    return to_graph(*build_triples(extraction, base))


def article_iri(extraction: Extraction, base: str) -> URIRef:
    doc = extraction.document
    return URIRef(iris.article(base.rstrip("/"), iris.article_key(doc.url, doc.text)))


# --------------------------------------------------------------------------- serialisation


def _bind(g: Graph | Dataset) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


def _sorted_lines(text: str) -> str:
    lines = sorted({ln for ln in text.split("\n") if ln.strip()})
    return "".join(ln + "\n" for ln in lines)


def _canonical_json(value: Any) -> Any:
    """JSON-LD with every array sorted: RDF has no order, so only sorting makes bytes stable."""
    if isinstance(value, dict):
        return {k: _canonical_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


NamedTriples = tuple[URIRef, Iterable[Triple]]


# Lines are joined rather than formatted: an f-string formats an rdflib term through
# Python-level str() calls, eight times slower than str.join reading the characters.
def _nquads(graphs: Sequence[NamedTriples]) -> str:
    # A list, sorted, then freed of repeated lines only when it has any: hashing every
    # line into a set cost more than the sort (lines repeat only when two graphs share
    # a name or two terms print alike).
    out: list[str] = []
    add = out.append
    join = "".join
    offset_nt = _OFFSET_NT.get
    #: escaped plain literals by id: the mentions of one sentence share its literal (the
    #: triples hold every literal for the whole call, so no id is reused meanwhile)
    escaped: dict[int, str] = {}
    for name, triples in graphs:
        tail = f"> <{name}> ."
        for s, p, o in triples:
            if type(o) is URIRef:  # most objects: no call, no checks
                add(join(("<", s, "> <", p, "> <", o, tail)))
            elif type(o) is Literal and o._language is None and o._datatype is None:
                # a plain literal (names, anchors, sentences): _nt_term's answer without the call
                lex = escaped.get(id(o))
                if lex is None:
                    # every character _NT_ESCAPE_RE escapes but '"' and '\\' is a control
                    # character, which isprintable() rejects: a printable text with neither
                    # needs no escape, known without a regex call
                    lex = escaped[id(o)] = (
                        o
                        if ('"' not in o and "\\" not in o and o.isprintable())
                        or _NT_ESCAPE_RE.search(o) is None
                        else _NT_ESCAPE_RE.sub(_nt_escape, o)
                    )
                add(join(("<", s, "> <", p, '> "', lex, '" <', name, "> .")))
            else:
                nt = offset_nt(id(o))
                if nt is None:
                    nt = _nt_term(o)
                add(join(("<", s, "> <", p, "> ", nt, " <", name, "> .")))
    out.sort()
    if any(map(operator.eq, out, islice(out, 1, None))):
        out = list(dict.fromkeys(out))  # still in order
    return "\n".join(out) + "\n" if out else ""


def _ntriples(graphs: Sequence[NamedTriples]) -> str:
    out: set[str] = set()
    for _name, triples in graphs:
        for s, p, o in triples:
            out.add(f"<{s}> <{p}> {_nt_term(o)} .")
    return "".join(line + "\n" for line in sorted(out))


_NT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NT_ESCAPE_RE = re.compile(r'[\\"\n\r\t\b\f]')
_XSD_STRING = str(XSD.string)


def _nt_term(o: Any) -> str:
    """An object term in N-Triples form (literals escaped as the grammar requires, UTF-8 kept)."""
    if type(o) is URIRef:  # most objects; isinstance() against Literal's ABC is slow
        return f"<{o}>"
    if isinstance(o, Literal):
        lex = str(o)
        if _NT_ESCAPE_RE.search(lex) is not None:
            lex = _NT_ESCAPE_RE.sub(_nt_escape, lex)
        lang = o.language
        if lang:
            return f'"{lex}"@{lang}'
        dt = o.datatype
        if dt is not None and str(dt) != _XSD_STRING:
            return "".join(('"', lex, '"^^<', dt, ">"))
        return "".join(('"', lex, '"'))
    return "".join(("<", o, ">"))


def _nt_escape(m: re.Match[str]) -> str:
    return _NT_ESCAPES[m.group(0)]


def serialize(graphs: Sequence[Graph], fmt: RdfFormat) -> str:
    """RDF text for the article graphs, byte-for-byte the same for the same graphs.

    Quad formats keep one named graph per article; triple formats (Turtle,
    N-Triples...) merge them, since they cannot name graphs.
    """
    named: list[NamedTriples] = [(URIRef(str(g.identifier)), cast(Iterable[Triple], g)) for g in graphs]
    return serialize_triples(named, fmt)


def serialize_triples(graphs: Sequence[NamedTriples], fmt: RdfFormat) -> str:
    """Like :func:`serialize`, for (graph name, triples) pairs: the N-Quads and N-Triples
    paths then never build an rdflib store, which is most of a conversion's cost."""
    if fmt.name == "nquads":
        return _nquads(graphs)
    if fmt.name == "nt":
        return _ntriples(graphs)
    ordered = sorted(
        (g if isinstance(g, Graph) else to_graph(name, g) for name, g in graphs),
        key=lambda g: str(g.identifier),
    )
    if fmt.name == "trig":
        parts = []
        for g in ordered:
            ds = Dataset()
            _bind(ds)
            target = ds.graph(g.identifier)
            for t in g:
                target.add(t)
            parts.append(ds.serialize(format="trig").strip() + "\n")
        return "\n".join(parts)
    if fmt.quads:  # JSON-LD
        ds = Dataset()
        _bind(ds)
        for g in ordered:
            target = ds.graph(g.identifier)
            for t in g:
                target.add(t)
        raw = ds.serialize(format=fmt.rdflib, context=dict(PREFIXES), auto_compact=True)
        canonical = _canonical_json(json.loads(raw))
        return json.dumps(canonical, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    merged = Graph()
    _bind(merged)
    for g in ordered:
        for t in g:
            merged.add(t)
    return str(merged.serialize(format=fmt.rdflib))


__all__ = [
    "EVENT_CLASSES",
    "PREFIXES",
    "CountryFacts",
    "article_iri",
    "build_graph",
    "build_triples",
    "country_facts",
    "serialize",
    "serialize_triples",
    "to_graph",
    "text_order",
]
