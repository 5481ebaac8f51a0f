"""A small SPARQL lexer: enough to see a request's shape before the store runs it.

The endpoint must know a few things about a query or update before handing it to
Oxigraph: its form (to negotiate the result type), whether it names its own
dataset (FROM / USING / WITH, which the protocol's dataset parameters may not
contradict), which remote endpoints it would contact (SERVICE, LOAD: refused
unless allow-listed, because the store would otherwise open connections on a
stranger's behalf), and where to put ``USING`` clauses for the
``using-graph-uri`` parameters, which Oxigraph's API does not take.

A full parse is not needed for that, but the lexer must agree with the real
parser on what is code and what is a string, an IRI or a comment: a SERVICE
keyword hidden from this scanner would be a hole.  The token rules below follow
the SPARQL 1.1 grammar's terminals (IRIREF, the four string forms, comments
ending at CR or LF), and anything the scanner cannot classify is kept as a
one-character punctuation token rather than skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_IRIREF = re.compile(r'<([^<>"{}|^`\\\x00-\x20]*)>')
_STRING_LONG1 = re.compile(r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''", re.S)
_STRING_LONG2 = re.compile(r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""', re.S)
_STRING1 = re.compile(r"'(?:[^'\\\n\r]|\\.)*'")
_STRING2 = re.compile(r'"(?:[^"\\\n\r]|\\.)*"')
_VAR = re.compile(r"[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+")
# A bare word, a prefixed name or a blank-node label: letters, digits, '_', '-', '.',
# ':' and '%' escapes.  A trailing '.' belongs to the triple, not the name.
_NAME = re.compile(r"(?:_:)?[\w\u00b7\u0300-\u036f\u203f-\u2040%\\:-]+(?:\.+[\w%\\:-]+)*")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_SPACE = re.compile(r"[ \t\r\n]+")
_COMMENT = re.compile(r"#[^\r\n]*")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class Token:
    kind: str  #: iri, string, var, name, number, punct
    text: str
    start: int
    end: int
    depth: int  #: '{' nesting depth at the token (a '{' itself is at the outer depth)

    @property
    def upper(self) -> str:
        return self.text.upper()


def tokens(text: str) -> Iterator[Token]:
    """Split SPARQL text into tokens, dropping white space and comments."""
    pos, depth, n = 0, 0, len(text)
    while pos < n:
        ch = text[pos]
        m = _SPACE.match(text, pos) or _COMMENT.match(text, pos)
        if m:
            pos = m.end()
            continue
        kind = "punct"
        m = None
        if ch == "<":
            m = _IRIREF.match(text, pos)
            kind = "iri"
        elif ch in "'\"":
            m = (
                _STRING_LONG1.match(text, pos)
                or _STRING_LONG2.match(text, pos)
                or _STRING1.match(text, pos)
                or _STRING2.match(text, pos)
            )
            kind = "string"
            if m is None:
                # An unterminated string: the rest is string as far as any parser goes.
                yield Token("string", text[pos:], pos, n, depth)
                return
        elif ch in "?$":
            m = _VAR.match(text, pos)
            kind = "var"
        elif ch.isdigit() or (ch in "+-." and pos + 1 < n and text[pos + 1].isdigit()):
            m = _NUMBER.match(text, pos)
            kind = "number"
        elif ch.isalpha() or ch in "_:\\" or ord(ch) > 127:
            m = _NAME.match(text, pos)
            kind = "name"
        if m is None or m.end() == pos:
            if ch == "}":
                depth = max(depth - 1, 0)
            yield Token("punct", ch, pos, pos + 1, depth)
            if ch == "{":
                depth += 1
            pos += 1
            continue
        yield Token(kind, m.group(0), pos, m.end(), depth)
        pos = m.end()


def unescape_iri(body: str) -> str:
    """Resolve \\u and \\U escapes, which IRIREF allows."""
    return _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), body)


@dataclass
class Analysis:
    """What the endpoint needs to know about one query or update."""

    form: str | None = None  #: SELECT, ASK, CONSTRUCT, DESCRIBE, or None (update / unknown)
    has_from: bool = False  #: the query names its dataset (FROM / FROM NAMED)
    has_using: bool = False  #: an update names its dataset (USING / WITH)
    remote: list[str | None] = field(default_factory=list)  #: SERVICE / LOAD targets (None: a variable)


_PREFIX_DECL = re.compile(r"([\w.-]*):$")


def analyse(text: str) -> Analysis:
    """Scan a query or update for its form, dataset clauses and remote calls."""
    toks = list(tokens(text))
    out = Analysis()
    prefixes: dict[str, str] = {}
    base = ""
    i = 0
    while i < len(toks):
        t = toks[i]
        word = t.upper if t.kind == "name" else ""
        if word == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            m = _PREFIX_DECL.match(toks[i + 1].text)
            if m:
                prefixes[m.group(1)] = unescape_iri(toks[i + 2].text[1:-1])
            i += 3
            continue
        if word == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = unescape_iri(toks[i + 1].text[1:-1])
            i += 2
            continue
        if word in QUERY_FORMS and out.form is None and t.depth == 0:
            out.form = word
        elif word == "FROM" and t.depth == 0:
            out.has_from = True
        elif word in ("USING", "WITH") and t.depth == 0:
            out.has_using = True
        elif word in ("SERVICE", "LOAD"):
            j = i + 1
            if j < len(toks) and toks[j].kind == "name" and toks[j].upper == "SILENT":
                j += 1
            out.remote.append(_target(toks[j] if j < len(toks) else None, prefixes, base))
        i += 1
    return out


def _target(tok: Token | None, prefixes: dict[str, str], base: str) -> str | None:
    """The absolute IRI a SERVICE/LOAD token names, or None when it cannot be known."""
    if tok is None:
        return None
    if tok.kind == "iri":
        iri = unescape_iri(tok.text[1:-1])
        if base and ":" not in iri.split("/")[0]:
            from urllib.parse import urljoin

            iri = urljoin(base, iri)
        return iri
    if tok.kind == "name" and ":" in tok.text:
        prefix, _, local = tok.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def with_using(update: str, default_graphs: list[str], named_graphs: list[str]) -> str:
    """Insert USING / USING NAMED clauses before each top-level WHERE of an update.

    The SPARQL Protocol's ``using-graph-uri`` and ``using-named-graph-uri``
    parameters mean exactly that; Oxigraph only reads the clauses.  The
    ``DELETE WHERE {P}`` short form takes no USING, so it becomes the equivalent
    ``DELETE {P} USING ... WHERE {P}``.
    """
    if not default_graphs and not named_graphs:
        return update
    clause = " ".join(
        [f"USING <{g}>" for g in default_graphs] + [f"USING NAMED <{g}>" for g in named_graphs]
    )
    toks = list(tokens(update))
    edits: list[tuple[int, int, str]] = []
    for i, t in enumerate(toks):
        if t.kind != "name" or t.upper != "WHERE" or t.depth != 0:
            continue
        prev = toks[i - 1] if i else None
        if prev is not None and prev.kind == "name" and prev.upper == "DELETE":
            # DELETE WHERE { pattern } -> DELETE { pattern } USING ... WHERE { pattern }
            end = _block_end(toks, i + 1)
            if end is None:
                continue  # let the store report the syntax error
            pattern = update[toks[i + 1].start : toks[end].end]
            edits.append((t.start, t.end, f"{pattern} {clause} WHERE"))
        else:
            edits.append((t.start, t.start, clause + " "))
    for start, end, text in reversed(edits):
        update = update[:start] + text + update[end:]
    return update


def _block_end(toks: list[Token], i: int) -> int | None:
    """Index of the '}' closing the '{' at toks[i]."""
    if i >= len(toks) or toks[i].text != "{":
        return None
    depth = toks[i].depth
    for j in range(i + 1, len(toks)):
        if toks[j].text == "}" and toks[j].kind == "punct" and toks[j].depth == depth:
            return j
    return None


__all__ = ["QUERY_FORMS", "Analysis", "Token", "analyse", "tokens", "unescape_iri", "with_using"]
