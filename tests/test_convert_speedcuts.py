"""Shortcuts of the third conversion speed pass give the answers of their plain forms.

Each test compares a shortcut with the plain rule it replaces on every bundled and test
page (and the dev pages when ../shared is there) and on random text built from the words
and characters where the shortcut could go wrong.
"""

from __future__ import annotations

import random
import re

from test_convert_speedpaths import PAGES, _noise

# ------------------------------------------------------------------ date starts


def _date_forms() -> list[str]:
    """Every way _DATE_AT lets a date start with a letter, in lower case, capitalised and
    in capitals, with near misses one letter or one word off."""
    forms = (
        "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|"
        "january|june|july|monday|thursday|early|earlier|mid|late|later|the end|the beginning|"
        "the previous|the next|the following|the day|in 2020|of 1648|since 1990|from 2001|by 2030|"
        "until 1999|before 2000|after 2001|today|yesterday|tonight|this week|this|on the|a day|"
        "one day|two days|three days|in 10|of 9"
    ).split("|")
    misses = (
        "the|of|in|on|to|a|an|and|one|two|three|at|by|ear|mi|lat|thi|tod|yes|ton|ja|ju|fe|fro|"
        "sin|unt|bef|aft|the dayx|the ends|on them|a dam|in x|of x|since x|jaw|mix|lake|thus|tux|"
        "wee|oca|nor|dew|apt|aux|sex|sax|summit|minister|union|japan|treaty|attended"
    ).split("|")
    words = [*forms, *misses]
    return [*words, *(w.capitalize() for w in words), *(w.upper() for w in words)]


def test_date_maybe_turns_away_only_starts_the_full_check_turns_away() -> None:
    """_DATE_AFTER tries _DATE_MAYBE, a cut-down reading of _DATE_AT by first letter,
    before _DATE_AT itself; the starts must be those of the scan without it.  The text
    holds every first word a date can have in three casings, words cut one letter short,
    the characters case-insensitive matching folds onto ASCII letters ("ſ", Kelvin "K",
    "İ", "ı"), digits of other scripts, "(" and the non-ASCII punctuation news text uses."""
    from newsgraph.converters import dates

    plain = re.compile(
        r"\W(?=[\d(ABDEFIJLMNOSTUWYabefilmostuy])(?=" + dates._DATE_AT.pattern + ")", dates._DATE_AT.flags
    )
    vocab = [
        *_date_forms(), "ſince 2001", "ſep", "Sſp", "İn 2020", "ın 2020", "Kelvin", "\u212aelvin", "١٢",
        "٣ May", "(2021)", "(May", "2024-01-31", "12.03.2022", "5 May", "é", "Éarly", "’", "“Monday”", "—",
        "_", "x", "9",
    ]
    texts = [*PAGES, *_noise(vocab, 1500, seed=31)]
    starts = 0
    for text in texts:
        expected = [m.start() for m in plain.finditer(text)]
        assert [m.start() for m in dates._DATE_AFTER.finditer(text)] == expected, text[:200]
        starts += len(expected)
    assert starts > 5000


# ------------------------------------------------------------------ word counts


def test_words_counted_eight_at_a_time_are_the_words_findall_finds() -> None:
    """The reader counts a line's words with _EIGHT_WORDS; the count must be that of
    _WORD.findall on every line of every page and on random lines made of the characters
    where a word starts, goes on or stops: "_" and the punctuation a word may hold but not
    start with ("'", "’", ".", "-"), digits, letters and digits of other scripts, and
    spaces of several kinds; lines of 0 to 40 words, so every remainder of eight occurs."""
    from newsgraph.converters import readers

    lines = [ln for page in PAGES for ln in page.splitlines()]
    rnd = random.Random(8)
    chars = "ab_.-'’ ,;1éß٣“”\n\t\u00a0\u2009()"
    lines += ["".join(rnd.choice(chars) for _ in range(rnd.randint(0, 120))) for _ in range(3000)]
    lines += [" ".join("w" * rnd.randint(1, 3) for _ in range(k)) for k in range(41)]
    counts = set()
    for line in lines:
        assert readers._count_words(line) == len(readers._WORD.findall(line)), line
        counts.add(len(readers._WORD.findall(line)))
    assert set(range(41)) <= counts


# ------------------------------------------------------------------ chunks a name run can open in


def test_run_chunks_found_after_whitespace_are_the_plain_search() -> None:
    """fast_runs asks _run_chunk for the next chunk with a capital or an "al-"/"el-"; the
    answer must be _RUN_CHUNK's from every position of every page (mid-chunk, on
    whitespace, at the start) and of random text made of capitals of several scripts,
    "l", "-" and "al-"/"el-" split or joined, and kinds of whitespace."""
    from newsgraph.converters import entities

    def plain(text: str, pos: int) -> int:
        m = entities._RUN_CHUNK.search(text, pos)
        return -1 if m is None else m.start()

    rnd = random.Random(12)
    parts = ["a", "e", "l", "-", "al-", "el-", "l-", "bel-", "A", "É", "Ω", "Ḍ", "x", ".", "’", " ", "  "]
    parts += ["\n", "\t", "\u00a0", "\u2009", "\u3000"]
    texts = [*PAGES, *("".join(rnd.choice(parts) for _ in range(rnd.randint(0, 40))) for _ in range(3000))]
    found = 0
    for text in texts:
        for pos in range(len(text) + 1):
            want = plain(text, pos)
            assert entities._run_chunk(text, pos) == want, (text[:200], pos)
            found += want >= 0
    assert found > 10000


