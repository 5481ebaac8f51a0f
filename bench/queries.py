"""The SPARQL query mix a researcher runs against a news graph, written against the public vocabulary.

Each query names its entities by IRI; ``pick_parameters`` chooses them from the data
(the busiest person, the busiest country pair, one of that person's events...) so the
mix exercises the hubs at every corpus size, and both servers get byte-identical text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

NG = "https://w3id.org/newsgraph/ontology#"
PREFIX = f"PREFIX ng: <{NG}>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"


@dataclass(frozen=True)
class Query:
    name: str
    what: str  #: what a researcher wants from it, for the report
    text: str
    graph: bool = False  #: CONSTRUCT/DESCRIBE (answer is RDF, not a results table)


def mix(p: dict[str, str]) -> list[Query]:
    """The query mix with parameters p (IRIs and literals from pick_parameters)."""
    return [
        Query("describe-person", "DESCRIBE the busiest person", f"DESCRIBE <{p['person']}>", graph=True),
        Query(
            "events-between-countries",
            "events between the busiest country pair, in time order",
            PREFIX
            + f"""SELECT ?e ?date ?type WHERE {{
  ?e ng:country <{p["country_a"]}> , <{p["country_b"]}> ; ng:date ?date ; rdf:type ?type .
}} ORDER BY ?date""",
        ),
        Query(
            "meetings-per-pair",
            "meetings per country pair (aggregate over all events)",
            PREFIX
            + """SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?meetings) WHERE {
  ?e rdf:type ng:Meeting ; ng:country ?a , ?b .
  FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b ORDER BY DESC(?meetings) LIMIT 100""",
        ),
        Query(
            "agreements-in-year",
            f"agreements signed in {p['year']} with their parties",
            PREFIX
            + f"""SELECT ?agreement ?title
  (GROUP_CONCAT(DISTINCT STR(?party); SEPARATOR=" ") AS ?parties) WHERE {{
  ?agreement rdf:type ng:Agreement ; ng:title ?title .
  {{ ?agreement ng:date ?d }} UNION {{ ?agreement ng:signedAt ?ev . ?ev ng:date ?d }}
  FILTER(STRSTARTS(STR(?d), "{p["year"]}"))
  OPTIONAL {{ ?agreement ng:party ?party }}
}} GROUP BY ?agreement ?title""",
        ),
        Query(
            "two-hop-contacts",
            "who met whom within two hops of a person",
            # The first hop is made distinct before the second: written as one join, each
            # contact is expanded again for every event it shares with the person, which no
            # server finished within a minute at 140k articles.  Same answer.
            PREFIX
            + f"""SELECT DISTINCT ?other WHERE {{
  {{ SELECT DISTINCT ?mid WHERE {{
    ?e1 ng:participant <{p["hop_person"]}> , ?mid . FILTER(?mid != <{p["hop_person"]}>)
  }} }}
  ?e2 ng:participant ?mid , ?other .
  FILTER(?other != <{p["hop_person"]}> && ?other != ?mid)
}}""",
        ),
        Query(
            "articles-by-source-and-date",
            "articles of one source (named) in a date range",
            # The source is found by name in a sub-select first: its name is stated in
            # every article graph of that source, and the union default graph keeps one
            # copy per graph, so joining on ng:name directly multiplies the rows.
            PREFIX
            + f"""SELECT ?article ?title ?published WHERE {{
  {{ SELECT DISTINCT ?source WHERE {{ ?source ng:name "{p["source_name"]}" }} }}
  ?article ng:source ?source ; ng:published ?published ; ng:title ?title .
  FILTER(STR(?published) >= "{p["from"]}" && STR(?published) < "{p["to"]}")
}} ORDER BY ?published""",
        ),
        Query(
            "title-text-filter",
            f"articles whose title contains '{p['word']}'",
            PREFIX
            + f"""SELECT ?article ?title WHERE {{
  ?article rdf:type ng:Article ; ng:title ?title .
  FILTER(CONTAINS(LCASE(?title), "{p["word"]}"))
}}""",
        ),
        Query(
            "event-neighbourhood",
            "CONSTRUCT an event's neighbourhood: its statements, the names of what it links, its reports",
            PREFIX
            + f"""CONSTRUCT {{
  <{p["event"]}> ?p ?o . ?o ng:name ?name . ?article ng:reports <{p["event"]}> ; ng:title ?t .
}} WHERE {{
  {{ <{p["event"]}> ?p ?o . OPTIONAL {{ ?o ng:name ?name }} }}
  UNION {{ ?article ng:reports <{p["event"]}> ; ng:title ?t }}
}}""",
            graph=True,
        ),
        Query(
            "busiest-persons",
            "the twenty persons in most events",
            PREFIX
            + """SELECT ?person (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?e ng:participant ?person .
} GROUP BY ?person ORDER BY DESC(?events) LIMIT 20""",
        ),
        Query(
            "person-timeline",
            "events per year of the busiest person",
            PREFIX
            + f"""SELECT ?year (COUNT(DISTINCT ?e) AS ?events) WHERE {{
  ?e ng:participant <{p["person"]}> ; ng:date ?d .
  BIND(SUBSTR(STR(?d), 1, 4) AS ?year)
}} GROUP BY ?year ORDER BY ?year""",
        ),
    ]


PARAM_QUERIES = {
    "persons": PREFIX
    + """SELECT ?p (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ng:participant ?p }
GROUP BY ?p ORDER BY DESC(?n) LIMIT 60""",
    "countries": PREFIX
    + """SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ng:country ?c }
GROUP BY ?c ORDER BY DESC(?n) LIMIT 2""",
    "source": PREFIX
    + """SELECT ?name (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a ng:source ?s . ?s ng:name ?name }
GROUP BY ?name ORDER BY DESC(?n) LIMIT 1""",
}


def pick_parameters(select: Callable[[str], list[dict[str, str]]]) -> dict[str, str]:
    """Choose the mix's IRIs from the data through select (query text -> rows of strings)."""
    persons = select(PARAM_QUERIES["persons"])
    countries = select(PARAM_QUERIES["countries"])
    source = select(PARAM_QUERIES["source"])
    if not persons or len(countries) < 2 or not source:
        raise SystemExit("bench: the store holds too little data to pick query parameters")
    top = persons[0]["p"]
    # The two-hop query starts from a person of middling fame: from the busiest one it
    # would reach nearly everybody at every size and measure nothing but output.
    hop = persons[min(len(persons) - 1, 50)]["p"]
    events = select(
        PREFIX + f"SELECT ?e WHERE {{ ?e ng:participant <{top}> ; ng:country ?c }} ORDER BY ?e LIMIT 1"
    )
    return {
        "person": top,
        "hop_person": hop,
        "country_a": countries[0]["c"],
        "country_b": countries[1]["c"],
        "event": events[0]["e"] if events else top,
        "source_name": source[0]["name"],
        "year": "2019",
        "from": "2020-01-01",
        "to": "2020-07-01",
        "word": "summit",
    }
