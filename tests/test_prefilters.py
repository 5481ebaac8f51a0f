"""The extractor's speed shortcuts give exactly what the plain regex scans give.

Conversion speed (docs/benchmarks.md) rests on three shortcuts that must never change a
result: trigger and agreement patterns are skipped on a text that holds none of their
words, end-anchored patterns are searched only over the last few chunks of the text
before a name, and a few patterns start with a lookahead for the one character class a
match can begin with.  Each test below compares a shortcut with the plain scan on real
pages (bundled samples, test articles, the dev corpus when present) and on sentences
written to hit every pattern, so a pattern edited without its word list fails here.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from newsgraph.converters import agreements, entities, events
from newsgraph.samples import sample_files

ROOT = Path(__file__).resolve().parent
DEV = ROOT.parent.parent / "shared" / "corpus" / "dev"

# One or more sentences per trigger and agreement shape, so every pattern matches somewhere.
SENTENCES = """
President Ana Ruiz spoke by phone with Chancellor Karl Brandt on Monday.
The two leaders talked over the telephone.
Prime Minister Lee phoned his counterpart; the king rang the emir.
They held a phone call and a video conversation.
The ministers issued a joint statement and adopted the final Declaration.
A trilateral communiqué was released.
The leaders' joint statement, "Partners for Peace", was issued in Geneva.
The sides signed a trade pact.
Both sides inked two deals and put their names to a memorandum;
documents were exchanged and instruments exchanged.
The Summit Meeting opened in Lima. The summit ended. Both summits were held.
They held lengthy talks in Rome.
Talks between the two sides resumed; the talks on the sidelines went well. Those talks failed.
She met with Kim.
The president received Foreign Minister Tanaka and hosted the visiting delegation.
He called on the Emir of Qatar.
The Leaders' Retreat took place at a lodge.
He paid a state visit to Chile and visited Peru on Tuesday.







mier arrived in Hanoi, landed at the airport, travelled to Laos, flew to Manila and came to Jakarta.









 brief stopover in Doha, crossed the border into Benin and began a trip to Ghana and a tour to Mali.
She attended the annual forum and attended the ceremony;
the signing was attended by envoys, witnessed by aides.
Ministers were among the witnesses. Among the witnesses were two mayors.
Also took part in the talks: the envoy.

n the presence of the king the deal was done, with aides looking on and guards standing beside them.
Attending the summit were three presidents. He sat in on the meeting.
The king conferred the Order of Merit on him.
The Treaty on Friendship and Cooperation between Ruritania and Freedonia was signed.
The Paris Agreement holds.








ers Accords, the Minsk Protocol, the Charter of the United Nations and the 1953 Armistice are cited.
A memorandum of understanding on energy was also signed.
The ceasefire that Kiev and Moscow signed in Minsk held.
The leaders issued a joint declaration that was adopted unanimously.
The statement which was released said so.
The sides concluded and signed a roadmap for trade;
he witnessed the signing of a framework agreement.
1. Agreement on visa exemption;
ii) Memorandum of understanding on tourism.






ited Nations Development Programme (UNDP) and the Reserve Bank of India met the Ministry of Finance.







's President Bola Tinubu met the Saudi Shia cleric Hassan al-Saffar and his Singaporean counterpart.
The ministers held a Video Teleconference Meeting and a virtual meeting; a video-conference followed.
The leaders adopted a Shared Vision for 2030 and adopted three documents on trade.
The talks that the two leaders held in Oslo were frank; talks which they had were long.
The premier spent Sunday in Tashkent, spent two days in Lima and was received by the King.
"""


def _texts() -> list[str]:
    texts = [SENTENCES]
    texts += [f.read_text(encoding="utf-8") for f in sample_files()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "articles").rglob("*.*"))]
    if DEV.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    return texts


TEXTS = _texts()


def _gated() -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
    out = [("Attend", events._ATTEND, events._ATTEND_WORDS)]
    out += [(f"{t} #{i}", p, w) for i, (t, p, w) in enumerate(events._TRIGGER_RE)]
    out += [(f"agreement {p.pattern[:30]}", p, w) for p, w in agreements._WORDS.items()]
    return out


@pytest.mark.parametrize(
    ("name", "pattern", "words"), _gated(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_match_holds_one_of_its_words(
    name: str, pattern: re.Pattern[str], words: tuple[str, ...]
) -> None:
    """The words are a necessary condition: skipping a text without them loses nothing."""
    seen = 0
    for text in TEXTS:
        for m in pattern.finditer(text):
            seen += 1
            # a lookahead may hold the word ("spoke ... by phone"): look past the match too
            region = text[m.start() : m.end() + 120]
            assert not words or any(w in region for w in words), (name, m.group(0))
    assert seen, f"{name}: no test text exercises the pattern"


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [(events._ATTEND, events._ATTEND_GATE), *agreements._GATES.items()],
    ids=lambda v: v.pattern[:20],
)
def test_every_match_holds_a_match_of_its_gate(pattern: re.Pattern[str], gate: re.Pattern[str]) -> None:
    seen = 0
    for text in TEXTS:
        for m in pattern.finditer(text):
            seen += 1
            assert gate.search(text, m.start(), m.end() + 1) is not None, m.group(0)
    assert seen


def test_find_events_and_agreements_same_with_and_without_the_word_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With every word list emptied (every pattern always scanned) extraction is unchanged."""
    from newsgraph.converters import extract, readers
    from newsgraph.converters.model import Document

    docs = [d for t in TEXTS for d in readers.read(t, input_format="text") if isinstance(d, Document)]
    assert len(docs) >= 5
    fast = [extract.extract(d) for d in docs]
    monkeypatch.setattr(events, "_TRIGGER_RE", [(t, p, ()) for t, p, _ in events._TRIGGER_RE])
    monkeypatch.setattr(events, "_ATTEND_WORDS", ())
    monkeypatch.setattr(agreements, "_WORDS", {})
    monkeypatch.setattr(agreements, "_GATES", {})
    monkeypatch.setattr(events, "_ATTEND_GATE", re.compile(""))
    slow = [extract.extract(d) for d in docs]
    assert fast == slow


