# ruff: noqa: E501 -- long regular expressions read better unbroken
"""Agreements: named documents and the objects of signing, adopting and issuing.

Three shapes cover wire copy: a title-case name ending in a document word
("Treaty on Franco-German Cooperation and Integration", "Algiers Agreement"); the
object of a document verb ("signed an economic and trade cooperation plan between
the two governments", "issued a joint statement"); and a document as the subject
or antecedent of "signed" ("a memorandum ... was also signed", "the ceasefire that
A and B signed").  Bare generic objects ("signed the deal", "a new treaty") refer to
a document named elsewhere and are skipped; planned documents are skipped too.
An unnamed bundle ("witnessed the signing of cooperation documents") is one entry, a
list of objects ("a memorandum on A, a programme for B and an MoU on C") one entry per
document, and a joint statement the sides speak in or publish is an entry too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import dates as datex
from .gazetteer import UPPER
from .model import AgreementX, EventX, Span
from .regex_speed import (
    AnchoredScan,
    LeadScan,
    LineStartScan,
    casefold_word_start,
    lead_words,
    word_start_prefix,
)

if TYPE_CHECKING:
    from .extract import Context

_NAMED_HEADS = (
    r"(?:Agreements?|Treaty|Treaties|Accords?|Declaration|Convention|Protocol|Memorandum(?:\s+of\s+Understanding)?|"
    r"MoUs?|Charter|Pact|Statement|Communiqu[ée]|Armistice)"
)
_W = rf"(?:[{UPPER}][\w'’\-–]*|(?!(?:1[89]|20)\d\d\b)[0-9]+(?:\s+\(\d{{4}}\))?)"
_CONN = r"(?:of|the|and|on|for|to|between|from|in|a|an|as|&|de|du|la|with|by)"
NAMED = re.compile(  # (?=[...]): the first character of any match, checked first
    rf"(?=[{UPPER}0-9])(?<![\w'’])(?:{_W}\s+(?:{_CONN}\s+)*)*?{_NAMED_HEADS}\b"
    rf"(?:(?::\s+|,\s+(?:and\s+)?(?:the\s+)?(?={_W})|\s+)(?:(?:{_CONN})\s+)*{_W}"
    rf"|\s+(?:of|on|for|between|to|from)\s+(?:(?:{_CONN})\s+)*{_W})*"
)
_HEADS_LOWER = (
    r"(?:agreements?|treaty|accords?|declaration|protocol|memorandum\s+of\s+understanding|memorandum|MoUs?|memoranda|"
    r"plan|statement|communiqu[ée]|ceasefire|cease-fire|truce|pact|charter|convention|documents|"
    r"initiative|partnership|roadmap|framework|contracts?|list\s+of\s+outcomes|arrangement|"
    r"Agreement|Treaty|Accords?|Declaration|Protocol|Memorandum|Plan|Statement|Initiative|Partnership|"
    r"Charter|Convention|Pact|Roadmap|Framework)"
)
_VERBS = (
    r"(?:signed|signs|sign|signing\s+of|signing|inked|inks|put\s+their\s+names\s+to|adopted|adopts|adopt|issued|"
    r"issues|issue|exchanged|exchange\s+of|initialled|concluded\s+and\s+signed|witnessed\s+the\s+signing\s+of)"
)
_OBJECT_SOURCE = (
    rf"\b{_VERBS}\s+(?:(?:the|a|an|their|two|three|four|several|a\s+set\s+of|a\s+package\s+of)\s+)?"
    rf"(?P<np>(?:[\w'’\-]+\s+){{0,8}}?{_HEADS_LOWER}\b(?:\s+\([A-Z][\w\-]*\))?"
    rf"(?:\s+(?:between|on|for|establishing|concerning|regarding|of|with|among)\s+(?:[^.;:\n]|(?<=\bNo)\.(?=\s\d))*?)?)"
    rf"(?=\s*(?:(?<!\bNo)[.;:\n]|,|\s+(?:which|that|in\s+which|in\s+(?:the\s+)?(?:fields?|areas?|sectors?|spheres?)\b|in\s+front|in\s+the\s+presence|in\s+presence|witnessed|during|under|"
    rf"at\s+(?:a|the)\b|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    rf"Saturday|Sunday|behalf)|in\s+(?:the\s+)?[A-Z][\w'’-]+\s*(?:[.,;]|on\b|$)|in\s+\d|before|after|while|as\s+|and\s+(?:then\s+)?"
    rf"(?:adopted|signed|agreed|issued|embraced)|with\s+(?:PM|Prime|President)|to\s+[a-z]|"
    rf"(?:outlining|setting\s+out|laying\s+out|calling\s+for|reaffirming|expressing|pledging|aimed|aiming|designed|intended)\b)|\s*$))"
)
# word_start_prefix: the same matches, scanned fast (see regex_speed)
OBJECT = re.compile(word_start_prefix(_OBJECT_SOURCE))
#: OBJECT tried only where ``str.find`` finds one of its verbs: its first-letter rewrite
#: still entered the matcher at every "s", "i", "a", "e", "p", "c" and "w" of the text
#: (0.4 million instructions an article); tests/test_convert_speedcuts.py compares both
_OBJECT_SCAN = LeadScan(OBJECT, lead_words(_OBJECT_SOURCE) or ())
SUBJECT = re.compile(
    rf"(?:^|(?<=[.;]\s)|\b(?:A|An|The|a|an|the)\s+)(?P<np>(?:[\w'’\-]+\s+){{0,6}}?{_HEADS_LOWER}\b"
    rf"(?:\s+(?:between|on|for|of)\s+[^.;:,\n]*?)?)(?:,\s+[^.;]{{0,120}}?,)?\s+(?:was|were|has\s+been|had\s+been)\s+"
    rf"(?:also\s+)?(?:signed|adopted|issued|exchanged|initialled)\b"
)
_ANTECEDENT_SOURCE = (
    rf"\b(?:the|a|an)\s+(?P<np>(?:[\w'’\-]+\s+){{0,6}}?{_HEADS_LOWER}\b(?:\s+(?:between|on|for|of)\s+[^.;:\n]*?)?)"
    rf"(?:,)?\s+(?:(?:that|which)\s+)?(?:(?:they|the\s+two\s+(?:sides|countries|leaders)|[A-Z][\w'’\-]+(?:\s+and\s+[A-Z][\w'’\-]+)?)"
    rf"\s+)?(?:had\s+)?signed\b(?P<tail>\s+in\s+[^.;]{{0,40}})?"
)
ANTECEDENT = re.compile(word_start_prefix(_ANTECEDENT_SOURCE))  # word_start_prefix: see OBJECT
#: ANTECEDENT tried only in the stretch of sentence before each "signed" (no match holds a
#: full stop, semicolon or colon) and only where "the", "a" or "an" starts (see regex_speed)
_ANTECEDENT_SCAN = AnchoredScan(ANTECEDENT, ("signed",), 0, re.compile(r"(?<!\w)(?:the|an?)\s"), ".;:")
ISSUED = re.compile(
    r"\b(?:(?:a|an|the)\s+)?(?P<np>(?:[\w'’\-]+\s+){0,3}?(?:joint\s+)?(?:statement|declaration|communiqu[ée]))"
    r"\s+(?:that\s+was\s+|which\s+was\s+)?(?:issued|adopted|released)\b"
)
#: ISSUED tried only before each "issued", "adopted" or "released", back to the last full
#: stop, semicolon, colon or comma (no match holds one before that word): on the texts
#: that pass its gate, a full scan tried the lazy noun phrase at every word start
_ISSUED_SCAN = AnchoredScan(ISSUED, ("issued", "adopted", "released"), 0, stops=".;:,")
#: SUBJECT likewise before its verbs, back to the last full stop or semicolon; its matches
#: start at the text's start, after ". " or "; ", or at a word start
_SUBJECT_SCAN = AnchoredScan(
    SUBJECT,
    ("signed", "adopted", "issued", "exchanged", "initialled"),
    0,
    starts=re.compile(r"\A|(?<=[.;]\s)|\b"),
    stops=".;",
)
#: "a joint statement was published" (one side's published statement is no agreement)
PUBLISHED = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Tt]heir)\s+(?P<np>(?:[a-z][\w\-]*\s+){0,2}?joint\s+(?:statement|declaration|communiqu[ée]))"
    r"\s+(?:was|were|has\s+been|had\s+been)\s+(?:also\s+)?published\b"
)
#: a joint statement the sides speak in: "the two leaders said in a joint statement that ..."
SAID_IN = re.compile(
    r"\b(?:said|stated|declared|announced|noted|stressed|underlined|pledged|affirmed|reaffirmed|vowed|agreed|called)"
    r"(?:\s+for\s+[^.;,]{1,40}?)?\s+in\s+(?:a|their)\s+"
    r"(?P<np>(?:[a-z][\w\-]*\s+){0,2}?joint\s+(?:statement|declaration|communiqu[ée]))\b"
)
#: the plural document words of an unnamed bundle
_BUNDLE_NOUNS = ("documents", "agreements", "instruments", "memoranda", "memorandums", "MoUs", "accords", "protocols")
#: an unnamed bundle as the object of a signing or exchange: "witnessed the signing of
#: cooperation documents in trade and energy", "oversaw the exchange of 12 cooperation
#: instruments"; its title ends with the plural word (OBJECT, when it matches the same
#: place, keeps a longer title: the bundle inside it is then dropped as the same mention)
_BUNDLE_SOURCE = (
    r"\b(?:signed|signing\s+of|exchange\s+of|exchanged|inked|concluded)\s+"
    r"(?:(?:a\s+)?(?:set|package|series|number|raft|range|batch|total)\s+of\s+|several\s+|some\s+|"
    r"(?:more\s+than\s+|over\s+|nearly\s+|about\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|a\s+dozen|dozens\s+of)\s+)?"
    r"(?P<np>(?!(?:the|these|those|their|its|his|her|such|other|all|both|any|no)\s)(?:[a-z][\w\-]*\s+){1,3}?"
    rf"(?:{'|'.join(_BUNDLE_NOUNS)}))\b"
)
BUNDLE = re.compile(word_start_prefix(_BUNDLE_SOURCE))
_BUNDLE_SCAN = LeadScan(BUNDLE, lead_words(_BUNDLE_SOURCE) or ())
#: a bundle whose documents the text then lists: the items are the entries
_BUNDLE_LISTED = re.compile(r"\s*(?::|[,(]?\s*(?:including|such\s+as|namely|among\s+them|among\s+which)\b)")
#: "ten cooperation instruments were exchanged" (SUBJECT's document words hold no "instruments")
INSTRUMENTS = re.compile(
    r"(?<![\w\-])(?P<np>(?:[a-z][\w\-]*\s+){1,3}?instruments)\s+(?:were|have\s+been|had\s+been)\s+(?:also\s+)?"
    r"(?:signed|exchanged|inked)\b"
)
LIST_ITEM = re.compile(
    rf"^[ \t]*(?:[ivxIVX]+|\d+|[a-h])[.)]\s+(?P<np>(?:[\w'’\-]+\s+){{0,2}}?{_HEADS_LOWER}\b[^\n]*?)[;.]?[ \t]*$",
    re.M,
)
#: LIST_ITEM tried at line starts only (regex_speed.LineStartScan)
_LIST_ITEM_SCAN = LineStartScan(LIST_ITEM)
_WORDS_NAMED = tuple(
    "Agreement Treat Accord Declaration Convention Protocol Memorandum MoU Charter Pact Statement "
    "Communiqu Armistice".split()
)
#: NAMED tried only before each head word ("Agreement", "Treaty", ...), back to the last comma,
#: full stop, semicolon or colon (no match holds one before its head), where a capital or digit starts
_NAMED_SCAN = AnchoredScan(
    NAMED, _WORDS_NAMED, 0, re.compile(rf"(?<![\w'’])[{UPPER}0-9]"), ".;:,"
)
# One of these words is in every match of the pattern (case as written); a text without
# any of them is not scanned (see _TRIGGERS in events.py; tests/test_prefilters.py checks).
_WORDS: dict[re.Pattern[str], tuple[str, ...]] = {
    NAMED: _WORDS_NAMED,
    OBJECT: ("sign", "ink", "put", "adopt", "issue", "exchange", "initialled"),
    SUBJECT: ("signed", "adopted", "issued", "exchanged", "initialled"),
    ISSUED: ("issued", "adopted", "released"),
    ANTECEDENT: ("signed",),
    BUNDLE: _BUNDLE_NOUNS,
}


# A stricter test for the costly patterns: a piece of every match, as a regex that can
# be searched fast (it starts with a letter or \s, not \b), ten times cheaper than the scan.
_GATES: dict[re.Pattern[str], re.Pattern[str]] = {
    SUBJECT: re.compile(r"(?:was|were|been)\s+(?:also\s+)?(?:signed|adopted|issued|exchanged|initialled)\b"),
    ISSUED: re.compile(
        r"(?:statement|declaration|communiqu[ée])\s+(?:that\s+was\s+|which\s+was\s+)?(?:issued|adopted|released)\b"
    ),
    ANTECEDENT: re.compile(r"\ssigned\b"),
}


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when the pattern cannot match the text (see _WORDS and _GATES)."""
    words = _WORDS.get(pattern)
    if words is not None and not any(map(text.__contains__, words)):
        return False
    gate = _GATES.get(pattern)
    return gate is None or gate.search(text) is not None


