"""Report stage: building the dossier, JSON/HTML/Markdown rendering, writing the files.

All articles here are invented (a ferry dispute in the fictional town of Lindwerder, reported
by made-up outlets). ``make_article`` and ``full_dossier`` are reused by ``test_schema.py``.
"""

from __future__ import annotations

import itertools
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from storytrace.errors import StorytraceError
from storytrace.model import (
    AgencyCredit,
    AnnotatedArticle,
    CleanArticle,
    Origin,
    PartialDate,
    ReaderName,
    Removed,
    Sentence,
    Skipped,
    Span,
)
from storytrace.report import (
    SCHEMA_VERSION,
    build_dossier,
    render_html,
    render_json,
    render_markdown,
    validate_dossier,
    write_dossier,
)
from storytrace.report.layout import text_blocks
from storytrace.report.markdown import escape_inline, escape_line

FERRY_TEXT = (
    "Die Fähre „Möwe III“ bleibt vorerst im Hafen von Lindwerder.\n"
    "Bürgermeisterin Greta Ohlsen sagte, der Betrieb werde in etwa drei Wochen wieder "
    "aufgenommen.\n"
    "Warten auf Ersatzteile\n"
    "Die Hafenbehörde wies das zurück: „Vor Mai fährt da nichts.“"
)
FERRY_HEADING = "Warten auf Ersatzteile"

_SENTENCE = re.compile(r"[^.!?\n]+[.!?“]*")


