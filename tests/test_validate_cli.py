"""``newsgraph validate``: every RDF format in, readable reports out, honest exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from newsgraph.cli import cli
from newsgraph.shapes import results_from_report_graph
from newsgraph.shapes.report import SH

DATA = Path(__file__).parent / "data" / "shapes"
VALID = DATA / "valid" / "complete.ttl"
INVALID = DATA / "invalid" / "converter-slips.ttl"
#: The fixture lists its expected results in "# expect: Severity ..." lines (see test_shapes).
_EXPECT = [line.split()[2] for line in INVALID.read_text(encoding="utf-8").splitlines()
           if line.startswith("# expect:")]
N_VIOLATIONS, N_WARNINGS = _EXPECT.count("Violation"), _EXPECT.count("Warning")
INVALID_SUMMARY = f"Conforms: no ({N_VIOLATIONS} violation(s), {N_WARNINGS} warning(s))"
ARTICLE = URIRef("http://example.org/id/article/0123456789abcdef")

#: rdflib serializer name and file extension for each format the command reads.
FORMATS = {
    "turtle": ("turtle", "ttl"),
    "ntriples": ("nt", "nt"),
    "rdfxml": ("xml", "rdf"),
    "jsonld": ("json-ld", "jsonld"),
    "trig": ("trig", "trig"),
    "nquads": ("nquads", "nq"),
}


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:  # noqa: A002
    result = CliRunner().invoke(cli, ["validate", *args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def write_as(source: Path, fmt: str, dest: Path) -> Path:
    """The source graph written in fmt; quad formats get it as one named graph."""
    rdflib_name, ext = FORMATS[fmt]
    g = Graph().parse(source)
    out = dest / f"{source.stem}.{ext}"
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        named = ds.graph(ARTICLE)
        for t in g:
            named.add(t)
        ds.serialize(out, format=rdflib_name)
    else:
        out.write_bytes(g.serialize(format=rdflib_name, encoding="utf-8"))
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_conforming_and_not(fmt: str, tmp_path: Path) -> None:
    code, out, err = run(str(write_as(VALID, fmt, tmp_path)))
    assert (code, err) == (0, "")
    assert out.startswith("Conforms: yes (0 violation(s), 0 warning(s))")
    code, out, _ = run(str(write_as(INVALID, fmt, tmp_path)))
    assert code == 1
    assert out.startswith(INVALID_SUMMARY)


def test_text_report_shows_focus_path_value_and_message() -> None:
    code, out, _ = run(str(INVALID))
    assert code == 1
    block = out.split("\n\n")
    (country,) = [b for b in block if "<http://example.org/id/country/CHN>" in b]
    assert country.splitlines() == [
        "Violation: <http://example.org/id/country/CHN>",
        "  path:    ng:isoAlpha3",
        '  value:   "Chn"',
        '  message: A country has exactly one ng:isoAlpha3: its ISO 3166-1 alpha-3 code in capitals ("CHN"), '
        "an xsd:string.",
        "  shape:   ngsh:Country-isoAlpha3",
    ]


def test_input_format_overrides_the_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "article.txt"
    disguised.write_bytes(VALID.read_bytes())
    code, _, err = run(str(disguised))
    assert code == 2 and "give --input-format" in err
    assert run("--input-format", "turtle", str(disguised))[0] == 0
    assert run("-f", "ttl", str(disguised))[0] == 0  # aliases work too
    code, _, err = run("-f", "nt", str(disguised))  # the wrong format is a read error, not a crash
    assert code == 2 and "not valid nt" in err


def test_json_report(tmp_path: Path) -> None:
    code, out, _ = run("--report", "json", str(INVALID), str(VALID))
    assert code == 1
    body = json.loads(out)
    assert body["conforms"] is False and body["errors"] == []
    first, second = body["files"]
    summary = (first["file"], first["conforms"], first["violations"], first["warnings"])
    assert summary == (str(INVALID), False, N_VIOLATIONS, N_WARNINGS)
    assert (second["conforms"], second["results"]) == (True, [])
    shapes = {r["source_shape"].rsplit("#", 1)[1] for r in first["results"]}
    assert "Country-isoAlpha3" in shapes


def test_turtle_report_is_a_shacl_validation_report() -> None:
    code, out, _ = run("--report", "turtle", str(INVALID))
    assert code == 1
    g = Graph().parse(data=out, format="turtle")
    (report,) = g.subjects(RDF.type, SH.ValidationReport)
    assert g.value(report, SH.conforms) == Literal(False)
    results = results_from_report_graph(g)
    assert len(results) == 7
    assert {r.severity.value for r in results} == {"Violation", "Warning"}


def test_named_graphs_are_validated_and_named(tmp_path: Path) -> None:
    ds = Dataset()
    good = ds.graph(URIRef("http://example.org/id/article/good"))
    for t in Graph().parse(VALID):
        good.add(t)
    bad = ds.graph(URIRef("http://example.org/id/article/bad"))
    for t in Graph().parse(INVALID):
        bad.add(t)
    path = tmp_path / "two.trig"
    ds.serialize(path, format="trig")
    code, out, _ = run(str(path))
    assert code == 1
    assert "(graph <http://example.org/id/article/bad>)" in out
    assert "article/good>)" not in out


def test_missing_and_unreadable_files_exit_2_without_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ng: <https://w3id.org/newsgraph/ontology#> .\nng:a ng:b", encoding="utf-8")
    binary = tmp_path / "binary.ttl"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    for args, expect in (
        ([str(tmp_path / "absent.ttl")], "absent.ttl: no such file"),
        ([str(broken)], "broken.ttl: not valid turtle"),
        ([str(binary)], "binary.ttl: not valid turtle"),
        ([str(tmp_path)], "cannot tell the RDF format"),
        (["-f", "turtle", str(tmp_path)], "not a regular file"),
        (["-f", "klingon", str(VALID)], "unknown RDF format 'klingon'"),
    ):
        code, out, err = run(*args)
        assert code == 2, args
        assert expect in err and err.startswith("newsgraph: error: "), err
        assert "Traceback" not in out + err


def test_one_bad_file_does_not_hide_the_others(tmp_path: Path) -> None:
    code, out, err = run(str(VALID), str(tmp_path / "absent.ttl"), str(INVALID))
    assert code == 2
    assert f"== {VALID}\nConforms: yes" in out
    assert f"== {INVALID}\nConforms: no" in out
    assert "absent.ttl: no such file" in err


def test_standard_input() -> None:
    code, out, _ = run("-f", "turtle", "-", input=INVALID.read_bytes())
    assert code == 1 and "Country-isoAlpha3" in out
    code, _, err = run("-", input=b"")
    assert code == 2 and "needs --input-format" in err


def test_both_engines_agree_through_the_command() -> None:
    fast = json.loads(run("--report", "json", "--engine", "fast", str(INVALID))[1])
    reference = json.loads(run("--report", "json", "--engine", "pyshacl", str(INVALID))[1])
    assert fast["files"][0]["results"] == reference["files"][0]["results"]


def test_real_process(tmp_path: Path) -> None:
    """The installed entry point, in its own process: exit status and stdout as a shell sees them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    nq = write_as(INVALID, "nquads", tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "newsgraph", "validate", str(nq), str(VALID)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == ""
    assert f"== {nq}\n{INVALID_SUMMARY}" in proc.stdout
    assert "(graph <http://example.org/id/article/0123456789abcdef>)" in proc.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "newsgraph", "validate", str(tmp_path / "nope.trig")],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"newsgraph: error: {tmp_path / 'nope.trig'}: no such file"