_GENERIC = {
    "new",
    "historic",
    "landmark",
    "peace",
    "trade",
    "final",
    "formal",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "deal",
    "deals",
    "document",
    "documents",
    "agreement",
    "agreements",
    "memoranda",
    "treaty",
    "accord",
    "pact",
    "set",
    "of",
    "two",
    "three",
    "several",
    "such",
    "same",
    "text",
    "separate",
    "their",
    "its",
    "his",
    "her",
    "following",
    "first",
    "key",
    "major",
    "broad",
    "wide-ranging",
    "full",
    "draft",
    "long-awaited",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "number",
    "series",
    "raft",
    "package",
    "slew",
    "host",
    "various",
    "other",
    "more",
    "some",
    "many",
    "agreed",
}
_PLANNED = re.compile(
    r"\b(?:negotiat\w+|conclud\w+|towards?|plans?|planned|future|would|will|draft|proposed|possible|"
    r"expected|hope[sd]?|aim\w*|pursu\w+|work\s+on|talks\s+on|discuss\w*|seek\w*|an?\s+agreement\s+on)"
    r"\s+(?:\w+\s+){0,4}$",
    re.I,
)


#: a document word inside the name of a body or a venue ("Collective Security Treaty
#: Organisation", "Convention Centre"), or a list of documents that includes a named one
_NOT_A_DOCUMENT = re.compile(
    rf"\b{_NAMED_HEADS}\s+(?:Organi[sz]ation|Centre|Center|Hall|Complex|Hotel|Secretariat|Council|Commission)\b|"
    r",?\s+including\b"
)
#: 'a joint statement titled "X"'; 'adopted three documents: the "X," ...; and a "Y"'
_TITLED_PLAIN = (
    r"\b(?:statement|declaration|communiqu[ée]|document|agreement|memorandum|pact|treaty|plan|accord|charter|"
    r"principles|vision)s?\s*,?\s+(?:titled|entitled|called|named|dubbed)\s+[\"“]([^\"”]{3,80}?)[,.]?[\"”]"
)
#: _TITLED_PLAIN (re.I) in casefold_word_start's form: the same matches, scanned fast
_TITLED = re.compile(casefold_word_start(_TITLED_PLAIN))
_DOCUMENT_LIST = re.compile(
    r"\b(?:signed|adopted|issued|released|approved|exchanged)\s+(?:\w+\s+){0,2}?(?:documents|texts|agreements)\b"
    r"[^.:;\n]{0,60}:(?P<list>[^\n]*?)(?:\.\s|\.$|\n|$)"
)
_QUOTED = re.compile(r"[\"“]([A-Z][^\"”]{2,80}?)[,.]?[\"”]")
#: the next object of the same verb: "signed an agreement on A, B and C, and an agreement on D"
_COORDINATED = re.compile(
    rf"(?P<ext>(?:,\s+[a-z][\w'’\- ]{{0,40}}?)*\s+and\s+[a-z][\w'’\- ]{{0,40}}?)?"
    rf",?\s+and\s+(?:an?|the)\s+(?P<np>(?:[\w'’\-]+\s+){{0,3}}?{_HEADS_LOWER}\b"
    rf"(?:\s+(?:between|on|for|of|with)\s+[^.;:\n,]*?)?)(?=\s*[.;:\n,])"
)
#: a head word of a named document, on its own
_NAMED_HEADS_RE = re.compile(_NAMED_HEADS)
#: a piece of a run that names a document by itself: a head word first ("Treaty of Rome",
#: "Agreement on Rail"), or capitalised words ending in one ("Tartu Forestry Agreement");
#: not "Termination of the Interim Accord", a clause of a longer title
_NAMED_PIECE = re.compile(rf"{_NAMED_HEADS}\b.*|(?:{_W}\s+)+{_NAMED_HEADS}", re.S)
_DATE_TAIL = re.compile(
    r"\s+(?:on|in|of)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December)\b.*$"
)


