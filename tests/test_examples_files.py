"""The bundled example articles (``examples/``) exist, parse, and keep what their README promises.

``examples/README.md`` is the labelled reference for the invented Talme story: a table of
articles and tables of evidence (figures, stances, quotes, dates, boilerplate). These tests read
that README and check every evidence string against the article it names, so the reference and
the files cannot drift apart. They use only the standard library and the pinned readers
(feedparser, warcio, charset-normalizer), never storytrace itself: they test the data.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import feedparser
import pytest
from charset_normalizer import from_bytes
from warcio.archiveiterator import ArchiveIterator

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
README = EXAMPLES / "README.md"
#: The articles themselves; README.md and make_warc.py sit one level up, outside any directory run.
ARTICLES = EXAMPLES / "articles"
JSONL = "feeds/newsdesk-export.jsonl"
FEED = "feeds/burgdorner-kreisblatt.xml"
CP1252_FILE = "scraped/mittelland-rundschau_landrat.txt"
WARC = "crawl/wendelsauer-anzeiger_2024-03-15.warc.gz"
HTML_PAGES = ("html/bergland-nachrichten_talme.html", "html/ebledger_halverton-pledge.html")
NOT_ARTICLES = frozenset({"README.md", "make_warc.py"})

# The wire paragraph: the reference copy (A2) and the other outlets that reprint it.
WIRE_REFERENCE = "A2"
WIRE_COPIES = ("A3", "A4")
WIRE_OPENING = "Nach der Gewässerverunreinigung in der Talme"
REUSE_THRESHOLD = 0.7
# Below this, a paragraph is not a copy of the wire paragraph (unrelated paragraphs of the
# same story share place names and score about 0.1-0.2).
NOT_REUSE_CEILING = 0.4


# --- reading the README -------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _readme_tables() -> list[list[dict[str, str]]]:
    """Every Markdown table in the README as a list of rows keyed by header."""
    tables: list[list[dict[str, str]]] = []
    lines = README.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines) - 1:
        if lines[i].startswith("|") and re.fullmatch(r"\|(\s*-+\s*\|)+\s*", lines[i + 1]):
            header = _cells(lines[i])
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(dict(zip(header, _cells(lines[i]), strict=True)))
                i += 1
            tables.append(rows)
        else:
            i += 1
    return tables


def _backticked(cell: str) -> str | None:
    found = re.findall(r"`([^`]+)`", cell)
    if not found:
        return None
    assert len(found) == 1, f"README cell has more than one evidence snippet: {cell!r}"
    return str(found[0])


@cache
def inventory() -> dict[str, dict[str, str]]:
    """The README's article table, by article id (A1, A2, …)."""
    for table in _readme_tables():
        if table and {"id", "file", "language", "date evidence"} <= table[0].keys():
            return {row["id"]: row for row in table}
    raise AssertionError("examples/README.md has no article table (id, file, …, date evidence)")


def article_ids() -> list[str]:
    """A1, A2, … in publication order."""
    return sorted(inventory(), key=lambda article_id: int(article_id[1:]))


def evidence_rows() -> list[tuple[str, str, str]]:
    """(article id, evidence, row label) for every README table with evidence per article."""
    rows = []
    for table in _readme_tables():
        if not table or not {"evidence", "article"} <= table[0].keys():
            continue
        for row in table:
            snippet = _backticked(row["evidence"])
            assert snippet is not None, f"README evidence cell without `…`: {row}"
            label = row.get("#") or row.get("phrase") or row.get("reason") or row.get("form") or ""
            rows.append((row["article"], snippet, label))
    return rows


# --- reading the articles -----------------------------------------------------------------

# Elements that start a new paragraph in the extracted text.
# fmt: off
_BLOCK_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "li", "ul", "ol", "div", "figcaption", "figure", "header",
    "footer", "nav", "aside", "article", "main", "section", "br", "title", "button", "time",
})
# fmt: on


