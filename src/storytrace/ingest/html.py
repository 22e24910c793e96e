"""HTML files: decoded honouring the page's own charset declaration; text extraction is the
clean stage's job. The canonical URL is picked up here because it is cheap and the cleaner
needs it for the outlet and for deduplication.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import urljoin, urlsplit

from storytrace.ingest.decode import Decoded, canonical_encoding, decode_bytes
from storytrace.ingest.source import Source
from storytrace.model import Origin, RawDocument, Skipped
from storytrace.settings import IngestSettings

#: Browsers look for the charset declaration in the first 1024 bytes; scraped pages often
#: put kilobytes of inline script first, so we look further (but not into a 20 MB body).
PRESCAN_BYTES = 65536

#: ``<meta charset="utf-8">`` and ``<meta http-equiv="Content-Type" content="text/html;
#: charset=iso-8859-1">``: both put ``charset=`` inside a meta tag, after a space, a
#: semicolon or a quote (so ``data-charset=`` does not count).
META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?(?<=[\s;"'])charset\s*=\s*["']?\s*(?P<label>[A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

#: ``<?xml version="1.0" encoding="iso-8859-1"?>`` at the start of an XHTML file.
XML_DECLARED_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?\bencoding\s*=\s*["'](?P<label>[A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

#: Media types served for web pages (XHTML included).
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})

#: Tags in the page head that may carry the article's URL.
LINK_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)

#: One attribute of a tag: ``name="v"``, ``name='v'`` or ``name=v``.
ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s=/>"']+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))"""
)

#: Where the page head ends; the URL tags are looked for before it.
HEAD_END = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)


def declared_charset(data: bytes) -> tuple[str, str] | None:
    """``(label, where)`` of the charset the page declares, if any."""
    head = data[:PRESCAN_BYTES]
    match = META_CHARSET.search(head)
    if match:
        return match.group("label").decode("ascii"), "<meta charset>"
    match = XML_DECLARED_ENCODING.match(head)
    if match:
        return match.group("label").decode("ascii"), "XML declaration"
    return None


def decode_html(
    data: bytes,
    source: str,
    settings: IngestSettings,
    *,
    http_charset: str | None = None,
    locator: str | None = None,
    what: str = "file",
) -> Decoded:
    """Decode by byte-order mark, HTTP charset, page declaration, then detection."""
    candidates: list[tuple[str, str]] = []
    if http_charset:
        candidates.append((http_charset, "HTTP Content-Type"))
    in_page = declared_charset(data)
    if in_page is not None:
        candidates.append(in_page)
    # The first declaration Python knows wins; if none is known, the first is passed on so
    # that the warning names it.
    usable = [c for c in candidates if canonical_encoding(c[0]) is not None]
    declared, declared_by = (usable or candidates)[0] if candidates else (None, "")
    return decode_bytes(
        data,
        source,
        min_confidence=settings.min_encoding_confidence,
        declared=declared,
        declared_by=declared_by,
        locator=locator,
        what=what,
    )


def _attributes(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(tag):
        value = match.group("dq")
        if value is None:
            value = match.group("sq")
        if value is None:
            value = match.group("bare")
        out.setdefault(match.group("name").lower(), unescape(value or "").strip())
    return out


def find_url(html: str, base_url: str | None = None) -> str | None:
    """The page's ``<link rel="canonical">``, else its ``og:url``; absolute http(s) only.

    Relative URLs are resolved against ``base_url`` (a WARC record's target URI) and
    dropped without one: a path alone names no page.
    """
    end = HEAD_END.search(html)
    head = html[: end.start()] if end else html[:PRESCAN_BYTES]
    found: list[str] = []
    for tag in LINK_TAG.findall(head):
        attrs = _attributes(tag)
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            found.append(attrs["href"])
            break
    for tag in META_TAG.findall(head):
        attrs = _attributes(tag)
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key == "og:url" and attrs.get("content"):
            found.append(attrs["content"])
            break
    for candidate in found:
        url = urljoin(base_url, candidate) if base_url else candidate
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return url
    return None


def read_html(source: Source, settings: IngestSettings) -> Iterator[RawDocument | Skipped]:
    """One ``RawDocument(html=...)`` per file; size is checked before reading."""
    data = source.read_all(settings.max_file_bytes)
    decoded = decode_html(data, source.name, settings, what=source.noun)
    yield RawDocument(
        origin=Origin(source.name, "html"),
        html=decoded.text,
        encoding=decoded.encoding,
        encoding_note=decoded.note,
        url=find_url(decoded.text),
        warnings=decoded.warnings,
    )