def _generic(np: str, ctx: Context) -> bool:
    words = [w.strip(",") for w in np.split()]
    # the country forms as a set, made once per call: the words of a long noun phrase were
    # each compared with every country mention, and this ran on every candidate
    forms = {h.form for h in ctx.countries}
    rest = [w for w in words if w.lower() not in _GENERIC and w not in forms and not w.isdigit()]
    heads = {
        "statement",
        "declaration",
        "plan",
        "ceasefire",
        "cease-fire",
        "truce",
        "protocol",
        "memorandum",
        "mou",
        "mous",
        "initiative",
        "partnership",
        "communiqué",
        "communique",
        "roadmap",
        "charter",
        "convention",
        "list",
    }
    if not rest or (rest == ["understanding"] and "memoranda" in np.lower()):
        return True  # "two memoranda of understanding": a count, no kind (the MoUs are named elsewhere)
    if (
        len(rest) == 1
        and rest[0].lower() in heads
        and rest[0].lower() not in {"statement", "declaration", "communiqué", "communique"}
    ):
        return False if rest[0].lower() in {"ceasefire", "truce", "protocol"} else True
    if len(rest) == 1 and rest[0].lower() in {"statement", "declaration"}:
        return True
    # demonym-only modifiers ("North American trade pact") are descriptions, not titles
    return all(w[0].isupper() and any(w in f for f in forms) for w in rest[:-1]) and rest[
        -1
    ].lower() in {"pact", "deal", "treaty", "agreement", "accord"}


