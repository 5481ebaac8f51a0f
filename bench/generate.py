"""Reproducible synthetic news corpus for the benchmarks.

    python bench/generate.py --n 100000 --seed 1 --out DIR [--format txt|jsonl]

Writes article pages in the layouts newsgraph's readers take (a ``URL:`` line, then a
scraped page: wire copy with a dateline, government readouts with a "Release Date:"
line, press releases, newspaper pages with banners and link lists, portal pages with
"Updated:" stamps).  The same ``--n`` and ``--seed`` give byte-identical files on any
machine, so every figure in docs/benchmarks.md can be repeated.

Why the distributions look the way they do: a knowledge graph's hard cases are its hubs.
A cast of a few thousand invented persons is drawn with Zipf-like popularity, so the
most reported leaders take part in thousands of events (the entity pages that need
paging); about 200 states appear, weighted the same way; invented organisations hold
summits; a fifth of the stories sign an agreement.

Output is streamed and sharded so a million articles never sit in memory or in one
directory: ``txt`` writes ``shard-NNNNN/NNNNNNNN.txt`` (1000 per directory), ``jsonl``
writes ``shard-NNNNN.jsonl`` (10000 records per file, one JSON object per line with
``url``, ``title``, ``published``, ``source`` and ``text``).  Each article is generated
from its own RNG seeded by (seed, index), so shards can be produced in any order or
in parallel and still match.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_tables as tables  # noqa: E402

TXT_PER_SHARD = 1000
JSONL_PER_SHARD = 10000
FIRST_DAY = dt.date(2008, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    adjective: str | None
    capital: str | None
    weight: float


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str
    country: Country


@dataclass(frozen=True)
class Article:
    index: int
    url: str
    title: str
    published: str
    source: str
    page: str  #: the whole page as a scraper saves it, without the URL line

    def as_text(self) -> str:
        return f"URL: {self.url}\n\n{self.page}"

    def as_record(self) -> dict[str, str]:
        return {
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "text": self.page,
        }


def _countries() -> list[Country]:
    """Hosts first (with capitals and demonyms), then every other ISO member state."""
    import pycountry

    out: list[Country] = []
    seen: set[str] = set()
    for rank, line in enumerate(tables.HOST_COUNTRIES.strip().splitlines()):
        code, name, adj, capital = line.split("|")
        out.append(Country(code, name, adj, capital, 1.0 / (rank + 1) ** 0.8))
        seen.add(code)
    tail_weight = out[-1].weight * 0.6
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        if c.alpha_3 in seen or c.alpha_3 in tables.NON_STATES:
            continue
        name = getattr(c, "common_name", None) or c.name
        if "," in name:  # "Korea, Democratic People's Republic of" reads badly in running text
            name = getattr(c, "official_name", None) or name.split(",")[0]
        out.append(Country(c.alpha_3, name, None, None, tail_weight))
    return out


class Cast:
    """The invented persons, their countries and roles, and their popularity."""

    def __init__(self, seed: int, n_persons: int) -> None:
        rng = random.Random(seed * 7919 + 17)
        self.countries = _countries()
        self.hosts = [c for c in self.countries if c.capital]
        self.host_cum = _cumulative([c.weight for c in self.hosts])
        names: set[str] = set()
        people: list[tuple[float, Person]] = []
        total_w = sum(c.weight for c in self.countries)
        spare = max(0, n_persons - 3 * len(self.countries))
        for country in self.countries:
            extra = round(spare * country.weight / total_w)
            for k in range(3 + extra):
                role = (
                    tables.LEADER_ROLES[k] if k < 3 else tables.OTHER_ROLES[(k - 3) % len(tables.OTHER_ROLES)]
                )
                given, surname = _unique_name(rng, names)
                role_w = (1.0, 0.7, 0.5)[k] if k < 3 else 0.08
                score = country.weight * role_w * rng.lognormvariate(0, 0.5)
                people.append((score, Person(f"{given} {surname}", surname, role, country)))
        people.sort(key=lambda p: -p[0])
        self.persons = [p for _, p in people]
        # Zipf over the popularity ranking: rank r is drawn with weight 1/(r+1).
        self.person_cum = _cumulative([1.0 / (r + 1) for r in range(len(self.persons))])
        self.by_country: dict[str, list[Person]] = {}
        for p in self.persons:
            self.by_country.setdefault(p.country.code, []).append(p)

    def person(self, rng: random.Random) -> Person:
        return self.persons[_draw(rng, self.person_cum)]

    def host(self, rng: random.Random) -> Country:
        return self.hosts[_draw(rng, self.host_cum)]

    def counterpart(self, rng: random.Random, other: Person) -> Person:
        for _ in range(20):
            p = self.person(rng)
            if p.country.code != other.country.code:
                return p
        return rng.choice([p for p in self.persons[:200] if p.country.code != other.country.code])


def _cumulative(weights: list[float]) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def _draw(rng: random.Random, cum: list[float]) -> int:
    return min(bisect.bisect_left(cum, rng.random() * cum[-1]), len(cum) - 1)


def _unique_name(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    while True:
        surname = (
            rng.choice(tables.SURNAME_ONSETS)
            + rng.choice(tables.SURNAME_VOWELS)
            + rng.choice(tables.SURNAME_MIDDLES)
            + rng.choice(tables.SURNAME_ENDINGS)
        )
        given = rng.choice(tables.GIVEN_NAMES)
        if f"{given} {surname}" not in taken and surname not in taken:
            taken.add(f"{given} {surname}")
            taken.add(surname)  # surnames unique too, so "Dorevan said" names one person
            return given, surname


# -- phrasing ------------------------------------------------------------------


def describe(p: Person) -> str:
    """First mention: "Kenyan President Amar Tovalis" or "President Amar Tovalis of Fiji"."""
    if p.country.adjective:
        return f"{p.country.adjective} {p.role} {p.name}"
    return f"{p.role} {p.name} of {p.country.name}"


def long_date(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def euro_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(filter(None, out.split("-")))[:70]


def _when(rng: random.Random, event: dt.date, published: dt.date) -> str:
    """How the story dates its event: a weekday against the page date, or the date itself."""
    if published == event:
        return rng.choice(("on " + WEEKDAYS[event.weekday()], "today", "on " + long_date(event)))
    if (published - event).days == 1 and rng.random() < 0.5:
        return "yesterday"
    return "on " + WEEKDAYS[event.weekday()] if (published - event).days < 7 else "on " + long_date(event)


@dataclass
class Story:
    headline: str
    lead: str
    paragraphs: list[str]
    city: str
    caption: str | None


def _topic_title(topic: str) -> str:
    return " ".join(w if w in ("and", "the") else w.capitalize() for w in topic.split())


def _agreement_title(rng: random.Random, a: Country, b: Country) -> str:
    topic = rng.choice(tables.TOPICS)
    form = rng.choice(tables.AGREEMENT_FORMS)
    title = form.format(topic=topic, topic_title=_topic_title(topic.removeprefix("the ")))
    if rng.random() < 0.5:
        title += f" between {a.name} and {b.name}"
    return title


def _filler(rng: random.Random, a: Person, b: Person, n: int) -> list[str]:
    topics = rng.sample(tables.TOPICS, 4)
    pool = [
        f"{a.surname} said {a.country.name} was ready to work with {b.country.name} to deepen "
        f"cooperation in {topics[0]} and {topics[1]}.",
        f"Calling {a.country.name} a reliable partner, {b.surname} said relations between the two "
        f"countries had grown steadily over the past decade.",
        f"The two sides reviewed progress on {topics[2]} and agreed to set up a joint working group "
        f"that will report to ministers.",
        f"{b.surname} thanked {a.surname} for the support {a.country.name} had given during the "
        f"recent difficulties and invited more investment in {topics[3]}.",
        f"Officials from both delegations said the conversation on {topics[1]} had been frank and "
        "constructive, though differences remained on several points.",
        f"Trade between {a.country.name} and {b.country.name} has risen in recent years, and both "
        "governments have set a target of expanding it further.",
        f"{a.surname} also briefed the other side on the situation in the region and on the "
        f"position of {a.country.name} on {topics[2]}.",
        "The talks were followed by a working lunch and a joint appearance before reporters.",
        f"Analysts in {b.country.name} described the exchange as a sign that relations were "
        "entering a more stable phase.",
        f"Both sides expressed support for multilateral efforts on {topics[0]} and for closer "
        "contacts between their parliaments.",
    ]
    return rng.sample(pool, min(n, len(pool)))


def make_story(rng: random.Random, cast: Cast, event: dt.date, published: dt.date) -> Story:
    kind = rng.choices(
        ("talks", "meeting", "visit", "call", "signing", "summit", "statement"),
        weights=(22, 20, 13, 15, 16, 7, 7),
    )[0]
    a = cast.person(rng)
    b = cast.counterpart(rng, a)
    host = a.country if (a.country.capital and rng.random() < 0.5) or not b.country.capital else b.country
    guest, local = (b, a) if host is a.country else (a, b)
    city = host.capital or cast.host(rng).capital or "Geneva"
    when = _when(rng, event, published)
    venue = rng.choice(tables.VENUES)
    caption = None
    paragraphs = _filler(rng, a, b, rng.randint(2, 5))

    if kind == "talks":
        headline = f"{a.surname}, {b.surname} hold talks on {rng.choice(tables.TOPICS)}"
        lead = f"{describe(a)} held talks with {describe(b)} in {city} {when}."
    elif kind == "meeting":
        guest_from = guest.country.adjective or guest.country.name
        headline = f"{local.surname} meets {guest_from} {guest.role.lower()}"
        lead = f"{describe(local)} {when} met with {describe(guest)} at {venue} in {city}."
        caption = f"{describe(local)} meets with {describe(guest)} in {city}, {long_date(event)}."
    elif kind == "visit":
        headline = f"{guest.surname} arrives in {host.name} for official visit"
        lead = (
            f"{describe(guest)} arrived in {city} {when} for an official visit to {host.name} "
            f"at the invitation of {local.role} {local.name}."
        )
        paragraphs.insert(
            0, f"{local.surname} received {guest.surname} at {venue}, where the two held talks."
        )
    elif kind == "call":
        headline = f"{a.surname} speaks by phone with {b.surname}"
        lead = f"{describe(a)} spoke by telephone {when} with {describe(b)}."
        paragraphs = paragraphs[:3]
    elif kind == "signing":
        titles = [_agreement_title(rng, a.country, b.country) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        headline = f"{a.country.name} and {b.country.name} sign {titles[0].split(' between ')[0]}"
        lead = f"{describe(local)} and {describe(guest)} held talks at {venue} in {city} {when}."
        if len(titles) == 1:
            signed = f"After the talks, the two leaders signed the {titles[0]}."
        else:
            listed = "; ".join(f"the {t}" for t in titles)
            signed = f"In the presence of the two leaders, the following documents were signed: {listed}."
        paragraphs.insert(1, signed)
    elif kind == "summit":
        org_name, org_short = rng.choice(tables.ORGANIZATIONS)
        leaders = [a, b]
        while len(leaders) < rng.randint(3, 6):
            p = cast.person(rng)
            if all(p.country.code != q.country.code for q in leaders):
                leaders.append(p)
        listed = ", ".join(describe(p) for p in leaders[:-1]) + " and " + describe(leaders[-1])
        nth = ORDINALS[rng.randrange(len(ORDINALS))]
        headline = f"{org_short} leaders gather in {city} for {nth} summit"
        lead = f"{listed} {when} attended the {nth} summit of the {org_name} ({org_short}) in {city}."
        if rng.random() < 0.6:
            paragraphs.insert(
                0,
                f"At the close of the summit the leaders adopted the {city} Declaration "
                f"on {rng.choice(tables.TOPICS)}.",
            )
    else:  # statement
        topic = rng.choice(tables.TOPICS)
        headline = f"{a.country.name}, {b.country.name} issue joint statement on {topic}"
        lead = (
            f"{a.country.name} and {b.country.name} {when} issued a joint statement on {topic} "
            f"after talks in {city} between {describe(a)} and {describe(b)}."
        )
    return Story(_cap(headline), _cap(lead), paragraphs, city, caption)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- page layouts ----------------------------------------------------------------


def _junk(rng: random.Random, cast: Cast) -> str:
    c1, c2 = cast.host(rng), cast.host(rng)
    items = [
        f"Weather: heavy rain expected across {c1.name} this weekend",
        f"Photos: a festival of lanterns in {c2.capital}",
        "Opinion: what the markets got wrong this quarter",
        "Sport: late goal settles the cup final",
        "Most read: five recipes for the holidays",
    ]
    return "\n".join("· " + s for s in rng.sample(items, 3))


def render(
    rng: random.Random, cast: Cast, outlet: tuple[str, str, str], story: Story, published: dt.date
) -> str:
    name, agency, style = outlet
    paras = "\n\n".join(story.paragraphs)
    staff = rng.choice(tables.STAFF_NAMES)
    city_caps = story.city.upper()
    hour, minute = rng.randrange(6, 23), rng.randrange(60)
    if style == "wire":
        section = rng.choice(tables.SECTIONS)
        return (
            f"{section} | {story.city}\n\n{story.headline}\n\n"
            f"{city_caps}, {long_date(published)} ({agency}) -- {story.lead}\n\n{paras}\n\n"
            f"(Reporting by {staff})\n"
        )
    if style == "readout":
        cap = f"\n\n{story.caption} ({agency}/{rng.choice(tables.STAFF_NAMES)})" if story.caption else ""
        return (
            f"Home > News > {rng.choice(tables.SECTIONS)} >\n\n\n{story.headline}\n\n"
            f"Release Date:{published.isoformat()} {hour:02d}:{minute:02d}:00     Source:{agency}"
            f"{cap}\n\n{story.lead}\n\n{paras}\n\n\nEditor: {staff}\n\nAbout us | Contact us | Legal notice\n"
        )
    if style == "press":
        return (
            f"{name}\nPress release\n\n{euro_date(published)}\n\n{story.headline}\n\n"
            f"{story.lead}\n\n{paras}\n\nPrint | Share | RSS\n"
        )
    if style == "newspaper":
        banner = published + dt.timedelta(days=rng.randrange(30, 900))
        return (
            f"{WEEKDAYS[banner.weekday()]}, {MONTHS[banner.month - 1]} {banner.day:02d}, {banner.year}\n"
            f"{name.upper()}\nePaper | Archives | Subscribe | Login\nHome » {rng.choice(tables.SECTIONS)}\n\n"
            f"{story.headline}\n\nBy {staff}\n{long_date(published)}\n\n"
            f"{city_caps}: {story.lead}\n\n{paras}\n\nRelated stories\n{_junk(rng, cast)}\n"
        )
    # portal
    return (
        f"{name.upper()}\n{rng.choice(tables.SECTIONS)} | {story.city}\n\n{story.headline}\n\n"
        f"By {staff} in {story.city} | Updated: {published.isoformat()} {hour:02d}:{minute:02d}\n\n"
        f"{story.lead}\n\n{paras}\n\n(Editor: {rng.choice(tables.STAFF_NAMES)})\n\n"
        f"Related\n{_junk(rng, cast)}\n"
    )


class Generator:
    """Articles by index; ``article(i)`` depends only on (seed, i), never on earlier calls."""

    def __init__(self, seed: int = 1, persons: int = 3000) -> None:
        self.seed = seed
        self.cast = Cast(seed, persons)

    def article(self, i: int) -> Article:
        rng = random.Random((self.seed << 40) ^ (i * 2654435761))
        # Skew towards recent years, as news archives are.
        event = FIRST_DAY + dt.timedelta(days=int(DAYS * rng.random() ** 0.7))
        published = event + dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2)))
        outlet = tables.OUTLETS[rng.randrange(len(tables.OUTLETS))]
        story = make_story(rng, self.cast, event, published)
        page = render(rng, self.cast, outlet, story, published)
        url = (
            f"https://example.org/synthetic/{_slug(outlet[0])}/{published:%Y/%m/%d}/"
            f"{i:08d}-{_slug(story.headline)}"
        )
        return Article(i, url, story.headline, published.isoformat(), outlet[1], page)

    def articles(self, start: int, stop: int) -> Iterator[Article]:
        for i in range(start, stop):
            yield self.article(i)


def write_corpus(
    out: Path, n: int, seed: int = 1, fmt: str = "txt", persons: int = 3000, progress: bool = False
) -> int:
    """Write n articles under out; returns the number of files written."""
    gen = Generator(seed, persons)
    out.mkdir(parents=True, exist_ok=True)
    files = 0
    t0 = time.perf_counter()
    per = TXT_PER_SHARD if fmt == "txt" else JSONL_PER_SHARD
    for shard, start in enumerate(range(0, n, per)):
        stop = min(n, start + per)
        if fmt == "txt":
            d = out / f"shard-{shard:05d}"
            d.mkdir(exist_ok=True)
            for art in gen.articles(start, stop):
                (d / f"{art.index:08d}.txt").write_text(art.as_text(), encoding="utf-8")
                files += 1
        else:
            with (out / f"shard-{shard:05d}.jsonl").open("w", encoding="utf-8") as fh:
                for art in gen.articles(start, stop):
                    fh.write(json.dumps(art.as_record(), ensure_ascii=False) + "\n")
            files += 1
        if progress:
            rate = stop / (time.perf_counter() - t0)
            print(f"generated {stop}/{n} articles ({rate:.0f}/s)", file=sys.stderr)
    manifest = {"n": n, "seed": seed, "format": fmt, "persons": persons}
    (out / ".corpus.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    ap.add_argument("--persons", type=int, default=3000, help="size of the invented cast")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("--n must be zero or more")
    write_corpus(args.out, args.n, args.seed, args.format, args.persons, progress=not args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
