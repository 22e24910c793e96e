from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from storytrace.annotate import annotate
from storytrace.errors import StoreError
from storytrace.model import (
    AgencyCredit,
    CleanArticle,
    Origin,
    PartialDate,
    RawDocument,
    Removed,
    Span,
)
from storytrace.store import open_store
from storytrace.store.migrations import MIGRATIONS

TEXT = "Flut im Tal\n\nDer Pegel stieg am 3. März auf 4,20 Meter. Die Stadt warnte."


def make_article(text: str = TEXT, **changes: object):  # type: ignore[no-untyped-def]
    raw = RawDocument(origin=Origin("tal.txt", "text"), text="RAW " + text)
    article = CleanArticle(
        id=raw.content_id(),
        origin=raw.origin,
        text=text,
        title="Flut",
        outlet="Taler Bote",
        published=PartialDate("2024-03", "month", "crawler_header"),
        language="de",
        agencies=(AgencyCredit("dpa", "(dpa)"),),
        removed=(Removed("Zum Inhalt springen", "navigation", 1, "skip_link"),),
        headings=(Span(0, 11),),
        encoding="utf-8",
    )
    article = replace(article, **changes)  # type: ignore[arg-type]
    from storytrace.settings import DEFAULT_SETTINGS

    return annotate(article, DEFAULT_SETTINGS)


def test_round_trip(tmp_path: Path) -> None:
    a = make_article()
    with open_store(tmp_path / "s.sqlite") as store:
        assert store.put_article(a) == "new"
        assert store.add_source(a.article.id, a.article.origin)
        [back] = store.get_articles()
    assert back == a  # every field, spans and tokens included


def test_same_article_twice_changes_nothing(tmp_path: Path) -> None:
    a = make_article()
    db = tmp_path / "s.sqlite"
    with open_store(db) as store:
        store.put_article(a)
        store.add_source(a.article.id, a.article.origin)
    dump1 = "\n".join(sqlite3.connect(db).iterdump())
    with open_store(db) as store:
        assert store.put_article(a) == "unchanged"
        assert not store.add_source(a.article.id, a.article.origin)
    dump2 = "\n".join(sqlite3.connect(db).iterdump())
    assert dump1 == dump2


def test_changed_derivation_updates_in_place(tmp_path: Path) -> None:
    a = make_article()
    b = make_article(title="Hochwasser im Tal")
    assert a.article.id == b.article.id
    with open_store(tmp_path / "s.sqlite") as store:
        store.put_article(a)
        assert store.put_article(b) == "updated"
        assert store.counts()["articles"] == 1
        [back] = store.get_articles()
        assert back.article.title == "Hochwasser im Tal"
        assert len(back.article.removed) == 1  # children replaced, not duplicated


def test_second_source_is_recorded(tmp_path: Path) -> None:
    a = make_article()
    with open_store(tmp_path / "s.sqlite") as store:
        store.put_article(a)
        store.add_source(a.article.id, Origin("tal.txt", "text"))
        store.add_source(a.article.id, Origin("feed.jsonl", "jsonl", "line 3"))
        assert store.sources() == {a.article.id: ["tal.txt", "feed.jsonl (line 3)"]}


def test_order_by_publication(tmp_path: Path) -> None:
    early = make_article("Früh.\n\nText eins ist hier.", published=PartialDate("2024-03-01", "day"))
    late = make_article("Spät.\n\nText zwei ist hier.", published=PartialDate("2024-03-09", "day"))
    with open_store(tmp_path / "s.sqlite") as store:
        store.put_article(late)
        store.put_article(early)
        assert [x.article.text for x in store.get_articles()] == [
            early.article.text,
            late.article.text,
        ]


def test_schema_version_and_refusals(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with open_store(db) as store:
        assert store.schema_version == len(MIGRATIONS)
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db)

    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="other tables"):
        open_store(foreign)

    notdb = tmp_path / "notes.sqlite"
    notdb.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match="not a storytrace store"):
        open_store(notdb)

    with pytest.raises(StoreError, match="not available"):
        open_store("postgresql://localhost/x")


def test_many_articles_chunked_reads(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.sqlite") as store:
        ids = []
        for i in range(1203):
            a = make_article(f"Titel {i}\n\nSatz Nummer {i} steht hier.")
            store.put_article(a)
            store.add_source(a.article.id, a.article.origin)
            ids.append(a.article.id)
        assert len(store.get_articles()) == 1203
        assert len(store.get_articles(ids[:700])) == 700
        assert len(store.sources(ids)) == 1203
