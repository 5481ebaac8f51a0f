"""The OWL ontology: every contract term defined as promised, aligned, and in step with NG.

The contract terms are hard-coded below so the test runs anywhere; when
../shared/contract/VOCABULARY.md is present, its tables are parsed and must say the same.
"""

from __future__ import annotations

import importlib.util
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, PROV
from rdflib.term import Node

from newsgraph.iris import ONTOLOGY_IRI
from newsgraph.ontology import NG, load_ontology, ontology_text
from newsgraph.ontology import namespace as namespace_module

ROOT = Path(__file__).resolve().parent.parent
NS = "https://w3id.org/newsgraph/ontology#"
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
VANN = Namespace("http://purl.org/vocab/vann/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ONT = URIRef(ONTOLOGY_IRI)

#: class -> nothing; property -> (domain classes, range).  Ranges starting "xsd:" are datatypes.
CONTRACT_CLASSES = {
    "Article", "Source", "Event", "Meeting", "Talks", "Visit", "PhoneCall", "Signing", "Summit",
    "Statement", "Person", "Country", "Organization", "Agreement",
}
CONTRACT_PROPERTIES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "title": (frozenset({"Article", "Agreement"}), frozenset({"xsd:string"})),
    "url": (frozenset({"Article"}), frozenset({"xsd:anyURI"})),
    "published": (frozenset({"Article"}), frozenset({"xsd:dateTime", "xsd:date"})),
    "source": (frozenset({"Article"}), frozenset({"Source"})),
    "editor": (frozenset({"Article"}), frozenset({"xsd:string"})),
    "photographer": (frozenset({"Article"}), frozenset({"xsd:string"})),
    "reports": (frozenset({"Article"}), frozenset({"Event"})),
    "reportedIn": (frozenset({"Event"}), frozenset({"Article"})),
    "mentions": (frozenset({"Article"}), frozenset({"Person", "Country", "Organization"})),
    "date": (frozenset({"Event", "Agreement"}), frozenset({"xsd:date"})),
    "participant": (frozenset({"Event"}), frozenset({"Person"})),
    "country": (frozenset({"Event"}), frozenset({"Country"})),
    "organization": (frozenset({"Event"}), frozenset({"Organization"})),
    "location": (frozenset({"Event"}), frozenset({"xsd:string"})),
    "name": (frozenset({"Person", "Country", "Organization", "Source"}), frozenset({"xsd:string"})),
    "alias": (frozenset({"Person", "Country", "Organization"}), frozenset({"xsd:string"})),
    "role": (frozenset({"Person"}), frozenset({"xsd:string"})),
    "nationality": (frozenset({"Person"}), frozenset({"Country"})),
    "isoAlpha2": (frozenset({"Country"}), frozenset({"xsd:string"})),
    "isoAlpha3": (frozenset({"Country"}), frozenset({"xsd:string"})),
    "party": (frozenset({"Agreement"}), frozenset({"Country", "Organization"})),
    "signedAt": (frozenset({"Agreement"}), frozenset({"Event"})),
}
#: Terms beyond the contract that the converter uses for provenance.
EXTRA_TERMS = {
    "Mention", "denotedBy", "inArticle", "byline", "cameoCode",
    "beginIndex", "endIndex", "anchorOf", "sentence", "partialDate",
}
EVENT_SUBCLASSES = ("Meeting", "Talks", "Visit", "PhoneCall", "Signing", "Summit", "Statement")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def _short(node: Node) -> str:
    text = str(node)
    if text.startswith(NS):
        return text[len(NS):]
    if text.startswith(str(XSD)):
        return "xsd:" + text[len(str(XSD)):]
    return text


def _members(g: Graph, node: Node) -> frozenset[str]:
    """A class or datatype expression as a set of short names (unions flattened)."""
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        assert union is not None, f"anonymous expression other than a union: {node}"
        return frozenset(_short(m) for m in Collection(g, union))
    return frozenset({_short(node)})


# --------------------------------------------------------------------------- the contract


def _parse_vocabulary(text: str) -> tuple[set[str], dict[str, tuple[frozenset[str], frozenset[str]]]]:
    classes: set[str] = set()
    props: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
            continue
        if not line.startswith("|") or set(line) <= {"|", "-", " "}:
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        names = re.findall(r"`ng:(\w+)`", cells[0])
        if not names:
            continue
        if section == "classes":
            classes.update(names)
        elif section == "properties":
            domain_text, _, range_text = cells[1].partition("->")
            domain = frozenset(d.strip() for d in domain_text.split(","))
            rng = frozenset(
                r.strip().strip("`") for r in re.split(r",|\bor\b", range_text) if r.strip().strip("`")
            )
            for n in names:
                props[n] = (domain, rng)
            # "and its inverse `ng:reportedIn` (Event -> Article)" in the notes column
            for inv, d, r in re.findall(r"inverse `ng:(\w+)` \((\w+) -> (\w+)\)", " ".join(cells[2:])):
                props[inv] = (frozenset({d}), frozenset({r}))
    return classes, props


