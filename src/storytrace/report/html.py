"""``dossier.html``: one self-contained page (inline CSS, no scripts, no external URLs).

Article text and metadata come from the open web, so every value is escaped; nothing from
a dossier is ever written into a ``href``/``src`` except our own fragment ids. Original
article URLs are shown as text, not as links, so the page makes no request when opened.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources as _res
from typing import Any

from storytrace.report.dossier import article_sort_key
from storytrace.report.layout import (
    SECTION_TITLES,
    article_heading,
    joined,
    mention_phrase,
    metadata_rows,
    quantity_phrase,
    require_dossier,
    said_on_phrase,
    skipped_label,
    summary_rows,
    text_blocks,
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


@cache
def _css() -> str:
    path = _res.files("storytrace.report").joinpath("templates", "dossier.css")
    return path.read_text(encoding="utf-8")


def render_html(dossier: Mapping[str, Any]) -> str:
    """The dossier as one HTML page that works from disk, offline."""
    require_dossier(dossier)
    articles = sorted(dossier["articles"], key=article_sort_key)
    headings = {a["id"]: article_heading(a) for a in articles}
    names = {e["id"]: e["name"] for e in dossier["entities"]}
    summary = dossier["summary"]
    generator = dossier["generator"]
    out: list[str] = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="generator" content="{_e(generator["name"])} {_e(generator["version"])}">\n',
        f"<title>Dossier: {_e(summary['articles'])} articles</title>\n",
        f"<style>\n{_css()}</style>\n</head>\n<body>\n",
    ]
    out.extend(_header(summary, dossier["skipped"]))
    out.extend(_toc(articles, headings))
    out.append('<main>\n<section id="articles">\n<h2>Articles</h2>\n')
    if not articles:
        out.append('<p class="empty">No articles in this dossier.</p>\n')
    for article in articles:
        out.extend(_article(article, headings[article["id"]]))
    out.append("</section>\n")
    out.extend(_entities(dossier["entities"]))
    out.extend(_attributions(dossier["attributions"], headings, names))
    out.extend(_claims(dossier["claims"], headings, names))
    out.extend(_relations(dossier["relations"]))
    out.extend(_reuse(dossier["reuse"], headings))
    out.extend(_stories(dossier["stories"], headings))
    out.append(
        f"</main>\n<footer>Written by {_e(generator['name'])} {_e(generator['version'])}, "
        f"dossier schema {_e(dossier['schema_version'])}.</footer>\n</body>\n</html>\n"
    )
    return "".join(out)


def _header(summary: Mapping[str, Any], skipped: Sequence[Mapping[str, Any]]) -> list[str]:
    out = ["<header>\n<h1>Dossier</h1>\n"]
    out.append('<table class="meta summary">\n')
    for label, value in summary_rows(summary):
        out.append(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>\n")
    out.append("</table>\n")
    if skipped:
        out.append(
            f'<details class="skipped" open><summary>Skipped inputs ({len(skipped)})</summary>\n'
            "<ul>\n"
        )
        for item in skipped:
            out.append(
                f"<li><code>{_e(skipped_label(item))}</code>: {_e(item['problem'])} "
                f'<span class="empty">({_e(item["kind"])})</span></li>\n'
            )
        out.append("</ul>\n</details>\n")
    out.append("</header>\n")
    return out


def _toc(articles: Sequence[Mapping[str, Any]], headings: Mapping[str, str]) -> list[str]:
    out = ['<nav class="toc">\n<h2>Contents</h2>\n<ol>\n']
    for article in articles:
        meta = " · ".join(
            str(value) for value in (article["outlet"], article["published"]) if value
        )
        note = f' <span class="meta">{_e(meta)}</span>' if meta else ""
        out.append(f"<li>{_article_link(article['id'], headings)}{note}</li>\n")
    out.append("</ol>\n<p>")
    out.append(
        " · ".join(
            f'<a href="#{section}">{_e(title)}</a>'
            for section, (title, _) in SECTION_TITLES.items()
        )
    )
    out.append("</p>\n</nav>\n")
    return out


def _article_link(article_id: str, headings: Mapping[str, str]) -> str:
    label = headings.get(article_id, article_id)
    return f'<a href="#article-{_e(article_id)}">{_e(label)}</a>'


def _anchor_link(prefix: str, target: str) -> str:
    return f'<a href="#{prefix}-{_e(target)}">{_e(target)}</a>'


def _values(values: Sequence[str]) -> str:
    if len(values) == 1:
        return _e(values[0])
    items = "".join(f"<li>{_e(v)}</li>" for v in values)
    return f'<ul class="values">{items}</ul>'


def _article(article: Mapping[str, Any], heading: str) -> list[str]:
    language = article["language"]
    lang = f' lang="{_e(language)}"' if language != "other" else ""
    out = [
        f'<section class="article" id="article-{_e(article["id"])}">\n',
        f"<h3{lang}>{_e(heading)}</h3>\n",
        '<table class="meta">\n',
    ]
    for label, values in metadata_rows(article):
        out.append(f"<tr><th>{_e(label)}</th><td>{_values(values)}</td></tr>\n")
    out.append(f'</table>\n<div class="article-text"{lang}>\n')
    blocks = text_blocks(article["text"], article["headings"])
    if not blocks:
        out.append('<p class="empty">No text.</p>\n')
    for kind, text in blocks:
        tag = "h4" if kind == "heading" else "p"
        out.append(f"<{tag}>{_e(text)}</{tag}>\n")
    out.append("</div>\n")
    out.extend(_removed(article["removed"]))
    out.append("</section>\n")
    return out


def _removed(removed: Sequence[Mapping[str, Any]]) -> list[str]:
    out = [f'<details class="removed"><summary>Removed boilerplate ({len(removed)})</summary>\n']
    if not removed:
        out.append('<p class="empty">Nothing was removed from this article.</p>\n')
    else:
        out.append("<table>\n<tr><th>Reason</th><th>Pattern</th><th>Line</th><th>Text</th></tr>\n")
        for item in removed:
            out.append(
                f"<tr><td>{_e(item['reason'])}</td><td><code>{_e(item['pattern'])}</code></td>"
                f"<td>{_e(item['line'])}</td>"
                f'<td class="removed-text">{_e(item["text"])}</td></tr>\n'
            )
        out.append("</table>\n")
    out.append("</details>\n")
    return out


def _section(
    section: str, items: Sequence[Any], columns: Sequence[str], rows: Iterable[str]
) -> list[str]:
    """A findings section: a table when it has items, a neutral note when it has none."""
    title, empty_note = SECTION_TITLES[section]
    out = [f'<section id="{section}">\n<h2>{_e(title)}</h2>\n']
    if not items:
        out.append(f'<p class="empty">{_e(empty_note)}</p>\n')
    else:
        head = "".join(f"<th>{_e(c)}</th>" for c in columns)
        out.append(f"<table>\n<tr>{head}</tr>\n")
        out.extend(rows)
        out.append("</table>\n")
    out.append("</section>\n")
    return out


def _row(row_id: str | None, cells: Iterable[str]) -> str:
    """A table row; ``cells`` are HTML already escaped by the caller."""
    attr = f' id="{_e(row_id)}"' if row_id else ""
    return f"<tr{attr}>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n"


def _entities(entities: Sequence[Mapping[str, Any]]) -> list[str]:
    rows = (
        _row(
            f"entity-{e['id']}",
            [
                _e(e["name"]),
                _e(e["type"]),
                _e(joined(e["aliases"])),
                _e(joined(e["roles"])),
                f"<code>{_e(e['id'])}</code>",
            ],
        )
        for e in entities
    )
    return _section("entities", entities, ["Name", "Type", "Aliases", "Roles", "ID"], rows)


def _attributions(
    attributions: Sequence[Mapping[str, Any]],
    headings: Mapping[str, str],
    names: Mapping[str, str],
) -> list[str]:
    def cells(a: Mapping[str, Any]) -> list[str]:
        when = said_on_phrase(a["said_on"]) if a["said_on"] is not None else ""
        span = f"<code>{_e(a['start'])}–{_e(a['end'])}</code>"
        return [
            f"{_article_link(a['article'], headings)} {span}",
            _e(mention_phrase(a["speaker"], names)),
            _e(a["cue"]["text"]),
            _e(a["mode"]),
            _e(a["stance"]),
            _e(a["content"]["text"]),
            _values([quantity_phrase(q) for q in a["quantities"]]) if a["quantities"] else "",
            _e(when),
            _e(joined([mention_phrase(v, names) for v in a["via"]], empty="")),
        ]

    columns = ["Article", "Speaker", "Cue", "Mode", "Stance", "Content", "Figures", "Said on"]
    rows = (_row(f"attribution-{a['id']}", cells(a)) for a in attributions)
    return _section("attributions", attributions, [*columns, "Via"], rows)


def _claims(
    claims: Sequence[Mapping[str, Any]],
    headings: Mapping[str, str],
    names: Mapping[str, str],
) -> list[str]:
    rows = (
        _row(
            f"claim-{c['id']}",
            [
                _e(c["summary"]),
                _e(joined([mention_phrase(s, names) for s in c["speakers"]])),
                _e(c["independent_origins"]),
                _e(c["first_seen"] or "unknown"),
                ", ".join(_article_link(a, headings) for a in c["articles"]),
                ", ".join(_anchor_link("attribution", a) for a in c["attributions"]),
                f"<code>{_e(c['id'])}</code>",
            ],
        )
        for c in claims
    )
    columns = ["Summary", "Speakers", "Independent origins", "First seen", "Articles"]
    return _section("claims", claims, [*columns, "Attributions", "ID"], rows)


def _relations(relations: Sequence[Mapping[str, Any]]) -> list[str]:
    rows = (
        _row(
            None,
            [
                _anchor_link("claim", r["a"]),
                _e(r["kind"]),
                _anchor_link("claim", r["b"]),
                _e(r["explanation"]),
            ],
        )
        for r in relations
    )
    return _section("relations", relations, ["Claim", "Relation", "Claim", "Explanation"], rows)


def _reuse(reuse: Sequence[Mapping[str, Any]], headings: Mapping[str, str]) -> list[str]:
    def passages(pair: Mapping[str, Any]) -> str:
        return _values(
            [f"{p['a_start']}–{p['a_end']} ↔ {p['b_start']}–{p['b_end']}" for p in pair["passages"]]
        )

    rows = (
        _row(
            None,
            [
                _article_link(pair["a"], headings),
                _article_link(pair["b"], headings),
                _e(pair["shared_chars"]),
                passages(pair),
            ],
        )
        for pair in reuse
    )
    columns = ["Article", "Article", "Shared characters", "Passages"]
    return _section("reuse", reuse, columns, rows)


def _stories(stories: Sequence[Mapping[str, Any]], headings: Mapping[str, str]) -> list[str]:
    rows = (
        _row(
            f"story-{s['id']}",
            [
                _e(s["label"]),
                "<br>".join(_article_link(a, headings) for a in s["articles"]),
                f"<code>{_e(s['id'])}</code>",
            ],
        )
        for s in stories
    )
    return _section("stories", stories, ["Label", "Articles", "ID"], rows)