#: _clean's patterns, compiled once: it runs on every candidate noun phrase
_CLEAN_ARTICLE = re.compile(r"^(?:the|a|an|their|its|his|her|separate|new)\s+", re.I)
_CLEAN_QUANTITY = re.compile(r"^(?:series|set|package|raft|slew|number|host|range)\s+of\s+", re.I)
_CLEAN_WEEKDAY = re.compile(r"\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$")
_CLEAN_RELATIVE = re.compile(r"\s+(?:which|that|who)\b.*$")
#: where the document was signed, run on after its name: "the Border Treaty in Narva",
#: "the ... Agreement in Pretoria, South Africa on 2 November": a place right after the
#: document's head word, or a place followed by a day ("Cooperation in Agriculture" stays)
_PLACE_RUN = r"\s+in\s+[A-Z][\w'’.\-]*(?:,?\s+[A-Z][\w'’.\-]*)*"
_DAY_TAIL = r",?\s+on\s+\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+.*"
_CLEAN_PLACE = re.compile(
    rf"(?:\b(?P<head>{_NAMED_HEADS}){_PLACE_RUN}(?:{_DAY_TAIL})?|{_PLACE_RUN}{_DAY_TAIL})$"
)


#: a count before a bundle: "37 cooperation agreements", "several cooperation documents"
#: (the title is the kind of document, as the annotations write it)
_CLEAN_COUNT = re.compile(
    r"^(?:a\s+total\s+of\s+|several\s+|numerous\s+|various\s+|\d{1,3}\s+|(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|a\s+dozen|dozens\s+of)\s+)(?=\S+\s+\S)",
    re.I,
)


def _clean(np: str) -> str:
    np = _CLEAN_ARTICLE.sub("", np.strip())
    np = _CLEAN_COUNT.sub("", np)
    np = _CLEAN_QUANTITY.sub("", np)
    np = _CLEAN_WEEKDAY.sub("", np)
    np = _CLEAN_RELATIVE.sub("", np)
    return np.strip(" ,;")


# The patterns of find_agreements(), compiled once: a module-level re call looks its pattern up on every call.
#: a determiner or preposition that opens a noun phrase, not a title
_LEADING_WORD = re.compile(
    r"^(?:The|A|An|This|That|In|On|Under|After|Before|With|By|From|At|Both|Its|Their|His|Her)\s+"
)
#: "the" left after a leading preposition ("Under the Agreement"), or a day's possessive
#: ("Today's Agreement", "Monday's Declaration"): not part of a title
_LEADING_THE_OR_DAY = re.compile(
    r"^(?:the\s+|(?:Today|Yesterday|Tonight|Tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+)"
)
#: a head word alone before a comma: "Agreement, Estonia"
_BARE_HEAD_COMMA = re.compile(rf"{_NAMED_HEADS}\s*,")
#: a year that opens the title: "1953 Armistice Agreement"
_LEADING_YEAR = re.compile(r"((?:1[89]|20)\d\d)\s+")
#: "... of 1953" at the end of a title
_OF_YEAR = re.compile(r"\s+of\s+(?:1[89]|20)\d\d\b")
#: a statement with no name of its own
_BARE_STATEMENT = re.compile(r"Joint\s+(?:Statement|Declaration)|Statement|Declaration")
#: a quoted name right after the noun: the document's title
_QUOTED_NAME_AFTER = re.compile(r"\s*,\s*[\"“]([^\"”]{3,80})[\"”]")
#: a joint statement or declaration, named or not
_STATEMENT_WORDS = re.compile(r"(?:Joint\s+)?(?:Statement|Declaration)")


#: the first document word of a noun phrase
_HEAD_WORD = re.compile(rf"\b{_HEADS_LOWER}\b")
#: the last article before the document word: "signed at Harbour Palace a memorandum ...",
#: "In a joint statement issued ...": the noun phrase starts after it
_LAST_ARTICLE = re.compile(r"(?:^|\s)(?:the|a|an)\s+(?!.*\s(?:the|a|an)\s)", re.S)
#: objects of "exchanged" that are no documents: "exchanged views on the ... partnership"
_NOT_DOCUMENT_OBJECT = re.compile(
    r"(?:views|opinions|ideas|thoughts|greetings|pleasantries|experiences|information|gifts|congratulations)\b", re.I
)
#: a word of a title followed by "the": "Kremlin the Declaration on ...": the title starts after "the"
_WORD_THE = re.compile(r"([\w'’\-]+)\s+the\s+")
_CONN_WORDS = frozenset(_CONN.strip("(?:)").split("|"))


