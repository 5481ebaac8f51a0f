"""Shortcuts of the conversion speed pass of 2026-12 give the answers of the plain rules.

Each test builds texts where the shortcut would go wrong if it skipped work it must
not skip, and compares the fast path with the plain definition on them, on random text
from the words the rule reacts to, and on every bundled and test page.
"""

from __future__ import annotations

import random
from pathlib import Path

from newsgraph.samples import sample_files

ROOT = Path(__file__).resolve().parent
DEV = ROOT.parent.parent / "shared" / "corpus" / "dev"


def _pages() -> list[str]:
    texts = [f.read_text(encoding="utf-8") for f in sample_files() if f.suffix == ".txt"]
    for folder in (ROOT / "data" / "articles", ROOT / "data" / "heldout"):
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    if DEV.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    return texts


PAGES = _pages()


def _noise(vocab: list[str], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    glue = ["", " ", " ", " ", "  ", "\n", "\t", ", ", ". ", "\u00a0", "-", "("]
    return [
        "".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(3, 80))) for _ in range(n)
    ]


# ------------------------------------------------------------------ date starts


def _plain_dates(text: str) -> list[tuple[int, int]]:
    """DATE_RE tried at every _DATE_START position, left to right, without overlaps."""
    from newsgraph.converters import dates

    out, pos = [], 0
    for c in dates._DATE_START.finditer(text):
        if c.start() < pos:
            continue
        m = dates.DATE_RE.match(text, c.start())
        if m:
            out.append(m.span())
            pos = m.end()
    return out


def test_date_start_filter_keeps_every_letter_led_date() -> None:
    """_LETTER_DATE turns away capitalised words before DATE_RE runs; each phrase here
    starts a date with a word that a filter keyed to months and weekdays alone, or to
    capitalised words alone, would drop (a preposition before a year, a relative phrase,
    a qualifier before a month), next to near misses that must stay undated."""
    from newsgraph.converters import dates

    must = [
        "since 1990", "after 2001", "until 1999", "from 2020", "by 2030", "of 1648", "before 2000",
        "the end of March", "the beginning of May 2019", "early June", "mid-July", "late August",
        "the previous day", "the next day", "the following day", "the day before", "the day after",
        "today", "yesterday", "tonight", "this morning", "earlier in the day", "later that day",
        "earlier that day", "on the same day", "a day after", "two days later", "three days before",
        "one day earlier", "Sept. 3", "Monday", "Sunday's", "Dec 2021",
    ]
    vocab = [
        *must, "Ambassador", "After", "The", "Thisbe", "Earlier", "Later", "On", "Attending", "Minister",
        "the end", "after 199", "since 2x", "a days", "Mayor", "Marching", "Augusto", "Sunil", "Tuesdays",
        "ſince 2001", "Mıd-May", "İn 2020", "THE END OF MAY", "AFTER 2001", "x", "2024-01-31", "(2021)",
        "12.03.2022", "5 May 2020", "Jan.", "١٢", "_", "the", "in", "a", "one",
    ]
    texts = [*PAGES, *_noise(vocab, 600, seed=23), *must, *(w.capitalize() for w in must)]
    found = 0
    for text in texts:
        expected = _plain_dates(text)
        assert [m.span() for m in dates._date_matches(text)] == expected, text[:200]
        found += len(expected)
    assert found > 1000
    for phrase in must:  # each really is a date on its own
        assert _plain_dates(f"It happened {phrase} here."), phrase


# ------------------------------------------------------------------ sentences without triggers


def test_sentences_without_a_trigger_start_are_skipped_but_edge_triggers_are_kept() -> None:
    """find_events cuts a sentence into clauses only when a trigger starts in it.  The
    triggers here sit where a test on the wrong edge would lose them: at the very end of
    a sentence ("signed."), a repeat ("as did") that needs the clause before it in the same
    sentence, and sentences with no trigger between them."""
    from newsgraph.converters.extract import extract
    from newsgraph.converters.model import Document

    text = (
        "NAIROBI, March 3 (Wire) -- The weather was mild on Monday.\n"
        "President Tomas Ried arrived in Nairobi on Monday. President Mira Kollen travelled to Lima "
        "on Tuesday, as did Prime Minister Joel Arno. Prices rose. Ried and Kollen later signed."
    )
    events = extract(Document(text=text, published="2024-03-04")).events
    got = {
        (e.type, text[e.mentions[0].start : e.mentions[0].end].strip(), tuple(e.participants)) for e in events
    }
    assert ("Visit", "arrived in", ("Tomas Ried",)) in got
    assert ("Visit", "travelled to", ("Mira Kollen",)) in got
    assert ("Visit", "as did", ("Joel Arno",)) in got
    assert any(kind == "Signing" and mention == "signed" for kind, mention, _ in got)