def span_of(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def make_clean(
    article_id: str = "a1",
    *,
    text: str = FERRY_TEXT,
    title: str | None = "Fähre bleibt im Hafen",
    outlet: str | None = "Kiebitz-Kurier",
    outlet_evidence: str | None = "JSONL field outlet",
    published: tuple[str, str, str] | None = ("2031-03-14", "day", "dateline"),
    language: str = "de",
    agencies: tuple[tuple[str, str], ...] = (("dpa", "kk/dpa"),),
    removed: tuple[Removed, ...] = (
        Removed("Cookies zulassen", "cookie_banner", 1, "cookie_accept"),
        Removed("Foto: Kiebitz-Kurier/Hansen", "photo_credit", 4, "foto_credit"),
    ),
    headings: tuple[str, ...] = (FERRY_HEADING,),
    source: str = "feeds/kurier.jsonl",
    locator: str | None = "line 1",
    reader: ReaderName = "jsonl",
    url: str | None = None,
    encoding: str | None = None,
    encoding_note: str | None = None,
    warnings: tuple[str, ...] = (),
) -> CleanArticle:
    date = None
    if published is not None:
        value, precision, date_source = published
        assert precision in ("year", "month", "day")
        date = PartialDate(value, precision, date_source)  # type: ignore[arg-type]
    return CleanArticle(
        id=article_id,
        origin=Origin(source, reader, locator),
        text=text,
        title=title,
        outlet=outlet,
        published=date,
        language=language,
        agencies=tuple(AgencyCredit(agency, evidence) for agency, evidence in agencies),
        removed=removed,
        headings=tuple(Span(*span_of(text, h)) for h in headings),
        url=url,
        encoding=encoding,
        encoding_note=encoding_note,
        outlet_evidence=outlet_evidence,
        warnings=warnings,
    )


def annotate(article: CleanArticle) -> AnnotatedArticle:
    """A crude sentence split: enough to give the dossier real spans."""
    sentences = tuple(
        Sentence(Span(m.start(), m.end()), ()) for m in _SENTENCE.finditer(article.text)
    )
    return AnnotatedArticle(article, sentences)


def make_article(article_id: str = "a1", **kwargs: Any) -> AnnotatedArticle:
    return annotate(make_clean(article_id, **kwargs))


REPLY_TEXT = (
    "Lindwerder streitet über die Fähre.\n"
    "„Vor Mai fährt da nichts“, sagte ein Sprecher der Hafenbehörde am Dienstag."
)


def three_articles() -> list[AnnotatedArticle]:
    return [
        make_article("a1"),
        make_article(
            "b2",
            text=REPLY_TEXT,
            title="Hafenbehörde widerspricht",
            outlet="Nordmark Rundschau",
            outlet_evidence='<meta property="og:site_name">',
            published=("2031-03", "month", "crawler_header"),
            removed=(Removed("Startseite > Region > Lindwerder", "navigation", 2, "breadcrumb"),),
            agencies=(("dpa", "(dpa)"), ("afp", "(afp)"), ("dpa", "dpa/nr")),
            headings=(),
            source="crawl/nordmark.warc.gz",
            locator="record 3",
            reader="warc",
            url="https://nordmark.example/faehre",
        ),
        make_article(
            "c3",
            text="Ferry stays in port.\nThe harbour office says May at the earliest.",
            title=None,
            outlet=None,
            outlet_evidence=None,
            published=None,
            language="en",
            agencies=(),
            removed=(),
            headings=(),
            source="inbox/ferry.txt",
            locator=None,
            reader="text",
        ),
    ]


def full_dossier() -> dict[str, Any]:
    """A dossier with every finding section filled, consistent spans and references."""
    dossier = build_dossier(
        three_articles()[:2],
        skipped=[Skipped("inbox/broken.html", "not valid UTF-8", kind="encoding")],
    )
    cue = span_of(FERRY_TEXT, "sagte")
    speaker = span_of(FERRY_TEXT, "Greta Ohlsen")
    content = span_of(FERRY_TEXT, "der Betrieb werde in etwa drei Wochen wieder aufgenommen")
    sentence = span_of(FERRY_TEXT, "Bürgermeisterin Greta Ohlsen sagte, der Betrieb")
    sentence = (sentence[0], FERRY_TEXT.index("\n", sentence[0]))
    figure = span_of(FERRY_TEXT, "etwa drei Wochen")
    quote = span_of(REPLY_TEXT, "Vor Mai fährt da nichts")
    reply_sentence = span_of(REPLY_TEXT, "„Vor Mai fährt da nichts“, sagte ein Sprecher")
    reply_sentence = (reply_sentence[0], len(REPLY_TEXT))
    reply_speaker = span_of(REPLY_TEXT, "ein Sprecher der Hafenbehörde")
    dienstag = span_of(REPLY_TEXT, "am Dienstag")
    shared_a = span_of(FERRY_TEXT, "Vor Mai fährt da nichts")

    def quoted(text: str, span: tuple[int, int]) -> dict[str, Any]:
        return {"text": text[span[0] : span[1]], "start": span[0], "end": span[1]}

    dossier["entities"] = [
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
    ]
    dossier["attributions"] = [
        {
            "id": "t1",
            "article": "a1",
            "start": sentence[0],
            "end": sentence[1],
            "sentence": quoted(FERRY_TEXT, sentence),
            "speaker": {**quoted(FERRY_TEXT, speaker), "entity": "e-ohlsen"},
            "cue": quoted(FERRY_TEXT, cue),
            "mode": "indirect",
            "stance": "assert",
            "content": quoted(FERRY_TEXT, content),
            "quantities": [
                {
                    "value": 3,
                    "unit": "Wochen",
                    **quoted(FERRY_TEXT, figure),
                    "approx": True,
                    "qualifier": "etwa",
                }
            ],
            "said_on": None,
            "via": [],
        },
        {
            "id": "t2",
            "article": "b2",
            "start": reply_sentence[0],
            "end": reply_sentence[1],
            "sentence": quoted(REPLY_TEXT, reply_sentence),
            "speaker": {**quoted(REPLY_TEXT, reply_speaker), "entity": "e-hafen"},
            "cue": quoted(REPLY_TEXT, span_of(REPLY_TEXT, "sagte")),
            "mode": "direct",
            "stance": "deny",
            "content": quoted(REPLY_TEXT, quote),
            "quantities": [],
            "said_on": {"date": None, **quoted(REPLY_TEXT, dienstag)},
            "via": [{"text": "dpa", "entity": None}],
        },
    ]
    dossier["claims"] = [
        {
            "id": "c-betrieb",
            "attributions": ["t1"],
            "articles": ["a1"],
            "speakers": [{"text": "Greta Ohlsen", "entity": "e-ohlsen"}],
            "independent_origins": 1,
            "first_seen": "2031-03-14",
            "summary": "Die Fähre fährt in etwa drei Wochen wieder.",
            "origins": ["Greta Ohlsen"],
            "stance": "assert",
            "figures": [],
        },
        {
            "id": "c-mai",
            "attributions": ["t2"],
            "articles": ["b2"],
            "speakers": [{"text": "Hafenbehörde", "entity": "e-hafen"}],
            "independent_origins": 1,
            "first_seen": "2031-03",
            "summary": "Vor Mai fährt die Fähre nicht.",
            "origins": ["Hafenbehörde"],
            "stance": "deny",
            "figures": [],
        },
    ]
    dossier["relations"] = [
        {
            "kind": "contradicts",
            "a": "c-mai",
            "b": "c-betrieb",
            "explanation": "May is more than three weeks after 14 March.",
        }
    ]
    dossier["reuse"] = [
        {
            "a": "a1",
            "b": "b2",
            "shared_chars": quote[1] - quote[0],
            "passages": [
                {
                    "a_start": shared_a[0],
                    "a_end": shared_a[1],
                    "b_start": quote[0],
                    "b_end": quote[1],
                }
            ],
        }
    ]
    dossier["stories"] = [{"id": "s1", "articles": ["a1", "b2"], "label": "Fähre Lindwerder"}]
    return dossier


# --- build_dossier -----------------------------------------------------------------------


def test_built_dossier_validates() -> None:
    dossier = build_dossier(three_articles(), skipped=[Skipped("x.bin", "binary file")])
    validate_dossier(dossier)


def test_empty_dossier_validates() -> None:
    dossier = build_dossier([])
    validate_dossier(dossier)
    assert dossier["summary"]["date_range"] == {"first": None, "last": None}


def test_articles_are_ordered_by_date_then_id_undated_last() -> None:
    articles = [
        make_article("z9", published=None),
        make_article("b2", published=("2031-03-14", "day", "text")),
        make_article("a1", published=("2031-03-14", "day", "text")),
        make_article("m5", published=("2031-03", "month", "text")),
        make_article("y8", published=("2030", "year", "url")),
    ]
    ids = [a["id"] for a in build_dossier(articles)["articles"]]
    assert ids == ["y8", "m5", "a1", "b2", "z9"]


def test_summary_counts() -> None:
    dossier = build_dossier(
        three_articles(),
        skipped=[Skipped("a.bin", "binary"), Skipped("b.warc", "truncated", "record 9")],
    )
    assert dossier["summary"] == {
        "articles": 3,
        "languages": {"de": 2, "en": 1},
        "outlets": {"Kiebitz-Kurier": 1, "Nordmark Rundschau": 1},
        # b2 credits dpa twice; it counts once per article.
        "agencies": {"afp": 1, "dpa": 2},
        "date_range": {"first": "2031-03", "last": "2031-03-14"},
        "skipped": 2,
    }


def test_article_item_fields() -> None:
    dossier = build_dossier(
        [
            make_article(
                "b2",
                agencies=(("dpa", "(dpa)"), ("afp", "(afp)"), ("dpa", "dpa/nr")),
                encoding="windows-1252",
                encoding_note="detected (confidence 0.91)",
                warnings=("feed entry had no date",),
            )
        ]
    )
    item = dossier["articles"][0]
    assert item["source"] == "feeds/kurier.jsonl (line 1)"
    assert item["sources"] == ["feeds/kurier.jsonl (line 1)"]
    assert item["reader"] == "jsonl"
    assert (item["published"], item["published_precision"], item["published_source"]) == (
        "2031-03-14",
        "day",
        "dateline",
    )
    assert item["agencies"] == ["dpa", "afp"]
    assert [c["evidence"] for c in item["agency_credits"]] == ["(dpa)", "(afp)", "dpa/nr"]
    assert item["encoding"] == "windows-1252"
    assert item["encoding_note"] == "detected (confidence 0.91)"
    assert item["warnings"] == ["feed entry had no date"]
    assert item["removed"][0] == {
        "text": "Cookies zulassen",
        "reason": "cookie_banner",
        "line": 1,
        "pattern": "cookie_accept",
    }
    heading = item["headings"][0]
    assert item["text"][heading["start"] : heading["end"]] == FERRY_HEADING
    assert len(item["sentences"]) == 4
    first = item["sentences"][0]
    assert item["text"][first["start"] : first["end"]].startswith("Die Fähre")


def test_undated_article_has_null_date_fields() -> None:
    item = build_dossier([make_article(published=None)])["articles"][0]
    assert (item["published"], item["published_precision"], item["published_source"]) == (
        None,
        None,
        None,
    )


def test_finding_sections_without_annotations() -> None:
    """Articles without annotations give no findings, but every article is in a story."""
    articles = three_articles()
    dossier = build_dossier(articles)
    for section in ("entities", "attributions", "claims", "relations"):
        assert dossier[section] == []
    in_stories = sorted(a for s in dossier["stories"] for a in s["articles"])
    assert in_stories == sorted(a.article.id for a in articles)


def test_generator_and_schema_version() -> None:
    dossier = build_dossier([])
    assert dossier["schema_version"] == SCHEMA_VERSION == "1.0"
    assert dossier["generator"] == {"name": "storytrace", "version": metadata.version("storytrace")}


def test_skipped_items() -> None:
    dossier = build_dossier(
        [], skipped=[Skipped("crawl.warc", "record is cut off", "record 7", "truncated")]
    )
    assert dossier["skipped"] == [
        {
            "source": "crawl.warc",
            "locator": "record 7",
            "kind": "truncated",
            "problem": "record is cut off",
        }
    ]


def test_sources_from_the_store() -> None:
    articles = three_articles()
    dossier = build_dossier(
        articles,
        sources={
            "a1": ["feeds/kurier.jsonl (line 1)", "mirror/kurier.html", "mirror/kurier.html"],
            "zz": ["an article not in this dossier is ignored"],
        },
    )
    by_id = {a["id"]: a for a in dossier["articles"]}
    assert by_id["a1"]["sources"] == ["feeds/kurier.jsonl (line 1)", "mirror/kurier.html"]
    assert by_id["a1"]["source"] == "feeds/kurier.jsonl (line 1)"
    assert by_id["b2"]["sources"] == ["crawl/nordmark.warc.gz (record 3)"]
    validate_dossier(dossier)


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ({"a1": "feeds/kurier.jsonl"}, "must be a list of sources"),
        ({"a1": []}, "is empty"),
        ({"a1": ["ok", ""]}, "non-empty path or URL"),
    ],
)
def test_bad_sources_are_refused(sources: dict[str, Any], message: str) -> None:
    with pytest.raises(StorytraceError, match=message):
        build_dossier([make_article("a1")], sources=sources)