class _TextCollector(HTMLParser):
    """Visible text of an HTML page, one block element per paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def html_text(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


class _TagCollector(HTMLParser):
    """Start tags with their attributes, and the text inside each tag name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("meta", "link", "img", "br", "input"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in set(self._open):
            self.text.setdefault(tag, []).append(data)


def tags_of(html: str) -> _TagCollector:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector


def _split_locator(locator: str) -> tuple[Path, int | None]:
    name, _, index = locator.partition("#")
    return ARTICLES / name, int(index) if index else None


def _rss_items(path: Path) -> list[str]:
    return re.findall(r"<item>.*?</item>", path.read_text(encoding="utf-8"), flags=re.DOTALL)


def _warc_records(path: Path) -> list[tuple[str, dict[str, str], str]]:
    """(type, WARC headers, payload as text) of every record."""
    out = []
    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            headers = dict(record.rec_headers.headers)
            payload = record.content_stream().read().decode("utf-8")
            out.append((record.rec_type, headers, payload))
    return out


def warc_html(path: Path) -> str:
    pages = [p for kind, _, p in _warc_records(path) if kind == "response"]
    assert len(pages) == 1, f"{path}: expected one response record, found {len(pages)}"
    return pages[0]


@cache
def raw_source(locator: str) -> str:
    """The article's source as stored: file text, JSONL line, RSS <item>, or WARC payload."""
    path, index = _split_locator(locator)
    if path.suffix == ".jsonl":
        assert index is not None, f"{locator}: a JSONL locator needs #line"
        return path.read_text(encoding="utf-8").splitlines()[index - 1]
    if path.suffix == ".xml":
        assert index is not None, f"{locator}: a feed locator needs #item"
        return _rss_items(path)[index - 1]
    if path.name.endswith(".warc.gz"):
        return warc_html(path)
    if path.name == Path(CP1252_FILE).name:
        return path.read_bytes().decode("cp1252")
    return path.read_text(encoding="utf-8")


@cache
def article_text(locator: str) -> str:
    """Plain text of one article (boilerplate included), paragraphs separated by blank lines."""
    path, index = _split_locator(locator)
    if path.suffix == ".jsonl":
        row = json.loads(raw_source(locator))
        text = row["text"] if "text" in row else html_text(row["html"])
    elif path.suffix == ".xml":
        assert index is not None
        entry = feedparser.parse(str(path)).entries[index - 1]
        text = html_text(entry.content[0].value)
    elif path.suffix == ".html" or path.name.endswith(".warc.gz"):
        text = html_text(raw_source(locator))
    else:
        text = raw_source(locator).replace("\r\n", "\n")
    return text


# fmt: off
_GERMAN_MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]
# fmt: on
_RSS_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def shown_date(evidence: str) -> str:
    """The date a piece of date evidence shows, to the precision it shows it."""
    if m := re.search(r"\b(\d{4}-\d{2}-\d{2})T", evidence):
        return m.group(1)
    if m := re.search(r"\b(\d{1,2}) (\w{3}) (\d{4})\b", evidence):
        return f"{m.group(3)}-{_RSS_MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
    if m := re.search(r"\b(\d{1,2})\. (\w+) (\d{4})\b", evidence):
        return f"{m.group(3)}-{_GERMAN_MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"
    if m := re.fullmatch(r"\s*date (\d{4}-\d{2})", evidence):
        return m.group(1)
    raise AssertionError(f"cannot read a date from {evidence!r}")


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def paragraphs(text: str) -> list[str]:
    return [normalise_space(p) for p in re.split(r"\n\s*\n", text) if p.strip()]


def tokens(text: str) -> set[str]:
    """Lower-cased word tokens, with thousands separators dropped ("20.000" == "20000")."""
    text = re.sub(r"(?<=\d)[.,\u00a0\u202f](?=\d{3}\b)", "", text.lower())
    return set(re.findall(r"\w+", text))


