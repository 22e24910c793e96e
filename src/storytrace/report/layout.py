"""What the HTML and Markdown renderers show alike: text blocks, headings, metadata phrases.

Everything here returns plain, unescaped text; each renderer escapes for its own format.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from storytrace.errors import StorytraceError
from storytrace.report.dossier import TOP_LEVEL_KEYS

BlockKind = Literal["heading", "paragraph"]
Block = tuple[BlockKind, str]

#: Section id → (title, sentence shown when the section is empty).
SECTION_TITLES: dict[str, tuple[str, str]] = {
    "entities": ("Entities", "No entities in this dossier."),
    "attributions": ("Attributions", "No attributions in this dossier."),
    "claims": ("Claims", "No claims in this dossier."),
    "relations": ("Relations between claims", "No relations between claims in this dossier."),
    "reuse": ("Text reuse", "No text reuse between articles in this dossier."),
    "stories": ("Stories", "No story clusters in this dossier."),
}


def require_dossier(dossier: Mapping[str, Any]) -> None:
    """Refuse early, with the fix, instead of failing on a missing key halfway through."""
    missing = [key for key in TOP_LEVEL_KEYS if key not in dossier]
    if missing:
        raise StorytraceError(
            f"not a dossier: missing {', '.join(missing)}; build it with "
            "storytrace.report.build_dossier and check it with validate_dossier"
        )


def text_blocks(text: str, headings: Iterable[Mapping[str, int]]) -> list[Block]:
    """The cleaned text as headings (from the heading spans) and paragraphs (one per line).

    A heading span that overlaps an earlier one or leaves the text is not used as a heading;
    its text still appears, inside a paragraph, so nothing of the article is lost.
    """
    blocks: list[Block] = []
    pos = 0
    for start, end in sorted((h["start"], h["end"]) for h in headings):
        if start < pos or end > len(text) or start >= end:
            continue
        blocks.extend(_paragraphs(text[pos:start]))
        heading = " ".join(text[start:end].split())
        if heading:
            blocks.append(("heading", heading))
        pos = end
    blocks.extend(_paragraphs(text[pos:]))
    return blocks


def _paragraphs(chunk: str) -> list[Block]:
    return [("paragraph", line.strip()) for line in chunk.splitlines() if line.strip()]


def article_heading(article: Mapping[str, Any]) -> str:
    """The title, or for an untitled article a label that still tells articles apart."""
    title = article["title"]
    if title and title.strip():
        return " ".join(str(title).split())
    return f"(untitled) — {article['source']}"


def published_phrase(article: Mapping[str, Any]) -> str:
    if article["published"] is None:
        return "unknown"
    return (
        f"{article['published']} ({article['published_precision']} precision, "
        f"from {article['published_source']})"
    )


def metadata_rows(article: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """(label, values) pairs for an article's metadata table; optional rows only when set."""
    outlet = article["outlet"] or "unknown"
    if article["outlet_evidence"]:
        outlet += f" (evidence: {article['outlet_evidence']})"
    agencies = [
        f"{credit['agency']}, credited as “{credit['evidence']}”"
        for credit in article["agency_credits"]
    ]
    text = article["text"]
    rows: list[tuple[str, list[str]]] = [
        ("Outlet", [outlet]),
        ("Published", [published_phrase(article)]),
        ("Language", [article["language"]]),
        ("Agencies", agencies or ["none credited"]),
        ("Sources" if len(article["sources"]) > 1 else "Source", list(article["sources"])),
    ]
    if article["url"]:
        rows.append(("URL", [article["url"]]))
    rows.append(("Reader", [article["reader"]]))
    if article["encoding"] or article["encoding_note"]:
        encoding = article["encoding"] or "unknown"
        if article["encoding_note"]:
            encoding += f" ({article['encoding_note']})"
        rows.append(("Encoding", [encoding]))
    if article["warnings"]:
        rows.append(("Warnings", list(article["warnings"])))
    rows.append(
        (
            "Text",
            [
                ", ".join(
                    plural(n, noun)
                    for n, noun in (
                        (len(text), "character"),
                        (len(article["sentences"]), "sentence"),
                        (len(article["headings"]), "heading"),
                    )
                )
            ],
        )
    )
    rows.append(("ID", [article["id"]]))
    return rows


def counts_phrase(counts: Mapping[str, int]) -> str:
    """``{"dpa": 2, "afp": 3}`` → ``"afp 3, dpa 2"``: most frequent first, then by name."""
    if not counts:
        return "none"
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{name} {n}" for name, n in ordered)


def date_range_phrase(summary: Mapping[str, Any]) -> str:
    first, last = summary["date_range"]["first"], summary["date_range"]["last"]
    if first is None:
        return "no dates known"
    return first if first == last else f"{first} to {last}"


def summary_rows(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Articles", str(summary["articles"])),
        ("Date range", date_range_phrase(summary)),
        ("Outlets", counts_phrase(summary["outlets"])),
        ("Agencies", counts_phrase(summary["agencies"])),
        ("Languages", counts_phrase(summary["languages"])),
        ("Skipped inputs", str(summary["skipped"])),
    ]


def skipped_label(item: Mapping[str, Any]) -> str:
    source = str(item["source"])
    return f"{source} ({item['locator']})" if item["locator"] else source


def quantity_phrase(quantity: Mapping[str, Any]) -> str:
    """``“etwa 10.000 Soldaten” = 10000 Soldaten (approx., qualifier: etwa)``."""
    value = quantity["value"]
    number = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    unit = f" {quantity['unit']}" if quantity["unit"] else ""
    notes = []
    if quantity["approx"]:
        notes.append("approx.")
    if quantity["qualifier"]:
        notes.append(f"qualifier: {quantity['qualifier']}")
    tail = f" ({', '.join(notes)})" if notes else ""
    return f"“{quantity['text']}” = {number}{unit}{tail}"


def mention_phrase(mention: Mapping[str, Any] | None, names: Mapping[str, str]) -> str:
    """A speaker or intermediary as written, with the entity it was resolved to."""
    if mention is None:
        return "(unnamed)"
    entity = mention["entity"]
    name = names.get(entity, entity) if entity is not None else None
    if name is None or name == mention["text"]:
        return str(mention["text"])
    return f"{mention['text']} → {name}"


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def said_on_phrase(said_on: Mapping[str, Any]) -> str:
    """``am Dienstag → 2031-03-11``, or ``→ unresolved`` when no date could be derived."""
    return f"{said_on['text']} → {said_on['date'] or 'unresolved'}"


def joined(values: Sequence[str], empty: str = "none") -> str:
    return ", ".join(values) if values else empty
