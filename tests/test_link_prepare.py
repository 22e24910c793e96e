"""The per-article part of linking in worker processes and batches (``link.prepare``):
the same links as in one process and one batch. Articles are invented."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pytest

from storytrace.annotate import annotate
from storytrace.clean import clean
from storytrace.link import LinkState, link_all
from storytrace.link.prepare import prepare, prepared_batches
from storytrace.model import AnnotatedArticle, Origin, PartialDate, RawDocument
from storytrace.settings import DEFAULT_SETTINGS

TEXTS = (
    "Die Reederei teilte mit, dass 300 Pendler von dem Ausfall der Fähre betroffen seien. "
    "„Wir reparieren die Rampe bis Freitag“, sagte Reedereichef Hannes Brodersen in Kiel.",
    "Das Hafenamt bestätigte, dass die Rampe der Fähre einen Schaden habe. Die Gemeinde "
    "Fehmarn sucht nach Angaben ihres Bürgermeisters einen Ersatz für die Pendler.",
    "Die Reederei wies Berichte über einen Schaden an der Rampe zurück. Der Verkehrsminister "
    "forderte eine schnelle Lösung für die Inselbewohner.",
)


@pytest.fixture(scope="module")
def collection() -> list[AnnotatedArticle]:
    """120 articles: three invented reports, each reprinted under 40 outlets on 40 days."""
    originals = [
        annotate(
            clean(RawDocument(Origin(f"o{k}.jsonl", "jsonl"), text=t), DEFAULT_SETTINGS),
            DEFAULT_SETTINGS,
        )
        for k, t in enumerate(TEXTS)
    ]
    out = []
    for n in range(40):
        for k, a in enumerate(originals):
            published = PartialDate(f"2024-10-{1 + n % 28:02d}", "day", "metadata")
            art = replace(a.article, id=f"a{k}-{n}", outlet=f"Bote {n}", published=published)
            out.append(replace(a, article=art))
    return out


def _shape(linked: Any) -> Any:
    return (
        sorted((c.id, c.origins, c.articles) for c in linked.claims),
        sorted((r.kind, r.a, r.b) for r in linked.relations),
        sorted((r.a, r.b, r.shared_chars) for r in linked.reuse),
        sorted(s.articles for s in linked.stories),
    )


def test_workers_and_batches_prepare_what_one_process_does(
    collection: list[AnnotatedArticle],
) -> None:
    calls: list[int] = []
    batches = list(
        prepared_batches(collection, jobs=2, batch=50, meanwhile=lambda: calls.append(1))
    )
    assert [len(b) for b in batches] == [50, 50, 20]
    assert calls == [1]  # the caller's own work ran once, while the first batch was made
    calls.clear()
    assert len(list(prepared_batches(collection[:3], meanwhile=lambda: calls.append(1)))) == 1
    assert calls == [1]
    flat = [p for b in batches for p in b]
    assert [p.id for p in flat] == [a.article.id for a in collection]
    for got, a in zip(flat[:6], collection[:6], strict=True):
        want = prepare(a)
        for field in fields(want.terms):
            assert getattr(got.terms, field.name) == getattr(want.terms, field.name)
        assert got.statements.statements == want.statements.statements
        assert (got.shingled.keys == want.shingled.keys).all()


def test_linking_with_workers_gives_the_links_of_one_process(
    collection: list[AnnotatedArticle],
) -> None:
    one = link_all(collection, state=LinkState.new(None), jobs=1)
    seen: list[int] = []
    two = link_all(collection, state=LinkState.new(None), jobs=2, progress=seen.append)
    assert sum(seen) == len(collection)
    assert _shape(one) == _shape(two)
    assert len(one.claims) < sum(len(a.attributions) for a in collection)  # reprints joined