def test_duplicate_article_id_is_refused_naming_both_sources() -> None:
    with pytest.raises(StorytraceError) as info:
        build_dossier([make_article("a1"), make_article("a1", source="other.txt", locator=None)])
    assert "feeds/kurier.jsonl (line 1)" in str(info.value)
    assert "other.txt" in str(info.value)


# --- render_json --------------------------------------------------------------------------


def test_render_json_is_deterministic() -> None:
    first = render_json(build_dossier(three_articles()))
    second = render_json(build_dossier(three_articles()))
    assert first == second
    assert first.endswith("}\n")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_render_json_does_not_depend_on_input_order(order: tuple[int, ...]) -> None:
    articles = three_articles()
    shuffled = [articles[i] for i in order]
    assert render_json(build_dossier(shuffled)) == render_json(build_dossier(articles))


def test_render_json_reorders_articles_and_keeps_characters() -> None:
    dossier = build_dossier(three_articles())
    dossier["articles"].reverse()
    text = render_json(dossier)
    assert [a["id"] for a in json.loads(text)["articles"]] == ["b2", "a1", "c3"]
    assert "Fähre „Möwe III“" in text
    assert "\\u" not in text
    assert json.loads(text)["summary"] == dossier["summary"]


def test_render_json_refuses_nan() -> None:
    dossier = full_dossier()
    dossier["attributions"][0]["quantities"][0]["value"] = float("nan")
    with pytest.raises(StorytraceError, match="cannot be written as JSON"):
        render_json(dossier)


