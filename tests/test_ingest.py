"""Dispatcher and bad-input behaviour: every problem is a Skipped, good input is never lost."""

from __future__ import annotations

import builtins
import gzip
import io
import json
import os
import pathlib
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import storytrace.ingest as ingest
from storytrace.ingest import InputItem, expand_inputs, iter_documents, read_item
from storytrace.ingest.formats import InputFormat
from storytrace.model import RawDocument, Skipped
from storytrace.settings import DEFAULT_SETTINGS, Settings

INGEST = DEFAULT_SETTINGS.ingest

DE = (
    "Wiesental bekommt ein Freibad\n\n"
    "Der Gemeinderat von Wiesental hat am Dienstag den Bau eines neuen Freibads beschlossen. "
    "Bürgermeisterin Katrin Sommer sprach von einem „großen Tag für die Familien“.\n"
)
EN = "The council of Millbrook approved a new footbridge on Tuesday, the mayor said.\n"
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    "<link rel='canonical' href='https://tal-kurier.example/freibad'></head>"
    f"<body><p>{DE}</p></body></html>"
)
RSS = (
    "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Tal-Kurier</title>"
    "<item><title>Freibad</title><link>https://tal-kurier.example/freibad</link>"
    f"<description><![CDATA[<p>{DE * 3}</p>]]></description></item></channel></rss>"
)


def kinds(results: list[RawDocument | Skipped]) -> list[str]:
    return [r.origin.reader if isinstance(r, RawDocument) else f"skip:{r.kind}" for r in results]


