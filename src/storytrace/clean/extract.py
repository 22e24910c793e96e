"""HTML → text lines plus page metadata, with trafilatura; plain text → lines.

Each extracted block (paragraph, heading, list item, table row, quote) becomes one line;
headings (``<h1>``–``<h6>``) are flagged so that the cleaner can mark them. Line numbers
count these extracted lines from 1: they are what ``Removed.line`` refers to for HTML input.
No network access: trafilatura only parses the given string.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trafilatura import bare_extraction
from trafilatura.settings import Document

# Passed to htmldate through trafilatura. "extensive_search" off: only markup and metadata
# count (meta tags, <time>, JSON-LD, dated URLs), never a date guessed from free text.
# A fixed "max_date" keeps the result independent of the day the cleaner runs.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
_BLOCKS = frozenset({"p", "head", "item", "row", "quote", "code", "list", "table"})


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of the text being cleaned (1-based ``number``), before normalisation."""

    number: int
    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Extracted:
    """What trafilatura found in an HTML page."""

    lines: tuple[SourceLine, ...]
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    author: str | None = None


def split_text(text: str) -> tuple[SourceLine, ...]:
    """Plain text → lines, numbered from 1 as an editor would show them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return tuple(SourceLine(i, line) for i, line in enumerate(text.split("\n"), 1))


def _text_with_breaks(el: Any) -> str:
    """Element text where trafilatura's ``<lb/>`` (from ``<br>``) becomes a line break."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append(_text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(el: Any) -> list[tuple[str, bool]]:
    """(text, is_heading) for each block element below ``el``, in document order."""
    out: list[tuple[str, bool]] = []
    for child in el:
        tag = child.tag
        if tag == "graphic":
            continue  # images: alt texts are not article text
        if tag in ("list", "table") or (tag == "quote" and any(c.tag in _BLOCKS for c in child)):
            out.extend(_blocks(child))
        elif tag == "row":
            cells = [" ".join(_text_with_breaks(c).split()) for c in child]
            out.append(("; ".join(c for c in cells if c), False))
        elif tag == "item" and any(c.tag == "list" for c in child):
            own = (child.text or "").strip()
            if own:
                out.append((own, False))
            out.extend(_blocks(child))
        else:
            heading = tag == "head"
            out.extend((part, heading) for part in _text_with_breaks(child).split("\n"))
    return out


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """Main text and metadata of an HTML page; None when trafilatura finds no main text."""
    # favor_recall: a lost body paragraph cannot be recovered, while leftover boilerplate
    # is what the pattern classifier removes afterwards (with a record of it). The fallback
    # extractors stay on (no fast=True): about half the speed, but pages whose main
    # container trafilatura misses still yield their text.
    doc = bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,
        deduplicate=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    if not isinstance(doc, Document) or doc.body is None:
        return None
    lines: list[SourceLine] = []
    for text, heading in _blocks(doc.body):
        if text.strip():
            lines.append(SourceLine(len(lines) + 1, text, heading))
    return Extracted(
        lines=tuple(lines),
        title=_clean_str(doc.title),
        date=_clean_str(doc.date),
        sitename=_clean_str(doc.sitename),
        url=_clean_str(doc.url),
        author=_clean_str(doc.author),
    )


def _clean_str(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