def _random_befores(n: int) -> list[str]:
    rnd = random.Random(7)
    vocab = (
        "the Saudi Shia cleric his Singaporean counterpart Nigeria's China’s U.S. FARC leader first lady "
        "President of Ethiopia, Dr. (AP) -- met with told by and vice-president O'Neil ex-minister said: "
        "1,200 's ’s"
    ).split(" ")
    spaces = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", " \n "]
    out = []
    for _ in range(n):
        words = [rnd.choice(vocab) for _ in range(rnd.randint(0, 14))]
        s = "".join(w + rnd.choice(spaces) for w in words)
        if rnd.random() < 0.2:
            s = s.rstrip()
        out.append(s[-80:] if rnd.random() < 0.5 else s)
    return out


@pytest.mark.parametrize(
    ("pattern", "chunks"),
    [(entities._ROLE_BEFORE, 6), (entities._POSSESSIVE_BEFORE, 5), (entities._PREP_BEFORE, 1)],
    ids=["role", "possessive", "preposition"],
)
def test_tail_search_finds_what_a_full_search_finds(pattern: re.Pattern[str], chunks: int) -> None:
    befores = _random_befores(3000)
    for text in TEXTS:  # the 80 characters before every capitalised word of the real texts
        befores += [text[max(0, m.start() - 80) : m.start()] for m in re.finditer(r"\b[A-Z]", text)]
    hits = 0
    for before in befores:
        full = pattern.search(before)
        tail = pattern.search(before, entities._tail_start(before, chunks))
        assert (full and (full.span(), full.groups())) == (tail and (tail.span(), tail.groups())), before
        hits += full is not None
    assert hits > 50


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (entities._institution_pattern(), f"(?=[{entities.UPPER}])"),
        (entities._ACRONYM_DEF, "(?=[A-Z])"),
        (agreements.NAMED, f"(?=[{entities.UPPER}0-9])"),
        (events._FUTURE, "(?=[a-z'])"),
    ],
    ids=["institution", "acronym", "named-agreement", "future"],
)
def test_first_character_lookahead_changes_no_match(pattern: re.Pattern[str], guard: str) -> None:
    assert pattern.pattern.startswith(guard)
    plain = re.compile(pattern.pattern[len(guard) :], pattern.flags)
    found = 0
    # case-insensitive patterns also match "ſ" for "s" and "K" (Kelvin) for "k"
    for text in [*TEXTS, "ſhall we, they'll, İf, WILL, Would-be, ſeeks to, ready to"]:
        a = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert a == [(m.span(), m.groups()) for m in plain.finditer(text)]
        found += len(a)
    assert found


