"""HTML pages -> Document: trafilatura for the main text, the page's own metadata for the rest.

Publishers state their metadata in three places of varying reliability: a JSON-LD
``NewsArticle`` (most precise: typed dates, publisher, authors), Open Graph and
``article:*`` ``<meta>`` tags, and the visible page.  The reader prefers them in that
order, except that an agency credited in the text ("BEIJING, May 13 (Xinhua) --")
beats the site that reposted the story, as the annotation conventions ask.
The main text found by trafilatura runs through the same line reader as scraped text
pages, so captions, datelines and credit lines are treated alike in both.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConversionError
from . import stamps
from .model import Document

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "backgroundnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "report",
                  "pressrelease", "liveblogposting", "socialmediaposting", "webpage"}


@dataclass
class PageMeta:
    """What the page's markup says about the article."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    body: str | None = None
    #: the office or agency the page credits in view ("From: Prime Minister's Office"),
    #: which outranks the site that published it
    credit: str | None = None
    #: an Organization given as the JSON-LD author: the issuing office, not a byline
    author_org: str | None = None
    #: the headline came only from <title>, which usually carries the site name as well
    title_from_tag: bool = False


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        v = " ".join(value.split())
        return v or None
    if isinstance(value, list) and value:
        return _text(value[0])
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value"))
    return None


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(_names(v))
        return out
    name = _text(value)
    return [name] if name else []


def _is_org(value: Any) -> bool:
    return isinstance(value, dict) and any("organi" in t or t in {"corporation", "governmentoffice"}
                                           for t in _types(value))


def _split_authors(value: Any) -> tuple[list[str], str | None]:
    """(person bylines, the first organisation) of a JSON-LD author or creator."""
    people: list[str] = []
    org: str | None = None
    for v in value if isinstance(value, list) else [value]:
        if _is_org(v):
            org = org or _text(v)
        else:
            people.extend(_names(v))
    return people, org


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(value, dict):
        yield value
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in value:
                yield from _walk(value[key], depth + 1)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v, depth + 1)


def _json_ld_article(tree: Any) -> dict[str, Any] | None:
    best: dict[str, Any] | None = None
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # pages often leave a trailing comma or a control character in JSON-LD
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.replace("\n", " ")), strict=False)
            except ValueError:
                continue
        for node in _walk(data):
            types = _types(node)
            if types & _ARTICLE_TYPES and (node.get("headline") or node.get("datePublished")):
                if best is None or ("webpage" in _types(best) and "webpage" not in types):
                    best = node
    return best


def _meta(tree: Any, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f'//meta[translate(@{attr}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", '
                               f'"abcdefghijklmnopqrstuvwxyz")="{key}"]/@content')
            for value in found:
                v = " ".join(str(value).split())
                if v:
                    return v
    return None