# ------------------------------------------------------------------ N-Quads escapes


def test_nquads_plain_literals_escape_exactly_like_the_term_writer() -> None:
    """The writer skips the escape regex for printable literals with no quote or
    backslash; each string here has one of the characters that need escaping, or a
    character that is not printable but needs none (vertical tab, U+2028, no-break
    space), where deciding by isprintable() alone would go wrong."""
    from rdflib import Literal, URIRef

    from newsgraph.converters import rdf

    name, s, p = URIRef("http://kg.test/a"), URIRef("http://kg.test/s"), URIRef("http://kg.test/p")
    values = [
        "plain", 'say "yes"', "back\\slash", "tab\there", "line\nbreak", "cr\rx", "bell\bx", "feed\fx",
        "vertical\x0btab", "line\u2028separator", "no\u00a0break", "café — “quoted” ’s", "", " ", "\x00",
    ]
    for v in values:
        got = rdf._nquads([(name, [(s, p, rdf._plain(v))])])
        assert got == f"<{s}> <{p}> {rdf._nt_term(Literal(v))} <{name}> .\n", repr(v)


# ------------------------------------------------------------------ line-start scans


def test_line_start_scans_find_what_a_full_scan_finds() -> None:
    """Patterns led by "^" (MULTILINE) are tried only at line starts.  The texts hold
    matches that run over a line break (a dateline's trailing spaces), a match that ends
    right after a "\\n" so that the next one starts there, "\\r\\n" and "\\r" (no line break
    for "^"), a last line without "\\n", and a pattern that can match empty."""
    import re

    import pytest

    from newsgraph.converters import agreements, dates, extract
    from newsgraph.converters.regex_speed import LineStartScan

    scans = (*extract._CREDIT_PATTERNS, extract._JUNK_HEADERS)
    pairs = [(s.pattern, s) for s in scans if isinstance(s, LineStartScan)]
    pairs += [(dates.DATELINE_RE, dates._DATELINE_SCAN), (agreements.LIST_ITEM, agreements._LIST_ITEM_SCAN)]
    pairs += [(dates._PLACE_LINE_BEFORE_LEAD.pattern, dates._PLACE_LINE_BEFORE_LEAD)]
    empty = re.compile(r"^[ \t]*(?:By\b[^\n]*)?", re.M)  # matches empty at most line starts
    pairs.append((empty, LineStartScan(empty)))
    assert len(pairs) == 7
    vocab = [
        "BEIJING, May 13 (Xinhua) --", "ASMARA, July 9, 2018 (Horn Wire) -", "MOSCOW, May 13. /TASS/.",
        "LAHORE:", "By Ana Velez", "BY STAFF", "Reporting by Joel Arno", "(Editing by Li Xiang)",
        "Related stories", "Read more:", "i. a memorandum on trade", "2) the agreement on visas;",
        "a. a protocol", "Photo: Reuters", "Copyright 2024", "the talks went on", "NAIROBI", "   ",
        "\t", "\n", "\n\n", "\r\n", "\r", "-", "x", "The President said the accord would be signed soon "
        "and that both sides had agreed to continue the talks in the coming weeks.",
    ]
    rnd = random.Random(31)
    texts = [*PAGES, "", "\n", "By x\nBy y", "By x\n", "\nBy x", "By x\r\nBy y"]
    glue = ["", " ", "\n", " \n"]
    texts += [
        "".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(1, 40))) for _ in range(800)
    ]
    found = 0
    for pattern, scan in pairs:
        for text in texts:
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            got_all = [(m.span(), m.groups()) for m in scan.finditer(text)]
            assert got_all == expected, (pattern.pattern[:40], text)
            first = pattern.search(text)
            got = scan.search(text)
            assert (got and got.span()) == (first and first.span())
            found += len(expected)
    assert found > 3000
    for bad in (re.compile(r"^x"), re.compile(r"x", re.M), re.compile(r"^x|y", re.M)):
        with pytest.raises(ValueError):
            LineStartScan(bad)


# ------------------------------------------------------------------ clause patterns


