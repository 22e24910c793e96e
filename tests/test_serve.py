"""``storytrace serve``: routes, refusals, the JSON API and its OpenAPI document, the CLI.

The app is tested as a function (serve/app.py) and over a real socket on loopback with raw
requests, so that traversal attempts reach the server exactly as written (no client
normalises them away). The dossier is the invented one of test_html_report.py, with the
hostile article in it.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from storytrace.serve import ROUTES, DossierApp, make_server, openapi_document, parse_figure_query
from storytrace.serve import server as server_module
from storytrace.serve.search import SearchIndex, fold
from test_html_report import HOSTILE_ID, synthetic_dossier

SECRET_MARKERS = ("root:", "[project]", "BEGIN", "storytrace.sqlite")


@pytest.fixture(scope="module")
def dossier() -> dict[str, Any]:
    return synthetic_dossier(12, hostile=True)


@pytest.fixture(scope="module")
def app(dossier: dict[str, Any]) -> DossierApp:
    return DossierApp(dossier)


@pytest.fixture(scope="module")
def base(app: DossierApp) -> Iterator[tuple[str, int]]:
    server = make_server(app=app, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[0], server.server_address[1]
        yield str(host), int(port)
    finally:
        server.shutdown()
        server.server_close()


def raw(base: tuple[str, int], request: bytes) -> tuple[int, bytes, bytes]:
    """Send ``request`` exactly as given; (status, head, body)."""
    with socket.create_connection(base, timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, head, body


def get(base: tuple[str, int], target: str, host: str = "127.0.0.1") -> tuple[int, bytes, bytes]:
    request = f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    return raw(base, request.encode("latin-1"))


def get_json(base: tuple[str, int], target: str) -> Any:
    status, _, body = get(base, target)
    assert status == 200, body
    return json.loads(body)


# --- refusals -------------------------------------------------------------------------------

TRAVERSALS = [
    "/../../../../etc/passwd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E/%2E%2E/pyproject.toml",
    "/api/articles/../../../../etc/passwd",
    "/api/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/api/..%5c..%5cpyproject.toml",
    "/api/%252e%252e/%252e%252e/etc/passwd",
    "/static/../../pyproject.toml",
    "/./api/summary",
    "/api/./summary",
    "/etc/passwd",
    "/pyproject.toml",
    "/src/storytrace/cli.py",
    "/api/articles/a%00",
    "/api/dossier/../../etc/passwd",
    "/openapi.json/..",
    "/%c0%ae%c0%ae/etc/passwd",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_server_refuses_paths_outside_its_routes(base: tuple[str, int], target: str) -> None:
    status, head, body = get(base, target)
    assert status in (400, 404), (target, status, body[:200])
    assert b"application/json" in head
    assert json.loads(body)["status"] == status
    for marker in SECRET_MARKERS:
        assert marker.encode() not in body


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1/etc/passwd",
        "file:///etc/passwd",
        "C:\\Windows\\win.ini",
        "\\..\\..\\etc\\passwd",
        "*",
    ],
)
def test_server_refuses_absolute_and_odd_targets(base: tuple[str, int], target: str) -> None:
    status, _, body = get(base, target)
    assert status in (400, 404), (target, status)
    for marker in SECRET_MARKERS:
        assert marker.encode() not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_api_is_read_only(base: tuple[str, int], method: str) -> None:
    request = f"{method} /api/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
    status, head, _ = raw(base, (request + "Connection: close\r\n\r\n").encode())
    assert status == 405
    assert b"Allow: GET, HEAD" in head


def test_foreign_host_header_is_refused_on_loopback(base: tuple[str, int]) -> None:
    assert get(base, "/api/summary", host="attacker.example")[0] == 403
    assert get(base, "/api/summary", host="attacker.example:8765")[0] == 403
    assert get(base, "/api/summary", host=f"localhost:{base[1]}")[0] == 200
    assert get(base, "/api/summary", host=f"[::1]:{base[1]}")[0] == 200


def test_head_has_headers_and_no_body(base: tuple[str, int]) -> None:
    status, head, body = raw(
        base, b"HEAD /api/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    assert status == 200 and body == b""
    assert b"Content-Length: " in head and b"Content-Length: 0" not in head


def test_security_headers(base: tuple[str, int]) -> None:
    status, head, body = get(base, "/")
    assert status == 200
    text = head.decode("latin-1")
    assert "Content-Type: text/html; charset=utf-8" in text
    assert "X-Content-Type-Options: nosniff" in text
    assert "X-Frame-Options: DENY" in text
    assert "Content-Security-Policy: default-src 'none'; script-src 'sha256-" in text
    assert "connect-src 'self'" in text
    assert b'data-api="api/"' in body
    _, head, _ = get(base, "/api/summary")
    assert b"Content-Security-Policy: default-src 'none'" in head


def test_bad_parameters_get_400_naming_the_problem(app: DossierApp) -> None:
    for target, words in [
        ("/api/attributions?stance=lies", "stance must be one of"),
        ("/api/attributions?limit=0", "limit must be an integer"),
        ("/api/attributions?limit=abc", "limit must be an integer"),
        ("/api/attributions?bogus=1", "unknown parameter 'bogus'"),
        ("/api/attributions?stance=deny&stance=assert", "given twice"),
        ("/api/search", "'q' is required"),
        ("/api/search?q=x&kind=everything", "kind must be one of"),
        ("/api/search?q=" + "x" * 201, "longer than 200"),
        ("/api/summary?x=1", "accepted: none"),
    ]:
        response = app.handle("GET", target)
        assert response.status == 400, target
        assert words in json.loads(response.body)["error"], target


def test_unknown_ids_get_404(app: DossierApp) -> None:
    for target in ("/api/articles/nope", "/api/entities/nope", "/api/claims/nope"):
        assert app.handle("GET", target).status == 404


# --- the API --------------------------------------------------------------------------------


def test_summary_and_dossier(base: tuple[str, int], dossier: dict[str, Any]) -> None:
    summary = get_json(base, "/api/summary")
    assert summary["summary"] == dossier["summary"]
    assert summary["counts"]["attributions"] == len(dossier["attributions"])
    assert get_json(base, "/api/dossier") == dossier


def test_attribution_filters(base: tuple[str, int], dossier: dict[str, Any]) -> None:
    deny = get_json(base, "/api/attributions?stance=deny&limit=1000")
    assert deny["total"] == sum(t["stance"] == "deny" for t in dossier["attributions"])
    assert {t["stance"] for t in deny["items"]} == {"deny"}
    by = get_json(base, "/api/attributions?speaker=e-ohlsen&has_figure=true")
    assert by["total"] == 12
    assert all(t["speaker"]["entity"] == "e-ohlsen" for t in by["items"])
    outlet = get_json(base, "/api/attributions?outlet=hafenblatt")
    assert outlet["total"] > 0
    dated = get_json(base, "/api/attributions?sort=-date&limit=3")["items"]
    assert len(dated) == 3
    paged = get_json(base, "/api/attributions?limit=5&offset=5")
    assert paged["offset"] == 5 and len(paged["items"]) == 5


def test_article_entity_claim_items(base: tuple[str, int], dossier: dict[str, Any]) -> None:
    article = get_json(base, f"/api/articles/{HOSTILE_ID}")
    assert article["text"].startswith("</script>")
    assert [t["id"] for t in article["attributions"]] == ["t-evil"]
    listing = get_json(base, "/api/articles?limit=2")
    assert listing["total"] == 13 and "text" not in listing["items"][0]
    entity = get_json(base, "/api/entities/e-ohlsen")
    assert len(entity["speaker_of"]) == 12
    claim = get_json(base, "/api/claims/c-mai")
    assert {t["stance"] for t in claim["statements"]} == {"deny"}
    assert get_json(base, "/api/claims?sort=corroboration")["total"] == len(dossier["claims"])
    assert get_json(base, "/api/claims?stance=deny")["total"] == 1


def test_timeline_points_are_dated_and_sorted(base: tuple[str, int]) -> None:
    points = get_json(base, "/api/timeline?unit=Fahrgäste".replace("ä", "%C3%A4"))["points"]
    assert len(points) == 12
    dates = [p["date"] for p in points if p["date"]]
    assert dates == sorted(dates)
    assert {p["value"] for p in points} == {150, 300, 1000, 1200}
    assert {p["speaker"] for p in points} == {"Greta Ohlsen"}


def test_search_entity_text_figure(base: tuple[str, int], dossier: dict[str, Any]) -> None:
    found = get_json(base, "/api/search?q=ohlsen&kind=entity")
    assert [e["id"] for e in found["entities"]] == ["e-ohlsen"]
    assert len(found["entities"][0]["statements"]) == 12
    texts = get_json(base, "/api/search?q=f%C3%A4hre&kind=text")["texts"]
    by_id = {a["id"]: a for a in dossier["articles"]}
    assert texts
    for hit in texts:
        text = by_id[hit["article"]]["text"]
        for m in hit["matches"]:
            assert fold(text[m["start"] : m["end"]]) == fold("Fähre")
    figures = get_json(base, "/api/search?q=1.200&kind=figure")["figures"]
    assert figures and {f["value"] for f in figures} == {1200}
    ranged = get_json(base, "/api/search?q=200-1000%20fahrg%C3%A4ste&kind=figure")["figures"]
    assert {f["value"] for f in ranged} == {300, 1000}
    assert get_json(base, "/api/search?q=%3E5000&kind=figure")["figures"] == []


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        ("10.000", 10000, 10000),
        ("10,000", 10000, 10000),
        ("10 000 Soldaten", 10000, 10000),
        ("1,5", 1.5, 1.5),
        ("12.5", 12.5, 12.5),
        ("1.500,5", 1500.5, 1500.5),
        ("1500-3000", 1500, 3000),
        ("3.000 bis 1.500", 1500, 3000),
        (">=5000", 5000, float("inf")),
        ("<2", float("-inf"), 2),
    ],
)
def test_figure_queries(query: str, low: float, high: float) -> None:
    parsed = parse_figure_query(query)
    assert parsed is not None and (parsed.low, parsed.high) == (low, high)


@pytest.mark.parametrize("query", ["Rutte", "", "Soldaten 3000"])
def test_not_figure_queries(query: str) -> None:
    assert parse_figure_query(query) is None


def test_search_finds_text_after_characters_outside_the_bmp(dossier: dict[str, Any]) -> None:
    index = SearchIndex(dossier)
    hits = index.search("greta", "text")["texts"]
    by_id = {a["id"]: a for a in dossier["articles"]}
    shipped = [h for h in hits if "🚢" in by_id[h["article"]]["text"]]
    assert shipped
    for hit in shipped:
        m = hit["matches"][0]
        assert by_id[hit["article"]]["text"][m["start"] : m["end"]] == "Greta"


def test_json_escapes_hostile_text(app: DossierApp) -> None:
    response = app.handle("GET", f"/api/articles/{HOSTILE_ID}")
    assert response.content_type == "application/json; charset=utf-8"
    assert json.loads(response.body)["title"] == '<script>window.__xss="title"</script>'


# --- OpenAPI --------------------------------------------------------------------------------


def test_openapi_lists_every_route_and_every_route_answers(
    base: tuple[str, int], dossier: dict[str, Any]
) -> None:
    doc = get_json(base, "/openapi.json")
    assert doc["openapi"].startswith("3.1")
    assert doc == json.loads(json.dumps(openapi_document()))
    assert set(doc["paths"]) == {r.template for r in ROUTES}
    ids = {
        "articles": dossier["articles"][0]["id"],
        "entities": "e-ohlsen",
        "attributions": dossier["attributions"][0]["id"],
        "claims": "c-mai",
    }
    for path, item in doc["paths"].items():
        assert set(item) == {"get"}
        operation = item["get"]
        assert operation["summary"] and "200" in operation["responses"]
        target = path
        if "{id}" in path:
            target = path.replace("{id}", ids[path.split("/")[2]])
        if any(p.get("required") and p["in"] == "query" for p in operation.get("parameters", [])):
            target += "?q=Ohlsen"
        status, _, _ = get(base, target)
        assert status == 200, target
    schema = get_json(base, "/api/schema")
    assert "$defs" in schema and "article" in schema["$defs"]


# --- the store and the CLI ------------------------------------------------------------------


def test_store_source_reloads_when_the_store_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "store.sqlite"
    db.write_bytes(b"x")
    built: list[int] = []

    def fake_load(path: Path) -> dict[str, Any]:
        built.append(1)
        return synthetic_dossier(len(built), findings=False)

    monkeypatch.setattr(server_module, "load_dossier", fake_load)
    source = server_module.StoreSource(db)
    first = source.app()
    assert source.app() is first  # checked at most once a second
    source._checked -= 10
    assert source.app() is first  # unchanged file: same app
    db.write_bytes(b"xy")
    source._checked -= 10
    second = source.app()
    assert second is not first and len(second.dossier["articles"]) == 2


def test_serve_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "storytrace.cli", "serve", "--db", str(tmp_path / "no.sqlite")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 4
    assert "no such store; run 'storytrace analyze" in run.stderr


def test_cli_serve_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    """The real command over a real store: analyze two example files, serve, ask, stop."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    examples = sorted((REPO / "examples" / "articles").rglob("*.txt"))[:2]
    assert examples, "examples/articles has text files"
    for path in examples:
        (inbox / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cli = [sys.executable, "-m", "storytrace.cli"]
    analyzed = subprocess.run(
        [*cli, "analyze", str(inbox), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert analyzed.returncode == 0, analyzed.stderr
    proc = subprocess.Popen(
        [*cli, "serve", "--db", str(out / "storytrace.sqlite"), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line.startswith("serving ") and "http://127.0.0.1:" in line, line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/api/summary")
        reply = conn.getresponse()
        assert reply.status == 200
        assert json.loads(reply.read())["summary"]["articles"] == len(examples)
        conn.close()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert code == 0
