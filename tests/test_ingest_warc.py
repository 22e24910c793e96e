"""WARC reader: article records kept, other records ignored, damage reported once."""

from __future__ import annotations

import gzip
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storytrace.ingest import InputItem, read_item
from storytrace.model import RawDocument, Skipped
from storytrace.settings import DEFAULT_SETTINGS, IngestSettings

INGEST = DEFAULT_SETTINGS.ingest

PARAGRAPH = (
    "Der Gemeinderat von Wiesental hat am Dienstag den Bau eines neuen Freibads beschlossen. "
    "Bürgermeisterin Katrin Sommer sprach von einem „großen Tag für die Familien“. "
)


def html_page(n: int, meta: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>Artikel {n}</title></head>"
        f"<body><h1>Freibad, Teil {n}</h1><p>{PARAGRAPH * 20}</p></body></html>"
    )


class Crawl:
    """Builds a WARC in memory and remembers where each record starts."""

    def __init__(self, gz: bool = True) -> None:
        self.buffer = BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gz)
        self.offsets: list[int] = []

        # Fixed ids and dates: warcio stamps random UUIDs and "now", which would make the
        # compressed bytes, and so the effect of the byte-level damage below, vary per run.
        self.writer._make_warc_id = self._record_id  # type: ignore[method-assign]
        self.writer.curr_warc_date = lambda: "2024-03-15T12:00:00Z"  # type: ignore[method-assign]

    def _record_id(self) -> str:
        return f"<urn:uuid:00000000-0000-4000-8000-{len(self.offsets):012d}>"

    def _headers(self) -> dict[str, str]:
        return {"WARC-Record-ID": self._record_id(), "WARC-Date": "2024-03-15T12:00:00Z"}

    def _write(self, record: object) -> None:
        self.offsets.append(self.buffer.tell())
        self.writer.write_record(record)

    def warcinfo(self) -> Crawl:
        self._write(self.writer.create_warcinfo_record("test.warc.gz", {"software": "tests"}))
        return self

    def response(
        self,
        url: str,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        status: str = "200 OK",
    ) -> Crawl:
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        self._write(
            self.writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=http,
                warc_headers_dict=self._headers(),
            )
        )
        return self

    def request(self, url: str) -> Crawl:
        http = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "tal-kurier.example")], is_http_request=True
        )
        self._write(
            self.writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(b""),
                http_headers=http,
                warc_headers_dict=self._headers(),
            )
        )
        return self

    def resource(self, url: str, body: bytes, content_type: str) -> Crawl:
        self._write(
            self.writer.create_warc_record(
                url, "resource", payload=BytesIO(body), warc_content_type=content_type
            )
        )
        return self

    def data(self) -> bytes:
        return self.buffer.getvalue()


def read(
    tmp_path: Path, data: bytes, name: str = "crawl.warc.gz", settings: IngestSettings = INGEST
) -> list[RawDocument | Skipped]:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_item(InputItem(str(path), path, "warc"), settings))


def three_articles(gz: bool = True) -> Crawl:
    crawl = Crawl(gz).warcinfo()
    for n in (1, 2, 3):
        crawl.response(f"https://tal-kurier.example/artikel-{n}", html_page(n).encode())
    return crawl


@pytest.mark.parametrize("gz", [True, False])
def test_article_records_become_html_documents(tmp_path: Path, gz: bool) -> None:
    docs = read(tmp_path, three_articles(gz).data(), "crawl.warc.gz" if gz else "crawl.warc")
    assert [d.origin.locator for d in docs if isinstance(d, RawDocument)] == [
        "record 2",
        "record 3",
        "record 4",
    ]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert first.origin.reader == "warc"
    assert first.url == "https://tal-kurier.example/artikel-1"
    assert first.html is not None and "„großen Tag für die Familien“" in first.html
    assert first.encoding == "utf-8"
    assert first.encoding_note == "declared (HTTP Content-Type)"