def _np_start(np: str) -> int | None:
    """Where the document's own words start in an object or subject noun phrase, or None
    when the phrase is no document: the lazy word run before the document word also takes
    adverbials ("Thursday at the Kremlin the Declaration") and prepositions ("In a joint
    statement"), which an article before the document word closes."""
    if _NOT_DOCUMENT_OBJECT.match(np):
        return None
    head = _HEAD_WORD.search(np)
    if head is None or head.start() == 0:
        return 0
    art = _LAST_ARTICLE.search(np, 0, head.start())
    return art.end() if art else 0


def _named_start(title: str) -> int:
    """Where a capitalised title starts after words joined to it by "the" with no
    preposition between ("Kremlin the Declaration on ..."): a title says "of the", never
    "Kremlin the"."""
    head = _NAMED_HEADS_RE.search(title)
    limit = head.start() if head else len(title)
    for m in _WORD_THE.finditer(title, 0, limit):
        if m.group(1).lower() not in _CONN_WORDS:
            return m.end()
    return 0


#: where a run of names splits: "the A Agreement, the B Protocol and the C Treaty"
_NAMED_SPLIT = re.compile(r",\s+(?:and\s+)?(?:the|an?)\s+|\s+and\s+(?:the|an?)\s+")


def _named_pieces(title: str) -> list[tuple[int, int]]:
    """The spans of the documents a capitalised run names: the run itself, or each of
    its pieces when every piece ends in a document word ("the A Agreement, the B Protocol
    and the C Treaty" names three; "Treaty of Peace, Diplomatic Relations and the ..."
    one)."""
    if ", " not in title and " and " not in title:
        return [(0, len(title))]
    spans, start = [], 0
    for m in _NAMED_SPLIT.finditer(title):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(title)))
    if len(spans) < 2 or not all(_NAMED_PIECE.fullmatch(title, a, b) for a, b in spans):
        return [(0, len(title))]
    return spans


#: the rest of a comma list of fields that ends an object's title: ", fisheries and tourism"
_COMMA_FIELDS = re.compile(
    r"(?:,\s+(?![a-z]+(?:ing|ed)\b|which\b|who\b|that\b)[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?)+,?\s+and\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?"
    r"(?=\s*(?:[.;:\n,]|$)|\s+(?:on\s+[A-Z]|in\s+the\s+presence|during|at\s+(?:a|the)\s))"
)
#: the end of the clause that holds a list of objects ("No. 3" does not end it)
_CLAUSE_END = re.compile(r"(?<!\bNo)[.;:](?=\s|$)|\n")
#: where a list of objects splits: before ", a ...", ", and the ...", " and an ...", " as well as a ..."
_ITEM_SPLIT = re.compile(r",\s+(?:and\s+)?(?=(?:an?|the)\s)|\s+and\s+(?=an?\s)|,?\s+as\s+well\s+as\s+(?=(?:an?|the)\s)")
_ITEM_ARTICLE = re.compile(r"(?:an?|the)\s+")
#: a listed document: a document word (or a programme) among its first words
_ITEM_HEAD = re.compile(
    rf"(?:[\w'’\-]+\s+){{0,4}}?(?:{_HEADS_LOWER}|programmes?|programs?)\b"
)
#: what ends the last item: the day, the ceremony, a relative clause, the reporting verb
_ITEM_TAIL = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|behalf)|in\s+(?:the\s+)?presence|"
    r"in\s+front|witnessed|during|at\s+(?:a|the)\s+(?:ceremony|end|signing)|before|after|while|which|that|who)\b.*$"
    r"|,\s+(?:[A-Z]|\w+\s+(?:said|says|told|added|noted)\b|which|who|where|as|while|during|after|before|witnessed|in\s+the\s+presence).*$",
    re.S,
)
#: "MoUs on A, on B and on C": one memorandum on each
_PLURAL_ON = re.compile(r"(MoUs|memoranda\s+of\s+understanding|memorandums\s+of\s+understanding|agreements)\s+on\s+")
_ON_SPLIT = re.compile(r",\s+(?:and\s+)?on\s+|\s+and\s+on\s+")
_SINGULAR = {"MoUs": "MoU", "agreements": "agreement"}


def _list_items(text: str, start: int) -> list[tuple[int, int, str]]:
    """The documents of a list that starts at ``start`` as the object of a signing verb,
    each its own entry ("a memorandum on fisheries, a cultural exchange programme for
    2025-2029 and an executive programme for sports"); [] when the object is one document.
    A piece with no document word inside the list belongs to the item before it ("an MoU
    between A, the B and the C on ..."); one after the last item is dropped."""
    ce = _CLAUSE_END.search(text, start)
    stop = ce.start() if ce else len(text)
    segment = text[start:stop]
    if ", " not in segment and " and a" not in segment and " as well as " not in segment:
        return []
    bounds: list[tuple[int, int, bool]] = []  # start, end, joined by "and"
    at, joined = 0, False
    for m in _ITEM_SPLIT.finditer(segment):
        bounds.append((at, m.start(), joined))
        at, joined = m.end(), "and" in m.group(0) or "well" in m.group(0)
    bounds.append((at, len(segment), joined))
    items: list[list[int]] = []
    last_joined = False
    for a, b, j in bounds:
        art = _ITEM_ARTICLE.match(segment, a)
        a2 = art.end() if art else a
        if _ITEM_HEAD.match(segment, a2, b):
            items.append([a2, b])
            last_joined = j
        elif items:
            items[-1].append(b)  # a later item closes it; else it is dropped below
    # a list joins its last item with "and"; "the X Declaration, a short statement of ...": an apposition
    if len(items) < 2 or not last_joined:
        return []
    out: list[tuple[int, int, str]] = []
    for k, it in enumerate(items):
        a, b = it[0], it[-1] if k < len(items) - 1 else it[1]
        piece = segment[a:b]
        cut = _ITEM_TAIL.search(piece)
        if cut:
            piece = piece[: cut.start()]
        piece = piece.rstrip(" ,")
        plural = _PLURAL_ON.match(piece)
        if plural and _ON_SPLIT.search(piece, plural.end()):
            noun = _SINGULAR.get(plural.group(1), "memorandum of understanding")
            at = plural.end()
            for on in _ON_SPLIT.finditer(piece, plural.end()):
                out.append((start + a + at, start + a + on.start(), f"{noun} on {piece[at : on.start()]}"))
                at = on.end()
            out.append((start + a + at, start + a + len(piece), f"{noun} on {piece[at:]}"))
            continue
        out.append((start + a, start + a + len(piece), piece))
    return out


