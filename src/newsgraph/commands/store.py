"""Commands that touch the store: ingest, remove, stats, query, export, reindex, compact.

Each takes ``--store DIR`` or ``--store URL`` (the ``store`` setting).  Only ingest
creates a store; the others refuse a directory that holds none, so a typo in
``--store`` is an error instead of an empty answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

import click
from rdflib import Literal, URIRef

from .. import iris
from ..errors import BadQuery, InputError, ResourceNotFound, UnsupportedFormat
from ..formats import RDF_FORMATS, by_name
from ..store import Store, open_store_from
from ..store.common import json_term, query_form
from ..store.embedded import EmbeddedStore

_STORE_HELP = "Store directory, ':memory:', or SPARQL server URL (setting store; see docs/remote-store.md)."

store_option = click.option("--store", "store_location", default=None, metavar="DIR|URL", help=_STORE_HELP)


def _settings(ctx: click.Context, **overrides: Any) -> Any:
    from ..cli import settings_from

    return settings_from(ctx, **overrides)


@contextlib.contextmanager
def _opened(ctx: click.Context, store_location: str | None, *, create: bool = False) -> Iterator[Store]:
    settings = _settings(ctx, store=store_location)
    store = open_store_from(settings, create=create)
    try:
        yield store
    finally:
        store.close()


# -- ingest -----------------------------------------------------------------------


class _Progress:
    """One self-overwriting status line on stderr: articles/s, written, rejected."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.shown = False

    def __call__(self, report: Any) -> None:
        line = (
            f"\r{report.articles} articles  {report.rate:7.1f}/s  written {report.written}  "
            f"rejected {report.rejected}  failed {report.failed} "
        )
        self.stream.write(line)
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.strip().splitlines())


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--base-uri", default=None, help="Base of minted URIs (setting base_uri).")
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes converting and validating in parallel (setting workers).",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="Large corpora: write N-Quads shards and bulk-load them (fast, not atomic per article).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=128,
    show_default=True,
    help="Articles per store transaction.",
)
@click.option("--no-validate", is_flag=True, help="Skip the SHACL shapes (only for data validated before).")
@click.option(
    "--compact/--no-compact",
    default=None,
    help="Compact an embedded store after the load (default: after --bulk; see `newsgraph compact`).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress line on stderr (default: when stderr is a terminal).",
)
@click.option("--quiet", "-q", is_flag=True, help="Only the summary line; no per-article messages.")
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    store_location: str | None,
    base_uri: str | None,
    workers: int | None,
    bulk: bool,
    batch_size: int,
    no_validate: bool,
    compact: bool | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Convert, validate and store articles from files, folders or - (standard input).

    Each article becomes one named graph (its URI) written in one transaction;
    ingesting it again replaces it.  An article that does not conform to the shapes
    is not written and is reported with the SHACL messages.  The exit status is 1
    when any article was rejected or could not be converted.
    """
    from ..ingest import Outcome, ingest, iter_units

    settings = _settings(ctx, store=store_location, base_uri=base_uri, workers=workers)
    units = iter_units(list(paths))
    first = next(units, None)  # fail on a missing path before opening (and locking) the store
    if first is None:
        raise InputError("nothing to ingest")

    def all_units() -> Iterator[Any]:
        yield first
        yield from units

    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(sys.stderr) if show else None

    def problem(outcome: Outcome) -> None:
        if quiet:
            return
        if bar is not None and bar.shown:
            sys.stderr.write("\r\033[K" if sys.stderr.isatty() else "\n")
        what = f" ({outcome.graph_iri})" if outcome.graph_iri else ""
        if outcome.status == "rejected":
            click.echo(f"rejected {outcome.name}{what}: does not conform to the shapes", err=True)
            click.echo(_indent(outcome.message), err=True)
        else:
            message = outcome.message
            if message.startswith(outcome.name + ":"):
                message = message[len(outcome.name) + 1 :].strip()
            click.echo(f"failed {outcome.name}: {message}", err=True)

    store = open_store_from(settings, create=True)
    try:
        report = ingest(
            all_units(),
            store,
            base=settings.base,
            workers=settings.workers,
            validate=not no_validate,
            bulk=bulk,
            batch=batch_size,
            max_article_bytes=settings.max_article_bytes,
            progress=bar,
            on_problem=problem,
        )
        if (bulk if compact is None else compact) and isinstance(store, EmbeddedStore) and report.written:
            store.compact()
    finally:
        if bar is not None:
            bar.end()
        store.close()
    click.echo(f"ingested {report.summary()} into {store.location}", err=True)
    if not report.ok:
        ctx.exit(1)


# -- remove -----------------------------------------------------------------------


def resolve_article(store: Store, base: str, ref: str) -> str | None:
    """The article graph a command-line reference means, or None when no such article.

    Accepted: the article URI, the URL the article was published at, or its 16-hex key.
    """
    ref = ref.strip()
    candidates: list[str] = []
    parsed = iris.parse(base, ref)
    if parsed is not None and parsed.kind == "article":
        candidates.append(ref)
    elif ref.startswith(("http://", "https://")):
        candidates.append(ref)  # an article URI minted under another base
        candidates.append(iris.article(base, iris.article_key(ref, "")))
    elif re.fullmatch(r"[0-9a-f]{16}", ref):
        candidates.append(iris.article(base, ref))
    else:
        raise InputError(f"{ref!r} is neither an article URI, a source URL nor an article key")
    for c in candidates:
        try:
            if store.has_graph(c):
                return c
        except InputError:
            continue
    return None


@click.command("remove")
@click.argument("articles", nargs=-1, required=True)
@store_option
@click.option("--base-uri", default=None, help="Base of minted URIs (setting base_uri).")
@click.pass_context
def remove_cmd(
    ctx: click.Context, articles: tuple[str, ...], store_location: str | None, base_uri: str | None
) -> None:
    """Remove articles (by URI, source URL or key) and every statement they made.

    Entities other articles mention stay, with what those articles say about them.
    """
    settings = _settings(ctx, store=store_location, base_uri=base_uri)
    missing: list[str] = []
    with _opened(ctx, store_location) as store:
        for ref in articles:
            graph = resolve_article(store, settings.base, ref)
            if graph is None or not store.remove_graph(graph):
                missing.append(ref)
                continue
            click.echo(f"removed {graph}")
    if missing:
        raise ResourceNotFound("no such article in the store: " + ", ".join(missing))


# -- stats ------------------------------------------------------------------------

_NG = iris.NG
_EVENT_CLASSES = ("Event", "Meeting", "Talks", "Visit", "PhoneCall", "Signing", "Summit", "Statement")
STATS_QUERY = f"""PREFIX ng: <{_NG}>
SELECT ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  VALUES (?kind ?class) {{
    ("articles" ng:Article) ("persons" ng:Person) ("countries" ng:Country)
    ("organisations" ng:Organization) ("agreements" ng:Agreement)
    {" ".join(f'("events" ng:{c})' for c in _EVENT_CLASSES)}
  }}
  ?x a ?class .
}} GROUP BY ?kind"""
STATS_KINDS = ("articles", "events", "persons", "countries", "organisations", "agreements")


def store_stats(store: Store) -> dict[str, int]:
    """Distinct resources of each kind over the union graph, and the statements stored."""
    counts = dict.fromkeys(STATS_KINDS, 0)
    for row in store.select(STATS_QUERY):
        kind, n = row.get("kind"), row.get("n")
        if kind is not None and n is not None:
            counts[str(kind)] = int(str(n))
    counts["triples"] = store.count()
    return counts


@click.command("stats")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def stats_cmd(ctx: click.Context, store_location: str | None, fmt: str) -> None:
    """Count articles, events, persons, countries, organisations, agreements and triples."""
    with _opened(ctx, store_location) as store:
        counts = store_stats(store)
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    width = max(len(k) for k in counts)
    for k, v in counts.items():
        click.echo(f"{k:<{width}}  {v:>10}")


# -- query ------------------------------------------------------------------------

_RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_RDF_NAMES = tuple(f.name for f in RDF_FORMATS)
_WELL_KNOWN = {
    "ng": _NG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def read_query_text(arg: str, stdin: IO[str] | None = None) -> str:
    """The query itself, ``@file`` or ``-`` (standard input)."""
    if arg == "-":
        text = (stdin or sys.stdin).read()
    elif arg.startswith("@"):
        path = Path(arg[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"cannot read the query file {path}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
    else:
        text = arg
    if not text.strip():
        raise BadQuery("the query is empty")
    return text


def _short(term: object, prefixes: dict[str, str]) -> str:
    if isinstance(term, URIRef):
        for p, ns in prefixes.items():
            if term.startswith(ns) and re.fullmatch(r"[\w.-]*", term[len(ns) :]):
                return f"{p}:{term[len(ns) :]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        if term.language:
            return f"{text}@{term.language}"
        return text
    return str(term)


def render_table(rows: list[dict[str, object]], variables: list[str], prefixes: dict[str, str]) -> str:
    cells = [[_short(r.get(v), prefixes) if r.get(v) is not None else "" for v in variables] for r in rows]
    cells = [[c.replace("\n", " ") for c in row] for row in cells]
    widths = [max([len(v)] + [min(len(row[i]), 80) for row in cells]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        shown = [(c if len(c) <= 80 else c[:79] + "…").ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(shown).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _select_variables(store: Store, sparql: str) -> tuple[list[str], list[dict[str, object]]]:
    """Variables in the order the results give them, and the rows."""
    data = json.loads(store.query(sparql, "application/sparql-results+json"))
    variables = list(data.get("head", {}).get("vars", []))
    rows = [{k: json_term(v) for k, v in b.items()} for b in data.get("results", {}).get("bindings", [])]
    return variables, rows  # type: ignore[return-value]


@click.command("query")
@click.argument("query")
@store_option
@click.option(
    "--format",
    "fmt",
    default=None,
    help="table (default for SELECT/ASK), csv, tsv, json, xml; for CONSTRUCT/DESCRIBE an RDF format "
    f"({', '.join(_RDF_NAMES)}; default turtle).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to FILE.")
@click.pass_context
def query_cmd(
    ctx: click.Context, query: str, store_location: str | None, fmt: str | None, output: str | None
) -> None:
    """Run a SPARQL query (text, @FILE or - for stdin) over the union of the article graphs."""
    sparql = read_query_text(query)
    form = query_form(sparql)
    if form is None:
        raise BadQuery("not a SPARQL query (SELECT, CONSTRUCT, DESCRIBE or ASK); updates are not run here")
    fmt = (fmt or ("turtle" if form in ("CONSTRUCT", "DESCRIBE") else "table")).lower()
    if form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("table", *_RESULT_MEDIA):
            raise UnsupportedFormat(f"{form} gives a graph: use an RDF format ({', '.join(_RDF_NAMES)})")
        media = by_name(fmt).media_type
    elif fmt != "table" and fmt not in _RESULT_MEDIA:
        raise UnsupportedFormat(f"{form} results come as table, csv, tsv, json or xml, not {fmt!r}")
    else:
        media = _RESULT_MEDIA.get(fmt, "")
    with _opened(ctx, store_location) as store:
        if fmt == "table":
            if form == "ASK":
                data = json.loads(store.query(sparql, "application/sparql-results+json"))
                text = "true" if data.get("boolean") else "false"
            else:
                prefixes = dict(_WELL_KNOWN)
                prefixes.update({p or "": ns for p, ns in _PREFIX_DECL.findall(sparql)})
                variables, rows = _select_variables(store, sparql)
                text = render_table(rows, variables, prefixes)
            payload = (text + "\n").encode("utf-8")
        else:
            payload = store.query(sparql, media)
    _write_output(payload, output)


def _write_output(payload: bytes, output: str | None) -> None:
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    with _atomic_file(output) as fh:
        fh.write(payload)


@contextlib.contextmanager
def _atomic_file(path: str) -> Iterator[BinaryIO]:
    """A file that appears at path only when writing it finished: no half dump on failure."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".newsgraph-", dir=target.parent if str(target.parent) else ".")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- export -----------------------------------------------------------------------


