"""The clean stage: RawDocument → CleanArticle.

Boilerplate removal for HTML (via trafilatura) and for already-extracted text, metadata
(title, outlet, publication date with precision), wire-agency credits and language. Every
removed piece is kept as a ``Removed`` with its reason and the name of the rule that fired.

Order of the steps, and why:

1. crawler headers on the first line ("date 2024-10 …"): they hide the first real line;
   then hard-wrapped plain text is re-joined into paragraphs;
2. pattern classification with the patterns of ALL configured languages plus the common
   ones, decided before the language is known: boilerplate follows the site's language,
   not the article's (an English article on a German site keeps German banners), and the
   patterns are specific phrases that stay silent on prose of another language
   (tests/test_clean_corpus.py: no English pattern fires on 1,028 German articles, no
   German one on 840 English articles);
3. image alt texts above credits; agency dateline; headline and kicker; closing credit;
   teasers after it; subheadings;
4. language, detected on the body that is left (banners would skew it).
"""

from __future__ import annotations

from collections import Counter

from storytrace.clean.agencies import CREDIT_REASONS, credits_from
from storytrace.clean.assemble import assemble, mark_headings, unwrap
from storytrace.clean.boilerplate import (
    Evidence,
    classify,
    mark_captions,
    mark_trailing_teasers,
    strip_agency_dateline,
    strip_closing_credit,
    strip_crawler_headers,
)
from storytrace.clean.dates import DateReader, date_reader, html_date
from storytrace.clean.extract import Extracted, extract_html, split_text
from storytrace.clean.language import detect_language
from storytrace.clean.lines import WorkLine, is_body, layout, normalise
from storytrace.clean.metadata import find_outlet, find_published, find_title, normalise_title
from storytrace.clean.patterns import load_patterns
from storytrace.errors import InputError
from storytrace.model import CleanArticle, PartialDate, RawDocument, Removed
from storytrace.settings import Settings

__all__ = ["clean"]


def _lines(raw: RawDocument) -> tuple[list[WorkLine], Extracted | None]:
    if raw.html is None:
        source = split_text(raw.text or "")
        return [WorkLine(s.number, normalise(s.text)) for s in source], None
    extracted = extract_html(raw.html, raw.url)
    if extracted is None or not extracted.lines:
        raise InputError(
            raw.origin.source,
            "HTML page has no article text (trafilatura found no main content: an index, "
            "gallery or consent page?); pass the article's own page or its text",
            kind="no_text",
            locator=raw.origin.locator,
        )
    lines = [WorkLine(s.number, normalise(s.text), s.heading) for s in extracted.lines]
    return lines, extracted


def _first(evidence: list[Evidence], kind: str) -> str | None:
    return next((ev.value for ev in evidence if ev.kind == kind), None)


def clean(raw: RawDocument, settings: Settings) -> CleanArticle:
    """Clean one document. Raises ``InputError(kind="no_text")`` when no article is left."""
    languages = settings.clean.languages
    patterns = load_patterns(languages)
    lay = layout()
    reader = date_reader(languages)
    warnings = list(raw.warnings)

    lines, extracted = _lines(raw)
    evidence = strip_crawler_headers(lines, patterns)
    if extracted is None:
        lines = unwrap(lines, lay)
    evidence += classify(lines, patterns, lay)
    mark_captions(lines, lay)
    evidence += strip_agency_dateline(lines, patterns, lay)
    known_title = normalise_title(
        raw.title or (extracted.title if extracted else None) or _first(evidence, "title")
    )
    title = find_title(lines, known_title, lay)
    strip_closing_credit(lines, patterns, lay)
    mark_trailing_teasers(lines, settings.clean.teaser_max_words)
    mark_headings(lines, lay)
    text, headings = assemble(lines)

    removed: list[Removed] = [r for line in lines for r in line.removals]
    if len(text) < settings.ingest.min_text_chars:
        problem = _no_text_problem(text, removed, settings)
        raise InputError(raw.origin.source, problem, "no_text", raw.origin.locator)

    page_url = extracted.url if extracted else None
    urls = [u for u in (raw.url, page_url, _first(evidence, "url")) if u]
    url = urls[0] if urls else None
    outlet, outlet_evidence = find_outlet(
        raw.outlet, extracted.sitename if extracted else None, urls, evidence
    )
    metadata_dates = _metadata_dates(raw, extracted, reader, warnings)
    published = find_published(reader, metadata_dates, lines, evidence, urls, lay)

    body = [line.text for line in lines if is_body(line, lay) and not line.heading]
    language = detect_language(body or [line.text for line in lines if line.kept], languages)
    agencies = credits_from(r.text for r in removed if r.reason in CREDIT_REASONS)
    if title is None:
        warnings.append("title not found")

    return CleanArticle(
        id=raw.content_id(),
        origin=raw.origin,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        language=language,
        agencies=agencies,
        removed=tuple(removed),
        headings=headings,
        url=url,
        encoding=raw.encoding,
        encoding_note=raw.encoding_note,
        outlet_evidence=outlet_evidence,
        warnings=tuple(warnings),
    )


def _metadata_dates(
    raw: RawDocument, extracted: Extracted | None, reader: DateReader, warnings: list[str]
) -> list[PartialDate]:
    """The input's own date field first, then the HTML page's metadata date."""
    out: list[PartialDate] = []
    if raw.published:
        parsed = reader.parse_value(raw.published, "metadata")
        if parsed is None:
            warnings.append(f"published date {raw.published!r} not understood; ignored")
        else:
            out.append(parsed)
    if extracted and extracted.date:
        from_html = html_date(extracted.date, raw.html or "")
        if from_html:
            out.append(from_html)
    return out


def _no_text_problem(text: str, removed: list[Removed], settings: Settings) -> str:
    counts = Counter(r.reason for r in removed)
    what = ", ".join(f"{n} {reason}" for reason, n in counts.most_common()) or "nothing"
    return (
        f"only {len(text)} characters of article text left after cleaning (removed: {what}); "
        f"the minimum is ingest.min_text_chars = {settings.ingest.min_text_chars}"
    )