def find_agreements(ctx: Context, events: list[EventX]) -> list[AgreementX]:
    text = ctx.text
    skip_until = 0
    if ctx.doc.title_span is not None:
        skip_until = ctx.doc.title_span.end
    found: list[tuple[int, int, str, str]] = []  # start, end, title, how

    def add(s: int, e: int, title: str, how: str) -> None:
        if s < skip_until or any(a <= s < b for a, b in ctx.masked):
            return
        title = title.strip(" ,;:")
        if len(title) < 4 or _NOT_A_DOCUMENT.search(title):
            return
        found.append((s, e, title, how))

    for m in _NAMED_SCAN.finditer(text) if _may_match(NAMED, text) else ():
        title = m.group(0)
        title = _LEADING_WORD.sub("", title)
        title = _LEADING_THE_OR_DAY.sub("", title)
        title = title[_named_start(title) :]
        if _BARE_HEAD_COMMA.match(title):
            continue  # "Under the Agreement, Estonia will ...": a back-reference and the next clause
        year = _LEADING_YEAR.match(title)
        title = title[year.end() :] if year else title
        s = m.end() - len(title)
        title = _DATE_TAIL.sub("", title)
        cut = _OF_YEAR.search(title)
        if cut:  # "Lusaka Protocol of 1994 and the ...": the year dates the document and ends its name
            title = title[: cut.start()]
        if not _NAMED_HEADS_RE.search(title) or _NAMED_HEADS_RE.fullmatch(title):
            if not _STATEMENT_WORDS.fullmatch(title):
                continue
        if _BARE_STATEMENT.fullmatch(title):
            continue
        pre = text[max(0, s - 60) : s]
        if _PLANNED.search(pre):
            continue
        pieces = _named_pieces(title)
        for a, b in pieces:
            add(s + a, s + b, title[a:b], "named")
    scans: tuple[tuple[re.Pattern[str], re.Pattern[str] | AnchoredScan | LineStartScan | LeadScan, str], ...] = (
        (OBJECT, _OBJECT_SCAN, "object"),
        (SUBJECT, _SUBJECT_SCAN, "subject"),
        (ISSUED, _ISSUED_SCAN, "issued"),
        (LIST_ITEM, _LIST_ITEM_SCAN, "list"),
        (BUNDLE, _BUNDLE_SCAN, "bundle"),
    )
    for pat, scan, how in scans:
        if not _may_match(pat, text):
            continue
        for m in scan.finditer(text):
            np = m.group("np")
            s = m.start("np")
            if how != "list":
                off = _np_start(np)
                if off is None:
                    continue
                np, s = np[off:], s + off
            if np.rsplit(None, 1)[-1] in _BUNDLE_NOUNS and _BUNDLE_LISTED.match(text, m.end("np")):
                continue  # "signed three cooperation agreements: the A ..., the B ...": the items are the entries
            if how == "bundle" and (
                False
                # "the exchange of two memoranda": a count, no kind; the documents are named elsewhere
                or all(w in _GENERIC or w.isdigit() for w in np.split()[:-1])
            ):
                continue
            if how in ("object", "bundle"):
                from .events import _is_future

                clause_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
                if _is_future(text, clause_start, m.start(), m.start() + len(m.group(0).split()[0]), "verb"):
                    continue
            title = _clean(np)
            if not title or _generic(title, ctx):
                continue
            # a quoted title right after: 'adopted a joint declaration, "A Joint Vision for 2030"'
            q = _QUOTED_NAME_AFTER.match(text[m.end("np") :])
            if q:
                add(m.end("np") + q.start(1), m.end("np") + q.end(1), q.group(1), how)
                continue
            end = s + np.find(title) + len(title)
            items = _list_items(text, s + np.find(title)) if how == "object" else []
            if items:
                for a, b, t in items:
                    if not _generic(t, ctx):
                        add(a, b, t, how)
                continue
            co = _COORDINATED.match(text, m.end("np")) if how == "object" else None
            if co is None and how == "object" and text.startswith(",", m.end("np")):
                fields = _COMMA_FIELDS.match(text, m.end("np"))
                if fields:  # "an agreement on cooperation in forestry, fisheries and tourism"
                    title, end = text[s + np.find(title) : fields.end()], fields.end()
            if co is not None:
                if co.group("ext"):  # the comma list belongs to the first title
                    title, end = text[s + np.find(title) : co.end("ext")], co.end("ext")
                t2 = _clean(co.group("np"))
                if t2 and not _generic(t2, ctx):
                    add(
                        co.start("np") + co.group("np").find(t2),
                        co.start("np") + co.group("np").find(t2) + len(t2),
                        t2,
                        how,
                    )
            add(s + np.find(title), end, title, how)
    for m in INSTRUMENTS.finditer(text) if "instruments " in text else ():
        np = m.group("np")
        title = _clean(np)
        if not all(w in _GENERIC for w in title.split()[:-1]):
            add(m.start("np") + np.find(title), m.end("np"), title, "subject")
    for m in PUBLISHED.finditer(text) if "published" in text and "joint" in text else ():
        add(m.start("np"), m.end("np"), m.group("np"), "issued")
    for m in SAID_IN.finditer(text) if "in a joint " in text or "in their joint " in text else ():
        if not any(a <= m.start() < b for a, b in ctx.masked):
            add(m.start("np"), m.end("np"), m.group("np"), "issued")
    for m in (
        _TITLED.finditer(text)
        if "titled" in text or "called" in text or "named" in text or "dubbed" in text
        else ()
    ):
        add(m.start(1), m.end(1), m.group(1), "titled")
    for m in (
        _DOCUMENT_LIST.finditer(text)
        if "documents" in text or "texts" in text or "agreements" in text
        else ()
    ):
        for q in _QUOTED.finditer(m.group("list")):
            add(m.start("list") + q.start(1), m.start("list") + q.end(1), q.group(1), "titled")
    for m in _ANTECEDENT_SCAN.finditer(text) if _may_match(ANTECEDENT, text) else ():
        title = _clean(m.group("np"))
        if title and not _generic(title, ctx):
            add(m.start("np"), m.start("np") + len(title), title, "antecedent")
    return _assemble(ctx, found, events)