@click.command("export")
@store_option
@click.option(
    "--format",
    "fmt",
    default="nquads",
    show_default=True,
    help=f"RDF format ({', '.join(_RDF_NAMES)}).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to FILE.")
@click.option(
    "--union",
    is_flag=True,
    help="For formats without named graphs (turtle, nt, rdfxml): export the merged graph of all articles.",
)
@click.pass_context
def export_cmd(
    ctx: click.Context, store_location: str | None, fmt: str, output: str | None, union: bool
) -> None:
    """Dump the whole store, streamed: memory use does not grow with the store.

    N-Quads, TriG and JSON-LD keep each article's named graph.  Turtle, N-Triples and
    RDF/XML have no graphs: they need --union, and then hold the merged graph, in
    which a triple stated by several articles may be written more than once.
    """
    rdf = by_name(fmt)
    if not rdf.quads and not union:
        raise UnsupportedFormat(
            f"{rdf.name} has no named graphs, so it cannot keep each article's graph apart: "
            "use --format trig, nquads or jsonld, or add --union to export the merged graph"
        )
    if rdf.name == "n3":
        raise UnsupportedFormat("export does not write N3; use turtle with --union")
    with _opened(ctx, store_location) as store:
        if output is None:
            store.dump(sys.stdout.buffer, rdf.media_type)
            sys.stdout.flush()
        else:
            with _atomic_file(output) as fh:
                store.dump(fh, rdf.media_type)


