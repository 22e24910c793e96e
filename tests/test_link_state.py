"""Incremental linking: the claim index and the link state the store keeps between runs.

Articles are invented (a ferry story). Claims use the lexical fallback here (no encoder),
so that the cases pin the bookkeeping rather than the encoder; the CLI case runs as
`storytrace analyze` does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.cli import main
from storytrace.errors import ConfigError
from storytrace.link import LinkState, link_all
from storytrace.link.claims import ClaimIndex, link_claims
from storytrace.link.entities import link_entities
from storytrace.link.state import restore
from storytrace.model import AnnotatedArticle, Origin, RawDocument
from storytrace.settings import DEFAULT_SETTINGS
from storytrace.store import open_store

BODY = (
    "Die Fähre zwischen Kiel und der Insel Fehmarn fällt seit Montag aus. Die Reederei "
    "prüft den Schaden an der Rampe, die Gemeinde sucht einen Ersatz für die Pendler."
)
QUOTE = "„Wir reparieren die Rampe bis Freitag“, sagte Reedereichef Hannes Brodersen."
FIGURE = "Die Reederei teilte mit, dass 300 Pendler betroffen seien."
LATER_FIGURE = "Die Reederei teilte mit, dass 800 Pendler betroffen seien."
DENIAL = "Die Reederei wies Berichte über einen Schaden an der Rampe zurück."
CONFIRMATION = "Das Hafenamt bestätigte, dass die Rampe der Reederei einen Schaden habe."


def article(name: str, text: str, published: str) -> AnnotatedArticle:
    raw = RawDocument(Origin(name, "jsonl"), text=text, published=published)
    return annotate(clean(raw, DEFAULT_SETTINGS), DEFAULT_SETTINGS)


@pytest.fixture(scope="module")
def ferry() -> list[AnnotatedArticle]:
    return [
        article("a.jsonl", f"{BODY} {QUOTE} {FIGURE} {DENIAL}", "2025-05-05"),
        article("b.jsonl", f"{QUOTE} {BODY} {FIGURE}", "2025-05-06"),
        article("c.jsonl", f"{BODY} {LATER_FIGURE} {CONFIRMATION}", "2025-05-08"),
        article("d.jsonl", f"{BODY} {QUOTE} {LATER_FIGURE}", "2025-05-09"),
    ]


def _context(articles: list[AnnotatedArticle]) -> dict[str, Any]:
    entities, entity_of = link_entities(articles)
    return {
        "entity_of": entity_of,
        "entity_names": {e.id: e.name for e in entities},
        "entity_keys": {e.id: e.key for e in entities},
        "story_of": {a.article.id: "s1" for a in articles},
    }


def _shape(claims: list[Any], relations: list[Any]) -> tuple[Any, Any]:
    return (
        sorted((c.id, c.attributions, c.origins, c.first_seen, c.figures) for c in claims),
        sorted((r.kind, r.a, r.b, r.explanation) for r in relations),
    )


def test_claims_added_in_batches_equal_claims_at_once(ferry: list[AnnotatedArticle]) -> None:
    at_once = _shape(*link_claims(ferry, **_context(ferry)))
    index = ClaimIndex()
    for k in range(1, len(ferry) + 1):
        index.add(ferry[:k])
        index = ClaimIndex.from_bytes(index.to_bytes())  # as the store carries it
        claims, relations = index.link(**_context(ferry[:k]))
    assert _shape(claims, relations) == at_once
    kinds = {r[0] for r in at_once[1]}
    assert {"updates", "contradicts"} <= kinds  # the case is not trivial


def test_a_second_link_compares_only_pairs_with_new_statements(
    ferry: list[AnnotatedArticle],
) -> None:
    full = ClaimIndex()
    full.add(ferry)
    full.link(**_context(ferry))
    index = ClaimIndex()
    index.add(ferry[:3])
    index.link(**_context(ferry[:3]))
    first = index.compared
    index.add(ferry)  # the first three are known and skipped
    index.link(**_context(ferry))
    assert 0 < index.compared < full.compared
    assert first + index.compared == full.compared
    index.link(**_context(ferry))
    assert index.compared == 0  # nothing new, nothing compared


def test_an_entity_change_recompares_the_statements_it_touches(
    ferry: list[AnnotatedArticle],
) -> None:
    index = ClaimIndex()
    index.add(ferry)
    ctx = _context(ferry)
    index.link(**ctx)
    index.link(**ctx)
    assert index.changed == index.compared == 0
    ctx["entity_of"] = {key: f"x{eid}" for key, eid in ctx["entity_of"].items()}
    ctx["entity_names"] = {f"x{e}": n for e, n in ctx["entity_names"].items()}
    index.link(**ctx)
    assert index.changed > 0


def test_the_index_refuses_to_mix_encoder_and_word_overlap() -> None:
    blob = ClaimIndex().to_bytes()
    with pytest.raises(ConfigError, match="sentence encoder"):
        ClaimIndex.from_bytes(blob, embedder=lambda texts: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(ConfigError, match="not a claim index"):
        ClaimIndex.from_bytes(b"no index")


def test_link_state_round_trip_and_staleness(ferry: list[AnnotatedArticle]) -> None:
    state = LinkState.new()
    fingerprints = {a.article.id: f"fp-{a.article.id}" for a in ferry}
    linked = link_all(ferry[:2], embed=False, state=state, fingerprints=fingerprints)
    assert linked.added == 2 and len(state) == 2
    restored, reason = restore(state.to_bytes(), fingerprints)
    assert reason is None and len(restored) == 2
    again = link_all(ferry, embed=False, state=restored, fingerprints=fingerprints)
    assert again.added == 2 and len(restored) == 4
    changed = dict(fingerprints, **{ferry[0].article.id: "other"})
    fresh, reason = restore(restored.to_bytes(), changed)
    assert len(fresh) == 0 and reason == "1 article(s) changed since the last run"
    gone = {k: v for k, v in fingerprints.items() if k != ferry[1].article.id}
    _, reason = restore(restored.to_bytes(), gone)
    assert reason == "1 article(s) left the store"
    fresh, reason = restore(b"garbage", fingerprints)
    assert len(fresh) == 0 and reason is not None and "not a link state" in reason


def test_link_all_refuses_a_state_holding_other_articles(ferry: list[AnnotatedArticle]) -> None:
    state = LinkState.new()
    link_all(ferry, embed=False, state=state)
    with pytest.raises(ConfigError, match="not being linked"):
        link_all(ferry[:2], embed=False, state=state)


def test_store_keeps_the_link_state(tmp_path: Path, ferry: list[AnnotatedArticle]) -> None:
    with open_store(tmp_path / "s.sqlite") as store:
        assert store.get_link_state() is None
        for a in ferry:
            store.put_article(a)
        fingerprints = store.fingerprints()
        assert set(fingerprints) == {a.article.id for a in ferry}
        store.put_link_state(b"\x00blob", 4)
        store.put_link_state(b"\x00blob2", 4)
        assert store.get_link_state() == b"\x00blob2"


def test_store_streams_the_link_state_in_chunks(
    tmp_path: Path, ferry: list[AnnotatedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    # big states are written and read chunk by chunk, never as one blob; small chunks here
    from storytrace.store import sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "_CHUNK", 512)
    state = LinkState.new()
    fingerprints = {a.article.id: f"fp-{a.article.id}" for a in ferry}
    link_all(ferry[:3], embed=False, state=state, fingerprints=fingerprints)
    with open_store(tmp_path / "s.sqlite") as store:
        written = store.write_link_state(state.write, len(state))
        saved = state.to_bytes()
        assert written == len(saved)
        chunks = store._db.execute("SELECT count(*) FROM link_state_chunks").fetchone()[0]
        assert chunks == -(-written // 512)
        restored, reason = restore(store.link_state_reader(), fingerprints)
        assert reason is None and len(restored) == 3
        assert restored.to_bytes() == saved
        ours = link_all(ferry, embed=False, state=restored, fingerprints=fingerprints)
        theirs = link_all(ferry, embed=False, state=state, fingerprints=fingerprints)
        assert ours.claims == theirs.claims and ours.relations == theirs.relations

        def fails(fh: Any) -> None:
            fh.write(b"x" * 2000)
            raise RuntimeError("disk full")

        with pytest.raises(RuntimeError):
            store.write_link_state(fails, 9)
        assert store.get_link_state() == saved  # the old state stands
        store.write_link_state(lambda fh: None, 0)
        assert store.get_link_state() == b""


def test_a_cut_or_foreign_state_is_refused_with_a_reason(ferry: list[AnnotatedArticle]) -> None:
    state = LinkState.new()
    link_all(ferry[:2], embed=False, state=state)
    data = state.to_bytes()
    _, reason = restore(data[: len(data) // 2], {})
    assert reason is not None and "rebuild" in reason
    _, reason = restore(data.replace(b'"name": "link"', b'"name": "lunk"', 1), {})
    assert reason is not None and "expected json frame 'link'" in reason


def _jsonl(path: Path, rows: list[tuple[str, str, str]]) -> None:
    path.write_text(
        "".join(
            json.dumps({"url": url, "published": date, "text": text}, ensure_ascii=False) + "\n"
            for url, date, text in rows
        ),
        encoding="utf-8",
    )


def test_analyze_twice_links_only_the_new_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    _jsonl(
        first,
        [
            ("https://kieler-bote.example/a", "2025-05-05", f"{BODY} {QUOTE} {FIGURE}"),
            ("https://inselblatt.example/b", "2025-05-06", f"{QUOTE} {BODY} {FIGURE}"),
        ],
    )
    _jsonl(
        second,
        [("https://hafenpost.example/c", "2025-05-08", f"{BODY} {LATER_FIGURE} {QUOTE}")],
    )
    db = tmp_path / "store.sqlite"
    assert main(["analyze", str(first), "--out", str(tmp_path / "o1"), "--db", str(db)]) == 0
    assert "linked 2 article(s)" in capsys.readouterr().err
    assert main(["analyze", str(second), "--out", str(tmp_path / "o2"), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "linked 1 new article(s) to the 2 of the last run" in err
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "o3")]) == 0
    assert "linked 0 new article(s) to the 3 of the last run (0 statement" in (
        capsys.readouterr().err
    )
    fresh_db = tmp_path / "fresh.sqlite"
    out = tmp_path / "o4"
    assert main(["analyze", str(first), str(second), "--out", str(out), "--db", str(fresh_db)]) == 0
    incremental = json.loads((tmp_path / "o2" / "dossier.json").read_text(encoding="utf-8"))
    at_once = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    for section in ("claims", "relations", "reuse", "stories", "figures"):
        assert incremental[section] == at_once[section], section
    quote_claims = [c for c in at_once["claims"] if "Rampe bis Freitag" in c["summary"]]
    assert len(quote_claims) == 1 and len(quote_claims[0]["articles"]) == 3


def test_a_store_with_the_old_single_blob_state_migrates(tmp_path: Path) -> None:
    # migration 4 drops the blob of migration 3 (derived data: the next run links anew)
    import sqlite3

    path = tmp_path / "old.sqlite"
    with open_store(path):
        pass
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE link_state_chunks; DROP TABLE link_state; CREATE TABLE link_state "
        "(name TEXT PRIMARY KEY, data BLOB NOT NULL, articles INTEGER NOT NULL, "
        "updated TEXT NOT NULL); INSERT INTO link_state VALUES ('link', x'00', 1, 'then');"
        "PRAGMA user_version = 3;"
    )
    db.close()
    with open_store(path) as store:
        assert store.schema_version == 4
        assert store.link_state_reader() is None
        store.put_link_state(b"new", 0)
        assert store.get_link_state() == b"new"