# --- render_html --------------------------------------------------------------------------
# The interactive page (views, escaping, speed, the browser) is tested in test_html_report.py
# and test_browser.py.

HOSTILE = '<script>alert(1)</script> <a href="javascript:alert(2)">klick</a> & <img src=x>'


def test_html_shows_url_as_text_not_link() -> None:
    page = render_html(build_dossier(three_articles()))
    assert "https://nordmark.example/faehre" in page
    assert 'href="https://' not in page


def test_renderers_refuse_something_that_is_not_a_dossier() -> None:
    for render in (render_html, render_markdown):
        with pytest.raises(StorytraceError, match=r"missing .*articles"):
            render({"schema_version": "1.0"})


@pytest.mark.parametrize(
    ("text", "headings", "expected"),
    [
        ("Eins\nZwei", [], [("paragraph", "Eins"), ("paragraph", "Zwei")]),
        ("Eins\n\n  \nZwei  ", [], [("paragraph", "Eins"), ("paragraph", "Zwei")]),
        (
            "Titel\nText",
            [{"start": 0, "end": 5}],
            [("heading", "Titel"), ("paragraph", "Text")],
        ),
        (
            "Text\nMitte\nMehr",
            [{"start": 5, "end": 10}],
            [("paragraph", "Text"), ("heading", "Mitte"), ("paragraph", "Mehr")],
        ),
        # Overlapping and out-of-range spans are not headings; their text stays.
        (
            "Kopf\nText",
            [{"start": 0, "end": 4}, {"start": 2, "end": 6}, {"start": 5, "end": 99}],
            [("heading", "Kopf"), ("paragraph", "Text")],
        ),
        ("", [], []),
    ],
)
def test_text_blocks(
    text: str, headings: list[dict[str, int]], expected: list[tuple[str, str]]
) -> None:
    assert text_blocks(text, headings) == expected


