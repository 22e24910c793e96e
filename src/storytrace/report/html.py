"""``dossier.html``: the dossier as one self-contained, interactive page.

The page is a small shell (header with the summary, view tabs, search box) plus the dossier
as JSON in ``<script type="application/json">`` and one inline script
(``templates/viewer.js``) that draws the views from it on demand: overview, claim board,
figure timeline, status over time, sources graph, article view and search (documented in
``docs/viewer.md``). Only the view in the location hash is built, and long lists in pages,
so a dossier of hundreds of articles opens fast.

Safety: article text and metadata come from the open web. The embedded JSON escapes ``<``,
``>`` and ``&`` so no text can close the script element; the viewer builds every element
with ``createElement``/``textContent`` and never parses dossier text as HTML; the only links
it makes are in-page fragments. A Content-Security-Policy allows exactly the page's own
inline script and style (by hash) and nothing from the network.

``storytrace serve`` sends the same page from :func:`render_app_page`, without the embedded
data: the viewer then loads ``api/dossier`` and searches through the server.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources as _res
from typing import Any

from storytrace.report.layout import counts_phrase, date_range_phrase, require_dossier

__all__ = [
    "TABS",
    "content_security_policy",
    "page_data",
    "render_app_page",
    "render_html",
    "script_json",
]

#: View id → tab label, in the order of the tabs (the article and search views are reached
#: from links and the search box).
TABS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("board", "Claim board"),
    ("timeline", "Figure timeline"),
    ("status", "Status over time"),
    ("sources", "Sources"),
)

_SEARCH_KINDS = (
    ("all", "everything"),
    ("entity", "names"),
    ("text", "text"),
    ("figure", "figures"),
)
_NOSCRIPT = (
    "The views of this dossier are drawn by the script inside this page, which runs locally "
    "and fetches nothing. With scripts off, read dossier.json or dossier.md beside this file."
)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


@cache
def _template(name: str) -> str:
    return _res.files("storytrace.report").joinpath("templates", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*, api: bool = False) -> str:
    """The page's policy: its own inline script and style only; with ``api``, fetches to itself."""
    policy = [
        "default-src 'none'",
        f"script-src {_sha256(_template('viewer.js'))}",
        f"style-src {_sha256(_template('dossier.css'))}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if api:
        policy.append("connect-src 'self'")
    return "; ".join(policy)


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c``… so no string can end the element or open a
    comment; U+2028/U+2029 are escaped as well. ``JSON.parse`` reads it back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def page_data(dossier: Mapping[str, Any]) -> dict[str, Any]:
    """What the page embeds: the dossier without what no view shows (sentence boundaries)."""
    data = dict(dossier)
    data["articles"] = [
        {key: value for key, value in article.items() if key != "sentences"}
        for article in dossier["articles"]
    ]
    return data


def render_html(dossier: Mapping[str, Any]) -> str:
    """The dossier as one page that works from disk, offline (``dossier.html``)."""
    require_dossier(dossier)
    return _page(dossier, data=script_json(page_data(dossier)), api=None)


def render_app_page(dossier: Mapping[str, Any], *, api: str = "api/") -> str:
    """The same page for ``storytrace serve``: the viewer loads ``{api}dossier`` itself."""
    require_dossier(dossier)
    return _page(dossier, data=None, api=api)


def _summary_line(summary: Mapping[str, Any]) -> str:
    articles = summary["articles"]
    parts = [
        f"{articles} article{'' if articles == 1 else 's'}",
        date_range_phrase(summary),
        f"outlets: {counts_phrase(summary['outlets'])}",
        f"agencies: {counts_phrase(summary['agencies'])}",
    ]
    if summary["skipped"]:
        parts.append(f"{summary['skipped']} input(s) skipped")
    return " · ".join(parts)


def _page(dossier: Mapping[str, Any], *, data: str | None, api: str | None) -> str:
    summary = dossier["summary"]
    generator = dossier["generator"]
    tabs = "".join(f'<a href="#/{view}" data-view="{view}">{_e(label)}</a>' for view, label in TABS)
    kinds = "".join(f'<option value="{k}">{_e(label)}</option>' for k, label in _SEARCH_KINDS)
    body_attrs = f' data-api="{_e(api)}"' if api is not None else ""
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{_e(content_security_policy(api=api is not None))}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f'<meta name="generator" content="{_e(generator["name"])} {_e(generator["version"])}">\n',
        '<link rel="icon" href="data:,">\n',
        f"<title>Dossier: {_e(summary['articles'])} articles</title>\n",
        f"<style>{_template('dossier.css')}</style>\n</head>\n",
        f"<body{body_attrs}>\n",
        '<header class="top">\n<div class="brand"><h1>Dossier</h1>',
        f'<p class="lede" id="summary-line">{_e(_summary_line(summary))}</p></div>\n',
        f'<nav class="tabs" aria-label="Views">{tabs}</nav>\n',
        '<form id="search-form" role="search">'
        '<input id="search-q" type="search" name="q" aria-label="Search" '
        'placeholder="Search names, text, figures">'
        f'<select id="search-kind" name="kind" aria-label="Search in">{kinds}</select>'
        '<button type="submit">Search</button></form>\n</header>\n',
        f'<main id="view" tabindex="-1">\n<noscript><p>{_e(_NOSCRIPT)}</p></noscript>\n'
        '<p class="empty" id="loading">Loading the dossier…</p>\n</main>\n',
        f"<footer>Written by {_e(generator['name'])} {_e(generator['version'])}, dossier schema "
        f"{_e(dossier['schema_version'])}. Every statement links to its evidence: the article "
        "and the characters it was read from.</footer>\n",
    ]
    if data is not None:
        out.append(f'<script type="application/json" id="dossier-data">{data}</script>\n')
    out.append(f"<script>{_template('viewer.js')}</script>\n</body>\n</html>\n")
    return "".join(out)