@click.command("reindex")
@store_option
@click.pass_context
def reindex_cmd(ctx: click.Context, store_location: str | None) -> None:
    """Rebuild the default graph as the union of the article graphs, and the summary index.

    Needed once for a store written by an older newsgraph (an empty default graph, or
    no summary index: hub pages then use slow live queries), and after raw SPARQL
    updates (/update), which mark the index stale.
    Triples written straight into the default graph (Graph Store ``?default``) are
    dropped: the rebuilt default graph holds exactly what the article graphs state.
    """
    settings = _settings(ctx, store=store_location)
    store = open_store_from(settings, create=False)
    try:
        n = store.reindex()
    finally:
        store.close()
    click.echo(f"default graph and summary index rebuilt from {n} article graph{'s' if n != 1 else ''}")


@click.command("compact")
@store_option
@click.pass_context
def compact_cmd(ctx: click.Context, store_location: str | None) -> None:
    """Compact an embedded store: smaller on disk and quicker to read after bulk loads.

    Rewrites the whole store (minutes for tens of GiB), so it is a step to run after
    loading a large corpus, not after every write; `ingest --bulk` runs it at its end.
    A SPARQL server compacts its own files (`oxigraph optimize` for Oxigraph).
    """
    settings = _settings(ctx, store=store_location)
    store = open_store_from(settings, create=False)
    try:
        if not isinstance(store, EmbeddedStore):
            raise InputError(
                f"{store.location} is a SPARQL server; compact its own files there (oxigraph optimize)"
            )
        before = _disk_bytes(store.location)
        store.compact()
        after = _disk_bytes(store.location)
    finally:
        store.close()
    click.echo(f"compacted {store.location}: {before / 2**20:,.0f} MiB -> {after / 2**20:,.0f} MiB")


def _disk_bytes(location: str) -> int:
    return sum(f.stat().st_size for f in Path(location).rglob("*") if f.is_file())


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    for cmd in (ingest_cmd, remove_cmd, stats_cmd, query_cmd, export_cmd, reindex_cmd, compact_cmd):
        group.add_command(cmd)