# ------------------------------------------------------------------ acronym definitions


def test_acronym_definitions_found_before_their_tails_are_the_plain_matches() -> None:
    """_acronym_defs tries _ACRONYM_DEF only in the stretch before each "(ACR)"; the
    matches must be those of the plain finditer.  The random text puts names, the
    connectors a name may hold ("of", "&"), the characters that end a stretch (",", "(",
    ")", "."), tails that are and are not acronyms, and two tails in a row next to each
    other, at the start and at the end of the text."""
    from newsgraph.converters import entities

    vocab = [
        "African", "Union", "Free", "Trade", "Area", "of", "the", "for", "&", "de", "and", "on", "Bank", "X",
        "Research", "O'Neil", "Al-Amin", "Côte", "said", "on", "(AU)", "(AfCFTA)", "(R&D)", "(FIR)", "(A)",
        "(au)", "(ASEAN-EU)", "(TooLongAcronym)", "(UN) (EU)", "(", ")", ",", ".", "’s", "2020", "é", "_",
    ]
    texts = [*PAGES, *_noise(vocab, 2000, seed=41), "(AU)", "Union (AU)", "A (B) C (DE)", " Ab (CD)"]
    found = 0
    for text in texts:
        expected = [(m.span(), m.group("full"), m.group("acr")) for m in entities._ACRONYM_DEF.finditer(text)]
        got = [(m.span(), m.group("full"), m.group("acr")) for m in entities._acronym_defs(text)]
        assert got == expected, text[:300]
        found += len(expected)
    assert found > 300


# ------------------------------------------------------------------ sentence boundaries


def test_sentence_boundaries_tried_after_stops_and_at_line_breaks_are_the_plain_matches() -> None:
    """_boundaries tries _BOUNDARY only right after ". ! ? …" and at line breaks; the
    matches must be those of the plain finditer, with stops at the very start and end of
    the text, a stop right before a line break (both lead to the same position), runs of
    stops, closing quotes and brackets after a stop, and spaces of several kinds."""
    from newsgraph.converters import sentences

    vocab = [
        "Word", "word", "U.S.", "Dr.", "3.5", "A", "é", "É", ".", "!", "?", "…", "\n", "\n\n", " ", "  ",
        "\t", "\u00a0", "\u3000", '"', "'", "”", "’", ")", "]", "“", "(", "[", "1",
    ]
    rnd = random.Random(17)
    texts = [*PAGES, *_noise(vocab, 2000, seed=43), "\n", ".", ". A", ".\nA", "\n\nA. B", "A.\n\n B"]
    texts += ["".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    found = 0
    for text in texts:
        expected = [(m.span(), m.group(0)) for m in sentences._BOUNDARY.finditer(text)]
        assert [(m.span(), m.group(0)) for m in sentences._boundaries(text)] == expected, text[:300]
        found += len(expected)
    assert found > 10000


# ------------------------------------------------------------------ sentence ends


def test_sentence_end_led_by_its_stop_matches_like_the_plain_form() -> None:
    """The reader's _SENT_END puts the stop before the choice of endings; on every line of
    every page and on random lines of stops ("…" allowed by one ending only), quotes,
    brackets, credits in brackets, spaces and line breaks (``$`` also matches before a final
    one), its matches must be the plain form's."""
    from newsgraph.converters import readers

    vocab = ["word", ".", "!", "?", "…", '"', "'", "”", "’", ")", "]", "(Reuters)", "(AP", "(x)", "("]
    vocab += [" ", "\n"]
    rnd = random.Random(19)
    lines = [ln for page in PAGES for ln in page.splitlines()]
    lines += ["".join(rnd.choice(vocab) for _ in range(rnd.randint(0, 12))) for _ in range(6000)]
    ends = 0
    for line in lines:
        plain = readers._SENT_END_PLAIN.search(line)
        got = readers._SENT_END.search(line)
        assert (got and got.span()) == (plain and plain.span()), line
        ends += plain is not None
    assert ends > 2000


# ------------------------------------------------------------------ agreement objects


def test_agreement_objects_tried_at_their_verbs_are_the_plain_matches() -> None:
    """find_agreements scans OBJECT ("signed the trade agreement ...") only where one of its
    verbs is; the matches must be the plain finditer's, on every page and on random text of
    its verbs, inside longer words ("design", "resigned", "output", "reissued"), capitalised,
    with the nouns and stops that end a match."""
    from newsgraph.converters import agreements

    vocab = [
        "signed", "signs", "sign", "signing of", "signing", "inked", "inks", "put their names to",
        "adopted", "adopt", "issued", "issues", "exchanged", "initialled", "concluded and signed",
        "witnessed the signing of", "design", "resigned", "output", "reissued", "Signed", "the", "a",
        "set of", "trade", "agreement", "treaty", "memorandum", "Agreement", "(FTA)", "between", "on", "in",
        "which", ".", ",", ";", "\n", "x",
    ]
    texts = [*PAGES, *_noise(vocab, 2000, seed=47)]
    found = 0
    for text in texts:
        expected = [(m.span(), m.group("np")) for m in agreements.OBJECT.finditer(text)]
        got = [(m.span(), m.group("np")) for m in agreements._OBJECT_SCAN.finditer(text)]
        assert got == expected, text[:300]
        found += len(expected)
    assert found > 1000
