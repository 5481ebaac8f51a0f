"""The newsgraph vocabulary as an rdflib DefinedNamespace.

Kept in step with ``newsgraph.ttl`` by ``tests/test_ontology.py``: a term used in code
but missing from the ontology (or the reverse) fails the test suite, and ``_fail``
makes a typo such as ``NG.partcipant`` an AttributeError at once.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class NG(DefinedNamespace):
    _NS = Namespace("https://w3id.org/newsgraph/ontology#")
    _fail = True

    # Classes
    Article: URIRef  # One news report that facts were read from.
    Source: URIRef  # The outlet or agency that published an article.
    Event: URIRef  # Something that happened at a time.
    Meeting: URIRef  # A meeting of two or more parties.
    Talks: URIRef  # Talks held between parties.
    Visit: URIRef  # A visit by a person or delegation to a place.
    PhoneCall: URIRef  # A telephone or video call.
    Signing: URIRef  # The signing or exchange of documents.
    Summit: URIRef  # A summit of leaders.
    Statement: URIRef  # A joint statement or declaration issued without a signing.
    Person: URIRef  # A person acting in the news.
    Country: URIRef  # A sovereign state (ISO 3166-1).
    Organization: URIRef  # An organisation acting in the news.
    Agreement: URIRef  # A document that parties signed or adopted.
    Mention: URIRef  # A span of an article's text that a fact was read from.

    # Object properties
    source: URIRef  # Article -> Source
    reports: URIRef  # Article -> Event
    reportedIn: URIRef  # Event -> Article
    mentions: URIRef  # Article -> Person, Country, Organization
    participant: URIRef  # Event -> Person
    country: URIRef  # Event -> Country
    organization: URIRef  # Event -> Organization
    nationality: URIRef  # Person -> Country
    party: URIRef  # Agreement -> Country or Organization
    signedAt: URIRef  # Agreement -> Event
    denotedBy: URIRef  # resource -> Mention
    inArticle: URIRef  # Mention -> Article

    # Datatype properties
    title: URIRef  # Article, Agreement -> xsd:string
    url: URIRef  # Article -> xsd:anyURI
    published: URIRef  # Article -> xsd:dateTime or xsd:date
    editor: URIRef  # Article -> xsd:string
    photographer: URIRef  # Article -> xsd:string
    byline: URIRef  # Article -> xsd:string
    date: URIRef  # Event, Agreement -> xsd:date
    location: URIRef  # Event -> xsd:string
    name: URIRef  # Person, Country, Organization, Source -> xsd:string
    alias: URIRef  # Person, Country, Organization -> xsd:string
    role: URIRef  # Person -> xsd:string
    isoAlpha2: URIRef  # Country -> xsd:string
    isoAlpha3: URIRef  # Country -> xsd:string
    cameoCode: URIRef  # Event or event class -> CAMEO code
    beginIndex: URIRef  # Mention -> first character offset
    endIndex: URIRef  # Mention -> offset after the last character
    anchorOf: URIRef  # Mention -> the text of the span
    sentence: URIRef  # Mention -> the sentence the span sits in
