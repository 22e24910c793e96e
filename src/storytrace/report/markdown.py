"""``dossier.md``: the dossier as Markdown, for reading in an editor or pasting into notes.

Article text is escaped only where Markdown would misread it (emphasis, code, links, raw
HTML, block markers at the start of a line), so the file stays readable as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from storytrace.report.dossier import article_sort_key
from storytrace.report.layout import (
    SECTION_TITLES,
    article_heading,
    joined,
    mention_phrase,
    metadata_rows,
    plural,
    quantity_phrase,
    require_dossier,
    said_on_phrase,
    skipped_label,
    summary_rows,
    text_blocks,
)

# Characters that open emphasis (*), code spans (`), links ([ ]) or raw HTML (<) anywhere
# in a line; the backslash itself so an existing one is not read as an escape.
_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<])")
# An underscore that could open or close emphasis: one not inside a word. Intraword ones
# ("cookie_banner") cannot, so they stay readable.
_EDGE_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# An ampersand that would start a character reference (&amp; &#228;) and be decoded.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Block markers that only matter at the start of a line: ATX heading (#), block quote (>),
# list bullet (+ -), setext underline or thematic break (= -), fence (~), table row (|).
_LINE_START_MARKER = re.compile(r"^([#>+=~|-])")
# An ordered-list marker at the start of a line: "2024. Das Jahr …" would become item 2024.
_ORDERED_LIST_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# A closing run of # at the end of a heading line, which Markdown would strip.
_CLOSING_HASHES = re.compile(r"(#+)$")


def escape_inline(text: str) -> str:
    """Escape ``text`` for use inside a line; newlines become spaces."""
    text = " ".join(text.split())
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _EDGE_UNDERSCORE.sub(r"\\_", text)
    return _ENTITY_START.sub("&amp;", text)


def escape_line(text: str) -> str:
    """Escape ``text`` as a whole paragraph line, including block markers at its start."""
    text = escape_inline(text)
    text = _LINE_START_MARKER.sub(r"\\\1", text)
    return _ORDERED_LIST_MARKER.sub(r"\1\\\2", text)


def _heading(level: int, text: str) -> str:
    return f"{'#' * level} " + _CLOSING_HASHES.sub(r"\\\1", escape_inline(text))


def _code(text: str) -> str:
    """An inline code span that survives backticks inside ``text``."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(dossier: Mapping[str, Any]) -> str:
    """The dossier as one Markdown document: summary, articles, then the findings sections."""
    require_dossier(dossier)
    articles = sorted(dossier["articles"], key=article_sort_key)
    headings = {a["id"]: article_heading(a) for a in articles}
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    out: list[str] = ["# Dossier", ""]
    for label, value in summary_rows(dossier["summary"]):
        out.append(f"- **{label}:** {escape_inline(value)}")
    out.append("")
    if dossier["skipped"]:
        out += ["## Skipped inputs", ""]
        for item in dossier["skipped"]:
            out.append(
                f"- {_code(skipped_label(item))}: {escape_inline(item['problem'])} "
                f"({escape_inline(item['kind'])})"
            )
        out.append("")
    if articles:
        out += ["## Contents", ""]
        for number, article in enumerate(articles, 1):
            meta = ", ".join(str(v) for v in (article["outlet"], article["published"]) if v)
            tail = f" ({escape_inline(meta)})" if meta else ""
            out.append(f"{number}. {escape_inline(headings[article['id']])}{tail}")
        out.append("")
    for article in articles:
        out += _article(article, headings[article["id"]])
    out += _findings(dossier, headings, names)
    generator = dossier["generator"]
    out += [
        "---",
        "",
        f"Written by {escape_inline(str(generator['name']))} "
        f"{escape_inline(str(generator['version']))}, dossier schema "
        f"{escape_inline(str(dossier['schema_version']))}.",
    ]
    return "\n".join(out) + "\n"


