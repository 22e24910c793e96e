"""Title and kicker, outlet, publication date: from metadata first, then from the text.

Every value says where it came from (``PartialDate.source``, ``outlet_evidence``); when
nothing supports a value it stays None: a body sentence is never promoted to a title and a
day is never invented for a month-precision date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from urllib.parse import urlsplit

import courlan

from storytrace.clean.boilerplate import Evidence
from storytrace.clean.dates import DateReader, refine
from storytrace.clean.lines import Layout, WorkLine, is_body, is_headline_like, normalise
from storytrace.errors import ResourceError
from storytrace.model import PartialDate
from storytrace.resources import load_toml

_WORD = re.compile(r"\w+")


# --- title and kicker --------------------------------------------------------------------


def _same_title(a: str, b: str) -> bool:
    """Titles from metadata and from the page differ in site suffixes and punctuation."""
    wa, wb = _WORD.findall(a.casefold()), _WORD.findall(b.casefold())
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    shorter, longer = sorted((wa, wb), key=len)
    # "Hafenstreit eskaliert | Kurierblatt" vs. "Hafenstreit eskaliert"
    if len(shorter) >= 3 and " ".join(shorter) in " ".join(longer):
        return True
    overlap = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
    return overlap >= 0.8


def _top_region(lines: list[WorkLine], lay: Layout) -> list[int]:
    """Indices of kept lines above the first body line."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if is_body(line, lay):
            break
        if line.kept:
            out.append(i)
    return out


def _mark_kicker(lines: list[WorkLine], title_index: int, lay: Layout) -> None:
    if title_index == 0:
        return
    above = lines[title_index - 1]
    if is_headline_like(above, lay.kicker_max_words) and not is_body(above, lay):
        above.remove("kicker", "kicker")


def find_title(lines: list[WorkLine], known: str | None, lay: Layout) -> str | None:
    """Remove the headline (and its kicker) from the top of the text; return the title.

    ``known`` is the title from metadata: the page line that repeats it is removed. Without
    one, rule ``headline``: the first short unpunctuated line above the body, unless it is
    a shorter label directly above another such line (then that one is the title). Rule
    ``kicker``: a short unpunctuated line directly above the title.
    """
    region = _top_region(lines, lay)
    if known:
        candidates = region + [
            i for i, line in enumerate(lines[:40]) if line.heading_hint and i not in region
        ]
        for i in candidates:
            if _same_title(lines[i].text, known):
                lines[i].remove("title", "known_title")
                _mark_kicker(lines, i, lay)
                break
        return known
    headlines = [
        i for i in region if is_headline_like(lines[i], lay.title_max_words, lay.title_min_words)
    ]
    if not headlines:
        return None
    first = headlines[0]
    nxt = first + 1
    if (
        nxt in headlines
        and lines[first].words <= lay.kicker_max_words
        and lines[first].words < lines[nxt].words
    ):
        first = nxt
    title = lines[first].text
    lines[first].remove("title", "headline")
    _mark_kicker(lines, first, lay)
    return title


# --- outlet ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutletNames:
    """Short outlet names by registrable domain and by self-designation."""

    domains: Mapping[str, str]
    names: Mapping[str, str]

    def for_domain(self, domain: str) -> str:
        return self.domains.get(domain, domain)

    def for_name(self, name: str) -> str:
        folded = name.casefold()
        return next((v for k, v in self.names.items() if k.casefold() == folded), name)


@cache
def outlet_names() -> OutletNames:
    data = load_toml("common", "outlets")
    domains, names = data.get("domains"), data.get("names")
    if not isinstance(domains, dict) or not isinstance(names, dict):
        raise ResourceError("resource common/outlets.toml needs [domains] and [names] tables")
    return OutletNames(
        MappingProxyType({str(k).lower(): str(v) for k, v in domains.items()}),
        MappingProxyType({str(k): str(v) for k, v in names.items()}),
    )