def test_non_article_records_are_ignored_silently(tmp_path: Path) -> None:
    crawl = (
        Crawl()
        .warcinfo()
        .request("https://tal-kurier.example/artikel-1")
        .response("https://tal-kurier.example/artikel-1", html_page(1).encode())
        .response(
            "https://tal-kurier.example/bild.png", b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png"
        )
        .response("https://tal-kurier.example/style.css", b"body{color:red}", "text/css")
        .response("https://tal-kurier.example/weg", html_page(9).encode(), status="404 Not Found")
        .response("https://tal-kurier.example/alt", b"", status="301 Moved Permanently")
        .response("https://tal-kurier.example/app.js", b"var x = 1;", content_type="")
        .resource("urn:note", b"Wiesental: Kurznotiz aus dem Rathaus.", "text/plain")
        .resource("urn:logo", b"GIF89a" + bytes(50), "image/gif")
    )
    docs = read(tmp_path, crawl.data())
    assert [(type(d).__name__, d.origin.locator) for d in docs] == [  # type: ignore[union-attr]
        ("RawDocument", "record 3"),
        ("RawDocument", "record 9"),
    ]
    note = docs[1]
    assert isinstance(note, RawDocument)
    assert note.text == "Wiesental: Kurznotiz aus dem Rathaus." and note.html is None
    assert note.url == "urn:note"


def test_charset_from_meta_when_http_has_none(tmp_path: Path) -> None:
    body = html_page(1, '<meta charset="windows-1252">').encode("cp1252")
    crawl = Crawl().warcinfo().response("https://tal-kurier.example/a", body, "text/html")
    (doc,) = read(tmp_path, crawl.data())
    assert isinstance(doc, RawDocument)
    assert doc.encoding == "cp1252" and doc.encoding_note == "declared (<meta charset>)"
    assert doc.html is not None and "Bürgermeisterin" in doc.html


def test_charset_detected_when_nothing_is_declared(tmp_path: Path) -> None:
    crawl = (
        Crawl()
        .warcinfo()
        .response("https://tal-kurier.example/a", html_page(1).encode("cp1252"), "text/html")
    )
    (doc,) = read(tmp_path, crawl.data())
    assert isinstance(doc, RawDocument)
    assert doc.encoding == "cp1252"
    assert doc.encoding_note is not None and doc.encoding_note.startswith("detected cp1252")