def test_clause_patterns_led_by_first_letters_match_like_their_plain_forms() -> None:
    """_DEF_TITLE, _TWO_TITLES and _LOC_AT begin with their first letters instead of \\b.
    The words sit right after a word character ("xthe", "Lathe", "begin"), where the
    lookbehind must refuse what \\b refused, and after "-", digits, quotes and line breaks,
    where it must accept."""
    import re

    from newsgraph.converters import events

    vocab = (
        "the The THE both Both two Two Prime Minister Ministers Presidents President King Kings Secretaries "
        "Chancellor of Kenya at in on At In On the Palace State House Nairobi al de xthe Lathe begin Within "
        "won cat Xat theology bothy ſ İn 7 - ' \" ( \n , ."
    ).split(" ") + ["the two Presidents", "The two Prime Ministers", "both two Kings", "the two Secretaries"]
    rnd = random.Random(41)
    glue = ["", " ", " ", "  ", "\n", "-", "'"]
    texts = [*PAGES]
    for _ in range(1500):
        texts.append("".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(3, 60))))
    for plain, fast in (
        (events._DEF_TITLE_PLAIN, events._DEF_TITLE),
        (events._TWO_TITLES_PLAIN, events._TWO_TITLES),
        (events._LOC_AT_PLAIN, events._LOC_AT),
    ):
        slow = re.compile(plain)
        assert slow.pattern != fast.pattern and slow.flags == fast.flags
        found = 0
        for text in texts:
            expected = [(m.span(), m.groups()) for m in slow.finditer(text)]
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected, text[:200]
            found += len(expected)
        assert found > 20, plain[:30]


# ------------------------------------------------------------------ trigger words


#: Words and phrases around the trigger patterns' heads: the heads glued to word
#: characters before ("xmet", "émet", "1met") and after ("metal", "signature", "summits"),
#: case variants that only a case-blind pattern accepts ("sUMMIT meeting", "ſummit
#: meeting", "summİt meeting"), heads inside other words ("telephone", "think", "became"),
#: and the words after a head that the patterns need ("by phone", "to Kenya").
_TRIGGER_NOISE = (
    "met meet meets meeting metal xmet émet 1met _met held had talks talked spoke speaks phoned rang "
    "telephoned telephone phone video Video virtual Virtual videoconference teleconference conferencing "
    "issued issue adopted adopt released the a joint trilateral ministerial leaders leaders' final statement "
    "declaration communiqué was were have been exchanged instruments sign signed signs signing signature "
    "inked inks think put their names to initialled summit Summit summits SUMMIT sUMMIT ſummit summİt "
    "meeting MEETING conducted hold holding those these that received hosted hosts receives calls called on "
    "visiting Leaders' Retreat retreat visit visited visits arrived arrives landed lands in at came comes "
    "went flew sailed travelled traveled travels become became has come made makes make stop stopover "
    "crossed border into trip journey tour attended conference forum celebrations conferred Order Medal "
    "with between by over via Kenya Nairobi President x é 1 ( ) - ' ’ . ,"
).split()


def test_trigger_scans_at_their_words_find_what_a_full_scan_finds() -> None:
    """Trigger patterns scanned from their words (regex_speed.LeadScan, AnchoredScan) find
    what a plain scan of the pattern finds, on every page and on random text from the
    words above; and each of their words is needed: a scan that leaves one out, or looks
    one character off, misses matches on these texts."""
    import re

    from newsgraph.converters import events
    from newsgraph.converters.regex_speed import AnchoredScan, LeadScan

    phrases = (
        "spoke by phone;held talks via video link;a telephone call;the two leaders met;"
        "Leaders' Retreat;summit meeting;SUMMIT  MEETING;ſummit meeting;summİt meeting;"
        "a video conference meeting;Virtual talks;made a brief stop;the stopover;"
        "had a phone call over the phone;were exchanged;had been exchanged;have been exchanged;"
        "was exchanged;put their names to;initialled;inked;held a meeting by video;"
        "talked on the phone;spoke via video link;speaks over the telephone;adopted three documents;"
        "adopted a Shared Vision;adopted the Action Plan;joint statement was issued;"
        "trilateral declaration adopted;ministerial communiqué released;leaders statement issued;"
        "final declaration which was adopted;SUmMIT meeting;SuMmit MEETING;held talks;talks between;"
        "talks that were held;visited Kenya;hosts President;calls on the visiting President;"
        "trip to Kenya;comes to Nairobi;went to Kenya;sailed to Kenya;flew to Kenya;"
        "has come to Kenya;had already come to Nairobi;have come to Kenya;travelled on to Kenya;"
        "came to Kenya;journey to Kenya;tour to Kenya;makes a stop;make two stops;arrives in;"
        "lands at;released a joint statement;issue the declaration;adopt a communique;"
        "release a statement;exchanged the documents;exchanged notes;exchanged MoUs;"
        "crossed into Kenya;crossed the border to Kenya;attended the forum;attended a conference;"
        "conferred the Order;conferred an award;conferred the highest honour;was received by;"
        "were joined by;had been warmly welcomed by;has been hosted by;have been received by;was greeted by;"
        "spent Sunday in Lima;spent two days in Kenya;spent the weekend in Oslo"
    ).split(";")
    texts = [*PAGES, *phrases, *_noise(_TRIGGER_NOISE + phrases, 1500, seed=53)]
    lead = [(t, p) for t, p, _ in events._TRIGGER_RE if isinstance(p, LeadScan)]
    anchored = [(t, p) for t, p, _ in events._TRIGGER_RE if isinstance(p, AnchoredScan)]
    assert len(lead) >= 20 and len(anchored) >= 4
    for name, scan in [*lead, *anchored]:
        plain = scan.pattern
        assert isinstance(plain, re.Pattern)
        expected = [[(m.span(), m.groups()) for m in plain.finditer(text)] for text in texts]
        got = [[(m.span(), m.groups()) for m in scan.finditer(text)] for text in texts]
        assert got == expected, (name, plain.pattern[:40])
        assert sum(map(len, expected)) > 5, (name, plain.pattern[:40])
        if isinstance(scan, LeadScan):
            broken = [LeadScan(plain, scan.words, scan.offset + 1)]
            broken += [LeadScan(plain, scan.words[:i] + scan.words[i + 1 :], scan.offset)
                       for i in range(len(scan.words)) if len(scan.words) > 1]
            for bad in broken:
                assert [[m.span() for m in bad.finditer(text)] for text in texts] != [
                    [s for s, _ in e] for e in expected
                ], (name, bad.words, bad.offset)


