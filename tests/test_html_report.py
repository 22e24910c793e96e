"""``dossier.html``: the self-contained interactive page (report/html.py, templates/).

The page is checked here as a document (what it loads, its policy, the embedded data, its
escaping, its speed); test_browser.py clicks through it in Chromium. ``synthetic_dossier``
builds an invented story (a ferry in the fictional town of Lindwerder) of any size with every
section filled and valid spans; ``hostile_article`` is an article written to attack the page.
Both are reused by test_serve.py, test_browser.py and test_load_serve.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import time
from html.parser import HTMLParser
from typing import Any

import pytest

from storytrace.report import render_html, validate_dossier
from storytrace.report.html import (
    content_security_policy,
    page_data,
    render_app_page,
    script_json,
)

OUTLETS = ("Kiebitz-Kurier", "Nordmark Rundschau", "Hafenblatt", "Lindwerder Anzeiger")
FIGURES = (150, 300, 1000, 1200)
ENTITIES = [
    {
        "id": "e-ohlsen",
        "name": "Greta Ohlsen",
        "type": "person",
        "aliases": ["Ohlsen"],
        "roles": ["Bürgermeisterin von Lindwerder"],
    },
    {
        "id": "e-hafen",
        "name": "Hafenbehörde Lindwerder",
        "type": "organization",
        "aliases": ["Hafenbehörde"],
        "roles": [],
    },
    {
        "id": "e-min",
        "name": "Verkehrsministerium",
        "type": "organization",
        "aliases": [],
        "roles": [],
    },
    {"id": "e-dpa", "name": "dpa", "type": "media", "aliases": [], "roles": ["Nachrichtenagentur"]},
]
HOSTILE_ID = "x0000000000000001"
XSS_LINE = (
    'Evil<img src=x onerror="window.__xss=2"> sagte, <script>window.__xss=3</script> sei harmlos.'
)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _text_span(text: str, needle: str, after: int = 0) -> dict[str, Any]:
    start, end = _span(text, needle, after)
    return {"text": needle, "start": start, "end": end}


def _sentences(text: str) -> list[dict[str, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append({"start": pos, "end": pos + len(line)})
        pos += len(line) + 1
    return out


def _article(article_id: str, i: int, text: str, **extra: Any) -> dict[str, Any]:
    day = 1 + i % 20
    published = f"2031-03-{day:02d}" if i % 5 else "2031-03"
    outlet = OUTLETS[i % len(OUTLETS)]
    item: dict[str, Any] = {
        "id": article_id,
        "source": f"feeds/ferry-{i}.jsonl (line 1)",
        "sources": [f"feeds/ferry-{i}.jsonl (line 1)"],
        "reader": "jsonl",
        "url": f"https://lindwerder.example/{i}",
        "title": f"Fähre bleibt im Hafen ({i})",
        "outlet": outlet,
        "outlet_evidence": "JSONL field outlet",
        "published": published,
        "published_precision": "day" if i % 5 else "month",
        "published_source": "dateline",
        "language": "de",
        "agencies": ["dpa"] if i % 2 else [],
        "agency_credits": [{"agency": "dpa", "evidence": "(dpa)"}] if i % 2 else [],
        "encoding": None,
        "encoding_note": None,
        "text": text,
        "headings": [],
        "sentences": _sentences(text),
        "removed": [
            {
                "text": "Cookies zulassen",
                "reason": "cookie_banner",
                "line": 1,
                "pattern": "cookie_accept",
            },
            {
                "text": "Foto: Kurier/Hansen",
                "reason": "photo_credit",
                "line": 4,
                "pattern": "foto_credit",
            },
        ],
        "warnings": [],
    }
    item.update(extra)
    return item


def _ferry_article(i: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One article and its three to four attributions, every span checked by validation."""
    figure = FIGURES[min(len(FIGURES) - 1, i // 3)] if i < 12 else FIGURES[i % len(FIGURES)]
    lead = "🚢 " if i % 3 == 0 else ""  # a character outside the BMP: offsets are code points
    lines = [
        "Die Fähre „Möwe III“ bleibt vorerst im Hafen von Lindwerder.",
        f"{lead}Bürgermeisterin Greta Ohlsen sagte am Montag, {figure} Fahrgäste seien betroffen.",
        "Die Hafenbehörde wies das zurück: „Vor Mai fährt da nichts.“",
        "Das Verkehrsministerium konnte das nicht bestätigen.",
    ]
    if i % 4 == 3:
        lines.append("Das Verkehrsministerium bestätigte am Freitag den Ausfall.")
    text = "\n".join(lines)
    article_id = f"a{i:015x}"
    article = _article(article_id, i, text)
    said_date = article["published"] if article["published_precision"] == "day" else None
    l1 = text.index("Bürgermeisterin")
    s1_end = text.index("\n", l1)
    content1 = _text_span(text, f"{figure} Fahrgäste seien betroffen", l1)
    qty = _text_span(text, f"{figure} Fahrgäste", l1)
    atts = [
        {
            "id": f"t{i:06d}a",
            "article": article_id,
            "start": l1,
            "end": s1_end,
            "sentence": {"text": text[l1:s1_end], "start": l1, "end": s1_end},
            "speaker": {"entity": "e-ohlsen", **_text_span(text, "Greta Ohlsen", l1)},
            "cue": _text_span(text, "sagte", l1),
            "mode": "indirect",
            "stance": "assert",
            "content": content1,
            "quantities": [
                {
                    "value": figure,
                    "unit": "Fahrgäste",
                    "text": qty["text"],
                    "start": qty["start"],
                    "end": qty["end"],
                    "approx": i % 2 == 1,
                    "qualifier": None,
                }
            ],
            "said_on": {"date": said_date, **_text_span(text, "am Montag", l1)},
            "via": [{"text": "dpa", "entity": "e-dpa"}] if i % 2 else [],
        }
    ]
    l2 = text.index("Die Hafenbehörde")
    s2_end = text.index("\n", l2)
    atts.append(
        {
            "id": f"t{i:06d}b",
            "article": article_id,
            "start": l2,
            "end": s2_end,
            "sentence": {"text": text[l2:s2_end], "start": l2, "end": s2_end},
            "speaker": {"entity": "e-hafen", **_text_span(text, "Die Hafenbehörde", l2)},
            "cue": _text_span(text, "wies das zurück", l2),
            "mode": "direct",
            "stance": "deny",
            "content": _text_span(text, "Vor Mai fährt da nichts.", l2),
            "quantities": [],
            "said_on": None,
            "via": [],
        }
    )
    l3 = text.index("Das Verkehrsministerium konnte")
    s3_end = l3 + len(lines[3])
    atts.append(
        {
            "id": f"t{i:06d}c",
            "article": article_id,
            "start": l3,
            "end": s3_end,
            "sentence": {"text": text[l3:s3_end], "start": l3, "end": s3_end},
            "speaker": {"entity": "e-min", **_text_span(text, "Das Verkehrsministerium", l3)},
            "cue": _text_span(text, "konnte das nicht bestätigen", l3),
            "mode": "reported",
            "stance": "unconfirmed",
            "content": _text_span(text, "das", l3 + 24),
            "quantities": [],
            "said_on": None,
            "via": [],
        }
    )
    if i % 4 == 3:
        l4 = text.index("Das Verkehrsministerium bestätigte")
        atts.append(
            {
                "id": f"t{i:06d}d",
                "article": article_id,
                "start": l4,
                "end": len(text),
                "sentence": {"text": text[l4:], "start": l4, "end": len(text)},
                "speaker": {"entity": "e-min", **_text_span(text, "Das Verkehrsministerium", l4)},
                "cue": _text_span(text, "bestätigte", l4),
                "mode": "reported",
                "stance": "confirm",
                "content": _text_span(text, "den Ausfall", l4),
                "quantities": [],
                "said_on": {"date": None, **_text_span(text, "am Freitag", l4)},
                "via": [],
            }
        )
    return article, atts


def hostile_article() -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """An article written to attack the page: markup, script, javascript: links, comments."""
    lines = [
        '</script><script>window.__xss=1</script><!-- <a href="javascript:alert(2)">klick</a>',
        XSS_LINE,
        "\u2028Zeilentrenner\u2029 & &amp; <style>body{display:none}</style>",
    ]
    text = "\n".join(lines)
    article = _article(
        HOSTILE_ID,
        7,
        text,
        title='<script>window.__xss="title"</script>',
        outlet='<img src=x onerror="window.__xss=4">',
        url="javascript:window.__xss=5",
        warnings=['<b onmouseover="window.__xss=6">warn</b>'],
        agencies=[],
        agency_credits=[],
    )
    article["removed"] = [
        {
            "text": "<script>window.__xss=7</script>",
            "reason": "caption",
            "line": 2,
            "pattern": "caption_line",
        }
    ]
    l1 = text.index("Evil")
    end = l1 + len(XSS_LINE)
    entity = {
        "id": "e-evil",
        "name": '<svg onload="window.__xss=8">Evil</svg>',
        "type": "person",
        "aliases": [],
        "roles": ['<a href="javascript:window.__xss=9">role</a>'],
    }
    att = {
        "id": "t-evil",
        "article": HOSTILE_ID,
        "start": l1,
        "end": end,
        "sentence": {"text": text[l1:end], "start": l1, "end": end},
        "speaker": {
            "entity": "e-evil",
            **_text_span(text, 'Evil<img src=x onerror="window.__xss=2">', l1),
        },
        "cue": _text_span(text, "sagte", l1),
        "mode": "indirect",
        "stance": "deny",
        "content": _text_span(text, "<script>window.__xss=3</script> sei harmlos", l1),
        "quantities": [],
        "said_on": None,
        "via": [],
    }
    return article, [att], entity


def synthetic_dossier(n: int, *, findings: bool = True, hostile: bool = False) -> dict[str, Any]:
    """An invented, valid dossier of ``n`` ferry articles (plus the hostile one if asked)."""
    articles: list[dict[str, Any]] = []
    attributions: list[dict[str, Any]] = []
    for i in range(n):
        article, atts = _ferry_article(i)
        articles.append(article)
        attributions.extend(atts)
    entities = [dict(e) for e in ENTITIES]
    if hostile:
        article, atts, entity = hostile_article()
        articles.append(article)
        attributions.extend(atts)
        entities.append(entity)
    articles.sort(key=lambda a: (a["published"] is None, a["published"] or "", a["id"]))
    claims: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    reuse: list[dict[str, Any]] = []
    stories: list[dict[str, Any]] = []
    if findings and n:
        by_id = {a["id"]: a for a in articles}
        for figure in FIGURES:
            group = [
                t for t in attributions if t["quantities"] and t["quantities"][0]["value"] == figure
            ]
            if not group:
                continue
            arts = sorted({t["article"] for t in group})
            claims.append(
                {
                    "id": f"c-{figure}",
                    "attributions": [t["id"] for t in group],
                    "articles": arts,
                    "speakers": [{"text": "Greta Ohlsen", "entity": "e-ohlsen"}],
                    "independent_origins": min(3, len(arts)),
                    "first_seen": min(by_id[a]["published"] for a in arts),
                    "summary": f"{figure} Fahrgäste sind betroffen.",
                    "origins": ["Greta Ohlsen"],
                    "stance": "assert",
                    "figures": [{"value": figure, "unit": "fahrgäste"}],
                }
            )
        denies = [t for t in attributions if t["stance"] == "deny" and t["article"] != HOSTILE_ID]
        claims.append(
            {
                "id": "c-mai",
                "attributions": [t["id"] for t in denies],
                "articles": sorted({t["article"] for t in denies}),
                "speakers": [{"text": "Hafenbehörde", "entity": "e-hafen"}],
                "independent_origins": 1,
                "first_seen": min(by_id[t["article"]]["published"] for t in denies),
                "summary": "Vor Mai fährt die Fähre nicht.",
                "origins": ["Hafenbehörde"],
                "stance": "deny",
                "figures": [],
            }
        )
        ids = [c["id"] for c in claims]
        for a, b in zip(ids[1:-1], ids[:-2], strict=True):
            relations.append({"kind": "updates", "a": a, "b": b, "explanation": f"{a} statt {b}."})
        relations.append({"kind": "contradicts", "a": "c-mai", "b": ids[0], "explanation": "Mai."})
        first = articles[0]["text"]
        line = first.index("\n")
        for other in articles[1:3]:
            reuse.append(
                {
                    "a": articles[0]["id"],
                    "b": other["id"],
                    "shared_chars": line,
                    "passages": [{"a_start": 0, "a_end": line, "b_start": 0, "b_end": line}],
                }
            )
        stories.append(
            {"id": "s1", "articles": [a["id"] for a in articles], "label": "Fähre Lindwerder"}
        )
    outlets: dict[str, int] = {}
    agencies: dict[str, int] = {}
    for a in articles:
        outlets[a["outlet"]] = outlets.get(a["outlet"], 0) + 1
        for g in a["agencies"]:
            agencies[g] = agencies.get(g, 0) + 1
    dates = sorted(a["published"] for a in articles if a["published"])
    dossier = {
        "schema_version": "1.0",
        "generator": {"name": "storytrace", "version": "0.1.0"},
        "summary": {
            "articles": len(articles),
            "languages": {"de": len(articles)} if articles else {},
            "outlets": dict(sorted(outlets.items())),
            "agencies": dict(sorted(agencies.items())),
            "date_range": {
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
            },
            "skipped": 0,
        },
        "articles": articles,
        "entities": entities,
        "attributions": attributions,
        "claims": claims,
        "relations": relations,
        "reuse": reuse,
        "stories": stories,
        "figures": [],
        "status": [],
        "skipped": [],
    }
    validate_dossier(dossier)
    return dossier


# --- the page as a document -----------------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"}


class _Parsed(HTMLParser):
    """Tags, URL-valued attributes, event handlers and script bodies a browser would see."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._in: tuple[str, dict[str, str | None]] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in _URL_ATTRIBUTES:
                self.urls.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)
        if tag in ("script", "style"):
            self._in = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            tag, attrs = self._in
            if tag == "script":
                self.scripts.append((attrs, data))
            else:
                self.styles.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in = None


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    return synthetic_dossier(12, hostile=True)


@pytest.fixture(scope="module")
def page(dossier: dict[str, Any]) -> str:
    return render_html(dossier)


def test_page_loads_nothing_from_outside(page: str) -> None:
    parsed = _Parsed(page)
    assert [u for u in parsed.urls if not u.startswith("#")] == ["data:,"]  # the empty favicon
    assert parsed.handlers == []
    assert not {"img", "iframe", "object", "embed", "base"} & set(parsed.tags)
    assert [attrs.get("src") for attrs, _ in parsed.scripts] == [None, None]
    for fetching in ("@import", '<link rel="stylesheet'):
        assert fetching not in page
    assert re.findall(r"url\((?!#)", page) == []  # url(#arrow): an SVG marker in the page
    # the only absolute URLs are the SVG namespace and the articles' URLs (data, shown as text)
    urls = set(re.findall(r"https?://[^\s\"'<>\\]+", page))
    assert urls - {f"https://lindwerder.example/{i}" for i in range(12)} == {
        "http://www.w3.org/2000/svg"
    }


def test_policy_allows_exactly_the_inline_script_and_style(page: str) -> None:
    parsed = _Parsed(page)
    viewer = [body for attrs, body in parsed.scripts if attrs.get("type") is None]
    assert len(viewer) == 1 and len(parsed.styles) == 1
    policy = content_security_policy()
    assert f"script-src {_sha(viewer[0])}" in policy
    assert f"style-src {_sha(parsed.styles[0])}" in policy
    assert "default-src 'none'" in policy and "connect-src" not in policy
    assert f'content="{policy}"' in page.replace("&#x27;", "'")
    assert "connect-src 'self'" in content_security_policy(api=True)


def test_embedded_data_is_the_dossier_and_cannot_break_out(
    dossier: dict[str, Any], page: str
) -> None:
    parsed = _Parsed(page)
    data = [body for attrs, body in parsed.scripts if attrs.get("type") == "application/json"]
    assert len(data) == 1
    assert json.loads(data[0]) == page_data(dossier)
    assert "<" not in data[0] and ">" not in data[0] and "&" not in data[0]
    assert "\u2028" not in data[0] and "\u2029" not in data[0]
    assert "sentences" not in json.loads(data[0])["articles"][0]


def test_hostile_text_appears_only_escaped(page: str) -> None:
    # every '<script' in the page is one of ours: the data block and the viewer
    assert page.lower().count("<script") == 2
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", 'href="javascript:'):
        assert raw not in page
    assert page.count("</script>") == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("<!--", '"\\u003c!--"'),
        ("a & b", '"a \\u0026 b"'),
        ("\u2028", '"\\u2028"'),
        ("„Zitat“", '"„Zitat“"'),
    ],
)
def test_script_json_escapes(text: str, expected: str) -> None:
    assert script_json(text) == expected
    assert json.loads(script_json(text)) == text


def test_page_is_deterministic(dossier: dict[str, Any], page: str) -> None:
    assert render_html(dossier) == page


def test_summary_is_in_the_page_without_scripts(page: str) -> None:
    assert "13 articles · 2031-03 to 2031-03-12" in page
    assert "outlets: " in page and "agencies: dpa 6" in page
    assert "<noscript>" in page
    for view in ("overview", "board", "timeline", "status", "sources"):
        assert f'href="#/{view}"' in page


def test_app_page_fetches_from_the_api_and_embeds_nothing(dossier: dict[str, Any]) -> None:
    app_page = render_app_page(dossier)
    assert 'data-api="api/"' in app_page
    assert 'id="dossier-data"' not in app_page
    assert "connect-src 'self'" in app_page.replace("&#x27;", "'")
    assert len(app_page) < 120_000


def test_300_articles_render_fast_and_stay_small() -> None:
    dossier = synthetic_dossier(300)
    started = time.perf_counter()
    page = render_html(dossier)
    elapsed = time.perf_counter() - started
    print(f"\nrender_html: 300 articles, {len(page) / 1e6:.2f} MB, {elapsed * 1000:.0f} ms")
    assert elapsed < 1.0, f"render_html took {elapsed:.2f}s for 300 articles"
    # the page is the data plus a fixed shell: no per-article markup
    assert len(page) < len(json.dumps(page_data(dossier), ensure_ascii=False)) * 1.2 + 150_000


def test_empty_dossier_renders() -> None:
    page = render_html(synthetic_dossier(0, findings=False))
    assert "0 articles · no dates known" in page