def test_truncated_gzip_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    crawl = three_articles()
    data = crawl.data()
    second_start, third_start = crawl.offsets[2], crawl.offsets[3]
    cut = data[: (second_start + third_start) // 2]  # in the middle of the second article
    results = read(tmp_path, cut)
    assert len(results) == 2
    first, skipped = results
    assert isinstance(first, RawDocument) and first.origin.locator == "record 2"
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "truncated"
    assert skipped.locator == "record 3"
    assert skipped.problem.startswith(
        "WARC file ends inside a record (truncated download?) after 2 complete records"
    )
    assert f"byte offset {second_start}" in skipped.problem


def test_truncated_plain_warc_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    crawl = three_articles(gz=False)
    cut = crawl.data()[: crawl.offsets[2] + 1500]
    first, skipped = read(tmp_path, cut, "crawl.warc")
    assert isinstance(first, RawDocument) and first.origin.locator == "record 2"
    assert isinstance(skipped, Skipped) and skipped.kind == "truncated"
    assert skipped.locator == "record 3"


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_every_cut_yields_one_truncated_and_never_raises(tmp_path: Path, fraction: float) -> None:
    data = three_articles().data()
    results = read(tmp_path, data[: int(len(data) * fraction)])
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert len(skipped) == 1 and skipped[0].kind == "truncated"
    assert all(isinstance(r, RawDocument) for r in results[:-1])


def test_corrupt_gzip_member_is_reported_as_damage_not_as_a_crash(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    crawl = three_articles()
    data = bytearray(crawl.data())
    start = crawl.offsets[2]
    for i in range(start + 40, start + 80):
        data[i] ^= 0x5A
    results = read(tmp_path, bytes(data))
    assert isinstance(results[0], RawDocument)
    skipped = results[-1]
    assert isinstance(skipped, Skipped) and skipped.kind == "truncated"
    assert "damaged" in skipped.problem
    assert capfd.readouterr().err == ""  # warcio's own stderr warnings are kept quiet


def test_wrong_content_length_skips_that_record_quietly(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = three_articles(gz=False).data()
    # Shorten the declared length of the first article by one digit's worth.
    marker = data.index(b"Content-Length: ", data.index(b"artikel-1"))
    digit = data[marker + 16 : marker + 17]
    data = data[: marker + 16] + bytes([digit[0] - 1]) + data[marker + 17 :]
    results = read(tmp_path, data, "crawl.warc")
    kinds = [r.kind if isinstance(r, Skipped) else "doc" for r in results]
    assert kinds == ["malformed", "doc", "doc"]
    assert "Content-Length does not match" in results[0].problem  # type: ignore[union-attr]
    assert capfd.readouterr().err == ""


def test_whole_file_gzip_is_read(tmp_path: Path) -> None:
    data = gzip.compress(three_articles(gz=False).data())
    docs = read(tmp_path, data)
    assert [d.origin.locator for d in docs if isinstance(d, RawDocument)] == [
        "record 2",
        "record 3",
        "record 4",
    ]
    assert len(docs) == 3


def test_concatenated_multi_record_gzip_members_are_read(tmp_path: Path) -> None:
    crawl = three_articles(gz=False)
    raw, split = crawl.data(), crawl.offsets[2]
    data = gzip.compress(raw[:split]) + gzip.compress(raw[split:])
    docs = read(tmp_path, data)
    assert [d.origin.locator for d in docs if isinstance(d, RawDocument)] == [
        "record 2",
        "record 3",
        "record 4",
    ]


def test_truncated_whole_file_gzip(tmp_path: Path) -> None:
    data = gzip.compress(three_articles(gz=False).data())
    # Deflate puts most repeated text late in the stream: cut near the end.
    results = read(tmp_path, data[:-40])
    assert isinstance(results[-1], Skipped) and results[-1].kind == "truncated"
    assert "decompressed data" in results[-1].problem
    assert any(isinstance(r, RawDocument) for r in results)


@pytest.mark.parametrize(
    ("data", "kind", "problem"),
    [
        (b"", "empty", "file is empty (0 bytes)"),
        (b"<html><body>Keine WARC-Datei</body></html>", "malformed", "not a WARC file"),
        (gzip.compress(b"Nur Text, kein WARC.\n" * 20), "malformed", "not a WARC file"),
    ],
)
def test_files_that_are_not_warcs(tmp_path: Path, data: bytes, kind: str, problem: str) -> None:
    (skipped,) = read(tmp_path, data)
    assert isinstance(skipped, Skipped)
    assert skipped.kind == kind
    assert skipped.problem.startswith(problem)


def test_a_record_above_the_document_limit_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    crawl = Crawl().warcinfo()
    crawl.response("https://tal-kurier.example/riesig", html_page(1).encode() * 3)
    crawl.response("https://tal-kurier.example/klein", b"<html><body><p>Kurz.</p></body></html>")
    settings = replace(INGEST, max_document_bytes=len(html_page(1).encode()))
    big, small = read(tmp_path, crawl.data(), settings=settings)
    assert isinstance(big, Skipped) and big.kind == "too_large" and big.locator == "record 2"
    assert big.problem.startswith("record is ")
    assert isinstance(small, RawDocument) and small.origin.locator == "record 3"


def test_empty_html_response_is_reported(tmp_path: Path) -> None:
    crawl = Crawl().warcinfo().response("https://tal-kurier.example/leer", b"")
    (skipped,) = read(tmp_path, crawl.data())
    assert isinstance(skipped, Skipped)
    assert (skipped.kind, skipped.locator) == ("empty", "record 2")


def test_a_warc_without_articles_says_so(tmp_path: Path) -> None:
    crawl = (
        Crawl()
        .warcinfo()
        .response(
            "https://tal-kurier.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"
        )
    )
    (skipped,) = read(tmp_path, crawl.data())
    assert isinstance(skipped, Skipped) and skipped.kind == "no_text"
    assert skipped.problem.startswith("none of the 2 records is an article")


def test_two_record_warc_cut_in_the_second_record(tmp_path: Path) -> None:
    crawl = Crawl()
    crawl.response("https://tal-kurier.example/eins", html_page(1).encode())
    crawl.response("https://tal-kurier.example/zwei", html_page(2).encode())
    data = crawl.data()
    cut = data[: crawl.offsets[1] + (len(data) - crawl.offsets[1]) // 2]
    first, skipped = read(tmp_path, cut)
    assert isinstance(first, RawDocument)
    assert first.url == "https://tal-kurier.example/eins"
    assert isinstance(skipped, Skipped)
    assert (skipped.kind, skipped.locator) == ("truncated", "record 2")
    assert "after 1 complete record;" in skipped.problem
