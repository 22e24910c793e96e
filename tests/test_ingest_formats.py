"""Format tables and sniffing: every named pattern with positive and negative cases."""

from __future__ import annotations

import pytest

from storytrace.ingest.formats import (
    HTML_START,
    JSON_START,
    WARC_START,
    binary_problem,
    foreign_reason,
    is_feed,
    sniff,
    suffix_of,
    utf16_without_bom,
    xml_root,
)

ARTICLE = "Der Gemeinderat von Wiesental hat am Dienstag ein neues Freibad beschlossen.\n"


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("crawl.warc.gz", ".warc.gz"),
        ("CRAWL.WARC.GZ", ".warc.gz"),
        ("old.arc.gz", ".arc.gz"),
        ("artikel.txt", ".txt"),
        ("seite.HTML", ".html"),
        ("archiv.tar.gz", ".gz"),
        ("README", ""),
        (".env", ""),
    ],
)
def test_suffix_of(name: str, suffix: str) -> None:
    assert suffix_of(name) == suffix


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("foto.png", "an image"),
        ("bericht.pdf", "a PDF document"),
        ("daten.sqlite", "a database"),
        ("skript.py", "source code"),
        ("artikel.txt~", "an editor backup"),
        ("artikel.txt.bak", "a backup copy"),
        ("download.part", "an incomplete download"),
    ],
)
def test_foreign_files_are_recognised_by_name(name: str, expected: str) -> None:
    reason = foreign_reason(name)
    assert reason is not None and reason.startswith(expected)


@pytest.mark.parametrize("name", ["artikel.txt", "seite.html", "feed.xml", "daten.jsonl", "x.dat"])
def test_article_files_are_not_foreign(name: str) -> None:
    assert foreign_reason(name) is None


@pytest.mark.parametrize(
    ("head", "root"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "rss"),
        (
            b'<?xml version="1.0"?><!-- comment --><feed xmlns="http://www.w3.org/2005/Atom">',
            "feed",
        ),
        (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", "rdf:rdf"),
        (b'\xef\xbb\xbf<?xml version="1.0"?><urlset>', "urlset"),
        ('<?xml version="1.0"?><rss>'.encode("utf-16"), "rss"),
        (b"<!DOCTYPE html><html lang='de'>", "html"),
        (ARTICLE.encode(), None),
        (b"", None),
    ],
)
def test_xml_root(head: bytes, root: str | None) -> None:
    assert xml_root(head) == root


@pytest.mark.parametrize("filler", [" ", "\n", "<!-- x -->", "<?pi?>"])
def test_sniffing_patterns_do_not_backtrack_on_long_preambles(filler: str) -> None:
    head = (filler * (8192 // len(filler))).encode() + b"kein Markup"
    # Would take hours with nested quantifiers; must be instant.
    assert xml_root(head) is None
    assert sniff(head).format == "text"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<rss version='2.0'>", True),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'>", True),
        (b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>", False),
        (b"<html><head>", False),
    ],
)
def test_is_feed(head: bytes, expected: bool) -> None:
    assert is_feed(head) is expected


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("<!DOCTYPE html>\n<html>", True),
        ("  <!-- saved from url --> <html lang='de'>", True),
        ("<HEAD><title>Tal-Kurier</title>", True),
        ("<body><p>Text</p>", True),
        ("<htmlfoo>", False),
        ("Der Artikel beginnt hier. <html> steht später.", False),
        ("<?xml version='1.0'?><rss>", False),
    ],
)
def test_html_start(text: str, matches: bool) -> None:
    assert bool(HTML_START.match(text)) is matches


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ('{"text": "Wiesental baut ein Freibad."}', True),
        ('  \n{ "url": "https://tal-kurier.example/a"}', True),
        ('[{"text": "a"}]', True),
        ("[\n  {\n", True),
        ("[]", True),
        ("[Update] Der Gemeinderat hat entschieden.", False),
        ("{Klammer} im Text", False),
        ("Der Gemeinderat tagt.", False),
    ],
)
def test_json_start(text: str, matches: bool) -> None:
    assert bool(JSON_START.match(text)) is matches


@pytest.mark.parametrize(
    ("head", "matches"),
    [(b"WARC/1.0\r\n", True), (b"WARC/1.1\r\n", True), (b"WARC-Type: response", False)],
)
def test_warc_start(head: bytes, matches: bool) -> None:
    assert bool(WARC_START.match(head)) is matches


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b"\x1f\x8b\x08\x00", "warc"),
        (b"<!doctype html><html><body>", "html"),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b'{"text": "Wiesental baut."}\n{"text": "Noch ein Artikel."}\n', "jsonl"),
        (b'[{"text": "Wiesental baut."}]', "jsonl"),
        (ARTICLE.encode(), "text"),
        (ARTICLE.encode("cp1252"), "text"),
        (ARTICLE.encode("utf-16"), "text"),
        (b"", "text"),
    ],
)
def test_sniff_names_the_format(head: bytes, fmt: str) -> None:
    assert sniff(head).format == fmt


@pytest.mark.parametrize(
    ("head", "problem"),
    [
        (b"%PDF-1.4\n", "the content is a PDF document, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "the content is a PNG image, not text"),
        (b"<?xml version='1.0'?><urlset>", "XML with root element <urlset>"),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07\x08", "binary data"),
    ],
)
def test_sniff_explains_what_it_cannot_read(head: bytes, problem: str) -> None:
    sniffed = sniff(head)
    assert sniffed.format is None
    assert sniffed.problem is not None and problem in sniffed.problem


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16-le")[:-1], "utf-16-le"),  # odd length: cut mid-character
        (ARTICLE.encode(), None),
        (b"\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00", None),  # NULs, but control chars
        (b"ab", None),
    ],
)
def test_utf16_without_bom(data: bytes, expected: str | None) -> None:
    assert utf16_without_bom(data) == expected


@pytest.mark.parametrize(
    "data",
    [ARTICLE.encode(), ARTICLE.encode("utf-16"), ARTICLE.encode("utf-16-le"), b"Tab\tund\fSeite"],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert binary_problem(data) is None