def test_hard_coded_contract_matches_vocabulary_md(shared_dir: Path) -> None:
    path = shared_dir / "contract" / "VOCABULARY.md"
    if not path.exists():
        pytest.skip("contract/VOCABULARY.md is not present")
    classes, props = _parse_vocabulary(path.read_text(encoding="utf-8"))
    assert classes == CONTRACT_CLASSES
    assert props == CONTRACT_PROPERTIES


@pytest.mark.parametrize("name", sorted(CONTRACT_CLASSES | EXTRA_TERMS - set(CONTRACT_PROPERTIES)))
def test_every_class_and_extra_term_is_documented(onto: Graph, name: str) -> None:
    term = NG[name]
    labels = list(onto.objects(term, RDFS.label))
    comments = list(onto.objects(term, RDFS.comment))
    assert labels and all(isinstance(x, Literal) and x.language == "en" for x in labels), name
    assert comments and len(str(comments[0])) > 20, name
    assert (term, RDFS.isDefinedBy, ONT) in onto


@pytest.mark.parametrize("name", sorted(CONTRACT_CLASSES))
def test_contract_classes_are_owl_classes(onto: Graph, name: str) -> None:
    assert (NG[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", sorted(CONTRACT_PROPERTIES))
def test_contract_property_domain_range_and_kind(onto: Graph, name: str) -> None:
    term = NG[name]
    want_domain, want_range = CONTRACT_PROPERTIES[name]
    assert (term, RDFS.label, None) in onto and (term, RDFS.comment, None) in onto
    assert (term, RDFS.isDefinedBy, ONT) in onto
    domains = list(onto.objects(term, RDFS.domain))
    ranges = list(onto.objects(term, RDFS.range))
    assert len(domains) == 1 and len(ranges) == 1, "one domain and one range (unions for several)"
    assert _members(onto, domains[0]) == want_domain
    assert _members(onto, ranges[0]) == want_range
    datatype = all(r.startswith("xsd:") for r in want_range)
    kind = OWL.DatatypeProperty if datatype else OWL.ObjectProperty
    other = OWL.ObjectProperty if datatype else OWL.DatatypeProperty
    assert (term, RDF.type, kind) in onto
    assert (term, RDF.type, other) not in onto
    if isinstance(ranges[0], BNode):
        expected_type = RDFS.Datatype if datatype else OWL.Class
        assert (ranges[0], RDF.type, expected_type) in onto


def test_published_union_datatype_is_well_formed_owl(onto: Graph) -> None:
    rng = onto.value(NG.published, RDFS.range)
    assert isinstance(rng, BNode)
    assert (rng, RDF.type, RDFS.Datatype) in onto
    assert set(Collection(onto, onto.value(rng, OWL.unionOf))) == {XSD.date, XSD.dateTime}


def test_partial_date_is_a_year_or_a_month_of_an_event_or_agreement(onto: Graph) -> None:
    assert (NG.partialDate, RDF.type, OWL.DatatypeProperty) in onto
    assert (NG.partialDate, RDF.type, OWL.FunctionalProperty) in onto
    assert _members(onto, onto.value(NG.partialDate, RDFS.domain)) == {"Event", "Agreement"}
    rng = onto.value(NG.partialDate, RDFS.range)
    assert isinstance(rng, BNode)
    assert (rng, RDF.type, RDFS.Datatype) in onto
    assert set(Collection(onto, onto.value(rng, OWL.unionOf))) == {XSD.gYear, XSD.gYearMonth}
    assert (NG.partialDate, RDFS.subPropertyOf, DCTERMS.date) in onto
    # ng:date stays the contract's full day; the two are siblings, not one under the other
    assert onto.value(NG.date, RDFS.range) == XSD.date
    assert (NG.partialDate, RDFS.subPropertyOf, NG.date) not in onto


@pytest.mark.parametrize("name", ["beginIndex", "endIndex"])
def test_offsets_are_integers_that_read_back_from_a_store_unchanged(onto: Graph, name: str) -> None:
    """Oxigraph gives every integer back as xsd:integer, so that is the range (values are >= 0)."""
    assert onto.value(NG[name], RDFS.range) == XSD.integer
    assert (NG[name], RDFS.subPropertyOf, NIF[name]) in onto
    assert "negative" in str(onto.value(NG[name], RDFS.comment))


def test_reported_in_is_the_inverse_of_reports(onto: Graph) -> None:
    assert (NG.reportedIn, OWL.inverseOf, NG.reports) in onto


def test_metadata(onto: Graph) -> None:
    assert (ONT, RDF.type, OWL.Ontology) in onto
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator, DCTERMS.created,
              DCTERMS.modified, OWL.versionIRI, OWL.versionInfo):
        assert onto.value(ONT, p) is not None, p
    assert onto.value(ONT, VANN.preferredNamespacePrefix) == Literal("ng")
    assert str(onto.value(ONT, VANN.preferredNamespaceUri)) == NS
    assert str(onto.value(ONT, OWL.versionIRI)).startswith(ONTOLOGY_IRI + "/")
    assert str(onto.value(ONT, OWL.versionInfo)) in str(onto.value(ONT, OWL.versionIRI))


def _ng_subjects(g: Graph) -> Iterator[URIRef]:
    for s in set(g.subjects()):
        if isinstance(s, URIRef) and s.startswith(NS):
            yield s


def test_every_ng_term_is_typed_labelled_commented_and_defined_by(onto: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for s in _ng_subjects(onto):
        types = set(onto.objects(s, RDF.type)) & kinds
        assert len(types) == 1, f"{s} must have exactly one OWL kind, has {types}"
        assert (s, RDFS.label, None) in onto and (s, RDFS.comment, None) in onto, s
        assert (s, RDFS.isDefinedBy, ONT) in onto, s


def test_every_term_used_in_an_axiom_is_declared(onto: Graph) -> None:
    """OWL 2 tools need each IRI's kind; the ontology declares even external ones."""
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf):
        for s, o in onto.subject_objects(p):
            for node in (s, o):
                if isinstance(node, URIRef) and not node.startswith(str(XSD)):
                    assert set(onto.objects(node, RDF.type)) & kinds, f"{node} is used but not declared"


def test_sub_properties_keep_their_kind(onto: Graph) -> None:
    for s, o in onto.subject_objects(RDFS.subPropertyOf):
        s_kinds = set(onto.objects(s, RDF.type)) - {OWL.FunctionalProperty}
        o_kinds = set(onto.objects(o, RDF.type)) - {OWL.FunctionalProperty}
        assert s_kinds == o_kinds, f"{s} ({s_kinds}) under {o} ({o_kinds})"


def test_cameo_codes_on_every_event_class(onto: Graph) -> None:
    assert (NG.cameoCode, RDF.type, OWL.AnnotationProperty) in onto
    assert onto.value(NG.cameoCode, RDFS.domain) is None  # used on classes and instances alike
    for name in EVENT_SUBCLASSES:
        codes = [str(c) for c in onto.objects(NG[name], NG.cameoCode)]
        assert codes and all(re.fullmatch(r"\d{3,4}", c) for c in codes), name
        for code in codes:
            assert code in str(onto.value(NG[name], RDFS.comment)), f"{name}: comment does not explain {code}"
    assert [str(c) for c in onto.objects(NG.Signing, NG.cameoCode)] == ["057"]
    assert [str(c) for c in onto.objects(NG.PhoneCall, NG.cameoCode)] == ["041"]


def test_event_subclasses_are_disjoint(onto: Graph) -> None:
    found = False
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = set(Collection(onto, onto.value(node, OWL.members)))
        if members == {NG[n] for n in EVENT_SUBCLASSES}:
            found = True
    assert found
    for name in EVENT_SUBCLASSES:
        assert (NG[name], RDFS.subClassOf, NG.Event) in onto


# --------------------------------------------------------------------------- alignment by inference


INSTANCES = """
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.org/e/1> a ng:Meeting ; ng:participant <http://example.org/p/xi> ;
    ng:date "2022-02-05"^^xsd:date ; ng:location "Beijing" .
<http://example.org/p/xi> a ng:Person ; ng:name "Xi Jinping" .
<http://example.org/a/1> a ng:Article ; ng:reports <http://example.org/e/1> ;
    ng:published "2022-02-14"^^xsd:date ; ng:source <http://example.org/s/xinhua> ;
    ng:title "Xi meets Rahmon" .
<http://example.org/s/xinhua> a ng:Source .
<http://example.org/c/CHN> a ng:Country .
<http://example.org/g/1> a ng:Agreement ; ng:party <http://example.org/c/CHN> .
<http://example.org/g/2> a ng:Agreement ; ng:partialDate "1953"^^xsd:gYear .
<http://example.org/a/1#char=0,2> a ng:Mention .
"""


@pytest.fixture(scope="module")
def closure() -> Graph:
    g = load_ontology()
    g.parse(data=INSTANCES, format="turtle")
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(g)
    return g


def _select(g: Graph, query: str) -> set[str]:
    prefixes = (
        "PREFIX schema: <https://schema.org/> PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
    )
    return {str(row[0]) for row in g.query(prefixes + query)}  # type: ignore[index]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?x WHERE { ?x a schema:Event }", "http://example.org/e/1"),
        ("SELECT ?x WHERE { ?x a sem:Event }", "http://example.org/e/1"),
        ("SELECT ?x WHERE { ?x a foaf:Person }", "http://example.org/p/xi"),
        ("SELECT ?x WHERE { ?x a schema:Person }", "http://example.org/p/xi"),
        ("SELECT ?x WHERE { ?x a prov:Agent }", "http://example.org/s/xinhua"),
        ("SELECT ?x WHERE { ?x a schema:NewsArticle }", "http://example.org/a/1"),
        ("SELECT ?x WHERE { ?x a schema:CreativeWork }", "http://example.org/g/1"),
        ("SELECT ?x WHERE { ?x a schema:Country }", "http://example.org/c/CHN"),
        ("SELECT ?x WHERE { ?x a nif:String }", "http://example.org/a/1#char=0,2"),
        ("SELECT ?x WHERE { ?e sem:hasActor ?x }", "http://example.org/p/xi"),
        ("SELECT ?x WHERE { ?e schema:attendee ?x }", "http://example.org/p/xi"),
        ("SELECT ?x WHERE { ?x schema:datePublished ?d }", "http://example.org/a/1"),
        ("SELECT ?x WHERE { ?x dcterms:issued ?d }", "http://example.org/a/1"),
        ("SELECT ?x WHERE { ?x foaf:name ?n }", "http://example.org/p/xi"),
        ("SELECT ?x WHERE { ?x sem:hasTimeStamp ?d }", "http://example.org/e/1"),
        ("SELECT ?x WHERE { ?x dcterms:publisher ?s }", "http://example.org/a/1"),
        ("SELECT ?x WHERE { ?a schema:about ?x }", "http://example.org/e/1"),
        ("SELECT ?x WHERE { ?x dcterms:date ?d }", "http://example.org/e/1"),
        ("SELECT ?x WHERE { ?x dcterms:date ?d }", "http://example.org/g/2"),
    ],
)
def test_queries_in_aligned_vocabularies_find_our_data_after_rdfs_inference(
    closure: Graph, query: str, expected: str
) -> None:
    assert expected in _select(closure, query)


