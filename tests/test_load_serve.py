"""A bounded load test of ``storytrace serve`` on loopback: 20 clients, a few seconds.

Each client keeps one HTTP/1.1 connection and cycles through what a reader's browser asks
for (the page, the summary, board filters, an article, the timeline, searches). The test
records every latency, prints the count, p50/p95/max and errors, writes them to
``test-artifacts/load-serve.json`` and requires zero errors. ``STORYTRACE_LOAD_SECONDS``
sets the duration (default 8, at most 15).
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import REPO
from storytrace.serve import DossierApp, make_server
from test_html_report import synthetic_dossier

CLIENTS = 20
SECONDS = min(15.0, float(os.environ.get("STORYTRACE_LOAD_SECONDS", "8")))


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int, dict[str, Any]]]:
    dossier = synthetic_dossier(60)
    srv = make_server(app=DossierApp(dossier), port=0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield str(srv.server_address[0]), int(srv.server_address[1]), dossier
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.mark.slow
def test_twenty_clients_zero_errors(server: tuple[str, int, dict[str, Any]]) -> None:
    host, port, dossier = server
    article = dossier["articles"][len(dossier["articles"]) // 2]["id"]
    targets = [
        "/",
        "/api/summary",
        "/api/attributions?stance=deny&limit=50",
        "/api/attributions?speaker=e-ohlsen&sort=date",
        f"/api/articles/{article}",
        "/api/timeline",
        "/api/search?q=ohlsen",
        "/api/search?q=1.200&kind=figure",
        "/api/claims?sort=corroboration",
        "/openapi.json",
    ]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + SECONDS

    def client(n: int) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=10)
        mine: list[float] = []
        i = n
        try:
            while time.monotonic() < deadline:
                target = targets[i % len(targets)]
                i += 1
                started = time.perf_counter()
                try:
                    conn.request("GET", target)
                    reply = conn.getresponse()
                    body = reply.read()
                    if reply.status != 200 or not body:
                        with lock:
                            errors.append(f"{target}: {reply.status}")
                except (OSError, http.client.HTTPException) as exc:
                    with lock:
                        errors.append(f"{target}: {type(exc).__name__}: {exc}")
                    conn.close()
                    conn = http.client.HTTPConnection(host, port, timeout=10)
                    continue
                mine.append(time.perf_counter() - started)
        finally:
            conn.close()
            with lock:
                latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=SECONDS + 30)
    elapsed = time.monotonic() - started
    assert latencies, "no request completed"
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    result = {
        "clients": CLIENTS,
        "seconds": round(elapsed, 2),
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(p95 * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
        "errors": len(errors),
    }
    print("\nserve load: " + ", ".join(f"{k} {v}" for k, v in result.items()))
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    (REPO / "test-artifacts" / "load-serve.json").write_text(
        json.dumps({**result, "first_errors": errors[:10]}, indent=1), encoding="utf-8"
    )
    assert errors == [], errors[:10]
    assert p95 < 1.0, result