# --- expand_inputs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("a.txt", DE.encode(), "text"),
        ("a.text", DE.encode(), "text"),
        ("a.md", DE.encode(), "text"),
        ("a.html", HTML.encode(), "html"),
        ("a.htm", HTML.encode(), "html"),
        ("a.xhtml", HTML.encode(), "html"),
        ("a.jsonl", b'{"text": "x"}\n', "jsonl"),
        ("a.ndjson", b'{"text": "x"}\n', "jsonl"),
        ("a.json", b'[{"text": "x"}]', "jsonl"),
        ("a.warc", b"WARC/1.0\r\n", "warc"),
        ("a.warc.gz", b"\x1f\x8b", "warc"),
        ("a.arc", b"filedesc://x", "warc"),
        ("a.rss", RSS.encode(), "feed"),
        ("a.atom", b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "feed"),
        ("a.xml", RSS.encode(), "feed"),
        ("a.csv", b"title,text\n", "csv"),
        ("a.tsv", b"title\ttext\n", "csv"),
        # unknown extensions are sniffed
        ("a.dat", DE.encode(), "text"),
        ("a.page", HTML.encode(), "html"),
        ("a.export", b'{"text": "x"}\n', "jsonl"),
        ("a.crawl", b"WARC/1.1\r\n", "warc"),
        ("a.feed", RSS.encode(), "feed"),
        ("Artikel", DE.encode("cp1252"), "text"),
    ],
)
def test_format_by_extension_or_sniffing(
    tmp_path: Path, name: str, content: bytes, fmt: InputFormat
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = expand_inputs([str(path)])
    assert item == InputItem(str(path), path, fmt)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("sitemap.xml", b"<?xml version='1.0'?><urlset></urlset>", "not an RSS or Atom feed"),
        ("notes.xml", b"just text", "does not start with markup"),
        (
            "a.dat",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "unknown extension '.dat' and the content is a PNG",
        ),
        ("blob", bytes(range(256)), "no extension and the content is binary data"),
        ("foto.png", b"\x89PNG", "not an article format: this is an image"),
        ("bericht.pdf", b"%PDF-1.4", "extract its text first"),
        ("daten.sqlite", b"SQLite format 3\x00", "a database"),
        ("skript.py", b"print('x')", "source code"),
        ("archiv.zip", b"PK\x03\x04", "unpack it"),
        ("artikel.txt~", DE.encode(), "an editor backup file"),
    ],
)
def test_unsupported_files_are_named(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (skipped,) = expand_inputs([str(path)])
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "unsupported"
    assert problem in skipped.problem
    assert skipped.source == str(path)


def test_nonexistent_path_is_missing(tmp_path: Path) -> None:
    missing = str(tmp_path / "gibt-es-nicht.txt")
    assert expand_inputs([missing]) == [
        Skipped(missing, "no such file or directory", kind="missing")
    ]


def test_empty_path_is_not_the_current_directory() -> None:
    assert expand_inputs([""]) == [Skipped("''", "empty path given", kind="missing")]


def test_broken_symlink_is_named(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "target-gone.txt")
    (skipped,) = expand_inputs([str(link)])
    assert isinstance(skipped, Skipped) and skipped.kind == "missing"
    assert "broken symbolic link" in skipped.problem


def make_tree(root: Path) -> None:
    (root / "b-artikel.txt").write_text(DE, encoding="utf-8")
    (root / "a-seite.html").write_text(HTML, encoding="utf-8")
    (root / "c-leer.txt").write_bytes(b"")
    (root / "d-nur-leerzeichen.txt").write_bytes(b" \n\t \n")
    (root / "e-binaer.txt").write_bytes(b"%PDF-1.5\n\x00\x01")
    (root / "f-bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".versteckt.txt").write_text(DE, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    sub = root / "g-unterordner" / "tiefer"
    sub.mkdir(parents=True)
    lines = [json.dumps({"text": EN}), "{kaputt", json.dumps({"text": DE})]
    (sub / "meldungen.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "h-latin1.txt").write_bytes((DE * 2).encode("cp1252"))
    (root / "i-feed.xml").write_text(RSS, encoding="utf-8")
    (root / "j-sitemap.xml").write_text("<?xml version='1.0'?><urlset/>", encoding="utf-8")


def test_directory_is_walked_sorted_recursively_without_hidden_entries(tmp_path: Path) -> None:
    make_tree(tmp_path)
    shown = str(tmp_path)
    entries = expand_inputs([shown])
    assert [
        (e.source[len(shown) + 1 :], e.format if isinstance(e, InputItem) else e.kind)
        for e in entries
    ] == [
        ("a-seite.html", "html"),
        ("b-artikel.txt", "text"),
        ("c-leer.txt", "text"),
        ("d-nur-leerzeichen.txt", "text"),
        ("e-binaer.txt", "text"),
        ("f-bild.png", "unsupported"),
        (os.path.join("g-unterordner", "tiefer", "meldungen.jsonl"), "jsonl"),
        ("h-latin1.txt", "text"),
        ("i-feed.xml", "feed"),
        ("j-sitemap.xml", "unsupported"),
    ]


def test_directory_with_mixed_files_yields_the_good_ones(tmp_path: Path) -> None:
    make_tree(tmp_path)
    results = list(iter_documents([str(tmp_path)], INGEST))
    by_name = {
        Path(r.origin.source if isinstance(r, RawDocument) else r.source).name: r
        for r in results
        if not (isinstance(r, RawDocument) and r.origin.locator)
    }
    assert kinds(results) == [
        "html",
        "text",
        "skip:empty",
        "skip:empty",
        "skip:binary",
        "skip:unsupported",
        "jsonl",
        "skip:malformed",
        "jsonl",
        "text",
        "feed",
        "skip:unsupported",
    ]
    latin = by_name["h-latin1.txt"]
    assert isinstance(latin, RawDocument)
    assert latin.text == DE * 2
    assert latin.encoding == "cp1252"
    assert latin.encoding_note is not None and latin.encoding_note.startswith("detected cp1252")
    binary = by_name["e-binaer.txt"]
    assert isinstance(binary, Skipped) and "a PDF document" in binary.problem


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / ".nur-versteckt").write_text("x", encoding="utf-8")
    assert expand_inputs([str(tmp_path)]) == [
        Skipped(str(tmp_path), "directory holds no (visible) files", kind="empty")
    ]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(DE, encoding="utf-8")
    assert len(expand_inputs([str(tmp_path), str(path), str(path)])) == 1


def test_symlink_loop_in_a_directory_terminates(tmp_path: Path) -> None:
    (tmp_path / "artikel.txt").write_text(DE, encoding="utf-8")
    (tmp_path / "schleife").symlink_to(tmp_path, target_is_directory=True)
    entries = expand_inputs([str(tmp_path)])
    assert [e.source for e in entries] == [str(tmp_path / "artikel.txt")]


def test_unlistable_directory_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sub = tmp_path / "gesperrt"
    sub.mkdir()
    (tmp_path / "artikel.txt").write_text(DE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path) == sub:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    entries = expand_inputs([str(tmp_path)])
    assert isinstance(entries[0], InputItem)
    skipped = entries[1]
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "unreadable"
    assert skipped.source == str(sub)
    assert skipped.problem.startswith("cannot list the directory: permission denied")


def test_special_files_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "rohr"
    os.mkfifo(fifo)
    (skipped,) = expand_inputs([str(fifo)])
    assert isinstance(skipped, Skipped) and skipped.kind == "unsupported"
    assert "pass '-' instead" in skipped.problem


# --- read_item: the text reader and bad input -----------------------------------------


def test_text_file_is_one_article(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(DE, encoding="utf-8")
    (doc,) = read_item(InputItem(str(path), path, "text"), INGEST)
    assert isinstance(doc, RawDocument)
    assert doc.text == DE and doc.html is None
    assert doc.origin.source == str(path) and doc.origin.reader == "text"
    assert doc.origin.locator is None
    assert (doc.encoding, doc.encoding_note) == ("utf-8", "utf-8")


def test_read_item_accepts_full_settings(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(EN, encoding="utf-8")
    (doc,) = read_item(InputItem(str(path), path, "text"), settings)
    assert isinstance(doc, RawDocument) and doc.text == EN


@pytest.mark.parametrize(
    ("content", "kind", "problem"),
    [
        (b"", "empty", "file is empty (0 bytes)"),
        (b"  \n\n\t ", "empty", "file holds only whitespace (6 bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "file is a PNG image, not text"),
        (gzip.compress(DE.encode()), "binary", "file is gzip-compressed data, not text"),
        (b"Wiesental\x00\x00\x01\x02\x03\xff\xfe\x00", "binary", "file is binary data"),
    ],
)
def test_bad_text_files(tmp_path: Path, content: bytes, kind: str, problem: str) -> None:
    path = tmp_path / "artikel.txt"
    path.write_bytes(content)
    (skipped,) = read_item(InputItem(str(path), path, "text"), INGEST)
    assert isinstance(skipped, Skipped)
    assert skipped.kind == kind
    assert skipped.problem.startswith(problem)
    assert skipped.source == str(path)


@pytest.mark.parametrize(
    ("codec", "encoding", "note"),
    [
        ("utf-16", "utf-16-le", "bom"),
        ("utf-8-sig", "utf-8", "bom"),
        ("cp1252", "cp1252", "detected cp1252 (confidence "),
    ],
)
def test_text_file_encodings_are_reported(
    tmp_path: Path, codec: str, encoding: str, note: str
) -> None:
    path = tmp_path / "artikel.txt"
    path.write_bytes((DE * 3).encode(codec))
    (doc,) = read_item(InputItem(str(path), path, "text"), INGEST)
    assert isinstance(doc, RawDocument)
    assert doc.text == DE * 3
    assert doc.encoding == encoding
    assert doc.encoding_note is not None and doc.encoding_note.startswith(note)


def test_mixed_encoding_text_file_warns_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "gemischt.txt"
    path.write_bytes(DE.encode() + "Grüße aus Köln.\n".encode("cp1252") + EN.encode())
    (doc,) = read_item(InputItem(str(path), path, "text"), INGEST)
    assert isinstance(doc, RawDocument)
    assert doc.text is not None and "Grüße aus Köln." in doc.text
    assert len(doc.warnings) == 1 and "line 4 is not valid UTF-8" in doc.warnings[0]


def test_100_mb_file_is_refused_by_size_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "riesig.txt"
    with path.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: fast to create, nothing written

    def no_open(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(pathlib.Path, "open", no_open)
    monkeypatch.setattr(builtins, "open", no_open)
    monkeypatch.setattr(io, "open", no_open)
    (skipped,) = read_item(InputItem(str(path), path, "text"), INGEST)
    assert skipped == Skipped(
        str(path),
        "file is 104.9 MB; the limit for a single article is 20.0 MB "
        "(set ingest.max_file_bytes to raise it)",
        kind="too_large",
    )


@pytest.mark.parametrize("fmt", ["html", "feed"])
def test_size_limit_applies_to_other_single_article_formats(
    tmp_path: Path, fmt: InputFormat
) -> None:
    path = tmp_path / "gross"
    path.write_bytes(HTML.encode() * 10)
    settings = replace(INGEST, max_file_bytes=1000)
    (skipped,) = read_item(InputItem(str(path), path, fmt), settings)
    assert isinstance(skipped, Skipped) and skipped.kind == "too_large"
    assert "set ingest.max_file_bytes" in skipped.problem


def test_unreadable_file_via_permissions(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: chmod 000 does not stop root from reading")
    path = tmp_path / "gesperrt.txt"
    path.write_text(DE, encoding="utf-8")
    path.chmod(0)
    try:
        (skipped,) = iter_documents([str(path)], INGEST)
    finally:
        path.chmod(0o644)
    assert isinstance(skipped, Skipped) and skipped.kind == "unreadable"


@pytest.mark.parametrize("name", ["gesperrt.txt", "gesperrt.dat"])
def test_unreadable_file_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_text(DE, encoding="utf-8")
    real_open = pathlib.Path.open

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", deny)
    (skipped,) = iter_documents([str(path)], INGEST)
    assert isinstance(skipped, Skipped)
    assert skipped.kind == "unreadable"
    assert skipped.problem.startswith("cannot read the file: permission denied")


def test_file_that_vanishes_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "weg.txt"
    path.write_text(DE, encoding="utf-8")
    (item,) = expand_inputs([str(path)])
    path.unlink()
    assert isinstance(item, InputItem)
    (skipped,) = read_item(item, INGEST)
    assert isinstance(skipped, Skipped) and skipped.kind == "unreadable"
    assert "disappeared" in skipped.problem


def test_directory_passed_as_a_file_item(tmp_path: Path) -> None:
    (skipped,) = read_item(InputItem(str(tmp_path), tmp_path, "text"), INGEST)
    assert isinstance(skipped, Skipped) and skipped.kind == "unreadable"


def test_an_unexpected_error_becomes_a_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(source: object, settings: object) -> Any:
        raise RuntimeError("kaputt")

    monkeypatch.setitem(ingest.READERS, "text", broken)
    path = tmp_path / "artikel.txt"
    path.write_text(DE, encoding="utf-8")
    (skipped,) = read_item(InputItem(str(path), path, "text"), INGEST)
    assert skipped == Skipped(
        str(path),
        "internal error while reading: RuntimeError: kaputt; please report",
        kind="error",
    )


def test_good_documents_before_an_error_in_a_container_survive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "meldungen.jsonl"
    path.write_text(json.dumps({"text": EN}) + "\n" + json.dumps({"text": DE}) + "\n", "utf-8")
    real = ingest.READERS["jsonl"]

    def fails_after_first(source: Any, settings: Any) -> Any:
        documents = real(source, settings)
        yield next(documents)
        raise OSError(5, "Input/output error")

    monkeypatch.setitem(ingest.READERS, "jsonl", fails_after_first)
    first, skipped = read_item(InputItem(str(path), path, "jsonl"), INGEST)
    assert isinstance(first, RawDocument)
    assert isinstance(skipped, Skipped) and skipped.kind == "unreadable"
    assert skipped.problem == "cannot read the file: Input/output error"


# --- standard input -------------------------------------------------------------------


def test_dash_is_standard_input() -> None:
    assert expand_inputs(["-"]) == [InputItem("-", None, "auto")]


@pytest.mark.parametrize(
    ("data", "reader"),
    [
        (DE.encode(), "text"),
        (DE.encode("cp1252") * 2, "text"),
        (HTML.encode(), "html"),
        (b'{"text": "Wiesental baut ein Freibad."}\n', "jsonl"),
        (RSS.encode(), "feed"),
    ],
)
def test_stdin_is_sniffed(data: bytes, reader: str) -> None:
    (doc,) = iter_documents(["-"], INGEST, stdin=io.BytesIO(data))
    assert isinstance(doc, RawDocument)
    assert doc.origin.source == "-"
    assert doc.origin.reader == reader


def test_stdin_warc() -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://tal-kurier.example/freibad",
            "response",
            payload=io.BytesIO(HTML.encode()),
            http_headers=http,
        )
    )
    (doc,) = iter_documents(["-"], INGEST, stdin=io.BytesIO(buffer.getvalue()))
    assert isinstance(doc, RawDocument)
    assert (doc.origin.source, doc.origin.reader, doc.origin.locator) == ("-", "warc", "record 1")


@pytest.mark.parametrize(
    ("data", "kind", "problem"),
    [
        (b"", "empty", "standard input is empty (0 bytes)"),
        (b"%PDF-1.4\n", "binary", "standard input is a PDF document, not text"),
        (b"<?xml version='1.0'?><urlset/>", "unsupported", "cannot tell the format"),
    ],
)
def test_bad_stdin(data: bytes, kind: str, problem: str) -> None:
    (skipped,) = iter_documents(["-"], INGEST, stdin=io.BytesIO(data))
    assert isinstance(skipped, Skipped)
    assert (skipped.source, skipped.kind) == ("-", kind)
    assert skipped.problem.startswith(problem)


def test_stdin_is_capped() -> None:
    settings = replace(INGEST, max_file_bytes=100)
    (skipped,) = iter_documents(["-"], settings, stdin=io.BytesIO(DE.encode() * 10))
    assert isinstance(skipped, Skipped) and skipped.kind == "too_large"
    assert skipped.problem.startswith("standard input holds more than 500 bytes")


def test_files_and_stdin_together(tmp_path: Path) -> None:
    path = tmp_path / "artikel.txt"
    path.write_text(DE, encoding="utf-8")
    missing = str(tmp_path / "fehlt.txt")
    results = list(iter_documents([str(path), "-", missing], INGEST, stdin=io.BytesIO(EN.encode())))
    assert kinds(results) == ["text", "text", "skip:missing"]
    assert [r.origin.source for r in results[:2]] == [str(path), "-"]  # type: ignore[union-attr]


# --- the shared seeds, read in place ---------------------------------------------------


@pytest.mark.shared
def test_seed_articles_are_read_as_utf8_text(seeds_dir: Path) -> None:
    results = list(iter_documents([str(seeds_dir)], INGEST))
    assert results and all(isinstance(r, RawDocument) for r in results)
    for doc in results:
        assert isinstance(doc, RawDocument)
        assert doc.origin.reader == "text" and doc.encoding == "utf-8" and not doc.warnings
        assert doc.text is not None and len(doc.text) > 1000


# --- nothing raises, whatever the bytes ------------------------------------------------


def _samples() -> list[bytes]:
    rng = random.Random(20241022)
    valid = [
        DE.encode(),
        HTML.encode("cp1252"),
        RSS.encode(),
        (json.dumps({"text": DE}) + "\n" + json.dumps({"html": HTML}) + "\n").encode(),
        b"title;text\nFreibad;" + DE.encode() + b"\n",
        gzip.compress(DE.encode()),
    ]
    out = [bytes(rng.randrange(256) for _ in range(n)) for n in (1, 7, 300, 5000)]
    for data in valid:
        out += [data[: rng.randrange(1, len(data))] for _ in range(3)]
        flipped = bytearray(data)
        for _ in range(5):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        out.append(bytes(flipped))
    return out


@pytest.mark.parametrize("fmt", sorted(ingest.READERS))
def test_no_reader_raises_or_fails_internally_on_garbage(tmp_path: Path, fmt: InputFormat) -> None:
    for number, data in enumerate(_samples()):
        path = tmp_path / f"probe-{number}"
        path.write_bytes(data)
        results = list(read_item(InputItem(str(path), path, fmt), INGEST))
        assert all(isinstance(r, RawDocument | Skipped) for r in results)
        errors = [r for r in results if isinstance(r, Skipped) and r.kind == "error"]
        assert errors == [], (fmt, data[:40])
        for r in results:
            if isinstance(r, Skipped):
                assert "\n" not in r.problem, r.problem  # one line each