# --- render_markdown ----------------------------------------------------------------------


def test_markdown_contains_titles_text_and_removed() -> None:
    md = render_markdown(build_dossier(three_articles()))
    assert md.startswith("# Dossier\n")
    assert "## Fähre bleibt im Hafen" in md
    assert "## Hafenbehörde widerspricht" in md
    assert "## (untitled) — inbox/ferry.txt" in md
    assert "### Warten auf Ersatzteile" in md
    assert "### Removed boilerplate (2)" in md
    assert "- **cookie_banner** (pattern `cookie_accept`, line 1): Cookies zulassen" in md
    assert "- **photo_credit**" in md
    assert "- **Agencies:**\n  - dpa, credited as “(dpa)”" in md
    assert "*No claims in this dossier.*" in md


def test_markdown_renders_filled_sections() -> None:
    md = render_markdown(full_dossier())
    assert "**Greta Ohlsen** (person, `e-ohlsen`)" in md
    assert "“etwa drei Wochen” = 3 Wochen (approx., qualifier: etwa)" in md
    assert "`c-mai` **contradicts** `c-betrieb`" in md
    assert "## Skipped inputs" in md and "not valid UTF-8" in md
    assert "said on: am Dienstag → unresolved" in md
    assert "1 independent origin;" in md


def test_markdown_escapes_hostile_text() -> None:
    article = make_article(
        "x1",
        text=f"{HOSTILE}\n- keine Liste\n2031. Kein Listeneintrag",
        title="# *Titel* #",
        headings=(),
    )
    md = render_markdown(build_dossier([article]))
    assert re.search(r"(?<!\\)<(script|img)", md) is None
    assert "\\<script>" in md
    assert "## # \\*Titel\\* \\#\n" in md
    assert "\n\\- keine Liste\n" in md
    assert "\n2031\\. Kein Listeneintrag\n" in md


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Plain news text stays as it is.
        ("Die Fähre fährt am 3. April wieder.", "Die Fähre fährt am 3. April wieder."),
        ("„Vor Mai“ – sagt sie. 50 % mehr!", "„Vor Mai“ – sagt sie. 50 % mehr!"),
        ("Preis: 3.000 Euro (brutto)", "Preis: 3.000 Euro (brutto)"),
        ("A & B", "A & B"),
        ("Mitte - Strich", "Mitte - Strich"),
        # Markdown-significant characters are escaped.
        ("*wichtig* und _so_", "\\*wichtig\\* und \\_so\\_"),
        ("[Link](x) `code`", "\\[Link\\](x) \\`code\\`"),
        ("<b>fett</b>", "\\<b>fett\\</b>"),
        ("&amp; bleibt", "&amp;amp; bleibt"),
        ("C:\\pfad", "C:\\\\pfad"),
        ("snake_case bleibt, __init__ nicht", "snake_case bleibt, \\_\\_init\\_\\_ nicht"),
        # Block markers only at the start of a line.
        ("# Kein Titel", "\\# Kein Titel"),
        ("> kein Zitat", "\\> kein Zitat"),
        ("- kein Punkt", "\\- kein Punkt"),
        ("+ kein Punkt", "\\+ kein Punkt"),
        ("===", "\\==="),
        ("1. Liga", "1\\. Liga"),
        ("2031) Jahr", "2031\\) Jahr"),
        ("2031.", "2031\\."),
        ("2031.05 bleibt", "2031.05 bleibt"),
    ],
)
def test_escape_line(line: str, expected: str) -> None:
    assert escape_line(line) == expected


