"""End-to-end tests of the command line: exit codes, messages, idempotency, bad input."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from storytrace.cli import EXIT_NOTHING_DONE, EXIT_OK, EXIT_SOME_SKIPPED, main
from storytrace.report import validate_dossier

GOOD_DE = (
    "Hochwasser im Lindtal\n\n"
    "Der Pegel der Lind ist am Sonntag auf 4,20 Meter gestiegen. Die Stadtverwaltung von "
    "Brackenau rief die Anwohner auf, Keller zu räumen. „Wir rechnen mit weiterem Regen“, "
    "sagte Bürgermeisterin Hanna Loewe.\n"
)
GOOD_EN = (
    "Flood in the Lind valley\n\n"
    "The river Lind rose to 4.2 metres on Sunday, the city of Brackenau said. Residents were "
    'asked to clear their cellars. "We expect more rain," mayor Hanna Loewe said.\n'
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def dump(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def good_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "de.txt").write_text(GOOD_DE, encoding="utf-8")
    (d / "en.txt").write_text(GOOD_EN, encoding="utf-8")
    return d


def test_analyze_writes_three_files_and_default_store(
    good_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, _, err = run(["analyze", str(good_dir), "--out", str(out)], capsys)
    assert code == EXIT_OK, err
    for name in ("dossier.json", "dossier.html", "dossier.md", "storytrace.sqlite"):
        assert (out / name).is_file()
    assert "store:" in err and "storytrace.sqlite" in err  # says where the default store is
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    validate_dossier(dossier)
    assert {a["language"] for a in dossier["articles"]} == {"de", "en"}
    for section in ("entities", "attributions", "claims", "relations", "reuse", "stories"):
        assert isinstance(dossier[section], list)
    assert any(e["type"] == "location" for e in dossier["entities"])  # annotate ran


def test_rerun_changes_nothing_and_later_files_add(
    good_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    db = tmp_path / "store.sqlite"
    assert (
        run(["analyze", str(good_dir / "de.txt"), "--out", str(out), "--db", str(db)], capsys)[0]
        == 0
    )
    first_dump = dump(db)
    first_json = (out / "dossier.json").read_text(encoding="utf-8")
    code, _, err = run(
        ["analyze", str(good_dir / "de.txt"), "--out", str(out), "--db", str(db)], capsys
    )
    assert code == 0
    assert "1 unchanged" in err
    assert dump(db) == first_dump
    assert (out / "dossier.json").read_text(encoding="utf-8") == first_json
    run(["analyze", str(good_dir / "en.txt"), "--out", str(out), "--db", str(db)], capsys)
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(dossier["articles"]) == 2  # the store accumulates
    run(
        ["analyze", str(good_dir / "en.txt"), "--out", str(out), "--db", str(db), "--only-inputs"],
        capsys,
    )
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert len(dossier["articles"]) == 1


def _write_truncated_warc(path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(2):
        html = f"<html><body><article><p>{GOOD_DE} Nummer {i}.</p></article></body></html>"
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://example.org/{i}",
            "response",
            payload=BytesIO(html.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 60])


def test_bad_inputs_never_stop_the_batch(
    good_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = good_dir
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (bad / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "text": GOOD_DE.replace("Lind", "Ems")}) + "\n{broken json\n",
        encoding="utf-8",
    )
    (bad / "latin1.txt").write_bytes(GOOD_DE.replace("Lind", "Ruhr").encode("cp1252"))
    with (bad / "huge.txt").open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    _write_truncated_warc(bad / "crawl.warc.gz")
    (bad / "cut.txt.gz").write_bytes(gzip.compress(GOOD_DE.encode())[:20])
    missing = tmp_path / "does-not-exist.txt"
    out = tmp_path / "out"
    code, _, err = run(["analyze", str(bad), str(missing), "--out", str(out)], capsys)
    assert code == EXIT_SOME_SKIPPED, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("skipped: ")]
    named = "\n".join(lines)
    for name in (
        "empty.txt",
        "binary.txt",
        "feed.jsonl",
        "huge.txt",
        "crawl.warc.gz",
        missing.name,
    ):
        assert name in named, f"{name} not reported:\n{err}"
    assert "line 2" in named  # malformed JSON line numbered
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    texts = "\n".join(a["text"] for a in dossier["articles"])
    for river in ("Lind", "Ems", "Ruhr"):  # good inputs, incl. the good JSONL line and cp1252 file
        assert river in texts
    assert any(
        "record" in (a.get("source") or "") or "warc" in (a.get("source") or "")
        for a in dossier["articles"]
    )
    assert len(dossier["skipped"]) == len(lines)
    assert "skipped" in err and "processed" in err


def test_nothing_usable_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, err = run(
        [
            "analyze",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "nope"),
            "--out",
            str(tmp_path / "o"),
        ],
        capsys,
    )
    assert code == EXIT_NOTHING_DONE
    assert "Traceback" not in err


def test_log_json_and_quiet(
    good_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (good_dir / "empty.txt").write_bytes(b"")
    code, _, err = run(
        ["analyze", str(good_dir), "--out", str(tmp_path / "o"), "--log-json", "--quiet"], capsys
    )
    assert code == EXIT_SOME_SKIPPED
    records = [json.loads(line) for line in err.splitlines() if line.strip()]
    events = [r["event"] for r in records]
    assert events == ["skipped", "summary"]
    assert records[0]["kind"] == "empty" and records[0]["source"].endswith("empty.txt")
    assert records[1]["processed"] == 2


def test_stdin_and_help(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "storytrace", "analyze", "-", "--out", str(tmp_path / "o"), "-q"],
        input=GOOD_DE.encode(),
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    dossier = json.loads((tmp_path / "o" / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["articles"][0]["source"] == "-"
    help_text = subprocess.run(
        [sys.executable, "-m", "storytrace", "analyze", "--help"], capture_output=True, text=True
    ).stdout
    for code in ("0", "1", "3"):
        assert f"  {code}  " in help_text
    assert "--log-json" in help_text and "--db" in help_text


def test_unusable_store_is_one_line(
    tmp_path: Path, good_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "not.sqlite"
    db.write_text("no database here " * 50)
    code, _, err = run(
        ["analyze", str(good_dir), "--out", str(tmp_path / "o"), "--db", str(db)], capsys
    )
    assert code == 4
    assert "Traceback" not in err and "not a storytrace store" in err


def test_report_command(good_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.sqlite"
    run(["analyze", str(good_dir), "--out", str(tmp_path / "o"), "--db", str(db)], capsys)
    code, _, _ = run(["report", "--db", str(db), "--out", str(tmp_path / "r")], capsys)
    assert code == 0
    a = json.loads((tmp_path / "o" / "dossier.json").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "r" / "dossier.json").read_text(encoding="utf-8"))
    assert [x["id"] for x in a["articles"]] == [x["id"] for x in b["articles"]]
    code, _, err = run(
        ["report", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "r")], capsys
    )
    assert code == 4 and "no such store" in err


def test_parallel_jobs_give_the_same_store(
    good_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["analyze", str(good_dir), "--out", str(tmp_path / "a"), "-q"], capsys)
    run(["analyze", str(good_dir), "--out", str(tmp_path / "b"), "-q", "--jobs", "2"], capsys)
    a = (tmp_path / "a" / "dossier.json").read_text(encoding="utf-8")
    b = (tmp_path / "b" / "dossier.json").read_text(encoding="utf-8")
    assert a == b
