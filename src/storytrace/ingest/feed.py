"""RSS and Atom feeds via feedparser.

Only entries that carry the article itself become documents: ``content`` (Atom content,
RSS ``content:encoded``), else a ``summary`` with more than ``_MIN_SUMMARY_CHARS`` of text.
Most feeds only carry headlines and teasers; those entries are reported as ``no_text``
with the fix (fetch the page), instead of being passed on as if they were articles.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from html import unescape
from typing import Any

import feedparser

from storytrace.errors import InputError
from storytrace.ingest.decode import not_text_problem
from storytrace.ingest.formats import HEAD_BYTES, xml_root
from storytrace.ingest.source import Source
from storytrace.model import Origin, RawDocument, Skipped
from storytrace.settings import IngestSettings

#: A summary shorter than this (in characters of text, tags removed) is a teaser.
_MIN_SUMMARY_CHARS = 200

#: Markup tags, removed to measure how much text a summary holds.
TAG = re.compile(r"<[^>]*>")

#: feedparser's "bozo" exceptions that do not make a feed unreadable: an encoding
#: declaration that had to be overridden, or a server content type that is not XML.
_HARMLESS_BOZO = (
    feedparser.CharacterEncodingOverride,
    feedparser.NonXMLContentType,
)


def _plain_length(html: str) -> int:
    return len(" ".join(unescape(TAG.sub(" ", html)).split()))


def entry_date(entry: Any) -> str | None:
    """``YYYY-MM-DD`` of the entry's publication (else update) date, as the feed wrote it.

    The raw string is parsed first because feedparser's ``*_parsed`` values are converted
    to UTC, which moves late-evening European dates to the previous day.
    """
    for field in ("published", "updated", "created"):
        raw = entry.get(field)
        if isinstance(raw, str) and raw.strip():
            parsed = _parse_date(raw.strip())
            if parsed is not None:
                return parsed
        struct = entry.get(f"{field}_parsed")
        if isinstance(struct, time.struct_time):
            return time.strftime("%Y-%m-%d", struct)
    return None


def _parse_date(raw: str) -> str | None:
    try:  # RFC 822, as in RSS: "Tue, 22 Oct 2024 23:15:00 +0200"
        return parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:  # ISO 8601 / RFC 3339, as in Atom: "2024-10-22T23:15:00+02:00"
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _content(entry: Any) -> tuple[str, str] | None:
    """``(kind, value)`` with kind "html" or "text", or None for a headline-only entry."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        # Prefer an HTML rendering where the feed offers several (Atom allows that).
        chosen = next((c for c in contents if "html" in (c.get("type") or "")), contents[0])
        kind = "text" if chosen.get("type") == "text/plain" else "html"
        return kind, str(chosen["value"])
    summary = entry.get("summary") or ""
    if isinstance(summary, str) and _plain_length(summary) > _MIN_SUMMARY_CHARS:
        detail = entry.get("summary_detail") or {}
        return ("text" if detail.get("type") == "text/plain" else "html"), summary
    return None


def read_feed(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    data = source.read_all(settings.max_file_bytes, limit_for="a feed")
    not_text = not_text_problem(data, source.noun)
    if not_text is not None:
        raise InputError(source.name, not_text[1], kind=not_text[0])
    if not data.strip():
        raise InputError(source.name, f"{source.noun} holds only whitespace", kind="empty")
    # A stream, never bytes or str: feedparser treats a string as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if bozo is not None and isinstance(bozo, _HARMLESS_BOZO):
        bozo = None
    if not parsed.get("version"):
        root = xml_root(data[:HEAD_BYTES])
        what = f"XML with root element <{root}>" if root else "not XML"
        if bozo is not None and not entries:
            what = f"not well-formed XML ({bozo})"
        raise InputError(
            source.name,
            f"not an RSS or Atom feed ({what}); pass feeds, or the article pages as HTML",
            kind="malformed",
        )
    if not entries:
        if bozo is not None:
            raise InputError(
                source.name, f"feed cannot be parsed: not well-formed XML ({bozo})", "malformed"
            )
        raise InputError(source.name, "feed has no entries", kind="empty")

    feed = parsed.get("feed") or {}
    outlet = _site_name(feed.get("title") or "")
    encoding = parsed.get("encoding") or None
    warnings: tuple[str, ...] = ()
    if bozo is not None:
        warnings = (f"the feed is not well-formed XML ({bozo}); entries may be incomplete",)
    for number, entry in enumerate(entries, start=1):
        locator = f"entry {number}"
        content = _content(entry)
        if content is None:
            yield Skipped(
                source.name,
                "feed entry has only a headline/short summary; fetch the page and pass the HTML"
                + (f" ({entry.get('link')})" if entry.get("link") else ""),
                locator=locator,
                kind="no_text",
            )
            continue
        kind, value = content
        yield RawDocument(
            origin=Origin(source.name, "feed", locator),
            text=value if kind == "text" else None,
            html=value if kind == "html" else None,
            encoding=encoding,
            encoding_note="feedparser (XML declaration, byte-order mark or detection)"
            if encoding
            else None,
            url=(entry.get("link") or "").strip() or None,
            title=(entry.get("title") or "").strip() or None,
            published=entry_date(entry),
            outlet=outlet,
            external_id=(entry.get("id") or "").strip() or None,
            warnings=warnings,
        )
    if bozo is not None:
        yield Skipped(
            source.name,
            f"the feed is not well-formed XML ({bozo}); {len(entries)} entries were read, "
            "later ones may be lost",
            kind="malformed",
        )


#: "Kurierblatt – Region", "Kurierblatt | Politik": channel titles name the site, then a section.
_SECTION_SUFFIX = re.compile(r"\s+[–—|-]\s+\S.*$|\s*\|\s*\S.*$")


def _site_name(channel_title: str) -> str | None:
    """The site's name from a feed's channel title, without the section it covers."""
    name = _SECTION_SUFFIX.sub("", channel_title.strip()).strip()
    return name or channel_title.strip() or None
