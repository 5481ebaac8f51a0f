"""Country and organisation gazetteers: every ISO 3166-1 entry, its names and demonyms.

The tables are package data written by ``gazetteer_build``; they are read once and
compiled into one alternation regex each, longest form first, so that "Papua New
Guinea" wins over "Guinea" and "South Sudanese" over "Sudanese".  Forms that contain
a country word but name something else ("Indian Ocean", "Latin American", "New
Mexico") are in the same alternation and yield nothing, which is cheaper and more
predictable than post-filtering.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

#: Upper- and lower-case Latin letters, including every accented form news text uses
#: (Latin-1, Latin Extended-A/B and the Vietnamese block), for name patterns.
UPPER = "".join(chr(i) for i in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)] if chr(i).isupper())
LOWER = "".join(chr(i) for i in [*range(0x61, 0x250), *range(0x1E00, 0x1F00)] if chr(i).islower())


@dataclass(frozen=True)
class CountryInfo:
    alpha3: str
    alpha2: str
    name: str
    geonames_id: str | None
    wikidata_qid: str | None


@dataclass(frozen=True)
class Hit:
    """One gazetteer match in a text."""

    start: int
    end: int
    key: str  #: alpha-3 code, or organisation canonical name
    form: str  #: the text as written
    kind: str  #: name | demonym (countries), name | acronym (organisations)


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, CountryInfo]:
    return {
        r["alpha3"]: CountryInfo(
            r["alpha3"], r["alpha2"], r["name"], r["geonames"] or None, r["wikidata"] or None
        )
        for r in _rows("countries.tsv")
    }


class CountryRecord(NamedTuple):
    """(name, alpha2, geonames_id, wikidata_qid); also readable by attribute."""

    name: str
    alpha2: str
    geonames_id: str | None
    wikidata_qid: str | None

    @property
    def wikidata(self) -> str | None:
        return self.wikidata_qid

    @property
    def geonames(self) -> str | None:
        return self.geonames_id


def country_info(alpha3: str) -> CountryRecord:
    """(name, alpha-2, GeoNames id, Wikidata QID) for an ISO alpha-3 code; KeyError if unknown.

    The ids are only those shipped in the table: the RDF writer turns them into
    owl:sameAs links, so a missing id is better than a guessed one.
    """
    c = _countries()[alpha3.upper()]
    return CountryRecord(c.name, c.alpha2, c.geonames_id, c.wikidata_qid)


def country_name(alpha3: str) -> str:
    return _countries()[alpha3].name


def all_countries() -> list[CountryInfo]:
    return list(_countries().values())


def _alternation(forms: list[str], first_guard: str = "") -> str:
    r"""One regex for many strings, factored into a character trie.

    ``first_guard`` goes right after the first character of every form: a lookbehind
    there (``(?<!\w.)``: nothing of the kind before the form) says what one in front of
    the whole alternation says, but leaves each branch starting with a literal, so that
    ``re`` scans for the forms' first characters instead of trying the trie at every
    position of the text (about eight times faster on news text).

    Python's ``re`` tries the branches of a flat alternation one by one at every
    position; a trie shares the prefixes, which makes a 2,500-form gazetteer about
    twenty times faster.  Greedy optional groups keep longest-match semantics.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for f in set(forms):
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict, guard: str = "") -> str:  # type: ignore[type-arg]
        end = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + guard + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?" if len(branches) > 1 or len(branches[0]) > 1 else body + "?"
        return body

    return emit(trie, first_guard)


@lru_cache(maxsize=1)
def _country_matcher() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    table: dict[str, tuple[str, str]] = {}
    for r in _rows("country_forms.tsv"):
        form = r["form"]
        table.setdefault(form, (r["alpha3"], r["kind"]))
        # Headlines and datelines in capitals: "CHINA", "SOUTH AFRICA" (names only; short
        # all-caps forms such as "US" are already in the table as written).
        if r["kind"] != "demonym" and len(form) > 4:
            table.setdefault(form.upper(), (r["alpha3"], r["kind"]))
    # (?<![\w.'’].) after the first character: no word character, full stop or apostrophe before
    trie = _alternation(list(table), r"(?<![\w.'’].)")
    pattern = re.compile(rf"(?:{trie})(?![\w’]|'(?!s\b)|\.\w)")
    return pattern, table


def is_country_name(form: str) -> bool:
    """Whether the words are a country's name as the gazetteer knows it ("Viet Nam", "Peru")."""
    got = _country_matcher()[1].get(form)
    return got is not None and got[1] != "demonym" and got[0] != "-"


#: Country words that are also common given names or US states: these need context.
_NAME_LIKE = {"Jordan", "Chad", "Georgia", "Israel", "Kenya", "America", "Niger", "Guinea", "Mali", "Togo"}
_PREFIX_ONLY = {"Sino", "Franco"}  #: only in compounds: "Sino-US", "Franco-German"
_ROLE_NEXT = re.compile(
    r"\s+(?:President|Prime|Premier|Foreign|Defen[cs]e|Minister|King|Queen|Crown|Emir|Government|"
    r"government|Army|Ambassador|Embassy|and|or|on|in|to|at|for|with|has|have|had|is|was|were|are|"
    r"said|says|will|would|the|The|of)\b"
)


