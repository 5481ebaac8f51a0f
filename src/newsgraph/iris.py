"""The one place that knows the URI layout of ``shared/contract/VOCABULARY.md``.

Converters mint identifiers through these functions and the server parses request
paths back through them, so the layout cannot drift between the two.  Identifiers
are deterministic: the same input and base always give the same URI, on any machine.

Layout (``{base}`` is the deployment's base URI)::

    {base}/id/{kind}/{key}          the thing (303 to a document)
    {base}/doc/{kind}/{key}         its HTML page
    {base}/data/{kind}/{key}.{ext}  its RDF description
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

NG = "https://w3id.org/newsgraph/ontology#"
ONTOLOGY_IRI = "https://w3id.org/newsgraph/ontology"

#: The kinds of resource under ``/id/``, in the order pages list them.
KINDS = ("article", "event", "person", "country", "organization", "agreement", "source")

_SLUG_EXTRA = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l",
        "Ł": "l", "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
    }
)
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated; a short hash when nothing of the text survives.

    Diacritics are folded ("Erdoğan" -> "erdogan") so that spellings with and without
    them meet on one URI, which is what readers of the same name expect.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_SLUG_EXTRA))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:120].strip("-")
    return slug or "x-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def canonical_url(url: str) -> str:
    """Normalise a page URL so trivially different spellings give one article id.

    Scheme and host are lower-cased, the fragment and default ports dropped, and a
    trailing slash on the path removed.  Query strings are kept: many news sites
    identify articles by them.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def article_key(url: str | None, content: str) -> str:
    """A 16-hex key from the article's URL, or from its text when it has none."""
    if url:
        return digest(canonical_url(url))
    normalised = " ".join(unicodedata.normalize("NFC", content).split())
    return digest("text:" + normalised)


def entity(base: str, kind: str, key: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of resource: {kind!r}")
    return f"{base.rstrip('/')}/id/{kind}/{key}"


def article(base: str, key: str) -> str:
    return entity(base, "article", key)


def event(base: str, article_key_: str, n: int) -> str:
    return entity(base, "event", f"{article_key_}-{n}")


def agreement(base: str, article_key_: str, n: int) -> str:
    return entity(base, "agreement", f"{article_key_}-{n}")


def person(base: str, name: str) -> str:
    return entity(base, "person", slugify(name))


def country(base: str, alpha3: str) -> str:
    return entity(base, "country", alpha3.upper())


def organization(base: str, name: str) -> str:
    return entity(base, "organization", slugify(name))


def source(base: str, name: str) -> str:
    return entity(base, "source", slugify(name))


def mention(article_iri: str, start: int, end: int) -> str:
    """RFC 5147 fragment identifying characters [start, end) of the article text."""
    return f"{article_iri}#char={start},{end}"


#: Base of the IRIs that name newsgraph itself as software (PROV agents), the same everywhere.
SOFTWARE_IRI = "https://w3id.org/newsgraph/software"


def conversion_activity(article_iri: str) -> str:
    """The PROV activity that produced an article's graph: one per article, no timestamp in it."""
    return f"{article_iri}#conversion"


def software_agent(version: str) -> str:
    """The converter release that ran a conversion, e.g. ``.../software/newsgraph/0.1.0``."""
    return f"{SOFTWARE_IRI}/newsgraph/{version}"


@dataclass(frozen=True)
class ParsedIRI:
    kind: str
    key: str


def parse(base: str, iri: str) -> ParsedIRI | None:
    """The kind and key of one of our entity IRIs, or None for anything else."""
    prefix = base.rstrip("/") + "/id/"
    if not iri.startswith(prefix):
        return None
    rest = iri[len(prefix):]
    kind, _, key = rest.partition("/")
    if kind not in KINDS or not valid_key(kind, key):
        return None
    return ParsedIRI(kind, key)


def valid_key(kind: str, key: str) -> bool:
    if kind == "country":
        return bool(re.fullmatch(r"[A-Z]{3}", key))
    return bool(_KEY_RE.match(key))


def doc_path(kind: str, key: str) -> str:
    return f"/doc/{kind}/{key}"


def data_path(kind: str, key: str, ext: str | None) -> str:
    """Where a description lives; without ``ext`` the server negotiates the format."""
    return f"/data/{kind}/{key}.{ext}" if ext else f"/data/{kind}/{key}"


def id_path(kind: str, key: str) -> str:
    return f"/id/{kind}/{key}"


__all__ = [
    "KINDS",
    "NG",
    "ONTOLOGY_IRI",
    "SOFTWARE_IRI",
    "ParsedIRI",
    "agreement",
    "article",
    "article_key",
    "canonical_url",
    "conversion_activity",
    "country",
    "data_path",
    "digest",
    "doc_path",
    "entity",
    "event",
    "id_path",
    "mention",
    "organization",
    "parse",
    "person",
    "slugify",
    "software_agent",
    "source",
    "valid_key",
]