def page_meta(tree: Any) -> PageMeta:
    """Metadata from JSON-LD first, then ``<meta>`` tags, then ``<title>`` and ``<link>``."""
    from .readers import credit_string

    pm = PageMeta()
    ld = _json_ld_article(tree)
    if ld is not None:
        pm.title = _text(ld.get("headline")) or _text(ld.get("name"))
        pub = _text(ld.get("datePublished")) or _text(ld.get("dateCreated"))
        pm.published = stamps.normalise(pub) if pub else None
        pm.source = _text(ld.get("publisher")) or _text(ld.get("sourceOrganization"))
        pm.authors, pm.author_org = _split_authors(ld.get("author"))
        if not pm.authors and pm.author_org is None:
            pm.authors, pm.author_org = _split_authors(ld.get("creator"))
        pm.editors = _names(ld.get("editor"))
        url = ld.get("url") or ld.get("mainEntityOfPage")
        pm.url = _text(url) if not isinstance(url, dict) else _text(url.get("@id") or url.get("url"))
        pm.language = _text(ld.get("inLanguage"))
        image = ld.get("image")
        for img in image if isinstance(image, list) else [image]:
            if isinstance(img, dict):
                credit = _text(img.get("creditText")) or _text(img.get("author")) or _text(img.get("creator"))
                if credit:
                    # "PMO photo by Jane Doe", "Jane Roe/AFP": the person the credit names
                    got = credit_string(credit)
                    credit = got[0] if got is not None else credit
                if credit and credit not in pm.photographers:
                    pm.photographers.append(credit)
        body = ld.get("articleBody")
        pm.body = body if isinstance(body, str) and body.strip() else None
    pm.title = pm.title or _meta(tree, "og:title", "twitter:title", "dc.title", "headline")
    if pm.published is None:
        pub = _meta(tree, "article:published_time", "og:published_time", "datepublished", "pubdate",
                    "publishdate", "publish-date", "dc.date.issued", "dc.date", "dcterms.created", "date",
                    "sailthru.date", "parsely-pub-date", "article.published")
        pm.published = stamps.normalise(pub) if pub else None
    pm.source = pm.source or _meta(tree, "og:site_name", "application-name", "publisher", "dc.publisher",
                                   "twitter:site")
    if pm.source and pm.source.startswith("@"):
        pm.source = None
    if not pm.authors:
        author = _meta(tree, "author", "article:author", "dc.creator", "byl", "parsely-author")
        if author and not author.startswith("http"):
            pm.authors = [re.sub(r"^by\s+", "", author, flags=re.I)]
    canonical = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    pm.url = pm.url or _meta(tree, "og:url") or (str(canonical[0]).strip() if canonical else None)
    if pm.url and not re.match(r"^https?://", pm.url):
        pm.url = None
    lang = tree.xpath("/html/@lang")
    pm.language = pm.language or (str(lang[0]).strip() if lang else None) or None
    if pm.title is None:
        titles = tree.xpath("//title/text()")
        if titles:
            pm.title = " ".join(str(titles[0]).split()) or None
            pm.title_from_tag = pm.title is not None
    pm.credit = _visible_credit(tree)
    if pm.title and pm.source:
        # "Headline - Site" / "Headline | Site" in <title> or og:title
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            suffix = sep + pm.source
            if pm.title.endswith(suffix):
                pm.title = pm.title[: -len(suffix)].strip()
    return pm


# A label element ("From:", "Source:", "Agency:") and its value in the next element or
# after the label in the same parent: <dt>From:</dt><dd>Office</dd>, <p><b>Source:</b> X</p>.
_CREDIT_LABELS = ("from", "source", "agency", "issued by", "published by")
_CREDIT_XPATH = (
    "//*[self::dt or self::th or self::span or self::strong or self::b or self::label or self::em"
    " or self::div]"
    "[not(*[not(self::br)])][" + " or ".join(
        f"translate(normalize-space(), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')='{w}{c}'"
        for w in _CREDIT_LABELS for c in (":", "")
    ) + "]"
)


def _visible_credit(tree: Any) -> str | None:
    """The office or agency a page credits beside the headline ("From: ...", "Source: ...")."""
    for label in tree.xpath(_CREDIT_XPATH)[:4]:
        value = " ".join((label.tail or "").split()).lstrip(":： ")
        if not value:
            nxt = label.getnext()
            if nxt is None:
                continue
            value = " ".join(nxt.text_content().split())
        value = value.strip(" :：|")
        if value and len(value.split()) <= 10 and not re.match(r"^(?:https?:|www\.)", value) \
                and not stamps.find_dates(value):
            return value
    return None