# The pattern of find_countries() and find_known_organizations(), compiled once:
# a module-level re call looks its pattern up on every call.
#: whitespace runs, folded to one space to look a matched name up in its table
_WHITESPACE_RUN = re.compile(r"\s+")


def find_countries(text: str) -> list[Hit]:
    """Every country name or demonym in the text, with its alpha-3 code."""
    pattern, table = _country_matcher()
    hits: list[Hit] = []
    for m in pattern.finditer(text):
        form = m.group(0)
        key = _WHITESPACE_RUN.sub(" ", form)
        code, kind = table.get(key, ("-", "stop"))
        if code == "-":
            continue
        if key in _PREFIX_ONLY and not text.startswith("-", m.end()):
            continue
        if key in _NAME_LIKE and not _country_word_in_context(text, m.start(), m.end()):
            continue
        if _CURRENCY_AFTER.match(text, m.end()):
            continue  # "6.5 billion US dollars", "US$ 40 million": a currency, not the country
        hits.append(Hit(m.start(), m.end(), code, form, kind))
    return hits


#: a currency's name or sign right after a country word: the word names the currency
#: ("US dollars", "Hong Kong dollar", "US$", "Indian rupees"), and the story need not be
#: about that country.  Words that are also verbs or common nouns ("won", "real",
#: "mark") are left out.
_CURRENCY_AFTER = re.compile(
    r"\$|\s+(?:dollars?|cents?|yuan|renminbi|euros?|pounds? sterling|rupees?|yen|riyals?|rials?|dirhams?|"
    r"ringgit|rupiah|pesos?|reais|rubles?|roubles?|liras?|francs?|shekels?|dinars?|manats?|tenge|hryvnias?|"
    r"zloty|kronor|kroner|krona|baht|taka|naira|shillings?|cedis?|kwacha)\b"
)


# The patterns of _country_word_in_context(), compiled once:
# a module-level re call looks its pattern up on every call.
#: a capitalised word right after the country word: "Chad Smith"
_CAPITALISED_AFTER = re.compile(r"\s+([A-Z][\w\-]*)")
#: a capitalised word right before the country word: "Michael Jordan"
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w\-]*)\s+$")
#: "of", "Republic", "President" ... right before: the capitalised word is a title, the country stays
_TITLE_BEFORE = re.compile(r"(?:of|Republic|Kingdom|State|President|Minister)\s+$")


def _country_word_in_context(text: str, start: int, end: int) -> bool:
    """False for "Michael Jordan", "Chad Smith", "Atlanta, Georgia"-like uses of a country word."""
    after = text[end : end + 40]
    before = text[max(0, start - 40) : start]
    if after[:1] in {"'", "’", ",", ".", ";", ":", ")", "-", "–", "—", "\n", ""} or after.startswith("’s"):
        return True
    nxt = _CAPITALISED_AFTER.match(after)
    if nxt and not _ROLE_NEXT.match(after):
        return False  # followed by a capitalised word that is not a title: a personal name
    prev = _CAPITALISED_BEFORE.search(before)
    if prev and prev.group(1) not in {"The", "In", "On", "And", "Of", "From", "To", "With", "For", "By"}:
        # preceded by a capitalised word: "Michael Jordan", unless that word is a title
        # or a sentence-initial function word.
        return bool(_TITLE_BEFORE.search(before))
    return True


@dataclass(frozen=True)
class OrgEntry:
    name: str
    aliases: tuple[str, ...]
    international: bool


@lru_cache(maxsize=1)
def organizations() -> dict[str, OrgEntry]:
    out = {}
    for r in _rows("organizations.tsv"):
        aliases = tuple(a for a in r["aliases"].split(";") if a)
        out[r["name"]] = OrgEntry(r["name"], aliases, r["international"] == "1")
    return out


@lru_cache(maxsize=1)
def _org_matcher() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    table: dict[str, tuple[str, str]] = {}
    for e in organizations().values():
        table.setdefault(e.name, (e.name, "name"))
        for a in e.aliases:
            table.setdefault(a, (e.name, "acronym" if a.isupper() else "name"))
    trie = _alternation(list(table), r"(?<![\w\-].)")  # see _country_matcher
    pattern = re.compile(rf"(?:{trie})(?![\w\-]|\.\w)")
    return pattern, table


def find_known_organizations(text: str) -> list[Hit]:
    pattern, table = _org_matcher()
    out = []
    for m in pattern.finditer(text):
        key = _WHITESPACE_RUN.sub(" ", m.group(0))
        name, kind = table[key]
        out.append(Hit(m.start(), m.end(), name, m.group(0), kind))
    return out


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "places.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_place(name: str) -> bool:
    """True for a city of 150,000 people or more or a national capital, as GeoNames spells it."""
    return name in _places()