def jaccard(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    return len(ta & tb) / len(ta | tb)


def locator(article_id: str) -> str:
    return inventory()[article_id]["file"]


def _load_make_warc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_warc", EXAMPLES / "make_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # No examples/__pycache__: a directory run over examples/ would meet the .pyc file.
    previous, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = previous
    return module


def _example_files() -> Iterator[Path]:
    for path in sorted(ARTICLES.rglob("*")):
        inside = path.relative_to(ARTICLES).parts
        # Tool caches (.mypy_cache, __pycache__) are not examples.
        if any(part.startswith((".", "__")) for part in inside):
            continue
        if path.is_file() and path.name not in NOT_ARTICLES:
            yield path


# --- the inventory ------------------------------------------------------------------------


def test_examples_dir_fixture_points_here(examples_dir: Path) -> None:
    assert examples_dir == ARTICLES


def test_inventory_size_and_languages() -> None:
    rows = inventory()
    assert 8 <= len(rows) <= 12
    languages = [row["language"] for row in rows.values()]
    assert languages.count("en") == 2, languages
    assert set(languages) == {"de", "en"}
    outlets_de = {r["outlet"] for r in rows.values() if r["language"] == "de"}
    outlets_en = {r["outlet"] for r in rows.values() if r["language"] == "en"}
    assert len(outlets_de) >= 5, outlets_de
    assert len(outlets_en) == 2, outlets_en


def test_every_example_file_is_in_the_inventory_and_back() -> None:
    listed = {_split_locator(row["file"])[0] for row in inventory().values()}
    on_disk = set(_example_files())
    assert on_disk - listed == set(), "files missing from the README table"
    assert listed - on_disk == set(), "README lists files that do not exist"


@pytest.mark.parametrize("article_id", article_ids())
def test_article_length_and_story(article_id: str) -> None:
    """150-500 words of body (lines of 12+ words, so that menus and banners do not count)."""
    text = article_text(locator(article_id))
    body = [p for p in paragraphs(text) if len(p.split()) >= 12]
    words = sum(len(p.split()) for p in body)
    assert 150 <= words <= 500, f"{article_id}: {words} body words"
    assert "Talme" in text, f"{article_id} is not about the Talme story"


@pytest.mark.parametrize("article_id", article_ids())
def test_date_evidence_is_in_the_source(article_id: str) -> None:
    row = inventory()[article_id]
    source = raw_source(row["file"])
    evidence = _backticked(row["date evidence"])
    if evidence is None:
        assert row["published"] == "null"
        # "No date at all" must really hold: no year, no numeric date, no "8. März".
        months = "|".join(_GERMAN_MONTHS)
        pattern = rf"\b20\d\d\b|\b\d{{1,2}}\.\d{{1,2}}\.|\b\d{{1,2}}\. ({months})"
        assert re.search(pattern, source) is None, f"{article_id} shows a date after all"
    else:
        assert evidence in source, f"{article_id}: {evidence!r} not in {row['file']}"
        assert shown_date(evidence) == row["published"], row


def test_published_dates_span_the_story() -> None:
    days = sorted(r["published"] for r in inventory().values() if len(r["published"]) == 10)
    assert days[0] == "2024-03-08" and days[-1] == "2024-03-15", days
    assert any(r["published"] == "2024-03" for r in inventory().values()), "no month-only date"


# --- every evidence string in the README is really in its article --------------------------


@pytest.mark.parametrize(
    ("article_id", "evidence", "label"),
    [
        pytest.param(*row, id=f"{row[0]}-{row[2] or 'row'}-{i}")
        for i, row in enumerate(evidence_rows())
    ],
)
def test_readme_evidence_is_in_article(article_id: str, evidence: str, label: str) -> None:
    text = normalise_space(article_text(locator(article_id)))
    assert normalise_space(evidence) in text, f"{label}: {evidence!r} not found in {article_id}"


def test_readme_evidence_is_not_trivially_short() -> None:
    rows = evidence_rows()
    assert len(rows) >= 60
    short = [e for _, e, label in rows if len(e) < 4 and "(lf)" not in e]
    assert short == [], short


# --- the reused wire paragraph ------------------------------------------------------------


def _wire_reference() -> str:
    found = [p for p in paragraphs(article_text(locator(WIRE_REFERENCE))) if WIRE_OPENING in p]
    assert len(found) == 1, f"{WIRE_REFERENCE} should hold the wire paragraph once"
    return found[0]


def _best_match(article_id: str, reference: str) -> tuple[float, str]:
    return max((jaccard(reference, p), p) for p in paragraphs(article_text(locator(article_id))))


def test_wire_paragraph_is_three_or_four_sentences() -> None:
    sentences = re.split(r"(?<=[.!?])\s+", _wire_reference())
    assert 3 <= len(sentences) <= 4, sentences


@pytest.mark.parametrize("copy_id", WIRE_COPIES)
def test_wire_paragraph_is_reused_nearly_verbatim(copy_id: str) -> None:
    reference = _wire_reference()
    score, paragraph = _best_match(copy_id, reference)
    assert score > REUSE_THRESHOLD, f"{copy_id}: best paragraph only {score:.2f} alike"
    assert paragraph != reference, f"{copy_id} should carry light edits, not a byte copy"


def test_wire_copies_are_alike_pairwise() -> None:
    reference = _wire_reference()
    versions = [reference] + [_best_match(a, reference)[1] for a in WIRE_COPIES]
    assert len({inventory()[a]["outlet"] for a in (WIRE_REFERENCE, *WIRE_COPIES)}) == 3
    for i, a in enumerate(versions):
        for b in versions[i + 1 :]:
            assert jaccard(a, b) > REUSE_THRESHOLD


@pytest.mark.parametrize(
    ("copy_id", "edit"),
    [
        ("A3", "mindestens 20000 Liter"),  # thousands separator dropped
        ("A3", "wie Kreisbrandmeister Uwe Schrammel berichtete"),  # other speech verb
        ("A3", "eines 12 Kilometer langen"),  # digits for the number word
        ("A4", "Wie Kreisbrandmeister Uwe Schrammel mitteilte, bargen"),  # clause moved up
        ("A4", "bislang nicht bestätigen"),  # "noch" replaced
    ],
)
def test_wire_copies_carry_the_documented_edits(copy_id: str, edit: str) -> None:
    _, paragraph = _best_match(copy_id, _wire_reference())
    assert edit in paragraph


@pytest.mark.parametrize(
    "article_id",
    [a for a in article_ids() if a not in (WIRE_REFERENCE, *WIRE_COPIES)],
)
def test_wire_paragraph_appears_nowhere_else(article_id: str) -> None:
    score, paragraph = _best_match(article_id, _wire_reference())
    assert score < NOT_REUSE_CEILING, f"{article_id} reuses the wire paragraph: {paragraph!r}"


# --- the translated quote -----------------------------------------------------------------


def _quote_versions() -> dict[str, list[tuple[str, str]]]:
    for table in _readme_tables():
        if table and table[0].keys() >= {"version", "evidence", "article"}:
            out: dict[str, list[tuple[str, str]]] = {}
            for row in table:
                out.setdefault(row["version"], []).append(
                    (row["article"], _backticked(row["evidence"]) or "")
                )
            return out
    raise AssertionError("README has no translated-quote table")


def test_translations_differ_but_the_original_is_quoted_alike() -> None:
    versions = _quote_versions()
    (_, german_1), (_, german_2) = versions["German 1"][0], versions["German 2"][0]
    assert jaccard(german_1, german_2) < 0.5, "the two German renderings should differ"
    originals = [text for _, text in versions["original (en)"]]
    assert len(originals) == 2
    assert jaccard(originals[0], originals[1]) > 0.95
    english_ids = {a for a, row in inventory().items() if row["language"] == "en"}
    assert {a for a, _ in versions["original (en)"]} <= english_ids
    assert {versions["German 1"][0][0], versions["German 2"][0][0]}.isdisjoint(english_ids)


# --- the forms: JSON Lines, RSS, cp1252, HTML, WARC ---------------------------------------


def _jsonl_rows() -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate((ARTICLES / JSONL).read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        assert isinstance(row, dict), f"line {number} is not an object"
        rows.append(row)
    return rows


def test_jsonl_lines_are_valid_articles() -> None:
    rows = _jsonl_rows()
    assert 2 <= len(rows) <= 3
    for row in rows:
        assert {"id", "url", "title", "published", "outlet"} <= row.keys(), row.keys()
        assert ("text" in row) != ("html" in row), f"{row['id']}: exactly one of text/html"
        assert datetime.fromisoformat(row["published"]).year == 2024
        assert row["url"].startswith("https://")
    assert len({row["id"] for row in rows}) == len(rows)
    assert any("html" in row for row in rows) and any("text" in row for row in rows)


def test_feed_parses_with_full_content() -> None:
    parsed = feedparser.parse(str(ARTICLES / FEED))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title.startswith("Burgdorner Kreisblatt")
    assert 1 <= len(parsed.entries) <= 2
    for entry in parsed.entries:
        assert entry.published_parsed is not None
        content = entry.content[0]
        assert content.type == "text/html"
        assert len(html_text(content.value).split()) >= 150, entry.title


def test_cp1252_file_is_not_utf8_but_cp1252() -> None:
    data = (ARTICLES / CP1252_FILE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    for needle in ("Gewässerverunreinigung", "»Kein Grund zur Panik«", "0,99 €", "–"):
        assert needle in text
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), "CRLF endings expected"


def test_cp1252_file_is_decoded_right_by_detection() -> None:
    """charset-normalizer (pinned) may name a sibling code page, but must get the text right."""
    data = (ARTICLES / CP1252_FILE).read_bytes()
    best = from_bytes(data).best()
    assert best is not None
    assert str(best) == data.decode("cp1252")


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in _example_files()
        if p.suffix in {".txt", ".html", ".jsonl", ".xml"} and p != ARTICLES / CP1252_FILE
    ],
    ids=lambda p: p.name,
)
def test_other_text_files_are_utf8(path: Path) -> None:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")


