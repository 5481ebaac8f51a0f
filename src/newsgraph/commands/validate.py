"""``newsgraph validate``: check RDF files against the newsgraph SHACL shapes.

Exit status: 0 when every file conforms (warnings allowed), 1 when some file has a
violation, 2 when some input cannot be read at all (missing, unknown format, not RDF).
Unreadable files are named on stderr and the readable ones are still validated, so one
bad file in a batch does not hide the state of the others.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click
from rdflib import Dataset, Graph

from ..errors import InputError, NewsgraphError, RDFSyntaxError, UnsupportedFormat
from ..formats import RDF_FORMATS, RdfFormat, by_extension, by_name

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_UNREADABLE = 2

REPORT_FORMATS = ("text", "turtle", "json")


@dataclass
class _Checked:
    name: str
    report: Any  # newsgraph.shapes.ValidationReport (imported lazily: pySHACL is slow to import)


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal it parses; the report says it better."""
    logger = logging.getLogger("rdflib.term")
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(before)


def read_rdf(source: str, fmt: RdfFormat, stream: IO[bytes] | None = None) -> Graph:
    """Parse one file (or stdin) into a Dataset when the format carries graphs, else a Graph."""
    target: Graph = Dataset() if fmt.quads else Graph()
    try:
        with _quiet_rdflib():
            if stream is not None:
                target.parse(data=stream.read(), format=fmt.rdflib)
            else:
                path = Path(source)
                if not path.exists():
                    raise InputError(f"{source}: no such file")
                if not path.is_file():
                    raise InputError(f"{source}: not a regular file")
                target.parse(source=str(path), format=fmt.rdflib)
    except NewsgraphError:
        raise
    except OSError as exc:
        raise InputError(f"{source}: cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # rdflib's parsers raise many exception types on broken input
        raise RDFSyntaxError(f"{source}: not valid {fmt.name}: {_first_line(exc)}") from exc
    return target


def _first_line(exc: BaseException) -> str:
    """A one-line reason: rdflib's Turtle errors put the location and the reason on two lines."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    text = lines[0]
    if text.endswith(":") and len(lines) > 1:
        text = f"{text} {lines[1]}"
    return text.replace(" of <>:", ":")[:300]


def _format_for(source: str, input_format: str | None) -> RdfFormat:
    if input_format:
        return by_name(input_format)
    if source == "-":
        raise UnsupportedFormat("reading standard input needs --input-format")
    try:
        return by_extension(source)
    except UnsupportedFormat:
        known = ", ".join(f".{f.extension}" for f in RDF_FORMATS)
        raise UnsupportedFormat(
            f"{source}: cannot tell the RDF format from the file name (known: {known}); give --input-format"
        ) from None


def _emit_text(checked: list[_Checked]) -> str:
    if len(checked) == 1:
        return str(checked[0].report.text())
    return "\n".join(f"== {c.name}\n{c.report.text()}" for c in checked)


def _emit_json(checked: list[_Checked], errors: list[str]) -> str:
    body = {
        "conforms": all(c.report.conforms for c in checked) and not errors,
        "files": [{"file": c.name, **c.report.to_dict()} for c in checked],
        "errors": errors,
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


def _emit_turtle(checked: list[_Checked]) -> str:
    merged = Graph()
    for c in checked:
        for prefix, ns in c.report.graph.namespaces():
            merged.bind(prefix, ns)
        for t in c.report.graph:
            merged.add(t)
    return str(merged.serialize(format="turtle"))


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=str)
@click.option(
    "--input-format",
    "-f",
    default=None,
    metavar="FORMAT",
    help="Format of every FILE (" + ", ".join(f.name for f in RDF_FORMATS) + "); "
    "by default each file's extension tells.",
)
@click.option(
    "--report",
    "report_format",
    type=click.Choice(REPORT_FORMATS, case_sensitive=False),
    default="text",
    show_default=True,
    help="text for people, turtle for a SHACL validation report graph, json for programs.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "fast", "pyshacl"]),
    default="auto",
    show_default=True,
    help="SHACL engine: the compiled fast one, or pySHACL (the reference, slower).",
)
def validate_command(
    files: tuple[str, ...], input_format: str | None, report_format: str, engine: str
) -> None:
    """Validate RDF FILES against the newsgraph SHACL shapes ('-' reads standard input).

    Named graphs (TriG, N-Quads, JSON-LD) are validated one by one, with the default
    graph's triples shared by all. Exits 0 when everything conforms (warnings allowed),
    1 on any violation, 2 when an input cannot be read.
    """
    from ..shapes import validate

    checked: list[_Checked] = []
    errors: list[str] = []
    for source in files:
        try:
            fmt = _format_for(source, input_format)
            data = read_rdf(source, fmt, sys.stdin.buffer if source == "-" else None)
        except NewsgraphError as exc:
            errors.append(exc.message)
            click.echo(f"newsgraph: error: {exc.message}", err=True)
            continue
        checked.append(_Checked(source, validate(data, engine=engine)))  # type: ignore[arg-type]

    if report_format == "json":
        click.echo(_emit_json(checked, errors))
    elif checked:
        click.echo(_emit_turtle(checked) if report_format == "turtle" else _emit_text(checked), nl=False)

    if errors:
        sys.exit(EXIT_UNREADABLE)
    sys.exit(EXIT_OK if all(c.report.conforms for c in checked) else EXIT_VIOLATIONS)


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(validate_command)


__all__ = ["EXIT_OK", "EXIT_UNREADABLE", "EXIT_VIOLATIONS", "read_rdf", "register", "validate_command"]
