"""RSS/Atom reader: entries with content become documents, headline-only entries are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.ingest import InputItem, read_item
from storytrace.ingest.feed import entry_date
from storytrace.model import RawDocument, Skipped
from storytrace.settings import DEFAULT_SETTINGS

INGEST = DEFAULT_SETTINGS.ingest

ARTICLE_HTML = (
    "<p>Der Gemeinderat von Wiesental hat am Dienstag den Bau eines neuen Freibads "
    "beschlossen.</p><p>Bürgermeisterin Katrin Sommer sprach von einem „großen Tag für die "
    "Familien“. Die Kosten schätzt die Verwaltung auf rund 4,2 Millionen Euro.</p>"
)
LONG_SUMMARY = (
    "Die Brücke über die Wiese wird im Frühjahr saniert. Die Arbeiten dauern nach Angaben "
    "der Stadtverwaltung etwa drei Monate, in dieser Zeit wird der Verkehr über die "
    "Nordstraße umgeleitet. Anwohner hatten seit Jahren über Schäden geklagt."
)

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Tal-Kurier</title>
  <link>https://tal-kurier.example/</link>
  <item>
    <title>Wiesental bekommt ein Freibad</title>
    <link>https://tal-kurier.example/freibad</link>
    <guid>tk-101</guid>
    <pubDate>Wed, 23 Oct 2024 00:30:00 +0200</pubDate>
    <description>Kurz: Freibad beschlossen.</description>
    <content:encoded><![CDATA[{ARTICLE_HTML}]]></content:encoded>
  </item>
  <item>
    <title>Nur eine Schlagzeile</title>
    <link>https://tal-kurier.example/schlagzeile</link>
    <description>Ein Satz als Teaser.</description>
  </item>
  <item>
    <title>Brücke wird saniert</title>
    <link>https://tal-kurier.example/bruecke</link>
    <pubDate>Thu, 24 Oct 2024 09:00:00 +0200</pubDate>
    <description>{LONG_SUMMARY}</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Bergbote</title>
  <entry>
    <title>Neue Seilbahn am Hochkamm</title>
    <link href="https://bergbote.example/seilbahn"/>
    <id>urn:bergbote:77</id>
    <updated>2024-10-25T23:10:00+02:00</updated>
    <content type="html">{ARTICLE_HTML.replace("<", "&lt;").replace(">", "&gt;")}</content>
  </entry>
</feed>
"""


def read(tmp_path: Path, data: bytes, name: str = "tal-kurier.rss") -> list[RawDocument | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_item(InputItem(str(path), path, "feed"), INGEST))


def test_rss_entries_with_content_become_documents(tmp_path: Path) -> None:
    first, teaser, summary = read(tmp_path, RSS.encode())
    assert isinstance(first, RawDocument)
    assert first.html == ARTICLE_HTML
    assert first.origin.reader == "feed" and first.origin.locator == "entry 1"
    assert first.title == "Wiesental bekommt ein Freibad"
    assert first.url == "https://tal-kurier.example/freibad"
    assert first.outlet == "Tal-Kurier"
    assert first.external_id == "tk-101"
    # The date as the outlet wrote it, not shifted to UTC (which would be 22 October).
    assert first.published == "2024-10-23"
    assert first.encoding == "utf-8"

    assert isinstance(teaser, Skipped)
    assert teaser.kind == "no_text" and teaser.locator == "entry 2"
    assert teaser.problem.startswith(
        "feed entry has only a headline/short summary; fetch the page and pass the HTML"
    )
    assert "https://tal-kurier.example/schlagzeile" in teaser.problem

    assert isinstance(summary, RawDocument)  # a long summary is the article
    assert summary.html == LONG_SUMMARY and summary.published == "2024-10-24"


def test_atom_entry(tmp_path: Path) -> None:
    (doc,) = read(tmp_path, ATOM.encode(), "bergbote.atom")
    assert isinstance(doc, RawDocument)
    assert doc.html == ARTICLE_HTML
    assert (doc.title, doc.url, doc.outlet, doc.external_id, doc.published) == (
        "Neue Seilbahn am Hochkamm",
        "https://bergbote.example/seilbahn",
        "Bergbote",
        "urn:bergbote:77",
        "2024-10-25",
    )


def test_truncated_feed_keeps_the_entries_read_and_reports_the_damage(tmp_path: Path) -> None:
    data = RSS.encode()
    cut = data[: data.index("<title>Brücke".encode())]
    results = read(tmp_path, cut)
    docs = [r for r in results if isinstance(r, RawDocument)]
    assert docs and docs[0].title == "Wiesental bekommt ein Freibad"
    assert "not well-formed XML" in docs[0].warnings[0]
    last = results[-1]
    assert isinstance(last, Skipped) and last.kind == "malformed" and last.locator is None


@pytest.mark.parametrize(
    ("data", "kind", "problem"),
    [
        (b"", "empty", "file is empty"),
        (b"  \n ", "empty", "file holds only whitespace"),
        (
            b"<?xml version='1.0'?><urlset><url><loc>https://a.example/</loc></url></urlset>",
            "malformed",
            "not an RSS or Atom feed (XML with root element <urlset>)",
        ),
        (b"Das ist kein Feed, nur ein Satz.", "malformed", "not an RSS or Atom feed"),
        (
            b"<?xml version='1.0'?><rss version='2.0'><channel><title>Leer</title></channel></rss>",
            "empty",
            "feed has no entries",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary", "file is a PNG image"),
    ],
)
def test_bad_feeds(tmp_path: Path, data: bytes, kind: str, problem: str) -> None:
    (skipped,) = read(tmp_path, data)
    assert isinstance(skipped, Skipped)
    assert skipped.kind == kind
    assert skipped.problem.startswith(problem)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ({"published": "Tue, 22 Oct 2024 23:15:00 +0200"}, "2024-10-22"),
        ({"updated": "2024-10-22T23:15:00+02:00"}, "2024-10-22"),
        ({"updated": "2024-10-22T21:15:00Z"}, "2024-10-22"),
        ({"published": "gestern", "updated": "2024-10-20T10:00:00+02:00"}, "2024-10-20"),
        ({"published": "irgendwann"}, None),
        ({}, None),
    ],
)
def test_entry_date(entry: dict[str, str], expected: str | None) -> None:
    assert entry_date(entry) == expected


def test_plain_text_summary_becomes_text(tmp_path: Path) -> None:
    atom = (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Bergbote</title>"
        f"<entry><title>Seilbahn</title><summary type='text'>{LONG_SUMMARY}</summary></entry>"
        "</feed>"
    )
    (doc,) = read(tmp_path, atom.encode(), "bergbote.atom")
    assert isinstance(doc, RawDocument)
    assert doc.text == LONG_SUMMARY and doc.html is None