def test_escape_inline_collapses_newlines() -> None:
    assert escape_inline("eins\nzwei\t drei") == "eins zwei drei"


# --- write_dossier ------------------------------------------------------------------------


def test_write_dossier_writes_three_files(tmp_path: Path) -> None:
    dossier = full_dossier()
    out = tmp_path / "out" / "nested"
    paths = write_dossier(dossier, out)
    assert [p.name for p in paths] == ["dossier.json", "dossier.html", "dossier.md"]
    assert paths[0].read_text(encoding="utf-8") == render_json(dossier)
    assert paths[1].read_text(encoding="utf-8") == render_html(dossier)
    assert paths[2].read_text(encoding="utf-8") == render_markdown(dossier)
    assert sorted(p.name for p in out.iterdir()) == ["dossier.html", "dossier.json", "dossier.md"]
    validate_dossier(json.loads(paths[0].read_text(encoding="utf-8")))


def test_write_dossier_overwrites_previous_run(tmp_path: Path) -> None:
    write_dossier(build_dossier(three_articles()), tmp_path)
    write_dossier(build_dossier([]), tmp_path)
    assert json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))["articles"] == []
    assert len(list(tmp_path.iterdir())) == 3


def test_write_dossier_refuses_invalid_dossier_and_writes_nothing(tmp_path: Path) -> None:
    dossier = build_dossier(three_articles())
    dossier["articles"][0]["language"] = "Deutsch"
    with pytest.raises(StorytraceError, match=r"\$\.articles\[0\]\.language"):
        write_dossier(dossier, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_write_dossier_refuses_file_as_directory(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(StorytraceError, match="not a directory"):
        write_dossier(build_dossier([]), blocker)