def registrable_domain(url_or_host: str) -> str | None:
    """Registrable domain of a URL or host name ("https://p.dw.com/p/1" → "dw.com").

    Unknown public suffixes fall back to the last two labels of the host name.
    """
    url = url_or_host if "//" in url_or_host else f"https://{url_or_host}"
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    domain = courlan.extract_domain(url, fast=True)
    if isinstance(domain, str) and "." in domain:
        return domain.lower()
    labels = host.removeprefix("www.").split(".")
    return ".".join(labels[-2:])


def find_outlet(
    given: str | None,
    sitename: str | None,
    urls: Sequence[str],
    evidence: Sequence[Evidence],
) -> tuple[str | None, str | None]:
    """(outlet, evidence) from the strongest signal available."""
    names = outlet_names()
    if given:
        return given, "outlet field of the input"
    if sitename:
        # trafilatura falls back to the host name when a page names no site
        looks_like_host = " " not in sitename and "." in sitename
        domain = registrable_domain(sitename) if looks_like_host else None
        outlet = names.for_domain(domain) if domain else names.for_name(sitename)
        return outlet, f"HTML site name {sitename!r}"
    # A site naming itself in its own boilerplate ("© Kurierblatt 2024", "Folgen Sie dem
    # Kurierblatt auf X") gives the name readers know; the URL only gives a host name.
    for ev in evidence:
        if ev.kind == "outlet":
            return names.for_name(ev.value), f"site names itself: {ev.text!r}"
    for url in urls:
        domain = registrable_domain(url)
        if domain:
            return names.for_domain(domain), f"URL domain {domain}"
    for ev in evidence:
        if ev.kind == "domain":
            domain = registrable_domain(ev.value)
            if domain:
                return names.for_domain(domain), f"site's own short link {ev.text!r}"
    for ev in evidence:
        if ev.kind == "agency" and re.fullmatch(r"[\w-]+", ev.value):
            # "Brüssel (Reuters) - …": one agency in the dateline means the text is that
            # agency's own copy; a site republishing it would have named itself above.
            return names.for_name(ev.value), f"agency dateline {ev.text!r}"
    return None, None


# --- publication date --------------------------------------------------------------------


def find_published(
    reader: DateReader,
    metadata: Sequence[PartialDate],
    lines: list[WorkLine],
    evidence: Sequence[Evidence],
    urls: Sequence[str],
    lay: Layout,
) -> PartialDate | None:
    """Strongest date first (metadata, crawler header, dateline, text, URL), then refined."""
    candidates: list[PartialDate] = list(metadata)
    for ev in evidence:
        if ev.kind == "date":
            parsed = reader.parse_value(ev.value, "crawler_header")
            if parsed:
                candidates.append(parsed)
    for line in lines:
        for removed in line.removals:
            # Date lines, and agency credits that carry the date: "(APA, 12.9.2015)".
            if removed.reason in ("dateline", "agency_credit"):
                for found in reader.find(removed.text):
                    candidates.append(PartialDate(found.date.value, "day", "dateline"))
    candidates.extend(_text_dates(reader, lines, lay))
    for url in urls:
        from_url = reader.from_url(url)
        if from_url:
            candidates.append(from_url)
    if not candidates:
        return None
    return refine(None, candidates)


def _text_dates(reader: DateReader, lines: list[WorkLine], lay: Layout) -> list[PartialDate]:
    """Dates near the top: short kept lines above the body, and a dateline opening the body.

    A date inside a body sentence ("am 26. April 2011 …") is an event date and never counts.
    """
    out: list[PartialDate] = []
    for line in lines:
        if not line.kept:
            continue
        if is_body(line, lay):
            found = reader.dateline_date(line.text[: lay.text_date_window])
            if found:
                out.append(found)
            break
        out.extend(PartialDate(f.date.value, "day", "text") for f in reader.find(line.text))
    return out


def normalise_title(title: str | None) -> str | None:
    if title is None:
        return None
    title = normalise(title)
    return title or None