# The patterns of _norm(), compiled once: a module-level re call looks its pattern up on every call.
#: runs of non-word characters, folded for comparing titles
_NON_WORD_RUN = re.compile(r"[^\w]+")


def _norm(s: str) -> str:
    return _NON_WORD_RUN.sub(" ", s.casefold()).strip()


def _assemble(ctx: Context, found: list[tuple[int, int, str, str]], events: list[EventX]) -> list[AgreementX]:
    text = ctx.text
    named = [(s, e) for s, e, _, how in found if how == "named"]
    # a descriptive match that starts with a named title is that title ("the X Protocol of 1994 and ...")
    found = [
        f for f in found if f[3] == "named" or not any(abs(a - f[0]) <= 12 and a < f[1] for a, _ in named)
    ]
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[AgreementX] = []
    seen: dict[str, AgreementX] = {}
    spans: list[tuple[int, int]] = []
    for s, e, title, how in found:
        if " in " in title:
            m = _CLEAN_PLACE.search(title)
            if m and m.start() > 0:
                cut = title[: m.start()] + (m.group("head") or "")
                if text[s:e] == title:
                    e = s + len(cut)
                title = cut
        key = _norm(title)
        if key not in seen and " " not in key:
            # "the Charter" after "the Charter on Strategic Partnership between ...": the same document
            key = next((k for k in seen if k.startswith(key + " ")), key)
        if key in seen:
            seen[key].mentions.append(Span(s, e))
            continue
        # a shorter match inside one already taken is the same mention ("Declaration" in a longer title)
        if any(a <= s and e <= b and (b - a) > (e - s) and how != "named" for a, b in spans):
            continue
        if any(a <= s and e <= b and how == "named" and _norm(text[a:b]).startswith(key) for a, b in spans):
            continue
        ag = AgreementX(title=title, mentions=[Span(s, e)])
        _parties_and_date(ctx, ag, s, e, events)
        out.append(ag)
        seen[key] = ag
        spans.append((s, e))
    return out


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    stop = text.rfind(". ", 0, pos)  # -1 when none: the sentence starts the text
    a = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, pos) + 1)
    b_candidates = [x for x in (text.find(". ", pos), text.find("\n", pos)) if x >= 0]
    b = min(b_candidates) if b_candidates else len(text)
    return a, b


# The patterns of _parties_and_date(), compiled once:
# a module-level re call looks its pattern up on every call.
#: "... between A and B" in a title: the parties
_BETWEEN_PARTIES = re.compile(r"\bbetween\s+(.+)$")
#: a year right before the title
_YEAR_BEFORE = re.compile(r"(?:^|\s)((?:1[89]|20)\d\d)\s+$")
#: "of 2001" right after the title
_OF_YEAR_AFTER = re.compile(r"\s+of\s+((?:1[89]|20)\d\d)\b")
#: "signed in (Month) 2001" after the title
_SIGNED_IN_YEAR = re.compile(
    r"\b(?:signed|adopted)\s+(?:in\s+[A-Z]\w+\s+)?in\s+(?:(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+)?(?:1[89]|20)\d\d")
#: "..., which they signed on <date>" after the title
_SIGNED_ON_AFTER = re.compile(
    r"(?:,)?\s+(?:that\s+|which\s+)?(?:(?:they|the\s+\w+\s+\w+|[A-Z]\w+(?:\s+and\s+[A-Z]\w+)?)\s+)?"
    r"(?:was\s+|were\s+)?signed\s+(?:in\s+[A-Z]\w+\s+)?(?:in|on)\s+([^.;,]{3,30}(?:,\s*\d{4}\b)?)")
#: "both sides", "the two countries", "they": the parties are the countries in play
_BOTH_SIDES = re.compile(
    r"\b(?:two|both)\s+(?:sides|countries|governments|leaders|neighbours)\b|\bthey\b", re.I
)
#: "Republic", "Kingdom", "State": a state, not an organisation
_STATE_WORD = re.compile(r"\b(?:Republic|Kingdom|State)\b")
#: a signing, adopting, issuing or exchanging verb
_SIGNING_VERB = re.compile(r"\b(?:sign|adopt|issu|exchang)")


