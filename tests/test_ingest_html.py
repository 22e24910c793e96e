"""HTML reader: charset declarations, canonical URL, decoding precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from storytrace.ingest.html import (
    META_CHARSET,
    XML_DECLARED_ENCODING,
    declared_charset,
    decode_html,
    find_url,
    read_html,
)
from storytrace.ingest.source import Source
from storytrace.model import RawDocument
from storytrace.settings import DEFAULT_SETTINGS

INGEST = DEFAULT_SETTINGS.ingest

BODY = (
    "<body><h1>Wiesental bekommt ein Freibad</h1><p>Der Gemeinderat hat am Dienstag den Bau "
    "beschlossen. Bürgermeisterin Katrin Sommer sprach von einem „großen Tag“.</p></body>"
)


def page(head: str = "", body: str = BODY) -> str:
    return (
        f"<!DOCTYPE html><html lang='de'><head>{head}<title>Tal-Kurier</title></head>{body}</html>"
    )


@pytest.mark.parametrize(
    ("tag", "label"),
    [
        (b'<meta charset="utf-8">', b"utf-8"),
        (b"<meta charset=windows-1252>", b"windows-1252"),
        (b"<META CHARSET='ISO-8859-1' />", b"ISO-8859-1"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">',
            b"iso-8859-15",
        ),
        (b'<meta content="text/html;charset=utf-8" http-equiv="content-type">', b"utf-8"),
    ],
)
def test_meta_charset_matches_both_declaration_forms(tag: bytes, label: bytes) -> None:
    match = META_CHARSET.search(tag)
    assert match is not None and match.group("label") == label


@pytest.mark.parametrize(
    "tag",
    [
        b'<meta name="description" content="Warum charset wichtig ist">',
        b'<meta data-charset="utf-8">',
        b"<p>charset=utf-8 steht hier im Text</p>",
    ],
)
def test_meta_charset_ignores_lookalikes(tag: bytes) -> None:
    assert META_CHARSET.search(tag) is None


@pytest.mark.parametrize(
    ("head", "label"),
    [
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><html>', b"ISO-8859-1"),
        (b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-8'?>", b"utf-8"),
        (b'<html><?xml version="1.0" encoding="latin1"?>', None),  # not at the start
        (b'<?xml version="1.0"?><html>', None),
    ],
)
def test_xml_declared_encoding(head: bytes, label: bytes | None) -> None:
    match = XML_DECLARED_ENCODING.match(head)
    assert (match.group("label") if match else None) == label


def test_declared_charset_reports_where() -> None:
    assert declared_charset(page('<meta charset="utf-8">').encode()) == ("utf-8", "<meta charset>")
    assert declared_charset(page().encode()) is None


@pytest.mark.parametrize(
    ("head", "base", "url"),
    [
        (
            '<link rel="canonical" href="https://tal-kurier.example/freibad">',
            None,
            "https://tal-kurier.example/freibad",
        ),
        (
            '<link href="https://tal-kurier.example/a?x=1&amp;y=2" rel="canonical"/>',
            None,
            "https://tal-kurier.example/a?x=1&y=2",
        ),
        (
            '<meta property="og:url" content="https://tal-kurier.example/og">',
            None,
            "https://tal-kurier.example/og",
        ),
        # canonical wins over og:url
        (
            '<meta property="og:url" content="https://a.example/og">'
            '<link rel="canonical" href="https://a.example/canon">',
            None,
            "https://a.example/canon",
        ),
        # relative canonical: resolved against a base, dropped without one
        (
            '<link rel="canonical" href="/lokales/freibad">',
            "https://tal-kurier.example/x",
            "https://tal-kurier.example/lokales/freibad",
        ),
        ('<link rel="canonical" href="/lokales/freibad">', None, None),
        ('<link rel="stylesheet" href="https://tal-kurier.example/s.css">', None, None),
        ('<link rel="canonical" href="javascript:void(0)">', None, None),
        ("", None, None),
    ],
)
def test_find_url(head: str, base: str | None, url: str | None) -> None:
    assert find_url(page(head), base) == url


def test_find_url_ignores_links_in_the_body() -> None:
    body = '<body><link rel="canonical" href="https://elsewhere.example/x"></body>'
    assert find_url(page("", body)) is None


def test_http_charset_beats_meta_charset() -> None:
    data = page('<meta charset="utf-8">').encode("cp1252")
    decoded = decode_html(data, "p.html", INGEST, http_charset="windows-1252")
    assert decoded.encoding == "cp1252"
    assert decoded.note == "declared (HTTP Content-Type)"
    assert "„großen Tag“" in decoded.text


def test_unknown_http_charset_falls_back_to_meta() -> None:
    data = page('<meta charset="windows-1252">').encode("cp1252")
    decoded = decode_html(data, "p.html", INGEST, http_charset="x-unknown")
    assert decoded.encoding == "cp1252"
    assert decoded.note == "declared (<meta charset>)"


@pytest.mark.parametrize(
    ("head", "codec", "encoding", "note"),
    [
        ('<meta charset="utf-8">', "utf-8", "utf-8", "declared (<meta charset>)"),
        ('<meta charset="windows-1252">', "cp1252", "cp1252", "declared (<meta charset>)"),
        ("", "utf-8", "utf-8", "utf-8"),
        ("", "cp1252", "cp1252", "detected cp1252"),
        ('<meta charset="iso-8859-1">', "utf-8", "utf-8", "utf-8 (declaration overridden)"),
    ],
)
def test_read_html_file(tmp_path: Path, head: str, codec: str, encoding: str, note: str) -> None:
    path = tmp_path / "freibad.html"
    path.write_bytes(
        page(head + '<link rel="canonical" href="https://tal-kurier.example/f">').encode(codec)
    )
    (doc,) = read_html(Source(str(path), path=path), INGEST)
    assert isinstance(doc, RawDocument)
    assert doc.html is not None and "„großen Tag“" in doc.html
    assert doc.text is None
    assert doc.origin.reader == "html"
    assert doc.url == "https://tal-kurier.example/f"
    assert doc.encoding == encoding
    assert doc.encoding_note is not None and doc.encoding_note.startswith(note)
