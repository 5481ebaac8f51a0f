"""The one media-type table: names, media types, file suffixes and rdflib plugin names.

Content negotiation (``Accept``), format suffixes (``/data/x.ttl``), ``?format=``
parameters, the CLI's ``--format`` options and file-extension detection all read this
table, so a format added here is available everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .errors import NotAcceptable, UnsupportedFormat


@dataclass(frozen=True)
class RdfFormat:
    name: str  #: short name used by --format and ?format=
    media_type: str
    extension: str  #: canonical file suffix, without the dot
    rdflib: str  #: rdflib parser/serializer plugin name
    quads: bool  #: can carry named graphs
    aliases: tuple[str, ...] = ()
    extra_media_types: tuple[str, ...] = ()
    extra_extensions: tuple[str, ...] = ()

    @property
    def all_media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.extra_media_types)


TURTLE = RdfFormat("turtle", "text/turtle", "ttl", "turtle", False, ("ttl",), ("application/x-turtle",))
NTRIPLES = RdfFormat("nt", "application/n-triples", "nt", "nt", False, ("ntriples", "n-triples"))
RDFXML = RdfFormat(
    "rdfxml", "application/rdf+xml", "rdf", "xml", False, ("xml", "rdf", "rdf+xml"), (), ("owl",)
)
JSONLD = RdfFormat("jsonld", "application/ld+json", "jsonld", "json-ld", True, ("json-ld",), (), ("json",))
TRIG = RdfFormat("trig", "application/trig", "trig", "trig", True)
NQUADS = RdfFormat("nquads", "application/n-quads", "nq", "nquads", True, ("nq", "n-quads"))
N3 = RdfFormat("n3", "text/n3", "n3", "n3", False)

RDF_FORMATS: tuple[RdfFormat, ...] = (TURTLE, JSONLD, RDFXML, NTRIPLES, TRIG, NQUADS, N3)

#: Formats offered for one resource's description, in the server's order of preference.
DOCUMENT_FORMATS: tuple[RdfFormat, ...] = (TURTLE, JSONLD, RDFXML, NTRIPLES, TRIG, NQUADS)

HTML_MEDIA_TYPES = ("text/html", "application/xhtml+xml")


def by_name(name: str) -> RdfFormat:
    key = name.strip().lower()
    for fmt in RDF_FORMATS:
        if key in (fmt.name, fmt.extension, *fmt.aliases):
            return fmt
    known = ", ".join(f.name for f in RDF_FORMATS)
    raise UnsupportedFormat(f"unknown RDF format {name!r}; known formats: {known}")


def by_media_type(media_type: str) -> RdfFormat:
    key = media_type.split(";")[0].strip().lower()
    for fmt in RDF_FORMATS:
        if key in fmt.all_media_types:
            return fmt
    raise UnsupportedFormat(f"unsupported RDF media type {media_type!r}")


def by_extension(path: str | PurePath) -> RdfFormat:
    suffixes = [s.lstrip(".").lower() for s in PurePath(path).suffixes]
    if suffixes and suffixes[-1] == "gz":
        suffixes.pop()
    if suffixes:
        ext = suffixes[-1]
        for fmt in RDF_FORMATS:
            if ext == fmt.extension or ext in fmt.extra_extensions or ext in fmt.aliases:
                return fmt
    raise UnsupportedFormat(f"cannot tell the RDF format of {str(path)!r} from its extension; name it")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return (self.type in ("*", t)) and (self.subtype in ("*", s))

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header leniently: malformed members are skipped, not fatal."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mt = bits[0].lower()
        if "/" not in mt:
            if mt == "*":
                mt = "*/*"
            else:
                continue
        t, _, s = mt.partition("/")
        if not t or not s or (t == "*" and s != "*"):
            continue
        q = 1.0
        for param in bits[1:]:
            k, _, v = param.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = float(v.strip())
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0)
        ranges.append(MediaRange(t, s, q, i))
    return ranges


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """The q-value the most specific matching range gives media_type (RFC 9110 12.5.1)."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best else 0.0


def negotiate(header: str | None, offered: list[str] | tuple[str, ...]) -> str:
    """Pick the offered media type the client prefers; ties go to the server's order.

    Raises NotAcceptable (406) listing what is on offer when nothing fits.
    """
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    chosen = None
    for pos, mt in enumerate(offered):
        q = quality(ranges, mt)
        if q <= 0:
            continue
        # Prefer higher q; among equals, an explicitly named type over a wildcard match,
        # then the server's order.
        explicit = max((r.specificity for r in ranges if r.matches(mt) and r.q == q), default=0)
        key = (q, explicit, -pos)
        if best is None or key > best:
            best, chosen = key, mt
    if chosen is None:
        raise NotAcceptable(
            "none of the available media types is acceptable: " + ", ".join(offered),
            alternatives=list(offered),
        )
    return chosen


__all__ = [
    "DOCUMENT_FORMATS",
    "HTML_MEDIA_TYPES",
    "JSONLD",
    "N3",
    "NQUADS",
    "NTRIPLES",
    "RDFXML",
    "RDF_FORMATS",
    "TRIG",
    "TURTLE",
    "RdfFormat",
    "by_extension",
    "by_media_type",
    "by_name",
    "negotiate",
    "parse_accept",
]
