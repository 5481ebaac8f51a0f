"""Hand-written article graphs for the linked-data server tests.

They follow shared/contract/VOCABULARY.md (one named graph per article; Article, Source,
Event subclasses, Person, Country, Organization, Agreement; mention nodes
``<article#char=S,E>`` with anchor, sentence and article; ``ng:denotedBy`` from the
resources), so the server is tested on the shape of data the converter produces
without depending on the converter.  IRIs are minted through ``newsgraph.iris``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from newsgraph import iris
from newsgraph.ontology.namespace import NG

BASE = "http://localhost:8080"

#: A name that must come out escaped everywhere it is shown.
HOSTILE_NAME = "<script>alert('x')</script> Eve & \"Mallory\""
HOSTILE_TITLE = "<script>document.title='pwned'</script> Talks & <b>bold</b> claims"


@dataclass
class Actor:
    kind: str  # person | country | organization
    name: str
    key: str = ""  # alpha-3 for countries
    aliases: tuple[str, ...] = ()
    role: str | None = None
    nationality: str | None = None  # alpha-3

    def iri(self, base: str) -> URIRef:
        if self.kind == "country":
            return URIRef(iris.country(base, self.key))
        if self.kind == "person":
            return URIRef(iris.person(base, self.name))
        return URIRef(iris.organization(base, self.name))


@dataclass
class EventSpec:
    cls: URIRef
    date: str
    sentence: str
    trigger: str
    actors: list[Actor]
    location: str | None = None
    agreement: str | None = None  # title of an agreement signed at this event


@dataclass
class ArticleSpec:
    url: str
    title: str
    published: str
    source: str
    text: str
    events: list[EventSpec] = field(default_factory=list)
    extra_actors: list[Actor] = field(default_factory=list)


XI = Actor("person", "Xi Jinping", aliases=("Xi",), role="President", nationality="CHN")
PUTIN = Actor("person", "Vladimir Putin", aliases=("Putin",), role="President", nationality="RUS")
TOKAYEV = Actor("person", "Kassym-Jomart Tokayev", aliases=("Tokayev",), role="President", nationality="KAZ")
CHN = Actor("country", "China", "CHN", aliases=("PRC",))
RUS = Actor("country", "Russia", "RUS")
KAZ = Actor("country", "Kazakhstan", "KAZ")
SCO = Actor("organization", "Shanghai Cooperation Organisation", aliases=("SCO",))
EVE = Actor("person", HOSTILE_NAME, role="<i>Envoy</i>", nationality="FJI")
FJI = Actor("country", "Fiji", "FJI")
RABUKA = Actor("person", "Sitiveni Rabuka", aliases=("Rabuka",), role="Prime Minister", nationality="FJI")

ISO2 = {"CHN": "CN", "RUS": "RU", "KAZ": "KZ", "FJI": "FJ"}
GEONAMES = {"CHN": "1814991", "RUS": "2017370", "KAZ": "1522867", "FJI": "2205218"}


def _sentences() -> list[ArticleSpec]:
    s1 = (
        "Chinese President Xi Jinping held talks with Russian President Vladimir Putin "
        "in Beijing on Thursday."
    )
    s2 = "The two presidents signed a joint statement on deepening the partnership."
    s3 = "Xi and Putin then attended the summit of the Shanghai Cooperation Organisation in Astana."
    s4 = "Kazakh President Kassym-Jomart Tokayev hosted the leaders of China and Russia."
    return [
        ArticleSpec(
            url="https://example.org/news/2024/05/16/xi-putin-talks",
            title="Xi, Putin hold talks in Beijing",
            published="2024-05-16",
            source="Xinhua",
            text=f"BEIJING, May 16 (Xinhua) -- {s1} {s2}",
            events=[
                EventSpec(
                    NG.Talks,
                    "2024-05-16",
                    s1,
                    "held talks",
                    [XI, PUTIN, CHN, RUS],
                    location="Great Hall of the People, Beijing",
                ),
                EventSpec(
                    NG.Signing,
                    "2024-05-16",
                    s2,
                    "signed",
                    [XI, PUTIN, CHN, RUS],
                    agreement="Joint statement on deepening the comprehensive partnership",
                ),
            ],
        ),
        ArticleSpec(
            url="https://example.org/news/2024/07/04/sco-astana",
            title="SCO leaders meet in Astana",
            published="2024-07-04",
            source="TASS",
            text=f"ASTANA, July 4 (TASS) -- {s3} {s4}",
            events=[
                EventSpec(
                    NG.Summit,
                    "2024-07-04",
                    s3,
                    "summit",
                    [XI, PUTIN, TOKAYEV, CHN, RUS, KAZ, SCO],
                    location="Astana",
                ),
            ],
        ),
    ]


def hostile_article() -> ArticleSpec:
    s = f"Envoy {HOSTILE_NAME} met Prime Minister Sitiveni Rabuka in Suva."
    return ArticleSpec(
        url="https://example.org/news/2023/02/01/hostile",
        title=HOSTILE_TITLE,
        published="2023-02-01",
        source="Pacific <Wire>",
        text=f"SUVA, Feb 1 -- {s}",
        events=[EventSpec(NG.Meeting, "2023-02-01", s, "met", [EVE, RABUKA, FJI], location="Suva & <Nadi>")],
    )


def fiji_articles(n: int) -> list[ArticleSpec]:
    """n small articles about Fiji, for paging: each adds one event and one mention of FJI."""
    out = []
    for i in range(n):
        day = f"2022-{1 + i // 28:02d}-{1 + i % 28:02d}"
        s = f"Prime Minister Sitiveni Rabuka opened session {i} of parliament in Fiji."
        out.append(
            ArticleSpec(
                url=f"https://example.org/news/fiji/{i}",
                title=f"Fiji parliament session {i}",
                published=day,
                source="Fiji Daily",
                text=f"SUVA -- {s}",
                events=[EventSpec(NG.Event, day, s, "opened", [RABUKA, FJI])],
            )
        )
    return out


def article_graph(base: str, spec: ArticleSpec) -> tuple[URIRef, Graph]:
    key = iris.article_key(spec.url, spec.text)
    a = URIRef(iris.article(base, key))
    g = Graph(identifier=a)
    g.bind("ng", iris.NG)
    src = URIRef(iris.source(base, spec.source))
    g.add((a, RDF.type, NG.Article))
    g.add((a, NG.title, Literal(spec.title)))
    g.add((a, NG.url, Literal(spec.url, datatype=XSD.anyURI)))
    g.add((a, NG.published, Literal(spec.published, datatype=XSD.date)))
    g.add((a, NG.source, src))
    g.add((src, RDF.type, NG.Source))
    g.add((src, NG.name, Literal(spec.source)))
    g.add((src, RDFS.label, Literal(spec.source)))

    def mention(subject: URIRef, anchor: str, sentence: str) -> None:
        start = spec.text.find(anchor, spec.text.find(sentence))
        if start < 0:
            return
        m = URIRef(iris.mention(str(a), start, start + len(anchor)))
        g.add((m, RDF.type, NG.Mention))
        g.add((m, NG.anchorOf, Literal(anchor)))
        g.add((m, NG.sentence, Literal(sentence)))
        g.add((m, NG.inArticle, a))
        g.add((m, NG.beginIndex, Literal(start)))
        g.add((m, NG.endIndex, Literal(start + len(anchor))))
        g.add((subject, NG.denotedBy, m))

    def actor(x: Actor, sentence: str) -> URIRef:
        iri = x.iri(base)
        cls = {"person": NG.Person, "country": NG.Country, "organization": NG.Organization}[x.kind]
        g.add((iri, RDF.type, cls))
        g.add((iri, NG.name, Literal(x.name)))
        g.add((iri, RDFS.label, Literal(x.name)))
        for al in x.aliases:
            g.add((iri, NG.alias, Literal(al)))
        if x.role:
            g.add((iri, NG.role, Literal(x.role)))
        if x.nationality:
            nat = URIRef(iris.country(base, x.nationality))
            g.add((iri, NG.nationality, nat))
        if x.kind == "country":
            g.add((iri, NG.isoAlpha3, Literal(x.key)))
            g.add((iri, NG.isoAlpha2, Literal(ISO2[x.key])))
            g.add((iri, OWL.sameAs, URIRef(f"https://sws.geonames.org/{GEONAMES[x.key]}/")))
        g.add((a, NG.mentions, iri))
        mention(iri, x.name if x.name in sentence else (x.aliases[0] if x.aliases else x.name), sentence)
        return iri

    for n, ev in enumerate(spec.events, start=1):
        e = URIRef(iris.event(base, key, n))
        g.add((e, RDF.type, ev.cls))
        g.add((e, NG.date, Literal(ev.date, datatype=XSD.date)))
        g.add((a, NG.reports, e))
        g.add((e, NG.reportedIn, a))
        if ev.location:
            g.add((e, NG.location, Literal(ev.location)))
        mention(e, ev.trigger, ev.sentence)
        for x in ev.actors:
            iri = actor(x, ev.sentence)
            prop = {"person": NG.participant, "country": NG.country, "organization": NG.organization}[x.kind]
            g.add((e, prop, iri))
        if ev.agreement:
            ag = URIRef(iris.agreement(base, key, n))
            g.add((ag, RDF.type, NG.Agreement))
            g.add((ag, NG.title, Literal(ev.agreement)))
            g.add((ag, NG.date, Literal(ev.date, datatype=XSD.date)))
            g.add((ag, NG.signedAt, e))
            for x in ev.actors:
                if x.kind in ("country", "organization"):
                    g.add((ag, NG.party, x.iri(base)))
            mention(ag, "joint statement", ev.sentence)
    for x in spec.extra_actors:
        actor(x, spec.text)
    return a, g


def all_specs(fiji: int = 0) -> list[ArticleSpec]:
    return [*_sentences(), hostile_article(), *fiji_articles(fiji)]


def load(store: object, base: str = BASE, *, fiji: int = 0) -> dict[str, URIRef]:
    """Put the fixture articles into the store; return handy IRIs by name."""
    graphs = [article_graph(base, spec) for spec in all_specs(fiji)]
    store.put_graphs([(str(iri), g) for iri, g in graphs])  # type: ignore[attr-defined]
    first = graphs[0][0]
    key = str(first).rsplit("/", 1)[1]
    return {
        "article": first,
        "event": URIRef(iris.event(base, key, 1)),
        "signing": URIRef(iris.event(base, key, 2)),
        "agreement": URIRef(iris.agreement(base, key, 2)),
        "person": XI.iri(base),
        "putin": PUTIN.iri(base),
        "country": CHN.iri(base),
        "organization": SCO.iri(base),
        "source": URIRef(iris.source(base, "Xinhua")),
        "hostile_person": EVE.iri(base),
        "hostile_article": graphs[2][0],
        "fiji": FJI.iri(base),
        "rabuka": RABUKA.iri(base),
    }


def path_of(iri: str, base: str = BASE) -> str:
    """The request path of one of our IRIs (``/id/person/xi-jinping``)."""
    assert iri.startswith(base)
    return iri[len(base) :]
