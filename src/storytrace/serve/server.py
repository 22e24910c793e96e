"""The HTTP layer of ``storytrace serve``: stdlib ``http.server``, one thread per connection.

It reads the store (and only the store) into a :class:`~storytrace.serve.app.DossierApp`,
rebuilds it when the store file changes, and answers every request through the app. On a
loopback address it also refuses requests whose ``Host`` header names another host, so a web
page elsewhere cannot read the dossier through DNS rebinding.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from storytrace.errors import StorytraceError
from storytrace.serve.app import BASE_HEADERS, DossierApp, Response, error

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "DossierServer",
    "FixedSource",
    "StoreSource",
    "load_dossier",
    "make_server",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: How often (seconds) the store file is checked for changes, at most.
RELOAD_CHECK_SECONDS = 1.0
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

log = logging.getLogger("storytrace.serve")


def load_dossier(db: Path) -> dict[str, Any]:
    """The dossier of everything in the store at ``db`` (as ``storytrace report`` builds it)."""
    from storytrace.report import build_dossier, store_dossier
    from storytrace.store import open_store

    if not db.is_file():
        raise StorytraceError(
            f"{db}: no such store; run 'storytrace analyze PATH --out DIR' first "
            "(the store is DIR/storytrace.sqlite) or name it with --db"
        )
    with open_store(db) as store:
        # read-only: writing the link state back would change the file the server watches
        dossier, _ = store_dossier(store, save=False)
    return dossier if dossier is not None else build_dossier([])


class AppSource(Protocol):
    def app(self) -> DossierApp: ...


class FixedSource:
    """One dossier for the server's lifetime (tests, or a dossier that is not in a store)."""

    def __init__(self, app: DossierApp) -> None:
        self._app = app

    def app(self) -> DossierApp:
        return self._app


class StoreSource:
    """The app over a store, rebuilt when the store file (or its WAL) changes."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._app = DossierApp(load_dossier(db))
        self._stamp = self._file_stamp()
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def _file_stamp(self) -> tuple[tuple[int, int], ...]:
        stamps = []
        for path in (self.db, self.db.with_name(self.db.name + "-wal")):
            try:
                st = path.stat()
            except OSError:
                stamps.append((0, 0))
            else:
                stamps.append((st.st_mtime_ns, st.st_size))
        return tuple(stamps)

    def app(self) -> DossierApp:
        now = time.monotonic()
        if now - self._checked < RELOAD_CHECK_SECONDS or not self._lock.acquire(blocking=False):
            return self._app
        try:
            self._checked = now
            stamp = self._file_stamp()
            if stamp != self._stamp:
                try:
                    self._app = DossierApp(load_dossier(self.db))
                    self._stamp = stamp
                    log.info("store changed: reloaded %s", self.db)
                except Exception as exc:  # keep serving the last good dossier
                    log.warning("store changed but could not be read (%s); keeping the last", exc)
        finally:
            self._lock.release()
        return self._app


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """``127.0.0.1:8765`` → ``127.0.0.1``; ``[::1]:8765`` → ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class DossierServer(ThreadingHTTPServer):
    """A threading HTTP server answering from an :class:`AppSource`."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], source: AppSource) -> None:
        self.source = source
        self.loopback_only = _is_loopback(address[0])
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        address = self.server_address
        host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
        port = address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"


class _Handler(BaseHTTPRequestHandler):
    server: DossierServer
    protocol_version = "HTTP/1.1"
    server_version = "storytrace"
    sys_version = ""
    #: Seconds an idle keep-alive connection is kept open.
    timeout = 30

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _refuse_method(self) -> None:
        self._answer(send_body=True)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method

    def _answer(self, *, send_body: bool) -> None:
        host = self.headers.get("Host")
        if self.server.loopback_only and host is not None and not _is_loopback(_host_name(host)):
            response = error(403, "this server answers only requests addressed to the loopback")
        else:
            try:
                response = self.server.source.app().handle(self.command, self.path)
            except Exception:
                log.exception("internal error answering %s %s", self.command, self.path)
                response = error(500, "internal error; the server log has the details")
        self._send(response, send_body=send_body)

    def _send(self, response: Response, *, send_body: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in (*BASE_HEADERS, *response.headers):
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)


def make_server(
    db: Path | None = None,
    *,
    app: DossierApp | None = None,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
) -> DossierServer:
    """A server over the store ``db`` (or a prepared ``app``), bound but not yet serving.

    Call ``serve_forever()`` on it (and ``server_close()`` after). ``port=0`` picks a free
    port; ``server.url`` tells which. Raises ``StorytraceError`` if the store cannot be read
    or the address cannot be bound.
    """
    source: AppSource
    if db is not None and app is None:
        source = StoreSource(db)
    elif app is not None and db is None:
        source = FixedSource(app)
    else:
        raise StorytraceError("make_server needs either a store (db) or an app, not both")
    try:
        return DossierServer((host, port), source)
    except OSError as exc:
        raise StorytraceError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port "
            "or --host"
        ) from exc