def _headline_part(title: str, lines: list[str], source: str | None, *, from_tag: bool) -> str:
    """The headline in a title such as "Headline - Site" or "Headline | Section | Site".

    A part printed as a line of the page wins when the whole title is not printed.  A
    bare <title> (no JSON-LD or Open Graph headline) also falls back to its longest part
    when the others are short, which is how sites append their name and section.
    """
    parts = [p.strip() for p in _TITLE_SEP.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    present = {" ".join(ln.casefold().split()) for ln in lines if ln}
    if title.casefold() in present:
        return title
    for p in parts:
        if p.casefold() in present:
            return p
    if not from_tag:
        return title
    if source:
        parts = [p for p in parts if p.casefold() != source.casefold()] or parts
    longest = max(parts, key=len)
    if len(parts) == 1 or all(len(p.split()) <= 5 for p in parts if p is not longest):
        return longest
    return title


_TITLE_SEP = re.compile(r"\s+(?:[|–—-]|::)\s+")


_CAPTION_XPATH = "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]"


def _captions(tree: Any) -> list[str]:
    out: list[str] = []
    for node in tree.xpath(_CAPTION_XPATH):
        text = " ".join(node.text_content().split())
        if text and len(text) < 600 and text not in out:
            out.append(text)
    return out


def _main_text(html: str, url: str | None) -> str | None:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        text = trafilatura.extract(html, url=url, output_format="txt", include_comments=False,
                                   include_tables=False, include_images=False, favor_precision=True,
                                   deduplicate=False, with_metadata=False)
    except Exception:  # noqa: BLE001 - trafilatura raises assorted errors on pathological markup
        return None
    return text if isinstance(text, str) and text.strip() else None


def read_html(html: str, *, url: str | None = None, name: str = "input") -> Document:
    """One HTML page -> Document; broken markup gives what can be read, never a crash."""
    from lxml import etree  # type: ignore[import-untyped,unused-ignore]
    from lxml import html as lxml_html  # type: ignore[import-untyped,unused-ignore]

    from .readers import read_text

    try:
        tree = lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass"))
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        tree = None
    pm = page_meta(tree) if tree is not None else PageMeta()
    main = _main_text(html, url)
    if main is None and pm.body:
        main = pm.body
    if main is None and tree is not None:
        # the last resort for markup trafilatura gives up on: the paragraphs themselves
        paras = [" ".join(p.text_content().split()) for p in tree.xpath("//p")]
        main = "\n".join(p for p in paras if p)
    if not main or not main.strip():
        # markup so broken that no parser finds paragraphs (an unclosed <title> swallows the page)
        stripped = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", html)
        stripped = re.sub(r"(?s)<[^>]*>", "\n", stripped)
        import html as html_lib

        main = "\n".join(" ".join(ln.split()) for ln in html_lib.unescape(stripped).split("\n") if ln.strip())
    if not main or not main.strip():
        raise ConversionError(f"{name}: no article text found in the HTML page")
    if re.search(r"<[a-zA-Z/][^>]*>", main):
        # markup leaked into text (an unclosed <title> or <textarea> turns the page into text)
        main = re.sub(r"<[a-zA-Z/][^>]*>", "\n", main)
    lines = [" ".join(ln.split()) for ln in main.split("\n")]
    if pm.title and "<" in pm.title:
        pm.title = pm.title.split("<", 1)[0].strip() or None
    if tree is not None:
        present = set(lines)
        for cap in _captions(tree):
            if cap not in present:
                lines.append(cap)
    if pm.title and _TITLE_SEP.search(pm.title):
        pm.title = _headline_part(pm.title, lines, pm.source, from_tag=pm.title_from_tag)
    credits = [(0, pm.credit)] if pm.credit else []
    if pm.author_org:
        credits.append((2, pm.author_org))
    doc = read_text("\n".join(lines), url=pm.url or url, input_format="html", title=pm.title,
                    fallback_source=pm.source, credit_sources=credits)
    if pm.published:
        doc.published = pm.published
    for target, values in ((doc.bylines, pm.authors), (doc.editors, pm.editors),
                           (doc.photographers, pm.photographers)):
        for v in values:
            if v not in target:
                target.append(v)
    if pm.language:
        doc.language = pm.language
    return doc


__all__ = ["PageMeta", "page_meta", "read_html"]