def _article(article: Mapping[str, Any], heading: str) -> list[str]:
    out = ["---", "", _heading(2, heading), ""]
    for label, values in metadata_rows(article):
        if len(values) == 1:
            out.append(f"- **{label}:** {escape_inline(values[0])}")
        else:
            out.append(f"- **{label}:**")
            out.extend(f"  - {escape_inline(value)}" for value in values)
    out.append("")
    blocks = text_blocks(article["text"], article["headings"])
    if not blocks:
        out += ["*No text.*", ""]
    for kind, text in blocks:
        out += [_heading(3, text) if kind == "heading" else escape_line(text), ""]
    removed = article["removed"]
    out += [_heading(3, f"Removed boilerplate ({len(removed)})"), ""]
    if not removed:
        out.append("*Nothing was removed from this article.*")
    for item in removed:
        out.append(
            f"- **{escape_inline(item['reason'])}** (pattern {_code(item['pattern'])}, "
            f"line {item['line']}): {escape_inline(item['text'])}"
        )
    out.append("")
    return out


def _findings(
    dossier: Mapping[str, Any], headings: Mapping[str, str], names: Mapping[str, str]
) -> list[str]:
    out: list[str] = []
    for section, (title, empty_note) in SECTION_TITLES.items():
        out += ["---", "", _heading(2, title), ""]
        items: Sequence[Mapping[str, Any]] = dossier[section]
        if not items:
            out += [f"*{escape_inline(empty_note)}*", ""]
            continue
        out += [f"- {_finding(section, item, headings, names)}" for item in items]
        out.append("")
    return out


def _finding(
    section: str,
    item: Mapping[str, Any],
    headings: Mapping[str, str],
    names: Mapping[str, str],
) -> str:
    """One list item (already escaped) for an entity, attribution, claim, relation, …"""

    def title(article_id: str) -> str:
        return escape_inline(headings.get(article_id, article_id))

    if section == "entities":
        aliases = joined(item["aliases"])
        roles = joined(item["roles"])
        return (
            f"**{escape_inline(item['name'])}** ({item['type']}, {_code(item['id'])}); "
            f"aliases: {escape_inline(aliases)}; roles: {escape_inline(roles)}"
        )
    if section == "attributions":
        parts = [
            f"**{escape_inline(mention_phrase(item['speaker'], names))}**",
            f"{item['mode']}, {item['stance']}, cue “{escape_inline(item['cue']['text'])}”:",
            f"“{escape_inline(item['content']['text'])}”",
            f"({title(item['article'])}, {item['start']}–{item['end']})",
        ]
        if item["quantities"]:
            figures = "; ".join(quantity_phrase(q) for q in item["quantities"])
            parts.append(f"figures: {escape_inline(figures)}")
        if item["said_on"] is not None:
            parts.append(f"said on: {escape_inline(said_on_phrase(item['said_on']))}")
        if item["via"]:
            via = joined([mention_phrase(v, names) for v in item["via"]])
            parts.append(f"via: {escape_inline(via)}")
        return " ".join(parts)
    if section == "claims":
        speakers = joined([mention_phrase(s, names) for s in item["speakers"]])
        articles = "; ".join(title(a) for a in item["articles"])
        return (
            f"**{escape_inline(item['summary'])}** ({_code(item['id'])}): speakers "
            f"{escape_inline(speakers)}; "
            f"{plural(item['independent_origins'], 'independent origin')}; "
            f"first seen {item['first_seen'] or 'unknown'}; in: {articles}"
        )
    if section == "relations":
        return (
            f"{_code(item['a'])} **{item['kind']}** {_code(item['b'])}: "
            f"{escape_inline(item['explanation'])}"
        )
    if section == "reuse":
        passages = ", ".join(
            f"{p['a_start']}–{p['a_end']} ↔ {p['b_start']}–{p['b_end']}" for p in item["passages"]
        )
        return (
            f"{title(item['a'])} ↔ {title(item['b'])}: {item['shared_chars']} shared "
            f"characters in {plural(len(item['passages']), 'passage')} ({passages})"
        )
    articles = "; ".join(title(a) for a in item["articles"])
    return f"**{escape_inline(item['label'])}** ({_code(item['id'])}): {articles}"
