"""SQLite backend of the store: numbered migrations, content-hash ids, idempotent writes."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal

from storytrace import __version__
from storytrace.errors import StoreError
from storytrace.model import (
    AgencyCredit,
    AnnotatedArticle,
    Attribution,
    CleanArticle,
    EntityMention,
    Origin,
    PartialDate,
    Removed,
    Sentence,
    Span,
)
from storytrace.store.migrations import MIGRATIONS

PIPELINE_VERSION = __version__

#: Bytes per row of ``link_state_chunks``.
_CHUNK = 8 << 20


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fingerprint(a: AnnotatedArticle) -> str:
    """Hash of everything the pipeline derived, so an unchanged re-run writes nothing."""
    art = a.article
    payload = json.dumps(
        [
            art.text,
            art.title,
            art.outlet,
            art.outlet_evidence,
            [art.published.value, art.published.precision, art.published.source]
            if art.published
            else None,
            art.language,
            [[c.agency, c.evidence] for c in art.agencies],
            [[r.text, r.reason, r.line, r.pattern] for r in art.removed],
            [[h.start, h.end] for h in art.headings],
            [[s.span.start, s.span.end, [[t.start, t.end] for t in s.tokens]] for s in a.sentences],
            art.url,
            art.encoding,
            art.encoding_note,
            list(art.warnings),
            [_mention_row(m) for m in a.mentions],
            [_attribution_row(t) for t in a.attributions],
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def _pairs(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[s.start, s.end] for s in spans]


def _spans(pairs: list[list[int]]) -> tuple[Span, ...]:
    return tuple(Span(a, b) for a, b in pairs)


def _mention_row(m: EntityMention) -> list[Any]:
    role = [m.role.start, m.role.end] if m.role else [None, None]
    return [m.span.start, m.span.end, m.type, m.kind, *role, m.key]


def _attribution_row(t: Attribution) -> list[Any]:
    spans = {
        "cue": _pairs(t.cue),
        "source": _pairs(t.source),
        "content": _pairs(t.content),
        "addressee": _pairs(t.addressee),
        "via_spans": _pairs(t.via_spans),
        "via": list(t.via),
        "said_on": [t.said_on.start, t.said_on.end] if t.said_on else None,
    }
    return [
        t.sentence,
        t.form,
        t.mode,
        t.stance,
        t.medium,
        t.speaker,
        t.rule,
        int(t.nested),
        json.dumps(spans, separators=(",", ":")),
    ]


def _attribution_from(row: sqlite3.Row) -> Attribution:
    spans = json.loads(row["spans"])
    said_on = spans["said_on"]
    return Attribution(
        sentence=row["sentence"],
        cue=_spans(spans["cue"]),
        source=_spans(spans["source"]),
        content=_spans(spans["content"]),
        form=row["form"],
        mode=row["mode"],
        stance=row["stance"],
        medium=row["medium"],
        addressee=_spans(spans["addressee"]),
        speaker=row["speaker"],
        via=tuple(spans["via"]),
        via_spans=_spans(spans["via_spans"]),
        said_on=Span(*said_on) if said_on else None,
        nested=bool(row["nested"]),
        rule=row["rule"],
    )


class SQLiteStore:
    """One SQLite file. Use as a context manager or call ``close()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(
                f"{path}: not a storytrace store ({exc}); choose another file with --db"
            ) from exc

    # -- schema -----------------------------------------------------------------------

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: store schema version {version} is newer than this storytrace "
                f"knows ({len(MIGRATIONS)}); upgrade storytrace or use another --db"
            )
        if (
            version == 0
            and self._db.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()[0]
        ):
            raise StoreError(
                f"{self.path}: this SQLite file holds other tables; storytrace will not write "
                "into it. Choose another file with --db"
            )
        for number in range(version, len(MIGRATIONS)):
            with self._db:
                self._db.executescript(MIGRATIONS[number])
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    # -- writing ----------------------------------------------------------------------

    def put_article(self, annotated: AnnotatedArticle) -> Literal["new", "unchanged", "updated"]:
        art = annotated.article
        fingerprint = _fingerprint(annotated)
        row = self._db.execute(
            "SELECT fingerprint FROM articles WHERE id = ?", (art.id,)
        ).fetchone()
        if row is not None and row["fingerprint"] == fingerprint:
            return "unchanged"
        now = _now()
        pub = art.published
        values: dict[str, Any] = {
            "id": art.id,
            "fingerprint": fingerprint,
            "pipeline_version": PIPELINE_VERSION,
            "reader": art.origin.reader,
            "source": art.origin.source,
            "locator": art.origin.locator,
            "url": art.url,
            "title": art.title,
            "outlet": art.outlet,
            "outlet_evidence": art.outlet_evidence,
            "published": pub.value if pub else None,
            "published_precision": pub.precision if pub else None,
            "published_source": pub.source if pub else None,
            "language": art.language,
            "encoding": art.encoding,
            "encoding_note": art.encoding_note,
            "text": art.text,
            "warnings": json.dumps(list(art.warnings), ensure_ascii=False),
            "now": now,
        }
        with self._db:
            if row is None:
                self._db.execute(
                    """INSERT INTO articles (id, fingerprint, pipeline_version, reader, source,
                       locator, url, title, outlet, outlet_evidence, published,
                       published_precision, published_source, language, encoding, encoding_note,
                       text, warnings, ingested_at, updated_at)
                       VALUES (:id, :fingerprint, :pipeline_version, :reader, :source, :locator,
                       :url, :title, :outlet, :outlet_evidence, :published, :published_precision,
                       :published_source, :language, :encoding, :encoding_note, :text, :warnings,
                       :now, :now)""",
                    values,
                )
            else:
                # The raw payload is the same (same id) but the pipeline now derives something
                # else from it: replace the derived data, keep the first-seen origin and time.
                self._db.execute(
                    """UPDATE articles SET fingerprint=:fingerprint,
                       pipeline_version=:pipeline_version, url=:url, title=:title,
                       outlet=:outlet, outlet_evidence=:outlet_evidence, published=:published,
                       published_precision=:published_precision,
                       published_source=:published_source, language=:language,
                       encoding=:encoding, encoding_note=:encoding_note, text=:text,
                       warnings=:warnings, updated_at=:now WHERE id=:id""",
                    values,
                )
                for table in (
                    "removed",
                    "agencies",
                    "headings",
                    "sentences",
                    "mentions",
                    "attributions",
                ):
                    self._db.execute(f"DELETE FROM {table} WHERE article_id = ?", (art.id,))
            self._db.executemany(
                "INSERT INTO removed VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (art.id, i, r.text, r.reason, r.line, r.pattern)
                    for i, r in enumerate(art.removed)
                ],
            )
            self._db.executemany(
                "INSERT INTO agencies VALUES (?, ?, ?, ?)",
                [(art.id, i, c.agency, c.evidence) for i, c in enumerate(art.agencies)],
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO headings VALUES (?, ?, ?)",
                [(art.id, h.start, h.end) for h in art.headings],
            )
            self._db.executemany(
                "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        art.id,
                        i,
                        s.span.start,
                        s.span.end,
                        json.dumps([[t.start, t.end] for t in s.tokens], separators=(",", ":")),
                    )
                    for i, s in enumerate(annotated.sentences)
                ],
            )
            self._db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(art.id, i, *_mention_row(m)) for i, m in enumerate(annotated.mentions)],
            )
            self._db.executemany(
                "INSERT INTO attributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(art.id, i, *_attribution_row(t)) for i, t in enumerate(annotated.attributions)],
            )
        return "new" if row is None else "updated"

    def add_source(self, article_id: str, origin: Origin) -> bool:
        """Record that ``article_id`` was seen at ``origin``; False if already known."""
        with self._db:
            cur = self._db.execute(
                "INSERT OR IGNORE INTO article_sources VALUES (?, ?, ?, ?, ?)",
                (article_id, origin.source, origin.locator or "", origin.reader, _now()),
            )
        return cur.rowcount > 0

    # -- reading ----------------------------------------------------------------------

    def article_ids(self) -> list[str]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM articles ORDER BY coalesce(published, ''), id"
            )
        ]

    def _in_clause(self, ids: list[str] | None) -> tuple[str, list[str]]:
        if ids is None:
            return "", []
        return f" WHERE article_id IN ({','.join('?' * len(ids))})", list(ids)

    def get_articles(self, ids: list[str] | None = None) -> list[AnnotatedArticle]:
        """Articles in publication order (undated last), or the given ids in that order."""
        if ids is not None and not ids:
            return []
        wanted = self.article_ids() if ids is None else ids
        out: list[AnnotatedArticle] = []
        # Chunked so that a store with 100k articles never builds one giant IN list.
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start : chunk_start + 500]
            out.extend(self._load_chunk(chunk))
        return out

    def _children(self, table: str, ids: list[str], order: str) -> dict[str, list[sqlite3.Row]]:
        where, params = self._in_clause(ids)
        grouped: dict[str, list[sqlite3.Row]] = {}
        for row in self._db.execute(f"SELECT * FROM {table}{where} ORDER BY {order}", params):
            grouped.setdefault(row["article_id"], []).append(row)
        return grouped

    def _load_chunk(self, ids: list[str]) -> list[AnnotatedArticle]:
        placeholders = ",".join("?" * len(ids))
        rows = {
            r["id"]: r
            for r in self._db.execute(f"SELECT * FROM articles WHERE id IN ({placeholders})", ids)
        }
        removed = self._children("removed", ids, "article_id, seq")
        agencies = self._children("agencies", ids, "article_id, seq")
        headings = self._children("headings", ids, "article_id, start")
        sentences = self._children("sentences", ids, "article_id, seq")
        mentions = self._children("mentions", ids, "article_id, seq")
        attributions = self._children("attributions", ids, "article_id, seq")
        out = []
        for article_id in ids:
            r = rows.get(article_id)
            if r is None:
                continue
            published = (
                PartialDate(r["published"], r["published_precision"], r["published_source"])
                if r["published"]
                else None
            )
            article = CleanArticle(
                id=r["id"],
                origin=Origin(r["source"], r["reader"], r["locator"]),
                text=r["text"],
                title=r["title"],
                outlet=r["outlet"],
                published=published,
                language=r["language"],
                agencies=tuple(
                    AgencyCredit(a["agency"], a["evidence"]) for a in agencies.get(article_id, [])
                ),
                removed=tuple(
                    Removed(x["text"], x["reason"], x["line"], x["pattern"])
                    for x in removed.get(article_id, [])
                ),
                headings=tuple(Span(h["start"], h["end"]) for h in headings.get(article_id, [])),
                url=r["url"],
                encoding=r["encoding"],
                encoding_note=r["encoding_note"],
                outlet_evidence=r["outlet_evidence"],
                warnings=tuple(json.loads(r["warnings"])),
            )
            sents = tuple(
                Sentence(
                    Span(s["start"], s["end"]),
                    tuple(Span(a, b) for a, b in json.loads(s["tokens"])),
                )
                for s in sentences.get(article_id, [])
            )
            ments = tuple(
                EntityMention(
                    Span(m["start"], m["end"]),
                    m["type"],
                    m["kind"],
                    Span(m["role_start"], m["role_end"]) if m["role_start"] is not None else None,
                    m["key"],
                )
                for m in mentions.get(article_id, [])
            )
            atts = tuple(_attribution_from(t) for t in attributions.get(article_id, []))
            out.append(
                AnnotatedArticle(
                    article=article, sentences=sents, mentions=ments, attributions=atts
                )
            )
        return out

    def sources(self, ids: list[str] | None = None) -> dict[str, list[str]]:
        """Article id -> every place it was seen, as ``source`` or ``source (locator)``."""
        out: dict[str, list[str]] = {}
        chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
        for chunk in chunks:
            where, params = self._in_clause(chunk)
            for r in self._db.execute(
                f"SELECT * FROM article_sources{where} ORDER BY article_id, rowid",
                params,
            ):
                origin = Origin(r["source"], r["reader"], r["locator"] or None)
                out.setdefault(r["article_id"], []).append(origin.label())
        return out

    def fingerprints(self) -> dict[str, str]:
        """Article id -> fingerprint of what the pipeline derived (changes when it changes)."""
        return {r[0]: r[1] for r in self._db.execute("SELECT id, fingerprint FROM articles")}

    # -- link state -------------------------------------------------------------------

    def link_state_reader(self, name: str = "link") -> IO[bytes] | None:
        """The link stage's saved indexes (``storytrace.link.state``) as a binary stream
        read chunk by chunk, or None when there are none."""
        row = self._db.execute("SELECT bytes FROM link_state WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        cursor = self._db.execute(
            "SELECT data FROM link_state_chunks WHERE name = ? ORDER BY seq", (name,)
        )
        return io.BufferedReader(_ChunkReader(cursor), buffer_size=_CHUNK)

    def write_link_state(
        self, write: Callable[[IO[bytes]], None], articles: int, name: str = "link"
    ) -> int:
        """Replace the saved link state by what ``write`` writes to the stream it is given,
        in one transaction (a failed write keeps the old state). Returns the bytes written."""
        with self._db:
            self._db.execute("DELETE FROM link_state WHERE name = ?", (name,))
            self._db.execute("INSERT INTO link_state VALUES (?, ?, 0, ?)", (name, articles, _now()))
            sink = _ChunkWriter(self._db, name)
            stream = io.BufferedWriter(sink, buffer_size=_CHUNK)
            write(stream)
            stream.flush()
            sink.finish()
            self._db.execute("UPDATE link_state SET bytes = ? WHERE name = ?", (sink.written, name))
        return sink.written

    def get_link_state(self, name: str = "link") -> bytes | None:
        """The saved link state as one ``bytes`` (small states and tests; big ones are read
        with ``link_state_reader``)."""
        fh = self.link_state_reader(name)
        return None if fh is None else fh.read()

    def put_link_state(self, data: bytes, articles: int, name: str = "link") -> None:
        def copy(fh: IO[bytes]) -> None:
            fh.write(data)

        self.write_link_state(copy, articles, name)

    def counts(self) -> dict[str, int]:
        return {
            table: int(self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "article_sources", "removed", "sentences")
        }

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _ChunkWriter(io.RawIOBase):
    """A write-only stream that stores what it is given as numbered chunks of one state."""

    def __init__(self, db: sqlite3.Connection, name: str) -> None:
        self._db, self._name = db, name
        self._buf = bytearray()
        self._seq = 0
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        size = len(view)
        self.written += size
        if self._buf:  # fill the started chunk first
            take = min(size, _CHUNK - len(self._buf))
            self._buf += view[:take]
            view = view[take:]
            if len(self._buf) == _CHUNK:
                self._put(bytes(self._buf))
                self._buf.clear()
        while len(view) >= _CHUNK:  # a big write goes out in slices, not through the buffer
            self._put(bytes(view[:_CHUNK]))
            view = view[_CHUNK:]
        self._buf += view
        return size

    def finish(self) -> None:
        # not ``flush``: io calls that on close and at collection, after a rollback too
        if self._buf:
            self._put(bytes(self._buf))
            self._buf.clear()

    def _put(self, chunk: bytes) -> None:
        self._db.execute(
            "INSERT INTO link_state_chunks VALUES (?, ?, ?)", (self._name, self._seq, chunk)
        )
        self._seq += 1


class _ChunkReader(io.RawIOBase):
    """A read-only stream over the chunks of one state, fetched one at a time."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor
        self._chunk = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._chunk:
            row = self._cursor.fetchone()
            if row is None:
                return 0
            self._chunk = memoryview(bytes(row[0]))
        out = memoryview(buffer).cast("B")
        n = min(len(out), len(self._chunk))
        out[:n] = self._chunk[:n]
        self._chunk = self._chunk[n:]
        return n