def _html_pages() -> list[tuple[str, str]]:
    pages = [(name, (ARTICLES / name).read_text(encoding="utf-8")) for name in HTML_PAGES]
    pages.append((WARC, warc_html(ARTICLES / WARC)))
    return pages


@pytest.mark.parametrize(
    ("name", "html"), [pytest.param(name, html, id=name) for name, html in _html_pages()]
)
def test_html_page_has_metadata_and_article_structure(name: str, html: str) -> None:
    page = tags_of(html)
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert "".join(page.text.get("title", [])).strip(), f"{name}: no <title>"
    assert any(m.get("property") == "og:site_name" and m.get("content") for m in metas)
    dates = [
        m["content"]
        for m in metas
        if m.get("name") == "date" or m.get("property") == "article:published_time"
    ]
    assert dates and all(datetime.fromisoformat(d).year == 2024 for d in dates), name
    assert any(
        tag == "link" and a.get("rel") == "canonical" and a.get("href", "").startswith("https://")
        for tag, a in page.tags
    ), f"{name}: no canonical link"
    names = [tag for tag, _ in page.tags]
    for required in ("nav", "article", "h1", "h2", "figure", "figcaption", "footer"):
        assert required in names, f"{name}: no <{required}>"
    assert any(tag == "img" and a.get("alt") for tag, a in page.tags), f"{name}: no img alt"
    caption = " ".join(page.text.get("figcaption", []))
    assert re.search(r"\b(Foto|Photo):", caption), f"{name}: figcaption without a credit"
    consent = [
        a
        for _, a in page.tags
        if re.search(r"cookie|consent|cmp|gdpr", a.get("class", "") + a.get("id", ""))
    ]
    assert consent, f"{name}: no cookie/consent block"


def test_one_html_page_is_english() -> None:
    langs = {tags_of(html).tags[0][1].get("lang", "")[:2] for _, html in _html_pages()}
    assert langs == {"de", "en"}


def test_warc_records_and_headers() -> None:
    records = _warc_records(ARTICLES / WARC)
    assert [kind for kind, _, _ in records] == ["warcinfo", "request", "response"]
    _, response_headers, _ = records[2]
    assert response_headers["WARC-Target-URI"].startswith("https://www.wendelsauer-anzeiger.de/")
    assert response_headers["WARC-Date"] == "2024-03-15T19:02:11Z"
    assert records[1][1]["WARC-Concurrent-To"] == response_headers["WARC-Record-ID"]


def test_make_warc_reproduces_the_committed_archive(tmp_path: Path) -> None:
    """Compared decompressed: the records must match; gzip bytes may differ across zlibs."""
    module = _load_make_warc()
    fresh = module.write_warc(tmp_path / "again.warc.gz")
    committed = (ARTICLES / WARC).read_bytes()
    assert gzip.decompress(fresh.read_bytes()) == gzip.decompress(committed)