def test_without_inference_the_aligned_queries_find_nothing() -> None:
    """The positive tests above are not vacuous: the raw data does not use those terms."""
    g = Graph().parse(data=INSTANCES, format="turtle")
    assert _select(g, "SELECT ?x WHERE { ?x a schema:Event }") == set()
    assert _select(g, "SELECT ?x WHERE { ?x a foaf:Person }") == set()
    assert FOAF.Person != SCHEMA.Person and PROV.Agent  # the namespaces are distinct vocabularies


# --------------------------------------------------------------------------- the namespace module


def _defined_ng_terms(onto: Graph) -> set[str]:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    return {str(s)[len(NS):] for s in _ng_subjects(onto) if set(onto.objects(s, RDF.type)) & kinds}


def test_namespace_module_and_turtle_define_the_same_terms(onto: Graph) -> None:
    module_terms = set(namespace_module.NG.__annotations__)
    assert module_terms == _defined_ng_terms(onto)
    assert CONTRACT_CLASSES | set(CONTRACT_PROPERTIES) | EXTRA_TERMS == module_terms


def test_namespace_module_is_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("gen_namespace", ROOT / "scripts" / "gen_namespace.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.render(ontology_text()) == Path(namespace_module.__file__).read_text(encoding="utf-8"), (
        "run: python scripts/gen_namespace.py"
    )
    assert gen.main(["--check"]) == 0


def test_namespace_refuses_unknown_terms() -> None:
    with pytest.raises(AttributeError):
        NG.partcipant  # noqa: B018 - the typo is the point


# --------------------------------------------------------------------------- shipping


def test_ontology_loads_from_package_data_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the ontology must load without opening a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from importlib.resources import files

    text = files("newsgraph.ontology").joinpath("newsgraph.ttl").read_text(encoding="utf-8")
    assert text == ontology_text()
    g = load_ontology()
    assert (ONT, RDF.type, OWL.Ontology) in g
    assert not list(g.objects(ONT, OWL.imports))


def test_load_ontology_returns_an_independent_copy() -> None:
    g = load_ontology()
    n = len(g)
    g.remove((None, None, None))
    assert len(load_ontology()) == n