def _parties_and_date(ctx: Context, ag: AgreementX, s: int, e: int, events: list[EventX]) -> None:
    text = ctx.text
    title = ag.title
    # parties named in the title: "between A and B"
    between = _BETWEEN_PARTIES.search(title)
    if between:
        seg_start = s + between.start(1)
        seg_end = e
        states = [h for h in ctx.countries if seg_start <= h.start < seg_end]
        orgs = [
            o
            for o in ctx.org_hits
            if seg_start <= o.start < seg_end
            and o.end - o.start > 3
            # "the Russian Federation": a state's name that the organisation list also holds
            and not any(h.start <= o.start and o.end <= h.end for h in states)
        ]
        if (
            orgs
            and states
            and _STATE_WORD.search(between.group(1))
            and not any(o.start <= h.start < o.end for o in orgs for h in states)
        ):
            # "between the Arab Republic of X and the European Union": the states, then the bodies
            # (not "the Government of the Republic of X and ...": its states stand alone, below)
            ag.parties.extend(dict.fromkeys(h.key for h in states))
            ag.parties.extend(o.key for o in orgs if o.key not in ag.parties)
        elif orgs and not _STATE_WORD.search(between.group(1)):
            for o in orgs:
                if o.key not in ag.parties:
                    ag.parties.append(o.key)
            # "Russia and the UN Secretariat": a country may stand beside an organisation
            for h in ctx.countries:
                if seg_start <= h.start < seg_end and not any(o.start <= h.start < o.end for o in orgs):
                    ag.parties.insert(0, h.key)
        else:
            for h in ctx.countries:
                if seg_start <= h.start < seg_end and h.key not in ag.parties:
                    ag.parties.append(h.key)
    # dates written with the document: "of 1995", "1994 X", "signed in December 2000"
    around = text[max(0, s - 12) : min(len(text), e + 45)]
    date_str = None
    m = _YEAR_BEFORE.search(text[max(0, s - 6) : s])
    if m:
        date_str = m.group(1)
    else:
        tail = text[e : e + 45]
        mm = _OF_YEAR_AFTER.match(tail)
        if mm:
            date_str = mm.group(1)
        else:
            ms = _SIGNED_ON_AFTER.match(tail)
            if ms:
                for d in datex.find_dates(ms.group(1)):
                    date_str = datex.partial(d, ctx.year)
                    if date_str:
                        break
    _ = around
    # the signing or statement event told in the same sentence
    a, b = _sentence_bounds(text, s)
    linked = None
    for i, ev in enumerate(events):
        if ev.type in {"Signing", "Statement"} and any(a <= sp.start < b for sp in ev.mentions):
            linked = i
            break
    historic = (
        date_str is not None
        and len(date_str) < 10
        or _SIGNED_IN_YEAR.search(text[e : e + 60])
    )
    if linked is None and not historic:
        for i, ev in enumerate(events):
            if ev.type == "Signing" and ev.date and not any(sp.start < s - 2000 for sp in ev.mentions[:1]):
                if _SIGNING_VERB.search(text[a:b]):
                    linked = i
                    break
    if linked is not None and not historic:
        ev = events[linked]
        ag.signed_at = linked
        if not ag.parties:
            ag.parties = [c for c in ev.countries]
            if len(ag.parties) < 2 and _BOTH_SIDES.search(text[a:b]):
                # "the two sides signed ...": a signing event that found one side only
                from .events import _main_countries

                main = _main_countries(ctx)
                if len(main) >= 2 and set(ag.parties) <= set(main):
                    ag.parties = main
        if date_str is None:
            date_str = ev.date
    if not ag.parties:
        codes = []
        for h in ctx.countries:
            if (
                a <= h.start < b
                and h.key not in codes
                and not any(o.start <= h.start < o.end for o in ctx.org_hits)
            ):
                codes.append(h.key)
        if not codes and (_BOTH_SIDES.search(text[a:b]) or "joint" in title.lower()):
            # a joint statement or declaration with no side in its sentence: the article's two sides
            from .events import _main_countries

            codes = _main_countries(ctx)
        ag.parties = codes
    ag.date = date_str
    if len(ag.parties) > 1 and ("," in text[a:b] or "capital" in text[a:b]):
        _drop_hosts(ctx, ag, a, b)
    pair = _PAIR.search(title) if "-" in title or "–" in title else None
    if pair:
        k1, k2 = _one_party(pair.group(1)), _one_party(pair.group(2))
        # "Canada-EU Security and Defence Partnership": the organisation the sentence may not name
        if k1 and k2 and k1 != k2 and any(len(k) != 3 or not k.isupper() for k in (k1, k2)):
            ag.parties.extend(k for k in (k1, k2) if k not in ag.parties)


#: a country named as the place of the signing: "in Pretoria, South Africa", "in the capital of X"
_HOST_BEFORE = re.compile(
    r"\b(?:in|at)\s+(?:[A-Z][\w'’\-]+\s+){0,2}?(?:[A-Z][\w'’\-]+,\s+|capital\s+of\s+(?:the\s+)?)$|"
    r"\b(?:in|at)\s+(?:the\s+)?capital\s+of\s+(?:the\s+)?$"
)
#: "... in Tshwane, South Africa['s capital]": the host's possessive capital
_HOST_CAPITAL_AFTER = re.compile(r"['’]s?\s+capital\b")


def _drop_hosts(ctx: Context, ag: AgreementX, a: int, b: int) -> None:
    """Drop a country the sentence names only as the place of the signing ("the
    government and the rebels signed a truce in Havana, Cuba"): the host is no party,
    unless the title names it."""
    text = ctx.text
    for code in list(ag.parties):
        hits = [h for h in ctx.countries if h.key == code and a <= h.start < b]
        if not hits or any(h.form in ag.title for h in hits) or len(ag.parties) < 2:
            continue
        if all(
            _HOST_BEFORE.search(text, max(a, h.start - 50), h.start)
            or (text[max(a, h.start - 4) : h.start].rstrip().endswith("in") and _HOST_CAPITAL_AFTER.match(text, h.end))
            for h in hits
        ):
            ag.parties.remove(code)


#: a pair of sides joined by a hyphen or en dash in a title: "Canada-EU", "Estonia–Lithuania"
_PAIR = re.compile(r"(?<![\w\-–])([A-Z][\w]+)[-–]([A-Z][\w]+)(?![\w\-–])")


def _one_party(word: str) -> str | None:
    """The alpha-3 code of a country named by ``word``, the name of an organisation it
    names ("EU" -> "European Union"), or None."""
    from .gazetteer import find_countries, find_known_organizations

    for h in find_countries(word):
        if h.start == 0 and h.end == len(word) and h.kind == "name":
            return h.key
    for o in find_known_organizations(word):
        if o.start == 0 and o.end == len(word):
            return o.key
    return None
