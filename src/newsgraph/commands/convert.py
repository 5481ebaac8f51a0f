"""``newsgraph convert``: article files -> RDF on stdout or in a file.

A batch keeps going past a bad file: each failure is one line on stderr, a summary
line follows, and the exit status says whether everything converted (0), some files
failed (1) or nothing could be converted (2).  Output is deterministic: the same
files and base give the same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rdflib import URIRef

from ..converters.rdf import Triple
from ..errors import NewsgraphError, PayloadTooLarge

#: File suffixes a folder is searched for; anything else in it (README.md...) is ignored.
ARTICLE_SUFFIXES = {".txt": None, ".text": None, ".html": "html", ".htm": "html", ".xhtml": "html",
                    ".json": None, ".jsonl": "jsonl", ".ndjson": "jsonl"}
INPUT_FORMAT_CHOICES = ("text", "html", "json", "jsonl")


def _expand(paths: tuple[str, ...]) -> Iterator[tuple[str, Path | None, str | None]]:
    """(display name, path or None for stdin, error) for every input named on the command line."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", None, None
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                yield raw, None, f"{raw}: no article files (*.txt, *.html, *.json, *.jsonl) in this folder"
            for f in found:
                yield str(f), f, None
        elif p.exists():
            yield raw, p, None
        else:
            yield raw, None, f"{raw}: no such file or folder"


def _read_input(
    name: str, path: Path | None, limit: int, input_format: str | None
) -> tuple[bytes, str | None]:
    """The bytes of one input, refusing an oversized single article before reading it all."""
    fmt = input_format
    if path is None:
        stream = sys.stdin.buffer
        data = stream.read(limit + 1)
        if len(data) > limit:
            from ..converters import readers

            sniffed = fmt or readers.sniff(readers.decode(data[:4096], name=name))
            if sniffed != "jsonl":
                raise PayloadTooLarge(
                    f"{name}: more than {limit / 1048576:.1f} MB for one article "
                    "(setting max_article_bytes); split it or raise the limit"
                )
            data += stream.read()
        return data, fmt
    if fmt is None:
        fmt = ARTICLE_SUFFIXES.get(path.suffix.lower())
    try:
        size = path.stat().st_size
        if size > limit and fmt != "jsonl":
            raise PayloadTooLarge(
                f"{name}: {size / 1048576:.1f} MB is over the {limit / 1048576:.1f} MB limit for one article "
                "(setting max_article_bytes); split it or raise the limit"
            )
        return path.read_bytes(), fmt
    except OSError as exc:
        raise NewsgraphError(f"{name}: cannot read ({exc.strerror or exc})") from None


@click.command("convert")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "-f", "fmt", default="trig", show_default=True,
              help="Output RDF format: trig, nquads, turtle, nt or jsonld.")
@click.option("--base", default=None, help="Base URI of minted identifiers (default: the base_uri setting).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write here instead of stdout.")
@click.option("--input-format", "input_format", type=click.Choice(INPUT_FORMAT_CHOICES), default=None,
              help="Read every input as this format instead of detecting it from the content.")
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr (failures are still reported).")
@click.pass_context
def convert_command(ctx: click.Context, paths: tuple[str, ...], fmt: str, base: str | None,
                    output: str | None, input_format: str | None, quiet: bool) -> None:
    """Convert news articles (text pages, HTML, JSON, JSON Lines) to RDF.

    PATHS are files, folders (every article file inside, sorted) or - for stdin.
    Each article becomes one named graph, named by the article's URI.
    """
    from ..cli import EXIT_BAD_INPUT, EXIT_FAILED, settings_from
    from ..converters import Conversion, convert_many
    from ..converters.rdf import serialize_triples
    from ..formats import by_name

    settings = settings_from(ctx, base_uri=base)
    rdf_format = by_name(fmt)
    limit = settings.max_article_bytes
    graphs: dict[str, list[Triple]] = {}
    failures: list[str] = []
    files = degraded = 0
    for name, path, error in _expand(paths):
        files += 1
        if error is not None:
            failures.append(error)
            click.echo(f"newsgraph: {error}", err=True)
            continue
        try:
            data, fmt_hint = _read_input(name, path, limit, input_format)
            for result in convert_many(data, base=settings.base, input_format=fmt_hint, name=name,
                                       max_article_bytes=limit):
                if isinstance(result, Conversion):
                    for warning in result.warnings:
                        degraded += 1
                        click.echo(f"newsgraph: warning: {warning}", err=True)
                    iri = str(result.article_iri)
                    if iri in graphs:
                        click.echo(f"newsgraph: {name}: article {iri} was already converted from another "
                                   "input; graphs merged", err=True)
                        graphs[iri] = list(dict.fromkeys([*graphs[iri], *result.triples]))
                    else:
                        graphs[iri] = result.triples
                else:
                    failures.append(result.message)
                    click.echo(f"newsgraph: {result.message}", err=True)
        except NewsgraphError as exc:
            failures.append(exc.message)
            click.echo(f"newsgraph: {exc.message}", err=True)
        except RecursionError:
            failures.append(f"{name}: input nested too deeply to read")
            click.echo(f"newsgraph: {name}: input nested too deeply to read", err=True)
    if graphs:
        text = serialize_triples([(URIRef(k), v) for k, v in graphs.items()], rdf_format)
        if output:
            try:
                Path(output).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise NewsgraphError(f"cannot write {output}: {exc.strerror or exc}") from None
        else:
            click.echo(text, nl=False)
    if not quiet or failures:
        partial = f", {degraded} with warnings" if degraded else ""
        click.echo(
            f"newsgraph convert: {len(graphs)} article(s) converted from {files} input(s), "
            f"{len(failures)} failed{partial}",
            err=True,
        )
    if failures:
        ctx.exit(EXIT_FAILED if graphs else EXIT_BAD_INPUT)


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(convert_command)