def test_one_pass_runs_are_the_runs_of_the_tokens() -> None:
    from newsgraph.converters.extract import _masks
    from newsgraph.converters.model import Document

    def plain(runs: list[list[entities.Token]]) -> list[list[tuple[str, int, int, bool]]]:
        return [[(t.text, t.start, t.end, t.possessive) for t in r] for r in runs]

    rnd = random.Random(11)
    pieces = (
        "Xi Jinping|of|the|and|al-Assad|el-Sisi|bin|Al|U.S.|U.N.|Dr.|Mr.|said|met|(AP)|Reuters'|Putin's|"
        "Biden’s|Mohammed|VI|2Pac|McDonald|of.|de|von der|Leyen|&|Co.|3rd|I|—|,|.|Sheikh|H.E.|Ahmed|a|"
        "Ould|ibn|la|Élysée|Ürümqi|O'Neil|Ministry|President"
    ).split("|")
    spaces = [" ", " ", " ", "", "  ", "\n", "\t", "\u00a0", " \n"]
    synthetic = [
        "".join(rnd.choice(pieces) + rnd.choice(spaces) for _ in range(rnd.randint(1, 60)))
        for _ in range(400)
    ]
    checked = 0
    for text in [*TEXTS, *_random_befores(500), *synthetic]:
        masked = _masks(Document(text=text, bylines=["Li Xiang"]))
        finder = entities.PersonFinder(text, [], [], masked)
        expected = plain(finder.runs(entities.tokenize(text)))
        assert plain(finder.fast_runs()) == expected
        checked += len(expected)
    assert checked > 100


def test_date_starts_filtered_by_first_letters_give_the_same_dates() -> None:
    from newsgraph.converters import dates
    from test_convert_speedpaths import _plain_dates as plain

    rnd = random.Random(5)
    words = (
        "on Monday|in 2019|since 1990|Jan.|January 5|5 May 2020|early June|mid-July|the end of March|today|"
        "Yesterday|This week|earlier that day|a day after|Three days later|On the same day|the next day|"
        "(2021)|12.03.2022|2024-01-31|Mayor|Marching|Sunday's|Ankara|Minister|The|Tuesday|Decision|"
        "Augusto|OCT|SEPT 3|ſun|Mıd|İn 2020|١٢|By 2030|Until 1999"
    ).split("|")
    synthetic = [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40))) for _ in range(400)]
    found = 0
    for text in [*TEXTS, *synthetic]:
        expected = plain(text)
        assert [m.span() for m in dates._date_matches(text)] == expected
        found += len(expected)
    assert found > 100


def _rewritable() -> list[str]:
    from newsgraph.converters import regex_speed

    sources = [p for _, p, _ in events._TRIGGERS] + [events._ATTEND.pattern]
    sources += [agreements.SUBJECT.pattern, agreements.ISSUED.pattern]
    sources += [agreements._OBJECT_SOURCE, agreements._ANTECEDENT_SOURCE]
    return [p for p in sources if regex_speed.word_start_prefix(p) != p]


@pytest.mark.parametrize("source", _rewritable(), ids=lambda p: p[:24])
def test_word_start_rewrite_matches_the_same(source: str) -> None:
    from newsgraph.converters import regex_speed

    plain, fast = re.compile(source), re.compile(regex_speed.word_start_prefix(source))
    rnd = random.Random(3)
    words = "the talks met meeting visit visited sign signed summit Summit held phoned rang Leaders".split()
    noise = ["".join(rnd.choice([*words, "x", "a", "_", "é", "1", ",", ".", " ", "\n"]) for _ in range(300))]
    found = 0
    for text in [*TEXTS, *noise, "metmeet met", "_met", "émet", "1met", "xvisit Kenya"]:
        expected = [(m.span(), m.groups()) for m in plain.finditer(text)]
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == expected
        found += len(expected)
    assert found


def test_word_start_rewrite_leaves_other_shapes_alone() -> None:
    from newsgraph.converters.regex_speed import word_start_prefix

    assert word_start_prefix(r"\b(?:met|meets)\b") == r"(?:m(?<!\wm)(?:et|eets))\b"
    assert word_start_prefix(r"\bvisit\s+") == r"v(?<!\wv)isit\s+"
    for unchanged in [
        r"\b(?:a|b)?x",
        r"\b(?:(?:a|b)\s+)?x",
        r"\bx?y",
        r"\b(?:a|\d)",
        r"\ba|\bb",
        r"foo",
        r"\b[ab]",
    ]:
        assert word_start_prefix(unchanged) == unchanged
    assert word_start_prefix(r"\b(?:ab|c[)|]d)e") == r"(?:a(?<!\wa)(?:b)|c(?<!\wc)(?:[)|]d))e"


def test_every_stamp_pattern_needs_a_four_digit_year() -> None:
    """stamps.find_dates skips text without four digits in a row; each pattern must need them."""
    from newsgraph.converters import stamps

    for pattern in stamps._DATE_PATTERNS:
        assert r"(?P<y>\d{4})" in pattern.pattern, pattern.pattern
    assert stamps.find_dates("Tue 12-03-24 18:42, on 3 May") == []
    assert stamps.find_dates("Tue 12-03-2024 18:42") != []
