"""The extractor's fast regex forms find exactly what their plain forms find.

Some patterns are written in an unusual shape only so that Python's ``re`` can skip
ahead to where a match may start (see converters/regex_speed.py and the comments at
each pattern).  Each test compares the fast form with the plain, readable form on
real pages (bundled samples, test articles, the held-out-style set, the dev corpus when
present) and on random text built from the words and punctuation the patterns react
to, including scans limited to a window of the text, as the extractor runs them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from newsgraph.converters import events, gazetteer, sentences
from newsgraph.converters.regex_speed import AnchoredScan
from newsgraph.samples import sample_files

ROOT = Path(__file__).resolve().parent
DEV = ROOT.parent.parent / "shared" / "corpus" / "dev"


#: Invented sentences that every anchored pattern family reacts to, so the comparisons
#: below are never vacuous when the dev corpus is absent (as in CI).
_EXAMPLES = [
    "The signing was witnessed by Prime Minister Ana Velez and Foreign Minister Tomas Ried.",
    "The ceremony was attended by President Mira Kollen. Also attending the talks were two envoys.",
    "The accord was signed in the presence of King Harald Osten, with ministers looking on.",
    "Attending the summit were the leaders of Chile and Peru; Finance Minister Lin took part in the meeting.",
    "Standing beside them, Deputy Minister Joel Arno sat in on the talks that the delegations attended.",
]


def _texts() -> list[str]:
    texts = [*_EXAMPLES, *(f.read_text(encoding="utf-8") for f in sample_files())]
    for folder in (ROOT / "data" / "articles", ROOT / "data" / "heldout"):
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    if DEV.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    return texts


TEXTS = _texts()


def _noise(vocab: list[str], n: int = 150, seed: int = 11) -> list[str]:
    rnd = random.Random(seed)
    glue = ["", " ", " ", " ", "  ", "\n", "\t", ", ", ". ", "\u00a0"]
    return [
        "".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(5, 120))) for _ in range(n)
    ]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def _same(plain: Callable[[str], Iterable[re.Match[str]]], fast: Callable[[str], Iterable[re.Match[str]]],
          texts: list[str]) -> int:
    found = 0
    for text in texts:
        expected = _spans(plain(text))
        assert _spans(fast(text)) == expected, text[:200]
        found += len(expected)
    return found


# ----------------------------------------------------------------- anchored scans

_TRIGGER_WORDS = (
    "visit visits Visit Visits visited state State official Official working Working first historic "
    "surprise two-day three-day brief travelled traveled flew sailed came went travels comes come had has "
    "have already to To Kenya Summit summit SUMMIT Meeting meeting ſummit summİt were was among the "
    "witnesses witnessed by ceremony signing talks also attended event took part in presence of looking on "
    "standing beside them sat Attending sat visitor visiting x _ é 1 ( ) - ' ’"
).split()


def _anchored() -> list[tuple[str, AnchoredScan]]:
    out = [("Attend", events._ATTEND_SCAN)]
    out += [
        (f"{t} {p.pattern.pattern[:20]}", p) for t, p, _ in events._TRIGGER_RE if isinstance(p, AnchoredScan)
    ]
    return out


@pytest.mark.parametrize(("name", "scan"), _anchored(), ids=lambda v: v if isinstance(v, str) else "")
def test_anchored_scan_finds_what_a_full_scan_finds(name: str, scan: AnchoredScan) -> None:
    texts = [*TEXTS, *_noise(_TRIGGER_WORDS)]
    found = _same(scan.pattern.finditer, scan.finditer, texts)
    assert found > 3, name


def test_anchored_scan_copes_with_long_words_and_no_anchor() -> None:
    """Beyond the look-back window the scan falls back to searching from where it stands."""
    pat = re.compile(r"\b(?:big\s+)?(?:\w+\s+){0,3}?deal\b")
    scan = AnchoredScan(pat, ("deal",), 4)
    long_word = "x" * 500
    texts = [f"big {long_word} deal", f"{long_word} big a deal and deal", "no anchor", "", "dealer deal"]
    assert _same(pat.finditer, scan.finditer, texts) >= 4
    by_regex = AnchoredScan(pat, re.compile("d[e]al"), 4)
    assert _same(pat.finditer, by_regex.finditer, texts) >= 4


# ----------------------------------------------------------------- first-character forms

_CLAUSE_PLAIN = re.compile(
    r",\s+(?=(?:when|where|while|after|before|during\s+which|following|but|as)\b)|"
    r";\s+|\s+(?=(?:after|before|when|while|until|since)\s+(?:[A-Z]|the\b|he\b|she\b|it\b|they\b|his\b|her\b|"
    r"its\b|their\b|a\b|an\b|months\b|weeks\b|years\b))|\s+(?=following\s+(?:the|his|her|their)\b)|:\s+(?=[A-Z])"
)
_BOUNDARY_PLAIN = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])|\n+")
_PUNCT_WORDS = [
    "after", "before", "when", "while", "until", "since", "following", "during which", "but", "as", "the",
    "he", "The", "A", "X.", "Mr.", "”", "’", ")", "]", ",", ";", ":", ".", "!", "?", "…", "\n", "\n\n", " ",
    "his", "months", "(", "“Z", "9", "À", "a", "an", "their", "years",
]


@pytest.mark.parametrize(
    ("plain", "fast"),
    [(_CLAUSE_PLAIN, events._CLAUSE), (_BOUNDARY_PLAIN, sentences._BOUNDARY)],
    ids=["clause", "sentence-boundary"],
)
def test_first_character_forms_match_like_the_plain_forms(
    plain: re.Pattern[str], fast: re.Pattern[str]
) -> None:
    texts = [*TEXTS, *_noise(_PUNCT_WORDS)]
    assert _same(plain.finditer, fast.finditer, texts) > 100
    for text in texts[:40]:  # the extractor scans clauses sentence by sentence
        for s in range(0, len(text), 89):
            e = min(len(text), s + 160)
            assert _spans(fast.finditer(text, s, e)) == _spans(plain.finditer(text, s, e))


def _plain_gazetteer(table: dict[str, tuple[str, str]], before: str, after: str) -> re.Pattern[str]:
    return re.compile(rf"{before}(?:{gazetteer._alternation(list(table))}){after}")


@pytest.mark.parametrize("which", ["countries", "organisations"])
def test_gazetteer_guard_after_the_first_character_changes_no_match(which: str) -> None:
    if which == "countries":
        fast, table = gazetteer._country_matcher()
        plain = _plain_gazetteer(table, r"(?<![\w.'’])", r"(?![\w’]|'(?!s\b)|\.\w)")
    else:
        fast, table = gazetteer._org_matcher()
        plain = _plain_gazetteer(table, r"(?<![\w\-])", r"(?![\w\-]|\.\w)")
    forms = sorted(table)[::7]
    vocab = [*forms, "x", "-", ".", "'", "’", "'s", "the", "mainland", "(", "\n", "é", "1"]
    assert _same(plain.finditer, fast.finditer, [*TEXTS, *_noise(vocab)]) > 100


def test_photo_credit_line_form_matches_the_plain_form() -> None:
    from newsgraph.converters import extract

    plain = re.compile(
        r"(?:^|(?<=[.!?]\s))(?:Photo|Photos|Photograph|Image|Credit)s?\s*(?:by)?\s*[:|]\s*[^\n]{1,60}$",
        re.M | re.I,
    )
    vocab = ["Photo", "photos", "PHOTOGRAPH", "İmage", "ımage", "image", "Credit", "credits", "by", "BY", ":",
             "|", ".", "!", "\n", " ", "x", "Xi", "é", "ſ", "Kelvin"]
    fast = extract._CREDIT_PATTERNS[2]
    assert "Photograph" in plain.pattern and fast.flags & re.M
    assert _same(plain.finditer, fast.finditer, [*TEXTS, *_noise(vocab, 300)]) > 20


def test_negation_found_from_the_last_four_chunks_as_from_the_whole_text() -> None:
    from newsgraph.converters.entities import _tail_start

    rnd = random.Random(4)
    vocab = ("not never n't no without failed refused declined to cancelled canceled postponed called off "
             "instead of rather than the visit it, did (not Kim's x 1 _").split(" ")
    befores = []
    for _ in range(4000):
        words = [rnd.choice(vocab) for _ in range(rnd.randint(0, 12))]
        befores.append("".join(w + rnd.choice([" ", "  ", "\n", "\t"]) for w in words))
    for text in TEXTS:
        befores += [text[max(0, m.start() - 90) : m.start()] for m in re.finditer(r"\b[a-z]", text)][::5]
    hits = 0
    for before in befores:
        full = events._NEG.search(before)
        tail = events._NEG.search(before, _tail_start(before, 4))
        assert (full and full.span()) == (tail and tail.span()), before
        hits += full is not None
    assert hits > 100


def test_role_words_read_backwards_as_the_forward_pattern_reads_them() -> None:
    from newsgraph.converters import entities

    rnd = random.Random(9)
    vocab = (
        "the Saudi Shia cleric his Singaporean counterpart Nigeria's China’s U.S. FARC leader first lady "
        "President of Ethiopia, Dr. (AP) -- met with told by and vice-president O'Neil ex-minister said: "
        "1,200 's ’s x'y é_1 a-b - . ' ’"
    ).split(" ")
    befores = []
    for _ in range(5000):
        words = [rnd.choice(vocab) for _ in range(rnd.randint(0, 14))]
        s = "".join(w + rnd.choice([" ", " ", "  ", "\t", "\n", "\u00a0", ""]) for w in words)
        befores.append(s[-80:] if rnd.random() < 0.5 else s)
    for text in TEXTS:
        befores += [text[max(0, m.start() - 80) : m.start()] for m in re.finditer(r"\b[A-Z]", text)]
    hits = 0
    for before in befores:
        m = entities._ROLE_BEFORE.search(before)
        got = entities._role_before(before)
        want = m and (m.group(1), m.group(2), m.start(2), m.start())
        assert (got and (got.words, got.head, got.head_start, got.start)) == want, before
        hits += m is not None
    assert hits > 500


def test_dateline_skip_loses_no_accepted_dateline() -> None:
    """Every line the reader would accept as a dateline passes the quick check."""
    from newsgraph.converters import readers

    # no word of the stop list ends in something a dateline date can begin with
    date_start = re.compile(rf"(?:{readers._DL_DATE})", re.I)
    for word in readers._NOT_A_PLACE:
        for cut in range(1, len(word) + 1):
            for case in (word, word.title(), word.upper()):
                assert not date_start.match(case[cut:] + " 5, 2024"), (word, cut)
    lines = [ln.strip() for text in TEXTS for ln in text.splitlines() if ln.strip()]
    rnd = random.Random(8)
    vocab = ["The", "THE", "In", "BEIJING", "Beijing", "May", "13", "(Xinhua)", "--", "-", "—", ":", ".", ",",
             "Bonn12", "Jeddah", "Sept", "16", "SPA", "/TASS/", "Thea", "In5", "Inmay", "the", "é", "’"]
    lines += ["".join(rnd.choice(vocab) + rnd.choice([" ", ", ", ""]) for _ in range(rnd.randint(1, 12)))
              for _ in range(3000)]
    accepted = 0
    for s in lines:
        m = readers._DATELINE.match(s)
        if m and readers._good_dateline(m, s):
            accepted += 1
            assert readers._may_open_dateline(s), s
    assert accepted > 20


def test_antecedent_scan_within_the_sentence_finds_what_a_full_scan_finds() -> None:
    from newsgraph.converters import agreements

    scan = agreements._ANTECEDENT_SCAN
    vocab = (
        "the a an agreement accord treaty memorandum of understanding pact on trade between Peru and "
        "Chile that which they the two sides Ruritania signed had in Lima . ; : , \n x The An"
    ).split(" ")
    texts = [*TEXTS, *_noise(vocab, 400, seed=5)]
    assert _same(agreements.ANTECEDENT.finditer, scan.finditer, texts) > 20


def test_named_document_scan_before_head_words_finds_what_a_full_scan_finds() -> None:
    from newsgraph.converters import agreements

    vocab = (
        "The Paris Agreement Treaty of Friendship and Cooperation between Ruritania Freedonia 2019 (2015) "
        "Memorandum of Understanding MoU on Trade Joint Statement Accord Charter Pact Communiqué "
        "Treatment the in . , ; : \n x 1953 Armistice Protocol O'Neil’s"
    ).split(" ")
    texts = [*TEXTS, *_noise(vocab, 400, seed=6)]
    assert _same(agreements.NAMED.finditer, agreements._NAMED_SCAN.finditer, texts) > 50


def test_future_words_grouped_by_first_letter_match_like_the_flat_list() -> None:
    flat = re.compile(rf"(?=[a-z'])\b(?:{events._FUTURE_WORDS})\b", re.I)
    assert events._FUTURE.pattern != flat.pattern and events._FUTURE.flags == flat.flags
    # every listed form, near misses, and the characters IGNORECASE folds ("ſ", Kelvin "K", "İ")
    vocab = (
        "will would shall they'll 'll is are was were to be held signed scheduled due expected plans "
        "plan planned planning intends intend intended set going about invitation invited ready willing "
        "agreed aims aim hopes hope wants want seeks seek may might could should can must next upcoming "
        "proposed prepare preparing would-be possible potential future calls call called for urged urges "
        "asked if look looks looked looking forward ſhall İf WILL Would-Be SEEKS willingly iffy mayor "
        "cannot x _ 1 -"
    ).split(" ")
    assert _same(flat.finditer, events._FUTURE.finditer, [*TEXTS, *_noise(vocab, 1500)]) > 1000


def test_date_starts_found_from_the_character_before_are_the_plain_scan_positions() -> None:
    from newsgraph.converters import dates

    vocab = (
        "Jan. January May 12 2024 2024-05-12 12/05 (Reuters) ( ) (2024) x(May the end of early mid late in "
        "on since by until before after today Yesterday tonight this week earlier later a one two days ago "
        "the next day Monday Mon _ é ſ Kelvin 1st - , . / \n"
    ).split(" ")
    texts = [*TEXTS, *_noise(vocab, 1500), "(2024)", "May", "", "a(Jan 2020)", "_(May 2020)"]
    for text in texts:
        assert dates._date_starts(text) == [m.start() for m in dates._DATE_AT.finditer(text)], text[:200]


@pytest.mark.parametrize("which", ["ISSUED", "SUBJECT"])
def test_issued_and_subject_scans_before_their_verbs_find_what_a_full_scan_finds(which: str) -> None:
    from newsgraph.converters import agreements

    vocab = (
        "a an the A The joint statement declaration communiqué communique that which was were has had been "
        "also issued adopted released signed exchanged initialled agreement memorandum of understanding "
        "plan on for between Peru and Chile 'Lima' ’s - . ; : , \n x _ 1"
    ).split(" ")
    texts = [*TEXTS, *_noise(vocab, 1500, seed=8), "'Plan' was signed", ". 'x' plan was signed"]
    pattern = getattr(agreements, which)
    scan = getattr(agreements, f"_{which}_SCAN")
    assert _same(pattern.finditer, scan.finditer, texts) > 20


# ----------------------------------------------------------------- reader lines


def _reader_lines(vocab: list[str], n: int, seed: int) -> list[str]:
    lines = [ln.strip() for text in TEXTS for ln in text.splitlines() if ln.strip()]
    rnd = random.Random(seed)
    glue = [" ", " ", ", ", "", "  ", "\t", "\u00a0", ". "]
    lines += ["".join(rnd.choice(vocab) + rnd.choice(glue) for _ in range(rnd.randint(1, 30)))
              for _ in range(n)]
    return lines


def test_dateline_match_skips_only_lines_the_plain_match_fails() -> None:
    from newsgraph.converters import readers

    vocab = (
        "BEIJING Beijing New York Bonn12 Jeddah, May 13 (Xinhua) -- - — – ― : . , / /TASS/ /UzA/. "
        "Sept 16 SPA "
        "6 September Monday Tuesday, July 9, 2018 (Horn Wire) IRNA Tehran HÀ NỘI (VNA) the said Al-Quds ſep "
        "SEPT dec. JAN 5th Riau Islands (ANTARA) x é ’ ' \" “ ( ) 2024 a b c d e f g h"
    ).split(" ")
    # "ſ" folds onto "s" under IGNORECASE, so "ſept 16" is a date that lower() does not spell
    edge = ["BONN, ſept 16 (dpa) - Talks went on for hours", "BONN ſep. 2, 2024 /dpa/ - Talks went on today",
            "Bonn12 May - The talks went on for hours and hours", "LAHORE: the talks went on for hours"]
    matched = 0
    for s in [*edge, *_reader_lines(vocab, 6000, seed=21)]:
        expected = readers._DATELINE.match(s)
        got = readers._dateline_match(s)
        want = expected and (expected.span(), expected.groupdict())
        assert (got and (got.span(), got.groupdict())) == want, s
        matched += expected is not None
    assert matched > 200


def test_credit_hint_form_matches_the_plain_form() -> None:
    from newsgraph.converters import readers

    plain = re.compile(r"photo|credit|image|picture", re.IGNORECASE)
    vocab = "Photo PHOTO photograph credit CREDITS İmage ımage image Picture pictures phot x ( ) .".split(" ")
    texts = [*TEXTS, *_noise(vocab, 400, seed=3)]
    assert _same(plain.finditer, readers._CREDIT_HINT.finditer, texts) > 50


# ----------------------------------------------------------------- case-folded first letters

_FOLDED = ["_LOOK_FORWARD", "_NEG", "_DEF_NOUN", "_PLURAL_REF", "_SIDES"]
_FOLD_WORDS = (
    "the The THE tHe both Both all ALL they They THEY two 12 Prime Ministers leaders sides countries "
    "not never n't no without failed refused declined cancelled canceled postponed called off instead of "
    "rather than to meet look looks looked looking forward those these this that their its his her "
    "İts ıts hİs ſides SİDES Kelvin \u212a x _ é 1 - ' ’"
).split(" ") + ["look forward to", "LOOKING forward to", "the two leaders", "both sides", "refused to"]


@pytest.mark.parametrize("name", _FOLDED)
def test_case_folded_first_letter_forms_match_like_the_plain_forms(name: str) -> None:
    plain = re.compile(getattr(events, f"{name}_PLAIN"), re.I)
    fast = getattr(events, name)
    assert fast.flags & re.I == 0 and fast.pattern != plain.pattern
    texts = [*TEXTS, *_noise(_FOLD_WORDS, 600, seed=9)]
    found = _same(plain.finditer, fast.finditer, texts)
    assert found > 20, name
    for text in texts[:60]:  # the extractor searches windows of the text
        for s in range(0, len(text), 97):
            e = min(len(text), s + 90)
            assert _spans(fast.finditer(text, s, e)) == _spans(plain.finditer(text, s, e))


def test_plural_reference_before_a_comma_matches_like_the_plain_form() -> None:
    plain = re.compile(r"(?:" + events._PLURAL_REF_PLAIN + r")\s*,\s*$", re.I)
    texts = [*TEXTS, *_noise([*_FOLD_WORDS, ",", ", "], 600, seed=10)]
    windows = [t[max(0, c - 80) : c] for t in texts for c in range(1, len(t), 37)]
    assert sum(bool(plain.search(w)) for w in windows) > 5
    for w in windows:
        got, want = events._PLURAL_BEFORE_COMMA.search(w), plain.search(w)
        assert (got and got.span()) == (want and want.span()), w


def test_case_fold_rewrite_leaves_other_shapes_alone() -> None:
    from newsgraph.converters.regex_speed import casefold_word_start

    assert casefold_word_start(r"\bab|\b(?:x|yz)q") == r"[aAxXyY](?<!\w.)(?i:(?<=a)b|(?:(?<=x)|(?<=y)z)q)"
    assert casefold_word_start(r"\b(?:is|sk)\b") == r"[iIİısSſ](?<!\w.)(?i:(?:(?<=i)s|(?<=s)k)\b)"
    for unchanged in [r"\b(?:a|b)?x", r"\bx?y", r"\b(?:a|\d)", r"\ba|b", r"foo", r"\b[ab]", r"^\bx"]:
        assert casefold_word_start(unchanged) == unchanged


@pytest.mark.parametrize(
    ("name", "plain"),
    [("_CONSENT_HINT", r"cookie|consent"), ("_COPYRIGHT_HINT", r"©|\(c\)|copyright")],
)
def test_reader_hints_match_like_their_case_insensitive_plain_forms(name: str, plain: str) -> None:
    from newsgraph.converters import readers

    vocab = "cookie COOKIES Consent consent (c) (C) © Copyright COPYRİGHT copyrıght copy x ( ) c C".split(" ")
    texts = [*TEXTS, *_noise(vocab, 400, seed=12)]
    assert _same(re.compile(plain, re.I).finditer, getattr(readers, name).finditer, texts) > 20


def test_titled_document_form_matches_the_plain_form() -> None:
    from newsgraph.converters import agreements

    plain = re.compile(agreements._TITLED_PLAIN, re.I)
    vocab = [
        "the", "Joint", "statement", "STATEMENTS", "declaration", "communiqué", "document", "plan", "accord",
        "ſtatement", "Vision", "principles", "titled", "entitled", "called", "named", "dubbed", ",",
        '"Road to Peace"', "“Shared Future”", '"x"', '"A, B."', "x", "_", "é",
    ]
    texts = [*TEXTS, *_noise(vocab, 800, seed=13)]
    assert _same(plain.finditer, agreements._TITLED.finditer, texts) > 20


def test_institution_scan_finds_what_a_full_scan_finds() -> None:
    from newsgraph.converters import entities

    vocab = [
        "Reserve", "Bank", "of", "India", "Ministry", "Foreign", "Affairs", "the", "and", "National",
        "Security", "Council", "for", "on", "Trade", "McDonald", "ÉCOLE", "Office", "x", "a", "1", "-", "’",
        "\n", "  ", "University", "Commission", "European", "Union",
    ]
    texts = [*TEXTS, *_noise(vocab, 600, seed=14), "x" * 300 + " Ministry of Trade"]
    scan = entities._institution_scan()
    assert _same(entities._institution_pattern().finditer, scan.finditer, texts) > 100