def test_lead_words_are_the_heads_of_every_alternative() -> None:
    """lead_words reads the literal head of each alternative, drops a quantified last
    character, looks into a leading group, and gives up on any other beginning."""
    import re

    import pytest

    from newsgraph.converters.regex_speed import LeadScan, lead_words

    assert lead_words(r"\b(?:met|meets|meet)\b") == ("meet", "met")
    assert lead_words(r"\bleaders'?\s+x|\b(?:held|had)\s+talks") == ("had", "held", "leaders")
    assert lead_words(r"ab+c") == ("a",)
    assert lead_words(r"\b(?:travel(?:l)?ed|flew)") == ("flew", "travel")
    for no_head in (r"a?b", r"\b(?:a|b)?c", r"\b[Vv]ideo", r"\b(?i:summit)", r"(?=x)y", r"\bx|\s+y",
                    r"\b(?:x|(?:a)?b)", r"(ab)c", r"\.x", r"(?:a|b)*c", r"[a"):
        assert lead_words(no_head) is None, no_head
    # a match right at the end of the last one; words overlapping a match; a word that
    # occurs again inside the next match's word ("mm" in "summmit")
    for pattern, words, offset, text in (
        (r"ab\s*", ("ab",), 0, "abab ab xab"),
        (r"aba", ("aba",), 0, "ababa aba abababa"),
        (r"(?i:summit)", ("mm", "mM", "Mm", "MM"), 2, "summmit sumMit SUMMIT summit"),
    ):
        plain = re.compile(pattern)
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in LeadScan(plain, words, offset).finditer(text)] == expected, pattern
        assert len(expected) >= 3
    with pytest.raises(ValueError):
        LeadScan(re.compile("x"), ())
    with pytest.raises(ValueError):
        LeadScan(re.compile("x"), ("",))


# ------------------------------------------------------------------ lower-case words


def test_lower_words_asked_one_by_one_answer_like_the_whole_set() -> None:
    """entities._LowerWords answers ``word in set(_LOWER_WORD.findall(text))`` for every
    word asked, on pages and on random text with hyphen chains ("well-known", where
    "known" is no match of its own), words glued to capitals, digits and "_", hyphens at
    either end ("ab-1" ends in "-"), letters outside ASCII, and words asked twice."""
    import re

    from newsgraph.converters import entities

    vocab = (
        "well known well-known -known known- a-b-c ab-1 x-ab Peace peace PEACE the The tHe _the the_ 1the "
        "the1 é éte naïve Ærø ǆemal straße ß ſun ab a b - -- ( ) . , ' ’ \n Minister minister talks"
    ).split(" ")
    rnd = random.Random(67)
    glue = ["", "", " ", "-", "  ", "\n", ". ", "_", "1"]
    texts = [*PAGES, "", "well-known known", "known well-known", "ab-", "-ab ab", "aa aaa"]
    texts += [
        "".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(1, 40))) for _ in range(1500)
    ]
    asked = 0
    for text in texts:
        whole = set(entities._LOWER_WORD.findall(text))
        fast = entities._LowerWords(text)
        words = {w.lower() for w in re.findall(r"[\w-]+", text)} | set(re.findall(r"[a-z]+", text)) | whole
        words |= {"", "known", "the", "well", "ab-", "ab", "-"}
        for w in sorted(words) * 2:
            assert (w in fast) == (w in whole), (w, text[:200])
            asked += 1
    assert asked > 5000
